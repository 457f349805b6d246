"""The syscall denylist every isolated backend applies, as a classic BPF program (bwrap's `--seccomp
FD`) and as a Docker seccomp profile (the same calls, the same errors).

Why a denylist and not an allowlist: the submission's interpreter (CPython today, node later) needs a
few hundred ordinary calls that differ between runtimes and libc versions; what must never be
reachable is a short, stable list: the calls that change namespaces, mounts, other processes, the
kernel itself, or open large attack surfaces (io_uring, bpf, perf, userfaultfd, keyrings). Each
returns EPERM, so the submission gets an ordinary OSError (a runtime error whose traceback names the
call) and the run goes on being judged. clone3 returns ENOSYS instead: its flags live in a struct a
BPF filter cannot read, and on ENOSYS libc falls back to clone, whose flags it can.

No libseccomp binding: the program is assembled here (struct sock_filter, linux/filter.h), which
needs nothing installed and is small enough to read in full (`program()`).
"""

from __future__ import annotations

import errno
import json
import platform
import struct
from dataclasses import dataclass

# linux/filter.h, linux/seccomp.h, linux/audit.h
_BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_BPF_JSET_K = 0x45  # BPF_JMP | BPF_JSET | BPF_K
_BPF_RET_K = 0x06  # BPF_RET | BPF_K
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
_OFFSET_NR, _OFFSET_ARCH, _OFFSET_ARG0 = 0, 4, 16  # struct seccomp_data; arg0's low half (little-endian)
_X32_SYSCALL_BIT = 0x40000000

# CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME
NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x80


@dataclass(frozen=True)
class Arch:
    name: str  # platform.machine()
    audit: int  # AUDIT_ARCH_*: the value seccomp_data.arch holds for this ABI
    docker: tuple[str, ...]  # libseccomp's names for the ABIs a process of this machine can use
    numbers: dict[str, int]
    x32: bool = False  # x86_64: syscalls with bit 30 set are the x32 ABI, same audit arch


# Denied with EPERM. Grouped by why; most also need a capability the sandbox does not have, and are
# here so that a kernel bug in their permission checks is not reachable either.
DENIED = (
    # namespaces and mounts: the sandbox's own walls
    "mount", "umount2", "pivot_root", "chroot", "setns", "unshare",
    "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
    # other processes' memory (the harness's included), and file handles that bypass paths
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "name_to_handle_at", "open_by_handle_at",
    # large kernel attack surfaces a submission never needs
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "keyctl", "add_key", "request_key", "fanotify_init", "lookup_dcookie",
    # the machine itself
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "quotactl_fd", "syslog", "vhangup", "settimeofday",
    "clock_settime", "iopl", "ioperm", "uselib", "create_module", "get_kernel_syms", "query_module",
    "nfsservctl", "_sysctl",
)
ENOSYS_CALLS = ("clone3",)
FLAG_CHECKED = ("clone",)  # denied when arg 0 carries a namespace flag; fork and threads pass

