"""Confinement of a freshly forked child, applied before any candidate code runs.

Layers, in the order :func:`omni_arc.sandbox.child.run_child` applies them:

1. its own process group; fds 0..2 on a read-only ``/dev/null``, fd 3 the result pipe, every
   other descriptor closed;
2. an empty directory (one per worker, checked after every child) as cwd and (as root) ``chroot``, then an
   unprivileged uid of its own worker (:func:`drop_identity`: no capabilities, RLIMIT_NPROC binds,
   and no other worker's child shares its uid);
3. Landlock (:func:`landlock_restrict`, where the kernel has it, root or not): no file may be opened,
   read or listed, and (ABI >= 6) no signal may reach a process outside the child's own domain;
4. rlimits: address space, CPU seconds (soft and hard), file size 0, open files, processes 0,
   core dumps 0, locked memory 0, message queues 0; parent-death signal SIGKILL (which the child
   can no longer clear: ``prctl`` is an allow-list of read-only options afterwards);
5. ``no_new_privs`` and seccomp, in two stages: the worker's own filter
   (:func:`install_worker_filter`, inherited) kills networking, exec, ptrace, namespaces and
   mounts, file creation/modification, SysV and POSIX IPC, io_uring, bpf, perf, keyrings, signal
   delivery through descriptors (``fcntl`` ``F_SETOWN``/``F_SETOWN_EX``/``F_SETSIG``, ``ioctl``
   ``FIOSETOWN``/``SIOCSPGRP``), ...; the child's filter (:func:`build_child_filter`, a BPF program
   written here, compiled once per worker, the child's pid patched in) adds process creation,
   identity changes, signals to other processes and every ``prctl`` option outside
   :data:`PRCTL_ALLOWED`.

The seccomp filter is the security boundary together with chroot/uid/Landlock/rlimits; the
Python-level audit hook installed by :mod:`omni_arc.sandbox.child` only names what was attempted.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import struct

# prctl options / seccomp constants (linux/prctl.h, linux/seccomp.h)
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_NAME = 15
PR_SET_SECCOMP = 22
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_GET_NO_NEW_PRIVS = 39
SECCOMP_MODE_FILTER = 2

NOBODY = 65534
# As root, the children of worker number k run as uid CHILD_UID_BASE + k (and the same gid): no
# user of the machine, no file, no other worker's child has it. (The kernel checks uids before
# letting one process signal another, through kill() or through a descriptor's owner.)
CHILD_UID_BASE = 1_999_900_000
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
# prctl options a child may still use once its filter is on (all read-only, or naming only): any
# other option (PR_SET_PDEATHSIG above all: a child that clears it outlives its worker) kills it.
PRCTL_ALLOWED = {
    "PR_GET_PDEATHSIG": 2, "PR_GET_DUMPABLE": 3, "PR_SET_NAME": 15, "PR_GET_NAME": 16,
    "PR_GET_SECCOMP": 21, "PR_CAPBSET_READ": 23, "PR_GET_TIMERSLACK": 30,
    "PR_GET_NO_NEW_PRIVS": 39, "PR_GET_THP_DISABLE": 42, "PR_SET_VMA": 0x53564D41,
}
# fcntl commands that make the kernel signal a chosen process when a descriptor becomes ready
# (O_ASYNC): they would reach other processes around the kill() rule.
FCNTL_SIGNAL_OWNER = {"F_SETOWN": 8, "F_SETSIG": 10, "F_SETOWN_EX": 15}
# open()/openat() with any of these flag bits (writing, creating, truncating, appending, tmpfile).
WRITE_FLAGS = (os.O_WRONLY, os.O_RDWR, os.O_CREAT, os.O_TRUNC, os.O_APPEND, 0o20000000)
TIOCSTI = 0x5412
TIOCLINUX = 0x541C
FIOSETOWN = 0x8901
SIOCSPGRP = 0x8902
TIOCSPGRP = 0x5410
LOW32 = 0xFFFF_FFFF  # int arguments: the kernel reads only the low 32 bits of the register


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
    :data:`WORKER_STAGE`, writes through open()/openat(), TIOCSTI, others' rlimits, and
    signal delivery through a descriptor's owner (:data:`FCNTL_SIGNAL_OWNER`, ``FIOSETOWN``)."""
    sc, f = _new_filter()
    _kill_all(sc, f, WORKER_STAGE)
    f.add_rule(sc.KILL_PROCESS, "prlimit64", sc.Arg(0, sc.NE, 0))  # only its own limits
    for call, arg in (("open", 1), ("openat", 2)):
        if sc.resolve_syscall(sc.Arch.NATIVE, call) < 0:
            continue
        for bit in WRITE_FLAGS:
            f.add_rule(sc.KILL_PROCESS, call, sc.Arg(arg, sc.MASKED_EQ, bit, bit))
    for request in (TIOCSTI, TIOCLINUX, FIOSETOWN, SIOCSPGRP, TIOCSPGRP):
        f.add_rule(sc.KILL_PROCESS, "ioctl", sc.Arg(1, sc.MASKED_EQ, LOW32, request))
    for cmd in FCNTL_SIGNAL_OWNER.values():
        f.add_rule(sc.KILL_PROCESS, "fcntl", sc.Arg(1, sc.MASKED_EQ, LOW32, cmd))
    f.load()


