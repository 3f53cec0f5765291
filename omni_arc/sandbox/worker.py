"""A fork-server worker: ``python -m omni_arc.sandbox.worker SANDBOX_DIR SLOT``.

Started by :class:`omni_arc.sandbox.Executor` in its own session (``SLOT``: its number among the
executor's workers, which picks its children's uid as root). It imports numpy, the DSL and common
standard modules once, compiles the seccomp filter once, then for every job read from its stdin
forks a child that confines itself (:mod:`omni_arc.sandbox.child`) and runs the program. The
worker itself never runs candidate code. It enforces the wall-clock limit, kills the child's
process group, reaps every child, parses the child's records defensively, compares outputs with
the expected ones (read only after the fork) and answers on stdout.

Hygiene: each child is a copy of the worker, so the worker keeps nothing of earlier jobs that a
child could find: no compiled programs (children compile their own), and the buffers that held
a job's source, expected outputs, the child's records and the reply are zeroed after each job.
"""
from __future__ import annotations

import fcntl
import gc
import json
import os
import select
import signal
import struct
import sys
import termios
import time
import traceback
from typing import Any

# Preloaded so that programs can import them inside the (empty) chroot.
PRELOAD = (
    "collections", "itertools", "functools", "math", "copy", "heapq", "typing", "re", "random",
    "operator", "statistics", "string", "bisect", "queue", "enum", "numbers", "array", "abc",
    "types", "cmath", "contextlib", "warnings", "numpy.linalg", "numpy.fft", "numpy.random",
    "numpy.lib.stride_tricks",
    # not for use: preloaded so that attempts to use them are reported by name (blocked_syscall)
    # rather than as a ModuleNotFoundError inside the chroot
    "socket", "subprocess", "shutil", "tempfile", "threading", "signal", "ctypes", "mmap",
    "select", "resource", "fcntl",
)
# Imported by Worker.__init__ (after main() armed the parent-death signal), then used as globals:
# an import statement per job would run importlib's Python code and touch its pages in every cycle.
child: Any = None
protocol: Any = None
FLOOD_CHECK_S = 0.25  # how often a long-running child's result pipe is checked for a flood


def _read_exact(fd: int, n: int) -> bytes | None:
    buf = bytearray(n)
    return bytes(buf) if _read_into(fd, buf, n) else None


def _read_into(fd: int, buf: bytearray, n: int) -> bool:
    """Fill ``buf[:n]`` from ``fd`` (no intermediate copies); False at end of file."""
    view, pos = memoryview(buf), 0
    while pos < n:
        k = os.readv(fd, [view[pos:n]])
        if k == 0:
            return False
        pos += k
    return True


class Scratch:
    """A reusable byte buffer that is zeroed after every job (and before it is replaced by a
    larger one), so that nothing a job put in it survives in the worker's memory."""

    def __init__(self, size: int = 1 << 16):
        self.buf = bytearray(size)
        self.used = 0

    def reserve(self, n: int) -> bytearray:
        if n > len(self.buf):
            self.scrub()
            self.buf = bytearray(max(n, 2 * len(self.buf)))
        return self.buf

    def scrub(self) -> None:
        self.buf[:] = bytes(len(self.buf))
        self.used = 0


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _vsz_bytes() -> int:
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


