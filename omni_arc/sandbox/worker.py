"""A fork-server worker: ``python -m omni_arc.sandbox.worker SANDBOX_DIR``.

Started by :class:`omni_arc.sandbox.Executor` in its own session. It imports numpy, the DSL and
common standard modules once, compiles the seccomp filter once, then for every job read from its
stdin forks a child that confines itself (:mod:`omni_arc.sandbox.child`) and runs the program.
The worker itself never runs candidate code. It enforces the wall-clock limit, kills the child's
process group, reaps every child, parses the child's records defensively and answers on stdout.
"""
from __future__ import annotations

import fcntl
import gc
import os
import select
import signal
import struct
import sys
import termios
import threading
import time
import traceback
from collections import OrderedDict
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
COMPILE_CACHE = 512  # compiled programs kept per worker
MAX_WORKER_COMPILE = 100_000  # longer sources are compiled in the child
READ_CHUNK = 65536
FLOOD_CHECK_S = 0.25  # how often a long-running child's result pipe is checked for a flood


def _read_exact(fd: int, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _vsz_bytes() -> int:
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


class Worker:
    def __init__(self, sandbox_dir: str, cmd_in: int, cmd_out: int):
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
        self.random_state = random.getstate()
        self.seccomp = confine.build_child_filter()
        self.devnull = confine.open_devnull()
        self.counter = 0
        self.compiled: OrderedDict[str, tuple[Any, tuple[str, str] | None]] = OrderedDict()
        self.vsz = _vsz_bytes()
        # One empty directory per worker serves as every child's chroot and cwd: children cannot
        # create anything in it (seccomp, uid nobody, mode 0700), and it is checked after each
        # run. (A fresh directory per child would cost a journalled mkdir/rmdir, ~3 ms on ext4.)
        self.box = os.path.join(sandbox_dir, f"w{self.pid}")
        os.mkdir(self.box, 0o700)
        os.chdir(self.box)
        try:
            confine.prctl(confine.PR_SET_CHILD_SUBREAPER, 1)
        except OSError:
            pass
        self.tainted = False  # set when a child's directory was found not empty: the worker retires
        self._fork = self._choose_fork()
        self.capture = child.prepare_worker()
        confine.install_worker_filter()  # from here on the worker cannot write files, exec, ...
        self.seccomp.no_new_privs_inherited = confine.no_new_privs()
        gc.collect()
        gc.freeze()

    # -- one job --------------------------------------------------------------------------------
    @staticmethod
    def _choose_fork():
        """``os.fork``, or glibc's ``fork`` when this process has a single thread.

        ``os.fork`` runs Python's at-fork machinery (``threading``, ``random`` and ``logging``
        hooks, interpreter lock re-initialisation) in both processes; in a single-threaded worker
        nothing needs it (no lock can be held by another thread; the child re-seeds ``random``
        itself), and skipping it avoids ~180 copy-on-write page faults per child (~25% of a
        child's cost). ``OMNI_SANDBOX_OS_FORK=1`` forces ``os.fork``.
        """
        if os.environ.get("OMNI_SANDBOX_OS_FORK") == "1" or len(os.listdir("/proc/self/task")) != 1:
            return os.fork
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

    def _compile(self, code: str) -> tuple[Any, tuple[str, str] | None]:
        hit = self.compiled.get(code)
        if hit is not None:
            self.compiled.move_to_end(code)
            return hit
        hit = child.compile_program(code)
        self.compiled[code] = hit
        if len(self.compiled) > COMPILE_CACHE:
            self.compiled.popitem(last=False)
        return hit

    def run_job(self, header: dict[str, Any], blob: bytes) -> bytes:
        inputs = [g.copy() for g in protocol.unpack_grids(header["shapes"], blob)]
        n = len(inputs)
        code = header["code"]
        compiled = None
        if len(code) <= MAX_WORKER_COMPILE:
            compiled, failure = self._compile(code)
            if failure is not None:
                st, detail = failure
                return protocol.pack_frame({"id": header["id"], "status": st, "detail": detail,
                                            "items": [[st, detail, 0, 0]] * n, "stdout": "",
                                            "cpu": 0.0, "wall": 0.0})
        timeout_s = float(header["timeout"])
        wall_s = float(header["wall"])
        self.counter += 1
        if self.counter % 64 == 0:
            self.vsz = _vsz_bytes()
        address_space = self.vsz + int(header["memory_mb"]) * 2**20
        box = self.box
        cap = 16384 + n * 1024
        result_r, result_w = os.pipe()
        quiet = self._quiet_pipe(result_r, result_w, cap)
        t0 = time.monotonic()
        if threading.active_count() != 1:  # never expected: then use the safe path
            self._fork = os.fork
        pid = self._fork()
        if pid == 0:  # the child: never returns
            try:
                os.close(result_r)
                child.run_child(
                    code=code, compiled=compiled, inputs=inputs, namespace=self.namespace,
                    sandbox_dir=box, is_root=self.is_root, worker_pid=self.pid,
                    devnull=self.devnull, result_w=result_w, seccomp=self.seccomp,
                    timeout_s=timeout_s, address_space=address_space,
                    random_state=None if self._fork is not os.fork else self.random_state,
                    capture=self.capture,
                )
            finally:
                os._exit(5)
        os.close(result_w)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child already did it, or already exited
        data, killed, flooded = self._collect(pid, result_r, t0 + wall_s, cap, quiet)
        os.close(result_r)
        _, status, rusage = os.wait4(pid, 0)
        self._reap_strays()
        wall = time.monotonic() - t0
        cpu = rusage.ru_utime + rusage.ru_stime
        leftover = self._remove_box(box)
        reply = self._classify(data, n, status, killed, flooded, cpu, timeout_s)
        reply.update(id=header["id"], cpu=round(cpu, 4), wall=round(wall, 4))
        if leftover:
            reply["sandbox_leftover"] = leftover
        grids = reply.pop("_grids")
        return protocol.pack_frame(reply, b"".join(grids))

    @staticmethod
    def _quiet_pipe(r: int, w: int, cap: int) -> bool:
        """Make the result pipe hold more than ``cap`` bytes and its write end non-blocking.

        Then the child never waits for the worker: its records stay in the pipe until it exits,
        and the worker wakes once per job (for the exit) instead of once per record. A flood
        fills the pipe, the child's next write fails (EAGAIN), and the worker finds more than
        ``cap`` bytes. False (the worker reads as the child writes) if the pipe cannot grow."""
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

    def _collect(self, pid: int, fd: int, deadline: float, cap: int,
                 quiet: bool = False) -> tuple[bytes, bool, bool]:
        """Read the result pipe until EOF and the child's exit, the deadline, or ``cap`` bytes.

        ``quiet`` (see :meth:`_quiet_pipe`): wait for the exit or the deadline, then read."""
        buf = bytearray()
        killed = flooded = False
        pidfd = os.pidfd_open(pid)
        if quiet:
            try:
                poller = select.poll()
                poller.register(pidfd, select.POLLIN)
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        killed = True
                        self._kill(pid)
                        break
                    if poller.poll(min(left, FLOOD_CHECK_S) * 1000):
                        break
                    # still running: a child that made the pipe blocking and filled it is
                    # stopped now rather than at the deadline
                    pending = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
                    if int.from_bytes(pending, sys.byteorder) > cap:
                        self._kill(pid)
                        break
            finally:
                os.close(pidfd)
            os.set_blocking(fd, False)
            try:
                while len(buf) <= cap:
                    chunk = os.read(fd, READ_CHUNK)
                    if not chunk:
                        break
                    buf += chunk
            except BlockingIOError:  # killed: what it wrote until then
                pass
            flooded = len(buf) > cap
            return bytes(buf[:cap]), killed, flooded
        try:
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            poller.register(pidfd, select.POLLIN)
            open_fds = {fd, pidfd}
            while open_fds:
                left = deadline - time.monotonic()
                if left <= 0:
                    killed = True
                    break
                for ready, _ in poller.poll(left * 1000):
                    if ready == fd:
                        chunk = os.read(fd, READ_CHUNK)
                        if not chunk:
                            poller.unregister(fd)
                            open_fds.discard(fd)
                        else:
                            buf += chunk
                            if len(buf) > cap:
                                flooded = True
                                open_fds.clear()
                    else:
                        poller.unregister(pidfd)
                        open_fds.discard(pidfd)
                        # the child is gone: drain what is left in the pipe without blocking
                        os.set_blocking(fd, False)
            if killed or flooded:
                self._kill(pid)
        finally:
            os.close(pidfd)
        return bytes(buf[:cap]), killed, flooded

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

    def _classify(self, data: bytes, n: int, status: int, killed: bool, flooded: bool,
                  cpu: float, timeout_s: float) -> dict[str, Any]:
        items: list[list[Any]] = []  # [status, detail, rows, cols]
        grids: list[bytes] = []
        stdout = ""
        parse_error = None
        parsed = None
        try:
            parsed = protocol.parse_child_records(data, n)
        except protocol.ChannelError as e:
            parse_error = str(e)
        if parsed is not None:
            stdout = parsed["stdout"]
            if parsed["stage"] is not None:
                st, detail = parsed["stage"]
                return {"status": st, "detail": detail, "items": [[st, detail, 0, 0]] * n,
                        "stdout": stdout, "_grids": []}
            for it in parsed["items"]:
                if it[0] == "ok":
                    items.append(["ok", "", it[2], it[3]])
                    grids.append(it[1])
                else:
                    items.append([it[0], it[1], 0, 0])
        # Why the run stopped, if it did not finish normally.
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        stop: tuple[str, str] | None = None
        if killed:
            stop = ("timeout", f"wall-clock limit exceeded ({cpu:.2f} s of CPU used)")
        elif flooded:
            stop = ("invalid_output", "the program flooded its result channel")
        elif parsed is not None and parsed["blocked"] is not None:
            stop = ("blocked_syscall", f"forbidden operation: {parsed['blocked']}")
        elif sig is not None:
            stop = self._signal_stop(sig, cpu, timeout_s)
        elif parse_error is not None:
            stop = ("invalid_output", f"corrupted result channel ({parse_error}); "
                                      "the program wrote to a descriptor it must not use")
        elif parsed is None or not parsed["end"]:
            stop = ("exception", f"the program exited early (exit code {code}) before returning")
        elif code != 0:
            stop = ("exception", f"the program exited with code {code}")
        if stop is not None:
            if parse_error is not None:  # nothing that was read can be trusted
                items, grids = [], []
            while len(items) < n:
                items.append([stop[0], stop[1], 0, 0])
            if all(it[0] == "ok" for it in items):  # e.g. forged outputs followed by a crash
                items[-1] = [stop[0], stop[1], 0, 0]
                grids = grids[:-1]
        first = next((it for it in items if it[0] != "ok"), None)
        st, detail = ("ok", "") if first is None else (first[0], first[1])
        return {"status": st, "detail": detail, "items": items, "stdout": stdout, "_grids": grids}

    @staticmethod
    def _signal_stop(sig: int, cpu: float, timeout_s: float) -> tuple[str, str]:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGSYS:
            return "blocked_syscall", "a forbidden system call (killed by the seccomp filter, SIGSYS)"
        if sig in (signal.SIGPROF, signal.SIGXCPU, signal.SIGVTALRM):
            return "timeout", f"CPU time limit of {timeout_s:g} s exceeded"
        if sig == signal.SIGKILL:
            if cpu >= timeout_s:
                return "timeout", f"CPU time limit of {timeout_s:g} s exceeded (SIGKILL)"
            return "memory", "killed (SIGKILL), most likely out of memory"
        if sig in (signal.SIGSEGV, signal.SIGBUS):
            return "exception", f"the interpreter crashed ({name}; e.g. a stack overflow from deep recursion)"
        return "exception", f"the program was killed by {name}"

    # -- main loop ------------------------------------------------------------------------------
    def serve(self) -> None:
        while True:
            head = _read_exact(self.cmd_in, 4)
            if head is None:
                return
            (length,) = struct.unpack("<I", head)
            body = _read_exact(self.cmd_in, length)
            if body is None:
                return
            header, blob = protocol.unpack_frame(body)
            try:
                reply = self.run_job(header, blob)
            except Exception as e:  # noqa: BLE001 - report, keep serving
                reply = protocol.pack_frame({
                    "id": header.get("id"), "status": "exception",
                    "detail": f"sandbox worker error: {type(e).__name__}: {e}", "items": [],
                    "stdout": "", "worker_error": traceback.format_exc()[-2000:],
                })
            _write_all(self.cmd_out, reply)
            if self.tainted:
                return


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
        worker = Worker(sys.argv[1], cmd_in, cmd_out)
        hello = {"ready": True, "pid": os.getpid(), "chroot": worker.is_root,
                 "vsz": _vsz_bytes(), "python": sys.version.split()[0]}
    except BaseException as e:  # noqa: BLE001
        _write_all(cmd_out, protocol.pack_frame({"ready": False, "error": f"{type(e).__name__}: {e}",
                                                 "traceback": traceback.format_exc()[-3000:]}))
        os._exit(1)
    _write_all(cmd_out, protocol.pack_frame(hello))
    worker.serve()


if __name__ == "__main__":
    main()