# Classic BPF opcodes and seccomp return values (linux/filter.h, linux/seccomp.h).
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
RET_KILL_PROCESS, RET_ALLOW = 0x8000_0000, 0x7FFF_0000
_NR, _ARCH = 0, 4  # offsets in struct seccomp_data; args[i] at 16 + 8 i (low word first)
X32_SYSCALL_BIT = 0x4000_0000


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k)


def child_filter_program(arch: int, killed: list[int], self_only: list[int], prctl_nr: int,
                         prctl_allowed: list[int], x32: bool) -> bytes:
    """The child's BPF program: kill ``killed``, allow ``self_only`` only with first argument
    :data:`PID_PLACEHOLDER`, ``prctl`` only with an option in ``prctl_allowed``, allow the rest.

    >>> prog = child_filter_program(0xC000003E, [57], [62], 157, [16], x32=True)
    >>> len(prog) // 8, prog.count(struct.pack("<I", PID_PLACEHOLDER))
    (16, 1)
    """
    body: list[tuple] = []  # (code, k, jt_label, jf_label); labels: int offset, "kill", "allow", name
    body.append((_LD_W_ABS, _ARCH, None, None))
    body.append((_JEQ_K, arch, 0, "kill"))
    body.append((_LD_W_ABS, _NR, None, None))
    if x32:
        body.append((_JGE_K, X32_SYSCALL_BIT, "kill", 0))
    for nr in killed:
        body.append((_JEQ_K, nr, "kill", 0))
    for nr in self_only:
        body.append((_JEQ_K, nr, "self", 0))
    body.append((_JEQ_K, prctl_nr, "prctl", 0))
    body.append((_RET_K, RET_ALLOW, None, None))
    labels = {"self": len(body)}
    body.append((_LD_W_ABS, 16 + 4, None, None))  # args[0], high word: a pid has none
    body.append((_JEQ_K, 0, 0, "kill"))
    body.append((_LD_W_ABS, 16, None, None))  # args[0], low word
    body.append((_JEQ_K, PID_PLACEHOLDER, "allow", "kill"))
    labels["prctl"] = len(body)
    body.append((_LD_W_ABS, 16, None, None))  # the option is an int: the low word is what counts
    for option in prctl_allowed:
        body.append((_JEQ_K, option, "allow", 0))
    labels["kill"] = len(body)
    body.append((_RET_K, RET_KILL_PROCESS, None, None))
    labels["allow"] = len(body)
    body.append((_RET_K, RET_ALLOW, None, None))
    out = []
    for i, (code, k, jt, jf) in enumerate(body):
        def rel(target):
            if target is None or isinstance(target, int):
                return target or 0
            off = labels[target] - i - 1
            if not 0 <= off <= 255:
                raise ValueError("BPF jump out of range")
            return off
        out.append(_insn(code, k, rel(jt), rel(jf)))
    return b"".join(out)


def build_child_filter() -> PreparedFilter:
    """Stage 2, loaded by each child: :data:`CHILD_STAGE`, signals only to its own pid, ``prctl``
    only with the options of :data:`PRCTL_ALLOWED`.

    Compiled once by the worker; small, so that installing it per child is cheap (the kernel
    checks and JIT-compiles every filter it is given). Written here rather than with libseccomp,
    which cannot express "the low 32 bits of an argument are none of these values"."""
    import pyseccomp as sc

    def nr(name: str) -> int:
        return sc.resolve_syscall(sc.Arch.NATIVE, name)

    killed = [n for n in map(nr, CHILD_STAGE) if n >= 0]
    self_only = [n for n in map(nr, SELF_ONLY_SYSCALLS) if n >= 0]
    arch = sc.system_arch()
    program = child_filter_program(arch, killed, self_only, nr("prctl"), sorted(PRCTL_ALLOWED.values()),
                                   x32=arch == 0xC000003E)  # AUDIT_ARCH_X86_64
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


