"""The parent side: a pool of fork-server workers, job de-duplication, and :class:`ExecResult`."""
from __future__ import annotations

import atexit
import fcntl
import hashlib
import os
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import OrderedDict, deque
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from omni_arc.sandbox import protocol

PIPELINE = 2  # jobs queued per worker, so it never waits for the parent between jobs
MAX_ATTEMPTS = 3  # a job whose worker died this many times fails instead of being retried
START_TIMEOUT_S = 120.0
DIR_PREFIX = "omni-sandbox-"  # + the creating process's pid + "-" + random; see _remove_stale_dirs
# Default CPU seconds per program (all its inputs together), calibrated on the library:
# `python benchmarks/sandbox_failing.py --calibrate` runs every solution on every train and test
# input of its task. On 2026-12-02 (2-core Xeon, loaded): median 0.03 ms per input, p99 1.7 ms,
# slowest input 21 ms, slowest task 49 ms for its 4 inputs (f8c80d96; the next is 10 ms). The
# default is 10x the slowest task: room for programs 10x slower than the hand-written solutions
# and for a loaded machine, while a program that loops on a foreign input costs 0.5 s, not 2 s.
DEFAULT_TIMEOUT_S = 0.5

FAILURES = (
    "no_code", "syntax_error", "no_task_function", "exception", "timeout", "memory",
    "blocked_syscall", "invalid_output", "wrong_output",
)
SKIPPED = protocol.SKIPPED


@dataclass
class ExecResult:
    """What one program did on its inputs.

    ``status`` is ``"ok"`` when every input gave a valid grid, else the first failure in input
    order (one of :data:`FAILURES`). ``outputs`` has one read-only int8 grid per input, ``None``
    where that input failed; ``errors`` holds ``"status: detail"`` for the failed inputs. For a
    job with expected outputs, ``"wrong_output"`` means the worker stopped the run at the first
    output that differs (it is in ``outputs``; a run that finished before the worker compared
    reports its outputs as usual); inputs not run (after a wrong output or a failure among those
    with expected outputs) have the error ``"skipped: ..."``.
    """

    status: str
    detail: str = ""
    outputs: list[np.ndarray | None] = field(default_factory=list)
    errors: list[str | None] = field(default_factory=list)
    stdout: str = ""
    cpu_s: float = 0.0
    wall_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def input_status(self, i: int) -> str:
        """``"ok"`` or the failure status of input ``i``."""
        e = self.errors[i] if i < len(self.errors) else None
        return "ok" if e is None else e.split(":", 1)[0]


def _fail(status: str, detail: str, n: int) -> ExecResult:
    return ExecResult(status, detail, [None] * n, [f"{status}: {detail}"] * n)


