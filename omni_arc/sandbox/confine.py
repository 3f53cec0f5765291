"""Confinement of a freshly forked child, applied before any candidate code runs.

Layers, in the order :func:`confine` applies them:

1. its own process group; fds 0..2 on a read-only ``/dev/null``, fd 3 the result pipe, every
   other descriptor closed;
2. an empty directory (one per worker, checked after every child) as cwd and (as root) ``chroot``, then the
   unprivileged ``nobody`` identity (which drops every capability and makes RLIMIT_NPROC bind);
3. rlimits: address space, CPU seconds (soft and hard), file size 0, open files, processes 0,
   core dumps 0, locked memory 0, message queues 0; parent-death signal SIGKILL;
4. ``no_new_privs`` and seccomp, in two stages: the worker's own filter
   (:func:`install_worker_filter`, inherited) kills networking, exec, ptrace, namespaces and
   mounts, file creation/modification, SysV and POSIX IPC, io_uring, bpf, perf, keyrings, ...;
   the child's filter (:func:`build_child_filter`, compiled once per worker, the child's pid
   patched in) adds process creation, identity changes, and signals to other processes.

The seccomp filter is the security boundary together with chroot/uid/rlimits; the Python-level
audit hook installed by :mod:`omni_arc.sandbox.child` only names what was attempted.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import struct
import tempfile

# prctl options / seccomp constants (linux/prctl.h, linux/seccomp.h)
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_GET_NO_NEW_PRIVS = 39
SECCOMP_MODE_FILTER = 2

NOBODY = 65534
PID_PLACEHOLDER = 0x7EAD_BEEF  # not a valid pid; replaced by the child's pid in the BPF program
_BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K

# Killed outright: no candidate program has a reason to call any of these.
KILLED_SYSCALLS = (
    # process creation and exec (threads included: ARC programs never need them, and a thread
    # bomb would otherwise exhaust the machine's pids)
    "fork", "vfork", "clone", "clone3", "execve", "execveat",
    # networking
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    # other processes' memory and descriptors
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_open", "pidfd_getfd",
    "pidfd_send_signal", "tkill", "migrate_pages", "move_pages",
    # namespaces, mounts, root
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "mount_setattr", "move_mount",
    "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
    # identity, sessions, scheduling of others
    "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setfsuid", "setfsgid",
    "setgroups", "capset", "setsid", "setpgid", "setpriority", "sched_setaffinity",
    "sched_setscheduler", "sched_setparam", "sched_setattr", "ioprio_set",
    # files: creation, modification, deletion, metadata, handles
    "creat", "openat2", "unlink", "unlinkat", "rename", "renameat", "renameat2", "mkdir", "mkdirat",
    "rmdir", "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "fchmodat2",
    "chown", "fchown", "lchown", "fchownat", "truncate", "utime", "utimes", "utimensat", "futimesat",
    "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr", "mknod",
    "mknodat", "name_to_handle_at", "open_by_handle_at", "memfd_create", "memfd_secret",
    "fanotify_init", "inotify_init", "inotify_init1",
    # IPC that outlives the process
    "shmget", "shmat", "shmctl", "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop",
    "semctl", "semtimedop", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify",
    "mq_getsetattr",
    # kernel attack surface and system state
    "io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "perf_event_open",
    "userfaultfd", "keyctl", "add_key", "request_key", "personality", "reboot", "kexec_load",
    "kexec_file_load", "init_module", "finit_module", "delete_module", "swapon", "swapoff", "acct",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
    "iopl", "ioperm", "quotactl", "quotactl_fd", "lookup_dcookie", "syslog", "vhangup", "uselib",
    "ustat", "sysfs", "_sysctl", "seccomp",
)
# Killed by the child's own filter only: the worker (whose filter every child inherits) needs them
# to fork, place and reap children, and the child to confine itself before its filter goes on.
CHILD_STAGE = (
    "fork", "vfork", "clone", "clone3", "setpgid", "setsid", "chroot", "setuid", "setgid",
    "setreuid", "setregid", "setresuid", "setresgid", "setfsuid", "setfsgid", "setgroups",
    "pidfd_open",
)
WORKER_STAGE = tuple(s for s in KILLED_SYSCALLS if s not in CHILD_STAGE)
# Signals: only to itself (first argument == own pid).
SELF_ONLY_SYSCALLS = ("kill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")
# open()/openat() with any of these flag bits (writing, creating, truncating, appending, tmpfile).
WRITE_FLAGS = (os.O_WRONLY, os.O_RDWR, os.O_CREAT, os.O_TRUNC, os.O_APPEND, 0o20000000)
TIOCSTI = 0x5412
TIOCLINUX = 0x541C


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


_libc = ctypes.CDLL(None, use_errno=True)
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]


def prctl(option: int, arg2: int = 0, arg3: int = 0) -> None:
    if _libc.prctl(option, arg2, arg3, 0, 0) != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"prctl({option}): {os.strerror(e)}")


class PreparedFilter:
    """A seccomp BPF program compiled once; :meth:`load` patches in the pid and installs it."""

    def __init__(self, program: bytes):
        if len(program) % 8 or not program:
            raise ValueError("malformed BPF program")
        self.n = len(program) // 8
        self.buffer = ctypes.create_string_buffer(program, len(program))
        self.slots = [
            i for i in range(self.n)
            if struct.unpack_from("<HBBI", program, i * 8)[0] == _BPF_JEQ_K
            and struct.unpack_from("<HBBI", program, i * 8)[3] == PID_PLACEHOLDER
        ]
        if not self.slots:
            raise ValueError("pid placeholder not found in the BPF program")
        self.fprog = _SockFprog(self.n, ctypes.addressof(self.buffer))
        # True once the worker's own filter is on: no_new_privs is inherited and cannot be unset.
        self.no_new_privs_inherited = False

    def load(self, pid: int) -> None:
        """Install the filter for process ``pid`` (the caller). Sets no_new_privs first (unless
        inherited: without it, an unprivileged process cannot load a filter at all)."""
        for i in self.slots:
            struct.pack_into("<I", self.buffer, i * 8 + 4, pid)
        if not self.no_new_privs_inherited:
            prctl(PR_SET_NO_NEW_PRIVS, 1)
        if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(self.fprog), 0, 0) != 0:
            e = ctypes.get_errno()
            raise OSError(e, f"seccomp: {os.strerror(e)}")


def _new_filter():
    import pyseccomp as sc

    f = sc.SyscallFilter(sc.ALLOW)
    f.set_attr(sc.Attr.ACT_BADARCH, sc.KILL_PROCESS)
    return sc, f


def _kill_all(sc, f, names) -> None:
    for name in names:
        if sc.resolve_syscall(sc.Arch.NATIVE, name) >= 0:  # skip what this architecture lacks
            f.add_rule(sc.KILL_PROCESS, name)


def install_worker_filter() -> None:
    """Stage 1, on the worker itself (inherited by every child): everything in
    :data:`WORKER_STAGE`, writes through open()/openat(), TIOCSTI, others' rlimits."""
    sc, f = _new_filter()
    _kill_all(sc, f, WORKER_STAGE)
    f.add_rule(sc.KILL_PROCESS, "prlimit64", sc.Arg(0, sc.NE, 0))  # only its own limits
    for call, arg in (("open", 1), ("openat", 2)):
        if sc.resolve_syscall(sc.Arch.NATIVE, call) < 0:
            continue
        for bit in WRITE_FLAGS:
            f.add_rule(sc.KILL_PROCESS, call, sc.Arg(arg, sc.MASKED_EQ, bit, bit))
    for request in (TIOCSTI, TIOCLINUX):
        f.add_rule(sc.KILL_PROCESS, "ioctl", sc.Arg(1, sc.EQ, request))
    f.load()


