"""The seccomp program itself, loaded into a plain child process (no sandbox needed): the denied calls
fail with EPERM, clone3 with ENOSYS, and what a submission needs (fork, threads, subprocess) works."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from judge.sandbox import seccomp

pytestmark = pytest.mark.skipif(sys.platform != "linux" or seccomp.native() is None,
                                reason="seccomp filters are Linux's, and need a syscall table for this machine")

# Runs in the child: load the filter (as bwrap does: no_new_privs first), then try things.
CHILD = textwrap.dedent('''
    import ctypes, errno, json, os, subprocess, sys, threading
    libc = ctypes.CDLL(None, use_errno=True)
    program = sys.stdin.buffer.read()

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]

    PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
    assert libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
    prog = Prog(len(program) // 8, program)
    assert libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0, ctypes.get_errno()
    numbers = json.loads(sys.argv[1])

    def call(name, *args):
        ctypes.set_errno(0)
        result = libc.syscall(numbers[name], *args)
        return "ok" if result >= 0 else errno.errorcode[ctypes.get_errno()]

    seen = {
        "mount": call("mount", None, None, None, 0, None),
        "unshare_user": call("unshare", 0x10000000),
        "unshare_files": call("unshare", 0x400),  # unshare is refused whatever its flags
        "clone_newuser": call("clone", 0x10000000 | 17, None, None, None, None),
        "clone3": call("clone3", None, 0),
        "ptrace": call("ptrace", 0x4206, 1, None, None),
        "io_uring_setup": call("io_uring_setup", 1, None),
        "keyctl": call("keyctl", 0, 0),
        "bpf": call("bpf", 0, None, 0),
        "setns": call("setns", -1, 0),
        "chroot": call("chroot", None),
    }
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    seen["fork"] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    box = []
    thread = threading.Thread(target=box.append, args=(1,))
    thread.start()
    thread.join()
    seen["thread"] = box
    seen["subprocess"] = subprocess.run(["true"]).returncode
    print(json.dumps(seen))
''')


def run_filtered() -> dict[str, object]:
    arch = seccomp.native()
    assert arch is not None
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(arch.numbers)], input=seccomp.program(),
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return dict(json.loads(done.stdout))


def test_denied_calls_fail_with_eperm_and_clone3_with_enosys() -> None:
    seen = run_filtered()
    for name in ("mount", "unshare_user", "unshare_files", "clone_newuser", "ptrace", "io_uring_setup", "keyctl", "bpf",
                 "setns", "chroot"):
        assert seen[name] == "EPERM", (name, seen[name])
    assert seen["clone3"] == "ENOSYS"  # so that libc falls back to clone, whose flags are checked


def test_what_a_submission_needs_still_works() -> None:
    seen = run_filtered()
    assert seen["fork"] == 7
    assert seen["thread"] == [1]
    assert seen["subprocess"] == 0


def test_program_shape() -> None:
    program = seccomp.program()
    assert len(program) % 8 == 0 and len(program) // 8 < 4096  # BPF_MAXINSNS
    for arch in {id(a): a for a in seccomp.ARCHES.values()}.values():
        assert set(seccomp.DENIED) | set(seccomp.ENOSYS_CALLS) | set(seccomp.FLAG_CHECKED) >= {
            n for n in arch.numbers}
        seccomp.program(arch)  # every architecture's table assembles