def code_key(code: str) -> str:
    """A digest of the exact program text: only byte-identical programs share an execution (a
    program can observe its own layout, e.g. ``sys._getframe().f_lineno``, so equal ASTs are not
    equal programs)."""
    return hashlib.blake2b(code.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _grids_digest(h: "hashlib._Hash", grids: Sequence[np.ndarray]) -> None:
    h.update(struct.pack("<I", len(grids)))
    for a in grids:
        h.update(struct.pack("<BB", *a.shape))
        h.update(np.ascontiguousarray(a, dtype=np.int8).tobytes())


def job_key(source: bytes, inputs: Sequence[np.ndarray], expected: Sequence[np.ndarray]) -> bytes:
    """What identical jobs share: the exact source, the inputs and the expected outputs."""
    h = hashlib.blake2b(digest_size=24)
    h.update(struct.pack("<Q", len(source)))
    h.update(source)
    _grids_digest(h, inputs)
    _grids_digest(h, expected)
    return h.digest()


LOCK_FILE = ".lock"  # in a sandbox folder (outside the children's chroot): held while it is in use


def _lock_dir(path: str) -> int:
    """Hold ``path``'s lock for as long as this process lives (the kernel drops it on exit)."""
    tmp = os.path.join(path, LOCK_FILE + ".new")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_RDWR | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.rename(tmp, os.path.join(path, LOCK_FILE))  # appears already locked
    return fd


def _remove_stale_dirs(root: str) -> list[str]:
    """Remove this user's sandbox folders that no executor holds (one killed with SIGKILL cannot
    remove its own); returns what was removed. Whether a folder is in use is its lock, not its
    creator's pid, which another PID namespace sharing this temp folder would not see."""
    removed = []
    try:
        names = os.listdir(root)
    except OSError:
        return removed
    for name in names:
        path = os.path.join(root, name)
        if not name.startswith(DIR_PREFIX):
            continue
        try:
            if os.lstat(path).st_uid != os.geteuid():
                continue
            fd = os.open(os.path.join(path, LOCK_FILE), os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            continue  # not a folder of this version, or not ours
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # in use
        finally:
            os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def worker_environment() -> dict[str, str]:
    """The workers' (and so the children's) whole environment: nothing of the parent's but
    where it imports from (this package, numpy)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = [root] + [p for p in sys.path if p and os.path.isabs(p) and p != root]
    return {"PATH": os.defpath, "PYTHONPATH": os.pathsep.join(path), "LC_ALL": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "NUMEXPR_NUM_THREADS": "1", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}


_warned: set[str] = set()


def unprotected(hello: dict) -> list[str]:
    """What this kernel and identity leave unprotected, from a worker's start-up report."""
    gaps = []
    if not hello.get("chroot") and not hello.get("landlock"):
        gaps.append("programs can read every file this user can read (no root for chroot, no "
                    "Landlock in this kernel): the task files with their expected outputs included")
    if not hello.get("pid_namespace"):
        gaps.append("programs see every process of the machine (the kernel refused a PID "
                    "namespace): they can probe which process ids exist")
    if not hello.get("chroot") and not hello.get("signal_scope"):
        gaps.append("programs run as this user (no root for a uid of their own, no Landlock "
                    "signal scoping, ABI >= 6): only the seccomp filter keeps them from "
                    "signalling this user's processes")
    return gaps


def _check_inputs(inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    out = []
    for i, g in enumerate(inputs):
        a = np.asarray(g)
        if a.ndim != 2 or not (1 <= a.shape[0] <= 30 and 1 <= a.shape[1] <= 30):
            raise ValueError(f"input {i}: expected a 2-D grid of 1..30 per side, got shape {a.shape}")
        if a.dtype.kind not in "iu" or a.min() < 0 or a.max() > 9:
            raise ValueError(f"input {i}: cells must be integers 0..9")
        out.append(a)
    return out


class _Job:
    __slots__ = ("key", "source", "inputs", "expected", "futures", "attempts")

    def __init__(self, key: bytes, source: bytes, inputs: list[np.ndarray], expected: list[np.ndarray]):
        self.key, self.source, self.inputs, self.expected = key, source, inputs, expected
        self.futures: list[Future] = []
        self.attempts = 0


class _Worker:
    def __init__(self, proc: subprocess.Popen, slot: int):
        self.proc = proc
        self.slot = slot
        self.fd_in = proc.stdin.fileno()
        self.fd_out = proc.stdout.fileno()
        os.set_blocking(self.fd_in, False)
        os.set_blocking(self.fd_out, False)
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.inflight: deque[_Job] = deque()
        self.ready = False
        self.hello: dict | None = None
        self.dead = False


class ExecutorError(RuntimeError):
    """The sandbox could not start (e.g. the DSL fails to import in a worker)."""


class Executor:
    """Run untrusted programs in sandboxed children of long-lived fork-server workers.

    ``timeout_s`` is the CPU time one program may use on all its inputs together; the wall-clock
    limit (default ``3 * timeout_s + 1``) is a backstop for programs that sleep or block.
    ``memory_mb`` is the address space a program may add on top of what its worker holds when it
    forks. Identical jobs (byte-identical source, same inputs and expected outputs) run once;
    finished results are cached (LRU). Sandbox folders of dead executors are removed at start.
    """

    def __init__(self, workers: int | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
                 memory_mb: int = 1024, wall_timeout_s: float | None = None, cache_size: int = 10_000):
        if timeout_s <= 0 or memory_mb <= 0:
            raise ValueError("timeout_s and memory_mb must be positive")
        self.n_workers = max(1, int(workers or os.cpu_count() or 1))
        self.timeout_s = float(timeout_s)
        self.wall_timeout_s = float(wall_timeout_s or 3 * timeout_s + 1)
        self.memory_mb = int(memory_mb)
        self.cache_size = cache_size
        self.stale_removed = _remove_stale_dirs(tempfile.gettempdir())
        self.sandbox_dir = tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}-")
        os.chmod(self.sandbox_dir, 0o700)
        self._dir_lock = _lock_dir(self.sandbox_dir)
        self.executed = 0  # programs actually run (after de-duplication)
        self.worker_restarts = 0
        self.leftovers: list[str] = []  # files found in a child's directory after it exited (never expected)
        self._lock = threading.Lock()
        self._pending: deque[_Job] = deque()
        self._inflight: dict[bytes, _Job] = {}
        self._cache: OrderedDict[bytes, ExecResult] = OrderedDict()
        self._workers: list[_Worker] = []
        self._closing = False
        self._closed = False
        self._wake_pending = False
        self._error: BaseException | None = None
        self._start_failures = 0
        self._ready = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._sel = selectors.DefaultSelector()
        self._sel.register(self._wake_r, selectors.EVENT_READ, None)
        self._thread = threading.Thread(target=self._loop, name="omni-sandbox", daemon=True)
        self._thread.start()
        atexit.register(self.close)
        self._ready.wait(START_TIMEOUT_S)
        if self._error is not None or not self._ready.is_set():
            err = self._error or ExecutorError("sandbox workers did not start in time")
            self.close()
            raise err

    # -- public API -----------------------------------------------------------------------------
    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._workers if not w.dead]

    @property
    def info(self) -> dict:
        """The first worker's start-up report (pid, chroot, uid, landlock, python, ...)."""
        with self._lock:
            return dict(next((w.hello for w in self._workers if w.hello), {}))

    def submit(self, code: str, inputs: Sequence[np.ndarray],
               expected: Sequence[np.ndarray] = ()) -> Future:
        """Queue one program; the future resolves to its :class:`ExecResult`.

        ``expected``: the expected outputs of the first ``len(expected)`` inputs. The run stops
        at the first of them that fails or differs (status ``"wrong_output"``); the child never
        sees them (its worker reads them only after forking it)."""
        inputs = _check_inputs(inputs)
        expected = _check_inputs(expected)
        if len(expected) > len(inputs):
            raise ValueError("more expected outputs than inputs")
        fut: Future = Future()
        if not isinstance(code, str) or not code.strip():
            fut.set_result(_fail("no_code", "the response contains no code", len(inputs)))
            return fut
        source = code.encode("utf-8", "surrogatepass")
        key = job_key(source, inputs, expected)
        with self._lock:
            if self._closing:
                raise RuntimeError("the executor is closed")
            if self._error is not None:
                raise self._error
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                fut.set_result(cached)
                return fut
            job = self._inflight.get(key)
            wake = False
            if job is None:
                job = _Job(key, source, inputs, expected)
                self._inflight[key] = job
                self._pending.append(job)
                # the I/O thread dispatches after every reply anyway: wake it only when a worker
                # has room and no wake-up is on its way (each one costs it a GIL hand-over)
                wake = not self._wake_pending and any(
                    w.ready and not w.dead and len(w.inflight) < PIPELINE for w in self._workers)
                self._wake_pending |= wake
            job.futures.append(fut)
        if wake:
            self._wake()
        return fut

    def run(self, code: str, inputs: Sequence[np.ndarray],
            expected: Sequence[np.ndarray] = ()) -> ExecResult:
        return self.submit(code, inputs, expected).result()

    def run_many(self, jobs: Iterable[tuple[str, Sequence[np.ndarray]]], progress: bool = False,
                 description: str = "running programs") -> list[ExecResult]:
        """Run ``(code, inputs)`` jobs in parallel; results in the same order."""
        futures = [self.submit(code, inputs) for code, inputs in jobs]
        if progress:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, transient=True) as bar:
                t = bar.add_task(description, total=len(futures))
                for _ in as_completed(futures):
                    bar.advance(t)
        return [f.result() for f in futures]

    def close(self) -> None:
        """Stop the workers (their children die with them), fail queued jobs, remove temp files."""
        with self._lock:
            if self._closed:
                return
            self._closing = True
        self._wake()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=30)
        with self._lock:
            self._closed = True
        atexit.unregister(self.close)
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.sandbox_dir, ignore_errors=True)
        os.close(self._dir_lock)

    # -- the I/O thread -------------------------------------------------------------------------
    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except (BlockingIOError, OSError):
            pass

    def _spawn(self, slot: int) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "omni_arc.sandbox.worker", self.sandbox_dir, str(slot)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
            env=worker_environment(), close_fds=True, cwd=self.sandbox_dir,
        )
        w = _Worker(proc, slot)
        self._workers.append(w)
        self._sel.register(w.fd_out, selectors.EVENT_READ, w)

    def _loop(self) -> None:
        try:
            with self._lock:
                for slot in range(self.n_workers):
                    self._spawn(slot)
            last_check = time.monotonic()
            while True:
                with self._lock:
                    if self._closing:
                        break
                    self._dispatch()
                for key, mask in self._sel.select(timeout=0.5):
                    w = key.data
                    if w is None:
                        try:
                            while os.read(self._wake_r, 4096):
                                pass
                        except BlockingIOError:
                            pass
                        with self._lock:  # jobs queued until now are dispatched next
                            self._wake_pending = False
                        continue
                    with self._lock:
                        if mask & selectors.EVENT_READ:
                            self._on_readable(w)
                        if mask & selectors.EVENT_WRITE and not w.dead:
                            self._flush(w)
                now = time.monotonic()
                if now - last_check > 0.5:
                    last_check = now
                    with self._lock:
                        for w in list(self._workers):
                            if not w.dead and w.proc.poll() is not None:
                                self._on_death(w, f"exited with code {w.proc.returncode}")
        except BaseException as e:  # noqa: BLE001 - never leave callers waiting forever
            with self._lock:
                self._error = self._error or ExecutorError(f"sandbox I/O thread failed: {e!r}")
                self._ready.set()
        finally:
            self._shutdown()

    def _dispatch(self) -> None:
        for w in list(self._workers):
            while self._pending and w.ready and not w.dead and len(w.inflight) < PIPELINE:
                job = self._pending.popleft()
                shapes, blob = protocol.pack_grids(job.inputs)
                header = {"id": id(job), "code_bytes": len(job.source), "shapes": shapes,
                          "timeout": self.timeout_s, "wall": self.wall_timeout_s,
                          "memory_mb": self.memory_mb, "expect": len(job.expected)}
                w.outbuf += protocol.pack_frame(header, job.source + blob)
                if job.expected:
                    w.outbuf += protocol.pack_expected(job.expected)
                w.inflight.append(job)
                self._flush(w)

    def _flush(self, w: _Worker) -> None:
        try:
            while w.outbuf:
                n = os.write(w.fd_in, w.outbuf)
                del w.outbuf[:n]
        except BlockingIOError:
            pass
        except OSError as e:
            self._on_death(w, f"pipe error {e}")
            return
        registered = w.fd_in in self._sel.get_map()
        if w.outbuf and not registered:
            self._sel.register(w.fd_in, selectors.EVENT_WRITE, w)
        elif not w.outbuf and registered:
            self._sel.unregister(w.fd_in)

    def _on_readable(self, w: _Worker) -> None:
        if w.dead:
            return
        try:
            while True:
                chunk = os.read(w.fd_out, 1 << 20)
                if not chunk:
                    self._on_death(w, "closed its pipe")
                    return
                w.inbuf += chunk
        except BlockingIOError:
            pass
        except OSError as e:
            self._on_death(w, f"pipe error {e}")
            return
        while len(w.inbuf) >= 4:
            (length,) = struct.unpack_from("<I", w.inbuf, 0)
            if len(w.inbuf) < 4 + length:
                break
            body = bytes(w.inbuf[4:4 + length])
            del w.inbuf[:4 + length]
            header, blob = protocol.unpack_frame(body)
            if not w.ready:
                self._on_hello(w, header)
            else:
                self._on_reply(w, header, blob)

    def _on_hello(self, w: _Worker, hello: dict) -> None:
        if not hello.get("ready"):
            self._error = ExecutorError(
                f"sandbox worker failed to start: {hello.get('error')}\n{hello.get('traceback', '')}")
            self._ready.set()
            return
        w.ready, w.hello = True, hello
        self._start_failures = 0
        for gap in unprotected(hello):
            if gap not in _warned:
                _warned.add(gap)
                warnings.warn(f"omni_arc.sandbox: NOT PROTECTED: {gap}", RuntimeWarning, stacklevel=1)
        if all(x.ready for x in self._workers if not x.dead):
            self._ready.set()

    def _on_reply(self, w: _Worker, header: dict, blob: bytes) -> None:
        job = w.inflight.popleft()
        if header.get("id") != id(job):
            self._on_death(w, "answered out of order")
            return
        result = self._to_result(header, blob, len(job.inputs))
        if header.get("sandbox_leftover"):
            self.leftovers.append(str(header["sandbox_leftover"]))
        self.executed += 1
        self._finish(job, result)

    @staticmethod
    def _to_result(header: dict, blob: bytes, n: int) -> ExecResult:
        outputs: list[np.ndarray | None] = []
        errors: list[str | None] = []
        pos = 0
        for st, detail, r, c in header.get("items", [])[:n]:
            if st == "ok":
                cells = blob[pos:pos + r * c]
                pos += r * c
                if protocol.check_grid_bytes(r, c, cells) is not None:
                    return _fail("invalid_output", "malformed grid from the sandbox", n)
                outputs.append(np.frombuffer(cells, dtype=np.int8).reshape(r, c))
                errors.append(None)
            else:
                outputs.append(None)
                errors.append(f"{st}: {detail}")
        while len(outputs) < n:
            outputs.append(None)
            errors.append(f"{header.get('status')}: {header.get('detail')}")
        status = header.get("status", "exception")
        if status != "ok" and status not in FAILURES:
            status = "exception"
        return ExecResult(status, header.get("detail", ""), outputs, errors, header.get("stdout", ""),
                          float(header.get("cpu", 0.0)), float(header.get("wall", 0.0)))

    def _finish(self, job: _Job, result: ExecResult) -> None:
        self._inflight.pop(job.key, None)
        self._cache[job.key] = result
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        for f in job.futures:
            if not f.done():
                f.set_result(result)

    def _on_death(self, w: _Worker, why: str) -> None:
        if w.dead:
            return
        w.dead = True
        for fd in (w.fd_out, w.fd_in):
            try:
                self._sel.unregister(fd)
            except (KeyError, ValueError):
                pass
        self._kill_worker(w)
        was_ready = w.ready
        requeue = []
        while w.inflight:
            job = w.inflight.pop()
            job.attempts += 1
            if job.attempts >= MAX_ATTEMPTS:
                self._finish(job, _fail("exception", f"the sandbox worker died {job.attempts} times "
                                                     f"while running this program ({why})", len(job.inputs)))
            else:
                requeue.append(job)
        self._pending.extendleft(requeue)
        self._workers.remove(w)
        if self._closing:
            return
        if not was_ready:
            self._start_failures += 1
            if self._start_failures >= 3:
                self._error = ExecutorError(f"sandbox workers keep dying at start-up ({why})")
                self._ready.set()
                self._fail_all(self._error)
                return
        self.worker_restarts += 1
        self._spawn(w.slot)

    def _fail_all(self, err: BaseException) -> None:
        jobs = list(self._pending)
        self._pending.clear()
        for w in self._workers:
            jobs.extend(w.inflight)
            w.inflight.clear()
        for job in jobs:
            self._inflight.pop(job.key, None)
            for f in job.futures:
                if not f.done():
                    f.set_exception(err)

    @staticmethod
    def _kill_worker(w: _Worker) -> None:
        for stream in (w.proc.stdin, w.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        # The whole group, also when the worker itself has exited: its PID namespace's init and
        # any child still in the group die now, not whenever their parent-death signal arrives.
        try:
            os.killpg(w.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            w.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.monotonic() + 5.0  # SIGKILL is delivered asynchronously: wait for the group to empty
        while time.monotonic() < deadline:
            try:
                os.killpg(w.proc.pid, 0)
            except (ProcessLookupError, PermissionError):
                break
            time.sleep(0.01)

    def _shutdown(self) -> None:
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
            for w in workers:
                w.dead = True
                try:
                    w.proc.stdin.close()  # EOF: the worker exits after its current job
                except OSError:
                    pass
        deadline = time.monotonic() + 1.0
        for w in workers:
            try:
                w.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            self._kill_worker(w)
        with self._lock:
            self._fail_all(self._error or RuntimeError("the executor was closed"))
            try:
                self._sel.close()
            except OSError:
                pass