def drop_identity(root_dir: str, uid: int | None) -> None:
    """cwd := ``root_dir``; with ``uid`` (as root) also chroot there and become ``uid`` (and gid
    ``uid``, no supplementary groups, no capabilities)."""
    os.chdir(root_dir)
    if uid is not None:
        os.chroot(".")
        os.chdir("/")
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)


def rearm_parent_death(expected_parent: int) -> None:
    """SIGKILL this process when its parent dies (set after the uid change, which clears it).
    ``expected_parent`` is the parent's pid as this process sees it (0 when the parent is outside
    its PID namespace)."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != expected_parent:
        os._exit(1)


def can_chroot() -> bool:
    return os.geteuid() == 0


# --- PID namespace --------------------------------------------------------------------------------
CLONE_NEWUSER = 0x1000_0000
CLONE_NEWPID = 0x2000_0000
NS_INIT_NAME = b"omni-ns-init"  # the command name of the process that holds a worker's namespace


def new_pid_namespace(is_root: bool) -> bool:
    """Make this process's next child the first of a new PID namespace (as non-root, inside a new
    user namespace that maps only this user and group). False where the kernel refuses.

    Processes in the namespace see no process outside it (the worker included: their parent pid
    reads 0), so they cannot name, probe or signal one; when its first process dies, the kernel
    kills every other."""
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWPID | (0 if is_root else CLONE_NEWUSER)
    if _libc.unshare(flags) != 0:
        return False
    if not is_root:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as f:
                f.write(text)
    return True


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


def drop_capabilities() -> None:
    """Empty this process's capability sets (those a new user namespace gave it)."""
    header = _CapHeader(0x2008_0522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (ctypes.c_uint32 * 6)()  # two {effective, permitted, inheritable}, all zero
    if _libc.syscall(_syscall_nr("capset"), ctypes.byref(header), ctypes.byref(data)) != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"capset: {os.strerror(e)}")


# --- Landlock (linux/landlock.h) ---------------------------------------------------------------
_LANDLOCK_CREATE_RULESET_VERSION = 1
# handled_access_fs rights by ABI version: every filesystem right the kernel knows
_FS_RIGHTS = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_NET_RIGHTS = 0b11  # bind and connect TCP (ABI >= 4)
_SCOPES = 0b11  # abstract unix sockets and signals (ABI >= 6)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


def _syscall_nr(name: str) -> int:
    import pyseccomp as sc

    return sc.resolve_syscall(sc.Arch.NATIVE, name)


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when it has none (or it is disabled)."""
    nr = _syscall_nr("landlock_create_ruleset")
    if nr < 0:
        return 0
    v = _libc.syscall(nr, None, ctypes.c_size_t(0), ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION))
    return max(0, v)


class Landlock:
    """A Landlock ruleset with no rule: once applied, no file can be opened, read, listed or
    written, and (ABI >= 6) no signal reaches a process outside the caller's domain. Prepared once
    by the worker; :meth:`apply` is what a child runs (needs no_new_privs, which it has)."""

    def __init__(self, abi: int):
        self.abi = abi
        fs = _FS_RIGHTS[max(k for k in _FS_RIGHTS if k <= abi)]
        self.attr = _RulesetAttr(fs, _NET_RIGHTS if abi >= 4 else 0, _SCOPES if abi >= 6 else 0)
        # the structure grew: ABI 1-3 know the fs field only, 4-5 add net, 6 adds scoped
        self.size = 24 if abi >= 6 else 16 if abi >= 4 else 8
        self.nr_create = _syscall_nr("landlock_create_ruleset")
        self.nr_restrict = _syscall_nr("landlock_restrict_self")

    @property
    def scopes_signals(self) -> bool:
        return self.abi >= 6

    def apply(self) -> None:
        fd = _libc.syscall(self.nr_create, ctypes.byref(self.attr), ctypes.c_size_t(self.size),
                           ctypes.c_uint32(0))
        if fd < 0:
            e = ctypes.get_errno()
            raise OSError(e, f"landlock_create_ruleset: {os.strerror(e)}")
        try:
            if _libc.syscall(self.nr_restrict, fd, ctypes.c_uint32(0)) != 0:
                e = ctypes.get_errno()
                raise OSError(e, f"landlock_restrict_self: {os.strerror(e)}")
        finally:
            os.close(fd)


def landlock_ruleset() -> Landlock | None:
    """A :class:`Landlock` for this kernel, or None when it has no Landlock."""
    abi = landlock_abi()
    return Landlock(abi) if abi >= 1 else None