_X86_64 = {
    "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "setns": 308, "unshare": 272,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312,
    "pidfd_getfd": 438, "name_to_handle_at": 303, "open_by_handle_at": 304, "bpf": 321,
    "perf_event_open": 298, "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "keyctl": 250, "add_key": 248, "request_key": 249, "fanotify_init": 300,
    "lookup_dcookie": 212, "kexec_load": 246, "kexec_file_load": 320, "init_module": 175,
    "finit_module": 313, "delete_module": 176, "reboot": 169, "swapon": 167, "swapoff": 168, "acct": 163,
    "quotactl": 179, "quotactl_fd": 443, "syslog": 103, "vhangup": 153, "settimeofday": 164,
    "clock_settime": 227, "iopl": 172, "ioperm": 173, "uselib": 134, "create_module": 174,
    "get_kernel_syms": 177, "query_module": 178, "nfsservctl": 180, "_sysctl": 156,
    "clone": 56, "clone3": 435,
}
# The generic table (asm-generic/unistd.h); the legacy x86-only calls do not exist here.
_AARCH64 = {
    "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51, "setns": 268, "unshare": 97,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "kcmp": 272,
    "pidfd_getfd": 438, "name_to_handle_at": 264, "open_by_handle_at": 265, "bpf": 280,
    "perf_event_open": 241, "userfaultfd": 282, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "keyctl": 219, "add_key": 217, "request_key": 218, "fanotify_init": 262,
    "lookup_dcookie": 18, "kexec_load": 104, "kexec_file_load": 294, "init_module": 105,
    "finit_module": 273, "delete_module": 106, "reboot": 142, "swapon": 224, "swapoff": 225, "acct": 89,
    "quotactl": 60, "quotactl_fd": 443, "syslog": 116, "vhangup": 58, "settimeofday": 170,
    "clock_settime": 112, "clone": 220, "clone3": 435,
}
ARCHES = {
    "x86_64": Arch("x86_64", 0xC000003E, ("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), _X86_64,
                   x32=True),
    "aarch64": Arch("aarch64", 0xC00000B7, ("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), _AARCH64),
}
ARCHES["amd64"] = ARCHES["x86_64"]
ARCHES["arm64"] = ARCHES["aarch64"]


def native() -> Arch | None:
    """This machine's architecture, or None where no table exists (the backends then say so)."""
    return ARCHES.get(platform.machine().lower())


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def program(arch: Arch | None = None) -> bytes:
    """The filter as bwrap reads it from `--seccomp FD`: an array of struct sock_filter.

    Every check is a JEQ that falls through to the next check, followed by its RET: no jump
    offsets to get wrong when the list changes.
    """
    arch = arch or native()
    if arch is None:
        raise ValueError(f"no seccomp syscall table for {platform.machine()!r}")
    deny = SECCOMP_RET_ERRNO | errno.EPERM
    code = [
        # Another ABI (i386 via int 0x80 on x86_64, arm32 compat) numbers its syscalls differently:
        # none of the numbers below would mean anything there, so every call of it fails.
        _insn(_BPF_LD_W_ABS, _OFFSET_ARCH),
        _insn(_BPF_JEQ_K, arch.audit, jt=1),
        _insn(_BPF_RET_K, deny),
        _insn(_BPF_LD_W_ABS, _OFFSET_NR),
    ]
    if arch.x32:  # x32 shares the x86_64 audit arch; its numbers carry bit 30
        code += [_insn(_BPF_JGE_K, _X32_SYSCALL_BIT, jf=1), _insn(_BPF_RET_K, deny)]
    for name in DENIED:
        if name in arch.numbers:
            code += [_insn(_BPF_JEQ_K, arch.numbers[name], jf=1), _insn(_BPF_RET_K, deny)]
    for name in ENOSYS_CALLS:
        code += [_insn(_BPF_JEQ_K, arch.numbers[name], jf=1), _insn(_BPF_RET_K, SECCOMP_RET_ERRNO | errno.ENOSYS)]
    for name in FLAG_CHECKED:
        # The accumulator is overwritten by the flags, so this block ends in a RET either way.
        code += [
            _insn(_BPF_JEQ_K, arch.numbers[name], jf=4),
            _insn(_BPF_LD_W_ABS, _OFFSET_ARG0),
            _insn(_BPF_JSET_K, NAMESPACE_FLAGS, jf=1),
            _insn(_BPF_RET_K, deny),
            _insn(_BPF_RET_K, SECCOMP_RET_ALLOW),
        ]
    code.append(_insn(_BPF_RET_K, SECCOMP_RET_ALLOW))
    return b"".join(code)


def docker_profile(arch: Arch | None = None) -> str:
    """The same denylist as a Docker seccomp profile (the JSON `--security-opt seccomp=` takes).

    Docker's own default profile is an allowlist, but it still allows ptrace (kernels >= 4.8) and,
    before Engine 25, the io_uring calls; a profile given replaces it, so this one is complete on its
    own: everything allowed but the same calls the bwrap filter denies, with the same errors.
    """
    arch = arch or native()
    if arch is None:
        raise ValueError(f"no seccomp syscall table for {platform.machine()!r}")
    rules: list[dict[str, object]] = [
        {"names": list(DENIED), "action": "SCMP_ACT_ERRNO", "errnoRet": errno.EPERM},
        {"names": list(ENOSYS_CALLS), "action": "SCMP_ACT_ERRNO", "errnoRet": errno.ENOSYS},
    ]
    # libseccomp compares masked values for equality only, so "any namespace flag set" is one rule
    # per flag (rules are ORed, the conditions inside one rule ANDed).
    for bit in range(32):
        flag = 1 << bit
        if NAMESPACE_FLAGS & flag:
            rules.append({"names": list(FLAG_CHECKED), "action": "SCMP_ACT_ERRNO", "errnoRet": errno.EPERM,
                          "args": [{"index": 0, "value": flag, "valueTwo": flag, "op": "SCMP_CMP_MASKED_EQ"}]})
    profile = {"defaultAction": "SCMP_ACT_ALLOW", "architectures": list(arch.docker), "syscalls": rules}
    return json.dumps(profile, separators=(",", ":"))