class Worker:
    def __init__(self, sandbox_dir: str, slot: int, cmd_in: int, cmd_out: int):
        import numpy as np

        global child, protocol
        from omni_arc.program import namespace
        from omni_arc.sandbox import child, confine, protocol

        self.np = np
        self.confine = confine
        self.sandbox_dir = sandbox_dir
        self.cmd_in, self.cmd_out = cmd_in, cmd_out
        self.pid = os.getpid()
        self.is_root = confine.can_chroot()
        self.uid = confine.CHILD_UID_BASE + slot if self.is_root else None
        # Children live in a PID namespace of this worker's, held by a sleeping first process
        # (its init): they see no other process, and die with it, which dies with the worker.
        self.ns_init = self._start_namespace_init() if confine.new_pid_namespace(self.is_root) else None
        if self.ns_init is not None and not self.is_root:
            confine.drop_capabilities()  # those of the new user namespace: children get none
        self.landlock = confine.landlock_ruleset()
        # The program's globals start as {"__name__", "__builtins__"}, where these builtins are
        # Python's plus numpy (np) and the DSL (PRELUDE's names): the same lookups as
        # omni_arc.program.namespace(), without copying ~100 names (and their pages) per child.
        import builtins

        prelude = {k: v for k, v in namespace().items() if not k.startswith("__")}
        self.namespace = {"__name__": "omni_program",
                          "__builtins__": {**builtins.__dict__, **prelude}}
        for name in PRELOAD:
            try:
                __import__(name)
            except ImportError:
                pass
        import random

        random.seed(0)
        np.random.seed(0)
        self.seccomp = confine.build_child_filter()
        self.devnull = confine.open_devnull()
        # zeroed after every job: the job's frame (source, inputs), its expected outputs, what the
        # child wrote, the reply (outputs)
        self.frame, self.expected, self.records, self.reply = Scratch(), Scratch(), Scratch(), Scratch()
        # One empty directory per worker serves as every child's chroot and cwd: children cannot
        # create anything in it (seccomp, their own uid, mode 0700), and it is checked after each
        # run. (A fresh directory per child would cost a journalled mkdir/rmdir, ~3 ms on ext4.)
        self.box = os.path.join(sandbox_dir, f"w{self.pid}")
        os.mkdir(self.box, 0o700)
        os.chdir(self.box)
        try:
            confine.prctl(confine.PR_SET_CHILD_SUBREAPER, 1)
        except OSError:
            pass
        self.tainted = False  # set when a child's directory was found not empty: the worker retires
        self._fork = self._libc_fork()
        self.capture = child.prepare_worker()
        confine.install_worker_filter()  # from here on the worker cannot write files, exec, ...
        self.seccomp.no_new_privs_inherited = confine.no_new_privs()
        gc.collect()
        gc.freeze()

    @property
    def protection(self) -> dict[str, Any]:
        """What confines this worker's children beyond seccomp (reported in the hello frame)."""
        return {"chroot": self.is_root, "uid": self.uid,
                "landlock": self.landlock.abi if self.landlock else 0,
                "signal_scope": bool(self.landlock and self.landlock.scopes_signals),
                "pid_namespace": self.ns_init is not None}

    def _start_namespace_init(self) -> int:
        """Fork the first process of the new PID namespace: it holds nothing and sleeps until
        the worker dies (its parent-death signal), and then the kernel kills the namespace."""
        pid = os.fork()  # still single-threaded, before any filter
        if pid == 0:
            try:
                self.confine.prctl(self.confine.PR_SET_PDEATHSIG, signal.SIGKILL)
                self.confine.prctl(self.confine.PR_SET_NAME, ctypes_name(self.confine.NS_INIT_NAME))
                os.closerange(0, 65536)
                while True:
                    signal.pause()  # as a namespace's init it ignores every signal from inside
            finally:
                os._exit(0)
        return pid

    # -- one job --------------------------------------------------------------------------------
    @staticmethod
    def _libc_fork():
        """glibc's ``fork``, which the worker (single-threaded) uses instead of ``os.fork``.

        ``os.fork`` runs Python's at-fork machinery (``threading``, ``random`` and ``logging``
        hooks, interpreter lock re-initialisation) in both processes; in a single-threaded worker
        nothing needs it (no lock can be held by another thread, and the child keeps the worker's
        seeded ``random`` state, as it should), and skipping it avoids ~180 copy-on-write page
        faults per child (~25% of a child's cost). A worker that has threads refuses to start.
        """
        if len(os.listdir("/proc/self/task")) != 1:
            raise RuntimeError("the sandbox worker must be single-threaded (is a BLAS library "
                               "starting threads? set OPENBLAS_NUM_THREADS=1)")
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.fork.restype = ctypes.c_int
        libc.fork.argtypes = []

        def fork() -> int:
            pid = libc.fork()
            if pid < 0:
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e))
            return pid

        return fork

    def run_job(self, header: dict[str, Any], blob: memoryview) -> tuple[dict[str, Any], list]:
        """Run one job; the reply header and the output grids (views of :attr:`records`)."""
        n_code = int(header["code_bytes"])
        inputs = [g.copy() for g in protocol.unpack_grids(header["shapes"], blob[n_code:])]
        n = len(inputs)
        n_expected = int(header.get("expect", 0))
        timeout_s = float(header["timeout"])
        cap = 16384 + n * 1024
        t0 = time.monotonic()
        pid, result_r, quiet = self._start_child(blob[:n_code], inputs, n_expected, timeout_s, cap,
                                                 int(header["memory_mb"]))
        try:
            expected = self._read_expected(n_expected) if n_expected else None  # after the fork
            stop = self._collect(pid, result_r, t0 + float(header["wall"]), cap,
                                 stream=expected is not None or not quiet, expected=expected)
        except BaseException:
            self._kill(pid)
            raise
        finally:  # every exit path reaps the child
            os.close(result_r)
            _, status, rusage = os.wait4(pid, 0)
            self._reap_strays()
        wall = time.monotonic() - t0
        cpu = rusage.ru_utime + rusage.ru_stime
        leftover = self._remove_box(self.box)
        data = memoryview(self.records.buf)[:self.records.used]
        reply, grids = self._classify(data, n, n_expected, status, stop, cpu, timeout_s)
        reply.update(id=header["id"], cpu=round(cpu, 4), wall=round(wall, 4))
        if leftover:
            reply["sandbox_leftover"] = leftover
        return reply, grids

    def _start_child(self, code: memoryview, inputs: list, n_expected: int, timeout_s: float,
                     cap: int, memory_mb: int) -> tuple[int, int, bool]:
        """Fork the child that runs ``code``; its pid, the read end of its result pipe, and
        whether that pipe holds ``cap`` bytes without the worker reading (see :meth:`_grow_pipe`)."""
        # what the worker really holds now (not a size measured jobs ago) + the program's allowance
        address_space = _vsz_bytes() + memory_mb * 2**20
        result_r, result_w = os.pipe()
        quiet = self._grow_pipe(result_r, result_w, cap)
        try:
            pid = self._fork()
        except OSError:
            self.tainted = True  # e.g. the namespace's init is gone: retire
            raise
        if pid == 0:  # the child: never returns
            try:
                os.close(result_r)
                child.run_child(
                    code=code, inputs=inputs, namespace=self.namespace, sandbox_dir=self.box,
                    uid=self.uid, landlock=self.landlock, devnull=self.devnull,
                    parent_pid=0 if self.ns_init is not None else self.pid,
                    result_w=result_w, seccomp=self.seccomp, timeout_s=timeout_s,
                    address_space=address_space, capture=self.capture, stop_after=n_expected,
                )
            finally:
                os._exit(5)
        os.close(result_w)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child already did it, or already exited
        return pid, result_r, quiet

    def _read_expected(self, k: int) -> memoryview:
        """The expected frame of the current job (``k`` grids), read into :attr:`expected`."""
        head = _read_exact(self.cmd_in, 4)
        if head is None:
            raise EOFError("no expected frame")
        (length,) = struct.unpack("<I", head)
        buf = self.expected.reserve(length)
        if not _read_into(self.cmd_in, buf, length):
            raise EOFError("truncated expected frame")
        self.expected.used = length
        return memoryview(buf)[:length]

    @staticmethod
    def _grow_pipe(r: int, w: int, cap: int) -> bool:
        """Make the result pipe hold more than ``cap`` bytes and its write end non-blocking.

        Then the child never waits for the worker: its records stay in the pipe until it exits,
        and (for a job without expected outputs) the worker wakes once per job, for the exit,
        instead of once per record. A flood fills the pipe, the child's next write fails
        (EAGAIN), and the worker finds more than ``cap`` bytes. False if the pipe cannot grow
        (e.g. the user's pipe-buffer quota is spent): then the write end stays blocking and the
        worker reads as the child writes."""
        try:
            size = fcntl.fcntl(r, fcntl.F_GETPIPE_SZ)
            if size <= cap:
                size = fcntl.fcntl(r, fcntl.F_SETPIPE_SZ, cap + 1)
        except OSError:
            return False
        if size <= cap:
            return False
        os.set_blocking(w, False)
        return True

    def _collect(self, pid: int, fd: int, deadline: float, cap: int, stream: bool,
                 expected: memoryview | None) -> str | None:
        """Read the child's records into :attr:`records` until its exit, the deadline, ``cap``
        bytes or (with ``expected``) the first output that differs from its expected grid.

        ``stream``: read as the child writes (else only once it has exited). Returns why the
        worker stopped the child: ``"timeout"``, ``"flood"``, ``"wrong"``, or None."""
        self.records.reserve(cap + 1)
        self.records.used = 0
        checker = _OutputChecker(expected) if expected is not None else None
        os.set_blocking(fd, False)  # the worker reads what is there, never waits on the pipe
        pidfd = os.pidfd_open(pid)
        stop = None
        try:
            poller = select.poll()
            poller.register(pidfd, select.POLLIN)
            if stream:
                poller.register(fd, select.POLLIN)
            exited = False
            while not exited and stop is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    stop = "timeout"
                    break
                events = poller.poll(min(left, FLOOD_CHECK_S) * 1000)
                if not events and not stream and _pending_bytes(fd) > cap:
                    stop = "flood"  # the child made the pipe blocking again and filled it
                for ready, _ in events:
                    if ready == pidfd:
                        exited = True
                    elif not self._read_available(fd, cap):
                        poller.unregister(fd)  # end of file: the child is exiting
                if self.records.used > cap:
                    stop = "flood"
                elif checker is not None and checker.feed(self.records.buf, self.records.used):
                    stop = "wrong"
            if stop is not None:
                self._kill(pid)
        finally:
            os.close(pidfd)
        if stop is None:
            self._read_available(fd, cap)
            if self.records.used > cap:
                stop = "flood"
        if stop == "wrong":
            self.records.used = checker.cut  # what follows the wrong output is not needed
        self.records.used = min(self.records.used, cap)
        return stop

    def _read_available(self, fd: int, cap: int) -> bool:
        """Append what the pipe holds now (at most ``cap + 1`` bytes in all); False at EOF."""
        buf = self.records.buf
        view = memoryview(buf)
        try:
            while self.records.used <= cap:
                k = os.readv(fd, [view[self.records.used:cap + 1]])
                if k == 0:
                    return False
                self.records.used += k
        except BlockingIOError:
            pass
        return True

    @staticmethod
    def _kill(pid: int) -> None:
        for fn in (os.killpg, os.kill):
            try:
                fn(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    @staticmethod
    def _reap_strays() -> None:
        """As a subreaper, collect anything orphaned below us (there should never be any)."""
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    def _remove_box(self, box: str) -> str | None:
        """What was found in the child's directory (never expected), or None. A worker whose
        directory is not empty retires after this job; the executor starts a fresh one (and
        removes the directory when it closes)."""
        entries = os.listdir(box)
        if not entries:
            return None
        self.tainted = True
        return ", ".join(sorted(entries)[:5])

    def _classify(self, data: memoryview, n: int, n_expected: int, status: int, stop: str | None,
                  cpu: float, timeout_s: float) -> tuple[dict[str, Any], list]:
        """The reply for one run: a status per input and the output grids, from the child's
        records (``data``), its exit ``status`` and why the worker stopped it (``stop``)."""
        try:
            parsed = protocol.parse_child_records(data, n, n_expected)
            parse_error = None
        except protocol.ChannelError as e:
            parsed, parse_error = None, str(e)
        stdout = parsed["stdout"] if parsed is not None else ""
        if parsed is not None and parsed["stage"] is not None:
            st, detail = parsed["stage"]
            return {"status": st, "detail": detail, "items": [[st, detail, 0, 0]] * n,
                    "stdout": stdout}, []
        items, grids = _items(parsed["items"] if parsed is not None else [])
        reason = self._stop_reason(parsed, parse_error, status, stop, cpu, timeout_s)
        if stop == "wrong" and reason is None:
            k = len(items)
            skipped = [protocol.SKIPPED, f"not run: the output for input {k} is wrong", 0, 0]
            items += [skipped] * (n - k)
            return {"status": "wrong_output", "detail": f"the output for input {k} differs from "
                    "the expected one", "items": items, "stdout": stdout}, grids
        if reason is not None:
            if parse_error is not None:  # nothing that was read can be trusted
                items, grids = [], []
            while len(items) < n:
                items.append([reason[0], reason[1], 0, 0])
            if all(it[0] == "ok" for it in items):  # e.g. forged outputs followed by a crash
                items[-1] = [reason[0], reason[1], 0, 0]
                grids = grids[:-1]
        elif len(items) < n:  # stopped by itself at a failure among the first n_expected inputs
            why = f"not run: input {len(items)} failed"
            items += [[protocol.SKIPPED, why, 0, 0]] * (n - len(items))
        first = next((it for it in items if it[0] != "ok"), None)
        st, detail = ("ok", "") if first is None else (first[0], first[1])
        return {"status": st, "detail": detail, "items": items, "stdout": stdout}, grids

    def _stop_reason(self, parsed: dict | None, parse_error: str | None, status: int,
                     stop: str | None, cpu: float, timeout_s: float) -> tuple[str, str] | None:
        """Why the run did not finish normally, or None when it did."""
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        if stop == "timeout":
            return "timeout", f"wall-clock limit exceeded ({cpu:.2f} s of CPU used)"
        if stop == "flood":
            return "invalid_output", "the program flooded its result channel"
        corrupted = ("invalid_output", f"corrupted result channel ({parse_error}); "
                                       "the program wrote to a descriptor it must not use")
        if stop == "wrong":  # the worker killed it at a wrong output
            return None if parse_error is None else corrupted
        if parsed is not None and parsed["blocked"] is not None:
            return "blocked_syscall", f"forbidden operation: {parsed['blocked']}"
        if sig is not None:
            return self._signal_stop(sig, cpu, timeout_s)
        if parse_error is not None:
            return corrupted
        if parsed is None or not parsed["end"]:
            return "exception", f"the program exited early (exit code {code}) before returning"
        if code != 0:
            return "exception", f"the program exited with code {code}"
        return None

    @staticmethod
    def _signal_stop(sig: int, cpu: float, timeout_s: float) -> tuple[str, str]:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else "?"
        if sig == signal.SIGSYS:
            return "blocked_syscall", "a forbidden system call (killed by the seccomp filter, SIGSYS)"
        if sig in (signal.SIGPROF, signal.SIGXCPU, signal.SIGVTALRM):
            return "timeout", f"CPU time limit of {timeout_s:g} s exceeded"
        if sig == signal.SIGKILL and cpu >= timeout_s:
            return "timeout", f"CPU time limit of {timeout_s:g} s exceeded (SIGKILL)"
        if sig in (signal.SIGSEGV, signal.SIGBUS):
            return "exception", (f"the interpreter crashed (killed by signal {sig}, {name}; e.g. a "
                                 "stack overflow from deep recursion)")
        # the sandbox sends no other signal: this one came from outside (e.g. the kernel's
        # out-of-memory killer sends SIGKILL)
        return "exception", f"killed by signal {sig} ({name}), not sent by the sandbox"

    # -- main loop ------------------------------------------------------------------------------
    def read_job(self) -> tuple[dict[str, Any], memoryview] | None:
        """The next job frame, read into :attr:`frame`; None at end of input."""
        head = _read_exact(self.cmd_in, 4)
        if head is None:
            return None
        (length,) = struct.unpack("<I", head)
        buf = self.frame.reserve(length)
        if not _read_into(self.cmd_in, buf, length):
            return None
        self.frame.used = length
        view = memoryview(buf)[:length]
        (n,) = struct.unpack_from("<I", view, 0)
        return json.loads(bytes(view[4:4 + n])), view[4 + n:]

    def send_reply(self, reply: dict[str, Any], grids: list) -> None:
        """Write the reply frame (assembled in :attr:`reply`, since it holds outputs)."""
        head = protocol.encode_header(reply)
        size = 8 + len(head) + sum(len(g) for g in grids)
        buf = self.reply.reserve(size)
        struct.pack_into("<II", buf, 0, size - 4, len(head))
        pos = 8
        for part in (head, *grids):
            buf[pos:pos + len(part)] = part
            pos += len(part)
        self.reply.used = size
        _write_all(self.cmd_out, memoryview(buf)[:size])

    def serve(self) -> None:
        while True:
            job = self.read_job()
            if job is None:
                return
            header, blob = job
            try:
                reply, grids = self.run_job(header, blob)
            except Exception as e:  # noqa: BLE001 - report, keep serving
                reply, grids = {
                    "id": header.get("id"), "status": "exception",
                    "detail": f"sandbox worker error: {type(e).__name__}: {e}", "items": [],
                    "stdout": "", "worker_error": traceback.format_exc()[-2000:],
                }, []
            self.send_reply(reply, grids)
            for scratch in (self.frame, self.expected, self.records, self.reply):
                scratch.scrub()
            if self.tainted:
                return


class _OutputChecker:
    """Follows a child's records as they arrive and compares each output among the first
    ``k`` with its expected grid (the layout of an ``O`` record without its tag)."""

    def __init__(self, expected: memoryview):
        self.expected = expected
        self.pos = 0  # next record in the child's data
        self.epos = 0  # next grid in the expected frame
        self.cut = 0  # end of the first wrong output

    def feed(self, data: bytearray, used: int) -> bool:
        """True at the first output that differs from its expected grid."""
        while self.epos < len(self.expected):
            try:
                end = protocol.record_end(memoryview(data)[:used], self.pos)
            except protocol.ChannelError:
                return False  # the parser reports it
            if end is None:
                return False
            kind = data[self.pos]
            if kind == 0x4F:  # O: compare rows, cols and cells at once
                r, c = self.expected[self.epos], self.expected[self.epos + 1]
                want = self.expected[self.epos:self.epos + 2 + r * c]
                self.epos += 2 + r * c
                if memoryview(data)[self.pos + 1:end] != want:
                    self.cut = end
                    return True
            elif kind == 0x46:  # F: a failed input (the child stops by itself)
                self.epos += 2 + self.expected[self.epos] * self.expected[self.epos + 1]
            self.pos = end
        return False


def _items(parsed_items: list[tuple]) -> tuple[list[list[Any]], list]:
    """``[status, detail, rows, cols]`` per parsed item, and the grids of the ``ok`` ones."""
    items: list[list[Any]] = []
    grids = []
    for it in parsed_items:
        if it[0] == "ok":
            items.append(["ok", "", it[2], it[3]])
            grids.append(it[1])
        else:
            items.append([it[0], it[1], 0, 0])
    return items, grids


def ctypes_name(name: bytes) -> int:
    """The address of a NUL-terminated copy of ``name`` (for prctl), kept alive in this process."""
    import ctypes

    buf = ctypes.create_string_buffer(name)
    _KEEP.append(buf)
    return ctypes.addressof(buf)


_KEEP: list = []


def _pending_bytes(fd: int) -> int:
    pending = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
    return int.from_bytes(pending, sys.byteorder)


def main() -> None:
    from omni_arc.sandbox import confine, protocol

    parent = os.getppid()
    try:
        confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        pass
    if os.getppid() != parent:
        os._exit(1)
    # Private copies of the command pipes; fds 0/1 go to /dev/null and stderr so that stray
    # prints can never corrupt the protocol.
    cmd_in, cmd_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    try:
        worker = Worker(sys.argv[1], int(sys.argv[2]), cmd_in, cmd_out)
        hello = {"ready": True, "pid": os.getpid(), **worker.protection,
                 "vsz": _vsz_bytes(), "python": sys.version.split()[0]}
    except BaseException as e:  # noqa: BLE001
        _write_all(cmd_out, protocol.pack_frame({"ready": False, "error": f"{type(e).__name__}: {e}",
                                                 "traceback": traceback.format_exc()[-3000:]}))
        os._exit(1)
    _write_all(cmd_out, protocol.pack_frame(hello))
    worker.serve()


if __name__ == "__main__":
    main()