def build_child_filter() -> PreparedFilter:
    """Stage 2, loaded by each child: :data:`CHILD_STAGE`, and signals only to its own pid.

    Compiled once by the worker; small, so that installing it per child is cheap (the kernel
    checks and JIT-compiles every filter it is given)."""
    sc, f = _new_filter()
    _kill_all(sc, f, CHILD_STAGE)
    for name in SELF_ONLY_SYSCALLS:
        f.add_rule(sc.KILL_PROCESS, name, sc.Arg(0, sc.NE, PID_PLACEHOLDER))
    with tempfile.TemporaryFile() as tmp:
        f.export_bpf(tmp)
        tmp.seek(0)
        program = tmp.read()
    return PreparedFilter(program)


def no_new_privs() -> bool:
    """Whether this process has no_new_privs set (inherited by every child, irrevocably)."""
    return _libc.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1


def open_devnull() -> int:
    return os.open(os.devnull, os.O_RDONLY)


def set_limits(*, address_space: int, cpu_s: int, max_files: int) -> None:
    """Lower every limit (soft == hard, except CPU whose hard limit is one second above)."""
    limits = (
        (resource.RLIMIT_AS, address_space, address_space),
        (resource.RLIMIT_CPU, cpu_s, cpu_s + 1),
        (resource.RLIMIT_FSIZE, 0, 0),
        (resource.RLIMIT_NOFILE, max_files, max_files),
        (resource.RLIMIT_NPROC, 0, 0),
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_MEMLOCK, 0, 0),
        (resource.RLIMIT_MSGQUEUE, 0, 0),
    )
    for which, soft, hard in limits:
        resource.setrlimit(which, (soft, hard))


def drop_identity(root_dir: str, is_root: bool) -> None:
    """cwd := ``root_dir``; as root also chroot there and become ``nobody`` (no capabilities)."""
    os.chdir(root_dir)
    if is_root:
        os.chroot(".")
        os.chdir("/")
        os.setgroups([])
        os.setresgid(NOBODY, NOBODY, NOBODY)
        os.setresuid(NOBODY, NOBODY, NOBODY)


def rearm_parent_death(expected_parent: int) -> None:
    """SIGKILL this process when its parent dies (set after the uid change, which clears it)."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != expected_parent:
        os._exit(1)


def can_chroot() -> bool:
    return os.geteuid() == 0
