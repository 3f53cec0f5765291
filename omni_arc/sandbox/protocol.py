"""Byte formats between the parent, the workers and the sandboxed children.

Nothing here ever unpickles or evaluates what a child wrote: the child's result channel is a flat
sequence of small records that :func:`parse_child_records` reads with explicit bounds, and every
grid is checked (1..30 per side, cells 0..9) before it is accepted.

Parent <-> worker frames: ``u32 length`` then ``u32 header length``, a JSON header, and a blob:
for a job, the program's UTF-8 source then raw int8 grid bytes (row-major, shapes in the header);
for a reply, the output grids. A job whose header has ``"expect": k > 0`` is followed by an
*expected frame* (:func:`pack_expected`): ``u32 length`` then, per expected output,
``u8 rows u8 cols`` + cells: the layout of an ``O`` record without its tag, so that an output
is compared with its expected grid byte for byte. The worker reads it only after forking the
child, so no child ever holds an expected output.

Child -> worker records (little endian):
- ``b"O" u8 rows u8 cols`` + rows*cols cell bytes: the output for the next input;
- ``b"F" u8 status u16 n`` + n bytes of UTF-8 detail: the next input failed;
- ``b"S" u8 status u16 n`` + detail: the module failed before any input ran;
- ``b"B" u16 n`` + detail: a forbidden operation was attempted (the child exits right after);
- ``b"Z" u32 n`` + captured stdout/stderr text: the end.

With ``stop_after = k`` (a job with expected outputs) the child stops at its first failure among
the first ``k`` inputs, so its end record may follow fewer items than inputs.
"""
from __future__ import annotations

import json
import struct
from typing import Any

import numpy as np

MAX_SIDE = 30
MAX_DETAIL = 400  # characters kept of any detail message
EXIT_BLOCKED = 97  # exit code of a child stopped by the audit hook

# Status codes carried in F/S records.
STATUS_CODES = {
    1: "exception", 2: "memory", 3: "invalid_output", 4: "syntax_error", 5: "no_task_function",
    6: "timeout",
}
SKIPPED = "skipped"  # an input not run because the verdict was already decided
CODE_OF = {v: k for k, v in STATUS_CODES.items()}


class ChannelError(ValueError):
    """The child's result channel holds something the harness never writes."""


# --- parent <-> worker frames ------------------------------------------------------------------

_ENCODER = json.JSONEncoder(separators=(",", ":"))  # json.dumps would build one per call


def encode_header(header: dict[str, Any]) -> bytes:
    return _ENCODER.encode(header).encode()


def pack_frame(header: dict[str, Any], blob: bytes = b"") -> bytes:
    head = encode_header(header)
    return struct.pack("<II", 4 + len(head) + len(blob), len(head)) + head + blob


def unpack_frame(body: bytes) -> tuple[dict[str, Any], bytes]:
    """``body`` is a frame without its leading u32 length."""
    (n,) = struct.unpack_from("<I", body, 0)
    header = json.loads(body[4:4 + n])
    return header, body[4 + n:]


def pack_grids(grids: list[np.ndarray]) -> tuple[list[list[int]], bytes]:
    shapes, parts = [], []
    for g in grids:
        a = np.asarray(g)
        shapes.append([int(a.shape[0]), int(a.shape[1])])
        parts.append(np.ascontiguousarray(a, dtype=np.int8).tobytes())
    return shapes, b"".join(parts)


def pack_expected(grids: list[np.ndarray]) -> bytes:
    """The expected frame: ``u32 length`` + per grid ``u8 rows u8 cols`` + int8 cells.

    >>> pack_expected([np.array([[1, 2]])])
    b'\\x04\\x00\\x00\\x00\\x01\\x02\\x01\\x02'
    """
    body = b"".join(bytes(np.asarray(g).shape) + np.ascontiguousarray(g, dtype=np.int8).tobytes()
                    for g in grids)
    return struct.pack("<I", len(body)) + body


def unpack_grids(shapes: list[list[int]], blob: bytes) -> list[np.ndarray]:
    out, pos = [], 0
    for r, c in shapes:
        n = r * c
        out.append(np.frombuffer(blob, dtype=np.int8, count=n, offset=pos).reshape(r, c))
        pos += n
    if pos != len(blob):
        raise ValueError("grid bytes do not match the shapes")
    return out


def check_grid_bytes(rows: int, cols: int, data: bytes) -> str | None:
    """Why these bytes are not a valid grid, or None."""
    if not (1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE):
        return f"shape {rows}x{cols} outside 1..{MAX_SIDE}"
    if len(data) != rows * cols:
        return "truncated grid"
    if data and max(data) > 9:
        return "cell value outside 0..9"
    return None


# --- child -> worker records -------------------------------------------------------------------

def _text(s: str, limit: int = MAX_DETAIL) -> bytes:
    if len(s) > limit:
        s = s[: limit - 3] + "..."
    return s.encode("utf-8", "replace")[: 4 * limit]


