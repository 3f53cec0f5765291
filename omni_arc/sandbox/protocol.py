"""Byte formats between the parent, the workers and the sandboxed children.

Nothing here ever unpickles or evaluates what a child wrote: the child's result channel is a flat
sequence of small records that :func:`parse_child_records` reads with explicit bounds, and every
grid is checked (1..30 per side, cells 0..9) before it is accepted.

Parent <-> worker frames: ``u32 length`` then ``u32 header length``, a JSON header, and raw int8
grid bytes (row-major, shapes in the header).

Child -> worker records (little endian):
- ``b"O" u8 rows u8 cols`` + rows*cols cell bytes: the output for the next input;
- ``b"F" u8 status u16 n`` + n bytes of UTF-8 detail: the next input failed;
- ``b"S" u8 status u16 n`` + detail: the module failed before any input ran;
- ``b"B" u16 n`` + detail: a forbidden operation was attempted (the child exits right after);
- ``b"Z" u32 n`` + captured stdout/stderr text: the end.
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
CODE_OF = {v: k for k, v in STATUS_CODES.items()}


class ChannelError(ValueError):
    """The child's result channel holds something the harness never writes."""


# --- parent <-> worker frames ------------------------------------------------------------------

_ENCODER = json.JSONEncoder(separators=(",", ":"))  # json.dumps would build one per call


def pack_frame(header: dict[str, Any], blob: bytes = b"") -> bytes:
    head = _ENCODER.encode(header).encode()
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


def parse_child_records(data: bytes, n_inputs: int) -> dict[str, Any]:
    """Read the records a child wrote; raise :class:`ChannelError` on anything unexpected.

    Returns ``{"stage": (status, detail) | None, "items": [("ok", bytes, r, c) | (status, detail)],
    "blocked": detail | None, "end": bool, "stdout": str}``. Items may be fewer than ``n_inputs``
    when the child died early.
    """
    pos, n = 0, len(data)
    stage, blocked, end, stdout = None, None, False, ""
    items: list[tuple] = []

    def need(k: int) -> None:
        if pos + k > n:
            raise ChannelError("truncated record")

    while pos < n:
        if end:
            raise ChannelError("data after the end record")
        kind = data[pos:pos + 1]
        pos += 1
        if kind == b"O":
            need(2)
            r, c = data[pos], data[pos + 1]
            pos += 2
            need(r * c)
            cells = data[pos:pos + r * c]
            pos += r * c
            problem = check_grid_bytes(r, c, cells)
            if problem:
                raise ChannelError(problem)
            if stage is not None or len(items) >= n_inputs:
                raise ChannelError("more outputs than inputs")
            items.append(("ok", cells, r, c))
        elif kind in (b"F", b"S"):
            need(3)
            code, k = struct.unpack_from("<BH", data, pos)
            pos += 3
            need(k)
            detail = data[pos:pos + k].decode("utf-8", "replace")
            pos += k
            if code not in STATUS_CODES:
                raise ChannelError("unknown status code")
            if kind == b"S":
                if stage is not None or items:
                    raise ChannelError("misplaced stage record")
                stage = (STATUS_CODES[code], detail)
            else:
                if stage is not None or len(items) >= n_inputs:
                    raise ChannelError("more outputs than inputs")
                items.append((STATUS_CODES[code], detail))
        elif kind == b"B":
            need(2)
            (k,) = struct.unpack_from("<H", data, pos)
            pos += 2
            need(k)
            blocked = data[pos:pos + k].decode("utf-8", "replace")
            pos += k
        elif kind == b"Z":
            need(4)
            (k,) = struct.unpack_from("<I", data, pos)
            pos += 4
            need(k)
            stdout = data[pos:pos + k].decode("utf-8", "replace")
            pos += k
            end = True
        else:
            raise ChannelError("unknown record")
    if end and stage is None and len(items) != n_inputs:
        raise ChannelError("missing outputs")
    return {"stage": stage, "items": items, "blocked": blocked, "end": end, "stdout": stdout}
