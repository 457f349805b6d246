"""Attaches to another process of the sandbox with ptrace (PTRACE_SEIZE: the tracee is not stopped)
and reads its memory with process_vm_readv: how a submission would read or rewrite the harness, or a
sandbox's PID 1. Only its own forked child is targeted, so nothing outside is touched even where
this is not contained."""

import ctypes
import os
import signal
import time

TOKEN = "__TOKEN__"  # the test puts a unique name here, to find leftover processes by
with open("/proc/self/comm", "w") as _comm:
    _comm.write(TOKEN)
# The marker the test looks for, kept off the line that raises: a traceback quotes that line.
MARK = "LEAK"

PTRACE_SEIZE, PTRACE_DETACH = 0x4206, 17
libc = ctypes.CDLL(None, use_errno=True)
child = os.fork()
if child == 0:
    time.sleep(30)
    os._exit(0)
worked, denied = [], []
if libc.ptrace(PTRACE_SEIZE, child, None, None) == 0:
    worked.append("ptrace")
    print("LEAK ptrace(PTRACE_SEIZE) of another process worked")
    libc.ptrace(PTRACE_DETACH, child, None, None)
else:
    denied.append(f"ptrace: {os.strerror(ctypes.get_errno())}")


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


buf = ctypes.create_string_buffer(16)
local = IoVec(ctypes.cast(buf, ctypes.c_void_p), 16)
remote = IoVec(ctypes.cast(buf, ctypes.c_void_p), 16)  # the same address in the forked copy
if libc.process_vm_readv(child, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) >= 0:
    worked.append("process_vm_readv")
    print("LEAK process_vm_readv of another process worked")
else:
    denied.append(f"process_vm_readv: {os.strerror(ctypes.get_errno())}")
os.kill(child, signal.SIGKILL)
os.waitpid(child, 0)
raise RuntimeError(f"{MARK + ' ' if worked else ''}worked: {worked}; denied: {denied}")