def rec_output(grid_bytes: bytes, rows: int, cols: int) -> bytes:
    return b"O" + bytes((rows, cols)) + grid_bytes


def rec_fail(status: str, detail: str) -> bytes:
    t = _text(detail)
    return b"F" + struct.pack("<BH", CODE_OF[status], len(t)) + t


def rec_stage(status: str, detail: str) -> bytes:
    t = _text(detail)
    return b"S" + struct.pack("<BH", CODE_OF[status], len(t)) + t


def rec_blocked(detail: str) -> bytes:
    t = _text(detail)
    return b"B" + struct.pack("<H", len(t)) + t


def rec_end(captured: str) -> bytes:
    t = captured.encode("utf-8", "replace")
    return b"Z" + struct.pack("<I", len(t)) + t


def record_end(data: bytes | bytearray | memoryview, pos: int) -> int | None:
    """Where the record starting at ``pos`` ends, or None while it is incomplete; raise
    :class:`ChannelError` on an unknown tag. Reads lengths only, nothing else.

    >>> record_end(b"O" + bytes((1, 2, 0, 0)), 0), record_end(b"O\\x01\\x02\\x00", 0)
    (5, None)
    """
    n = len(data)
    if pos + 1 > n:
        return None
    kind = data[pos]
    if kind == 0x4F:  # O
        if pos + 3 > n:
            return None
        end = pos + 3 + data[pos + 1] * data[pos + 2]
    elif kind in (0x46, 0x53):  # F, S
        if pos + 4 > n:
            return None
        end = pos + 4 + struct.unpack_from("<H", data, pos + 2)[0]
    elif kind == 0x42:  # B
        if pos + 3 > n:
            return None
        end = pos + 3 + struct.unpack_from("<H", data, pos + 1)[0]
    elif kind == 0x5A:  # Z
        if pos + 5 > n:
            return None
        end = pos + 5 + struct.unpack_from("<I", data, pos + 1)[0]
    else:
        raise ChannelError("unknown record")
    return end if end <= n else None


class _Records:
    """The state of :func:`parse_child_records` while it walks the records."""

    def __init__(self, n_inputs: int, stop_after: int):
        self.n_inputs, self.stop_after = n_inputs, stop_after
        self.stage: tuple[str, str] | None = None
        self.items: list[tuple] = []
        self.blocked: str | None = None
        self.end = False
        self.stdout = ""

    def add_item(self, item: tuple) -> None:
        if self.stage is not None or len(self.items) >= self.n_inputs:
            raise ChannelError("more outputs than inputs")
        if self.items and self.items[-1][0] != "ok" and len(self.items) <= self.stop_after:
            raise ChannelError("an output after the failure that ends the run")
        self.items.append(item)

    def add(self, data: bytes | memoryview, start: int, end: int) -> None:
        kind = data[start]
        if self.end:
            raise ChannelError("data after the end record")
        if kind == 0x4F:  # O
            r, c = data[start + 1], data[start + 2]
            cells = data[start + 3:end]  # a view when ``data`` is one: the worker copies nothing
            problem = check_grid_bytes(r, c, cells)
            if problem:
                raise ChannelError(problem)
            self.add_item(("ok", cells, r, c))
        elif kind in (0x46, 0x53):  # F, S
            code = data[start + 1]
            if code not in STATUS_CODES:
                raise ChannelError("unknown status code")
            item = (STATUS_CODES[code], bytes(data[start + 4:end]).decode("utf-8", "replace"))
            if kind == 0x53:
                if self.stage is not None or self.items:
                    raise ChannelError("misplaced stage record")
                self.stage = item
            else:
                self.add_item(item)
        elif kind == 0x42:  # B
            self.blocked = bytes(data[start + 3:end]).decode("utf-8", "replace")
        else:  # Z
            self.stdout = bytes(data[start + 5:end]).decode("utf-8", "replace")
            self.end = True

    def check_complete(self) -> None:
        if not self.end or self.stage is not None or len(self.items) == self.n_inputs:
            return
        stopped = bool(self.items) and self.items[-1][0] != "ok" and len(self.items) <= self.stop_after
        if not stopped:
            raise ChannelError("missing outputs")


def parse_child_records(data: bytes, n_inputs: int, stop_after: int = 0) -> dict[str, Any]:
    """Read the records a child wrote; raise :class:`ChannelError` on anything unexpected.

    Returns ``{"stage": (status, detail) | None, "items": [("ok", bytes, r, c) | (status, detail)],
    "blocked": detail | None, "end": bool, "stdout": str}``. Items may be fewer than ``n_inputs``
    when the child died early, or stopped at a failure among the first ``stop_after`` inputs.
    """
    state = _Records(n_inputs, stop_after)
    pos = 0
    while pos < len(data):
        end = record_end(data, pos)
        if end is None:
            raise ChannelError("truncated record")
        state.add(data, pos, end)
        pos = end
    state.check_complete()
    return {"stage": state.stage, "items": state.items, "blocked": state.blocked, "end": state.end,
            "stdout": state.stdout}
