"""File primitives shared by every command: atomic writes and JSON lines.

**Atomic writes.** :func:`atomic_write_text` / :func:`atomic_write_json` write a temporary file
next to the target, fsync it and rename it over the target, so a reader sees the old file or the
new one, never half of one. :func:`atomic_dir` does the same for a folder.

**JSON lines: one cut-line policy.** Writers (:func:`append_jsonl`) only ever add whole lines, so
a last line without its trailing newline can only be a write cut short by a kill: readers
(:func:`iter_jsonl`, :func:`read_jsonl`) ignore it, and the next :func:`append_jsonl` removes it
before writing. Any other bad line (not UTF-8, not JSON, nested too deep, a number too long to
convert) is an error naming ``path:line``: :class:`JsonlError` by default, or, when the caller
must keep going (e.g. ``omni verify`` reading candidates), one message per bad line appended to
the ``errors`` list it passes, the line skipped. Blank lines are skipped.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from omni_arc.errors import UserError


class JsonlError(UserError, ValueError):
    """A malformed line in a JSON-lines file (``path:line: why``)."""


def atomic_write_text(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; the parent folder is created.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> atomic_write_text(d / "a" / "x.txt", "hi\\n"); (d / "a" / "x.txt").read_text()
    'hi\\n'
    >>> sorted(p.name for p in (d / "a").iterdir())  # no temporary file left behind
    ['x.txt']
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_json(path: str | Path, obj: Any, indent: int | None = 2) -> None:
    """Replace ``path`` with ``obj`` as JSON (and a final newline) atomically.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.json"
    >>> atomic_write_json(p, {"a": [1, 2]}, indent=None); p.read_text()
    '{"a": [1, 2]}\\n'
    """
    atomic_write_text(path, json.dumps(obj, indent=indent) + "\n")


def atomic_write_jsonl(path: str | Path, rows: Iterable[Any]) -> None:
    """Replace ``path`` with ``rows`` as JSON lines atomically (see :func:`jsonl_text`).

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> atomic_write_jsonl(p, [{"a": 1}, [2]]); p.read_text()
    '{"a": 1}\\n[2]\\n'
    """
    atomic_write_text(path, jsonl_text(rows).decode("utf-8"))


@contextmanager
def atomic_dir(target: str | Path, complete: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """A fresh temporary folder next to ``target`` to fill in the ``with`` block; when the block
    succeeds it is renamed to ``target`` (replacing an existing one, unless ``complete(target)``
    says another process finished it first: then that one is kept), when it fails it is removed.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> with atomic_dir(d / "m") as tmp: _ = (tmp / "f").write_text("1")
    >>> [p.name for p in d.iterdir()], (d / "m" / "f").read_text()
    (['m'], '1')
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield tmp
        if complete is not None and complete(target):
            shutil.rmtree(tmp, ignore_errors=True)
            return
        if target.exists():
            shutil.rmtree(target)
        try:
            os.rename(tmp, target)
        except OSError:
            if complete is None or not complete(target):
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # lost a race to an identical folder
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _parse_line(raw: bytes) -> Any:
    """One JSON value from one line; ValueError (with a short reason) for anything malformed."""
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 (byte {e.start + 1})") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON (nested too deeply)") from None
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        raise ValueError(f"invalid JSON ({str(e).splitlines()[0][:120]})") from None


def iter_jsonl(path: str | Path, errors: list[str] | None = None) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` per line of ``path`` under the module's cut-line policy; a bad
    line raises :class:`JsonlError`, or with ``errors`` given is appended there and skipped.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_bytes(b'{"a": 1}\\n\\n[2]\\n{"cut')
    >>> list(iter_jsonl(p))
    [(1, {'a': 1}), (3, [2])]
    """
    path = Path(path)
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.endswith(b"\n"):
                return  # the last line, cut short by an interrupted write
            if not raw.strip():
                continue
            try:
                value = _parse_line(raw)
            except ValueError as e:
                message = f"{path}:{n}: {e}"
                if errors is None:
                    raise JsonlError(message) from None
                errors.append(message)
                continue
            yield n, value


def read_jsonl(path: str | Path, errors: list[str] | None = None) -> list[Any]:
    """The values of the lines of ``path`` (see :func:`iter_jsonl`); a missing file is ``[]``.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_bytes(b'{"a": 1}\\nnot json\\n{"b": 2}\\n')
    >>> problems = []; read_jsonl(p, problems), problems[0].split(":", 2)[1:]
    ([{'a': 1}, {'b': 2}], ['2', ' invalid JSON (Expecting value at column 1)'])
    >>> read_jsonl(p.with_name("missing.jsonl"))
    []
    """
    if not Path(path).exists():
        return []
    return [value for _, value in iter_jsonl(path, errors)]


def jsonl_text(rows: Iterable[Any]) -> bytes:
    """The UTF-8 bytes of ``rows`` as JSON lines (lone surrogates are written as ``\\ud800``
    escapes, which UTF-8 cannot hold).

    >>> jsonl_text([{"a": "é"}, {"b": "\\ud800"}])
    b'{"a": "\\xc3\\xa9"}\\n{"b": "\\\\ud800"}\\n'
    """
    out = []
    for row in rows:
        line = json.dumps(row, ensure_ascii=False) + "\n"
        try:
            out.append(line.encode("utf-8"))
        except UnicodeEncodeError:
            out.append((json.dumps(row) + "\n").encode("ascii"))
    return b"".join(out)


def _drop_cut_line(f: Any) -> None:
    """Truncate an open binary file after its last newline (reading backwards in blocks)."""
    end = f.seek(0, os.SEEK_END)
    if not end:
        return
    f.seek(end - 1)
    if f.read(1) == b"\n":
        return
    pos = end
    while pos > 0:
        start = max(0, pos - (1 << 16))
        f.seek(start)
        cut = f.read(pos - start).rfind(b"\n")
        if cut >= 0:
            f.truncate(start + cut + 1)
            return
        pos = start
    f.truncate(0)


def append_jsonl(path: str | Path, rows: Iterable[Any], fsync: bool = False) -> int:
    """Append ``rows`` as whole lines to ``path`` (created when missing) and flush (``fsync``: to
    disk); a cut last line left by an interrupted write is removed first. Returns the rows written.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_bytes(b'{"a": 1}\\n{"cu')
    >>> append_jsonl(p, [{"b": 2}]), p.read_text()
    (1, '{"a": 1}\\n{"b": 2}\\n')
    """
    data = jsonl_text(rows)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as f:
        _drop_cut_line(f)
        f.write(data)
        f.flush()
        if fsync:
            os.fsync(f.fileno())
    return data.count(b"\n")
