"""The harness: the only judge code that runs inside the sandbox, next to the submission.

Standard library only. It loads the submission, then answers the judge's requests over a private
copy of the original stdin/stdout pipes; the submission's own stdout is pointed at stderr first, so
nothing it prints can be mistaken for a protocol message. It never decides a verdict: it reports
raw results and timings, and the judge (outside) compares them with the reference.

The submission runs in this very process, so nothing here is secret from it: every reply echoes the
request's id so that a line the submission writes into the protocol pipe is caught as a forgery,
processes it forks never speak the protocol, and the judge believes values, never verdicts.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import resource
import signal
import sys
import time
import traceback  # before the submission loads: it may chroot or unshare, and then nothing imports
import types

TYPE_CHECKING = False  # not typing's: importing typing costs every sandbox start, for annotations only
if TYPE_CHECKING:
    from typing import Any

if __package__:  # imported by the judge's own tests
    from judge import protocol
else:  # run as a script in the sandbox, with protocol.py bound next to it
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import protocol  # type: ignore[no-redef,import-not-found]
for _site in filter(None, os.environ.get("JUDGE_SITE", "").split(os.pathsep)):
    sys.path.append(_site)  # where sortedcontainers is; -S means no site-packages otherwise

HARNESS_FILE = os.path.abspath(__file__)
_HARNESS_DIR = os.path.dirname(HARNESS_FILE)
_PR_SET_CHILD_SUBREAPER = 36
_REAP_SECONDS = 2.0
# Bound before the submission is imported: replacing time.thread_time_ns (or perf_counter) from the
# submission does not reach the harness's clock. Replacing this name is still possible from inside,
# which is why the judge also checks the totals against CPU time it reads from outside the sandbox.
_cpu_ns = time.thread_time_ns


class _Stop(Exception):
    pass


def _supervise() -> None:
    """Process backend only (JUDGE_REAPER=1): bwrap and Docker have a PID namespace that dies with
    the run. Fork; the child goes on as the harness and this process stays behind as a child
    subreaper, so every process the submission starts stays its descendant, even one that
    double-forks and calls setsid to outlive the run. When the harness exits, or the judge sends
    SIGTERM, it kills them all and exits with the harness's status."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except Exception:  # no ctypes: orphans go to init; the judge still kills the process group
        pass
    harness = os.fork()
    if harness == 0:
        return
    # Hold none of the judge's pipes, so that they close when the submission's processes are gone.
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)

    def stop(signum: int, frame: Any) -> None:
        raise _Stop

    signal.signal(signal.SIGTERM, stop)
    status = None
    try:
        while True:
            pid, code = os.waitpid(-1, 0)  # reaps the orphans handed to us on the way
            if pid == harness:
                status = code
                break
    except (_Stop, ChildProcessError):
        pass
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for pid, code in _kill_descendants():
        if pid == harness and status is None:
            status = code
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)  # die the same way, so the judge can name SIGXCPU, SIGSEGV...
        with contextlib.suppress(OSError, ValueError):  # SIGKILL cannot be changed, nor need be
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.WEXITSTATUS(status) if status is not None else 1)


def _kill_descendants() -> list[tuple[int, int]]:
    """SIGKILL every child until none is left: a killed child's children are handed to us (we are
    their subreaper) and are killed in the next round. Returns the (pid, status) pairs reaped."""
    reaped: list[tuple[int, int]] = []
    deadline = time.monotonic() + _REAP_SECONDS
    me = os.getpid()
    while time.monotonic() < deadline:
        for pid in _children(me):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        while True:
            try:
                pid, code = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return reaped  # no child left at all
            if pid == 0:
                break
            reaped.append((pid, code))
        time.sleep(0.005)
    return reaped


def _children(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()  # the name in (...) may hold spaces
        if len(fields) > 1 and int(fields[1]) == parent:
            found.append(int(entry))
    return found


def _take_protocol_pipes() -> tuple[Any, Any]:
    """Keep private copies of fd 0/1 for the protocol and hand the submission harmless ones."""
    # Buffered: only the harness reads this descriptor, and unbuffered readline costs a syscall per
    # byte (a 40 KB request cost 20 ms of the sandbox's CPU).
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)  # print() in the submission lands on stderr, which the judge caps and shows
    sys.stdin = open(0, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
    return proto_in, proto_out


def _user_traceback(exc: BaseException, submission: str) -> str:
    """The traceback as the user would see it running their own file: harness frames removed."""
    tb = exc.__traceback__
    while tb is not None and os.path.dirname(os.path.abspath(tb.tb_frame.f_code.co_filename)) == _HARNESS_DIR:
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    text = "".join(lines).replace(submission, "solution.py")
    return text[-8000:]


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:
        return "<unprintable>"


def _error(exc: BaseException, submission: str) -> dict[str, Any]:
    try:
        message = str(exc)[:2000]
    except Exception:
        message = "<unprintable>"
    error = {
        "ok": False,
        "error_type": type(exc).__name__,
        "error": message,
        "traceback": _user_traceback(exc, submission),
    }
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        error["limit"] = "file_size"  # RLIMIT_FSIZE (SIGXFSZ is ignored): the judge names the limit
    return error


class _Busy:
    """Tells the judge which call of a case is running, so that a time-limit report can name the call
    that hung (docs/protocol.md, `busy`). A timer signal (SIGALRM, every PERIOD seconds while a case
    runs) writes it from the main thread between two bytecodes of the call: no thread, and nothing
    costs a call that returns in time. A call stuck inside one C function that holds the interpreter
    (a huge `sum(range(...))`) gets no line; the judge then names the case, not the call."""

    PERIOD = 0.2

    def __init__(self, out: Any) -> None:
        self.out = out
        self.request_id: Any = None  # set while a run request is in progress, else None
        self.step = 0
        self.told = -1
        try:
            signal.signal(signal.SIGALRM, self._tick)
        except (ValueError, OSError):  # not the main thread (the judge's own tests): never armed
            self.out = None

    def arm(self, request_id: Any) -> None:
        if self.out is not None:
            self.request_id, self.step, self.told = request_id, 0, -1
            signal.setitimer(signal.ITIMER_REAL, self.PERIOD, self.PERIOD)

    def disarm(self) -> None:
        if self.out is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.request_id = None  # a tick already pending when the timer stopped writes nothing

    def _tick(self, signum: int, frame: Any) -> None:
        if self.request_id is None or self.step == self.told:
            return
        self.told = self.step
        try:  # runs inside the submission's call: nothing may escape into it
            protocol.write_message(self.out, {"status": "busy", "step": self.step, "id": self.request_id})
        except Exception:
            self.out = None


class Harness:
    def __init__(self, busy: _Busy | None = None) -> None:
        self.module: types.ModuleType | None = None
        self.entry: dict[str, Any] = {}
        self.submission = ""
        self.instance: Any = None
        self.classes: dict[str, type] = {}  # what "new" and "new:Name" may construct, checked at load
        self.pid = os.getpid()
        self.busy = busy

    def own_process(self) -> None:
        """A process the submission forked must never reach the protocol code again: it would
        answer requests too, and its answers would be read as the harness's. It leaves quietly."""
        if os.getpid() != self.pid:
            os._exit(0)

    def forget(self) -> None:
        """Drop the submission's state, to have memory left for a reply after a MemoryError."""
        self.instance = None
        self.module = None
        self.classes = {}
        sys.modules.pop("solution", None)
        gc.collect()

    # -- loading -----------------------------------------------------------------------------
    def load(self, request: dict[str, Any]) -> dict[str, Any]:
        self.submission = request["path"]
        self.entry = request["entry"]
        try:
            with open(self.submission, "rb") as f:
                source = f.read()
            _check_encoding(source)
            code = compile(source, self.submission, "exec")
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            detail = traceback.format_exception_only(type(exc), exc)
            return {
                "status": "compile_error",
                "error": "".join(detail).replace(self.submission, "solution.py").strip()[-4000:],
            }
        module = types.ModuleType("solution")
        module.__file__ = self.submission
        sys.modules["solution"] = module
        try:
            exec(code, module.__dict__)
        except MemoryError:
            raise  # main() answers "memory"
        except BaseException as exc:  # SystemExit and friends too: the harness must survive them
            self.own_process()
            return {"status": "import_error", **_error(exc, self.submission)}
        self.own_process()
        self.module = module
        missing = self._missing_entry_points(module)
        if missing:
            return {"status": "compile_error", "error": missing}
        return {"status": "ready", "python": sys.version.split()[0]}

    def _missing_entry_points(self, module: types.ModuleType) -> str | None:
        """The first entry point the file lacks, in words with a did-you-mean; None when all are there.
        The entry class (kind "class"), then the functions, then each class a part adds (`classes`)."""
        names = [n for n in vars(module) if not n.startswith("_")]
        self.classes = {}
        wanted: list[tuple[str, list[str]]] = []
        if self.entry["kind"] == "class":
            wanted.append((self.entry["name"], list(self.entry.get("methods") or [])))
        else:
            for fn in self.entry.get("functions") or []:
                if not callable(getattr(module, fn, None)):
                    return _missing("function", fn, names)
        wanted += [(c["name"], list(c.get("methods") or [])) for c in self.entry.get("classes") or []]
        for class_name, methods in wanted:
            cls = getattr(module, class_name, None)
            if not isinstance(cls, type):
                return _missing("class", class_name, names)
            for method in methods:
                if not callable(getattr(cls, method, None)):
                    attrs = [n for n in dir(cls) if not n.startswith("_")]
                    return _missing(f"method {class_name}.", method, attrs)
            self.classes[class_name] = cls
        return None

    # -- executing ---------------------------------------------------------------------------
    def _target(self, call: str) -> Any:
        if _constructs(call):
            name = self.entry.get("name", "") if call == "new" else call[len("new:"):]
            if name not in self.classes:
                raise RuntimeError(f"no class {name!r} to construct: the entry declares "
                                   f"{', '.join(map(repr, self.classes)) or 'none'}")
            return self.classes[name]
        if self.instance is not None:
            return getattr(self.instance, call)
        if self.entry["kind"] == "class":
            raise RuntimeError("no instance: the case must start with a 'new' step")
        return getattr(self.module, call)

    def step(self, step: list[Any]) -> dict[str, Any]:
        call, args = step[0], [protocol.decode_value(a) for a in step[1]]
        try:
            result = self._target(call)(*args)
        except MemoryError:
            raise  # the memory limit, not the submission's error: main() answers "memory"
        except BaseException as exc:
            self.own_process()
            return _error(exc, self.submission)
        self.own_process()
        if _constructs(call):
            self.instance = result
            return {"ok": True, "value": None}
        return {"ok": True, "value": _encode_result(result)}

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        self.instance = None  # a case starts from nothing: the previous case's object is not its state
        results = []
        busy = self.busy
        if busy is not None:
            busy.arm(request.get("id"))
        try:
            for index, step in enumerate(request["steps"]):
                if busy is not None:
                    busy.step = index
                result = self.step(step)
                results.append(result)
                if not result["ok"]:
                    break
        finally:
            if busy is not None:
                busy.disarm()
        return {"status": "ok", "results": results}

    def measure(self, request: dict[str, Any]) -> dict[str, Any]:
        """Grow a state with `setup`, then time (or weigh) each of `items` once.

        `slot` picks which of several live states the request works on, so the judge can keep one
        state per size and visit the sizes in rounds: a burst of load then spoils one round, not one
        size. An item is {"prepare", "timed", "undo", "metric"} (only `timed` is measured; after
        `undo` the state is back where it was) or {"probe": n} (the yardstick at size n). The reply's
        `cpu_ns` is this thread's CPU time for the whole request, which the judge holds against the
        sandbox's CPU time read from outside: a submission that fakes the clock shows up there.
        """
        began = _cpu_ns()
        if "packed" in request:
            request = {**request, **_unpack(request["packed"])}
        store = self._slots()
        previous = self.instance
        slot = request.get("slot")
        if slot is not None:
            self.instance = store["states"].get(slot)
        try:
            reply = self._measure(request, store)
        except MemoryError:
            # The states of every size are what fills the memory: drop them all, so that main()
            # has room to answer "memory" (forget() only knows the current instance).
            store.clear()
            self.__dict__.pop("_measure_store", None)
            raise
        finally:
            if slot is not None:
                if "states" in store:
                    store["states"][slot] = self.instance
                self.instance = previous
        reply["cpu_ns"] = _cpu_ns() - began
        return reply

    def _slots(self) -> dict[str, Any]:
        store: dict[str, Any] | None = self.__dict__.get("_measure_store")
        if store is None:
            store = {"states": {}, "yardsticks": {}}
            self.__dict__["_measure_store"] = store
        return store

    def _measure(self, request: dict[str, Any], store: dict[str, Any]) -> dict[str, Any]:
        # The budget is CPU time, as the judge counts it: a busy machine must not use it up.
        deadline = _cpu_ns() + int(float(request.get("budget", 1e9)) * 1e9)
        error = self._setup(_steps(request.get("setup", [])), deadline)
        if error == "out_of_budget":
            return {"status": "ok", "values": [], "out_of_budget": True}
        if error is not None:
            return {"status": "ok", "error": error}
        values: list[float] = []
        for item in request.get("items", []):
            if "probe" in item:
                probe = self._lookups if item.get("kind") == "lookup" else self._yardstick
                values.append(probe(store, int(item["probe"]), int(item.get("batch", 200))))
                continue
            error, value = self._item(_steps(item.get("prepare", [])), _steps(item.get("timed", [])),
                                      _steps(item.get("undo", [])), item.get("metric", "time"))
            if error is not None:
                return {"status": "ok", "error": error}
            values.append(value)
        return {"status": "ok", "values": values}

    def _setup(self, steps: list[list[Any]], deadline: int) -> dict[str, Any] | str | None:
        """Run setup steps whose results nobody reads: `step` without encoding each result, and
        with the method looked up once per run of calls (building a state of 100k is most of the
        complexity checks' time). A "new" (or "new:Name") step goes through `step`, as it replaces the
        instance."""
        name, fn = None, None
        for index, (call, args) in enumerate(steps):
            if _constructs(call) or call != name:
                if _constructs(call):
                    result = self.step([call, args])
                    if not result["ok"]:
                        return result
                    name = None
                    continue
                name, fn = call, self._bind([call])
            try:
                fn(*[protocol.decode_value(a) for a in args])  # type: ignore[misc]
            except MemoryError:
                raise
            except BaseException as exc:
                self.own_process()
                return _error(exc, self.submission)
            self.own_process()
            if index % 256 == 255 and _cpu_ns() > deadline:
                return "out_of_budget"
        return None

    def _item(self, prepare: list[Any], timed_steps: list[Any], undo: list[Any],
              metric: str) -> tuple[dict[str, Any] | None, float]:
        for step in prepare:
            result = self.step(step)
            if not result["ok"]:
                return result, 0.0
        timed = [(self._bind(s), [protocol.decode_value(a) for a in s[1]]) for s in timed_steps]
        try:
            value = self._time(timed) if metric == "time" else self._weigh(timed)
        except MemoryError:
            raise
        except BaseException as exc:
            self.own_process()
            return _error(exc, self.submission), 0.0
        self.own_process()
        for step in undo:
            result = self.step(step)
            if not result["ok"]:
                return result, 0.0
        return None, value

    def _bind(self, step: list[Any]) -> Any:
        try:
            return self._target(step[0])
        except BaseException:
            return _raise_missing(step[0])

    def _yardstick(self, store: dict[str, Any], n: int, batch: int) -> float:
        """The cost of the cheapest O(n) insert there is (a memmove of half a list of n pointers) on
        this machine, now: the yardstick that tells a linear term apart from cache creep. The list
        lives as long as the states do, so it is as warm (or as cold) as they are."""
        import bisect
        import random

        yardsticks = store["yardsticks"]
        if n not in yardsticks:
            yardsticks[n] = (list(range(0, 2 * n, 2)), random.Random(n))
        items, rng = yardsticks[n]
        keys = [2 * k + 1 for k in rng.sample(range(n), min(batch, n))]
        cost = self._time([(bisect.insort, [items, k]) for k in keys])
        for k in keys:
            del items[bisect.bisect_left(items, k)]
        return cost

    def _lookups(self, store: dict[str, Any], n: int, batch: int) -> float:
        """The cost of a dict lookup at a random key among n: O(1), so all its growth with n is the
        caches' doing. It tells how much creep the machine shows right now (a neighbour trashing the
        caches makes it several times larger at 50k than at 1k)."""
        import random

        tables = store.setdefault("lookups", {})
        if n not in tables:
            keys = [f"k{i}" for i in range(n)]
            tables[n] = ({key: [i] for i, key in enumerate(keys)}, keys, random.Random(-n))
        table, keys, rng = tables[n]
        get = table.__getitem__
        return self._time([(get, [key]) for key in rng.sample(keys, min(batch, n))])

    @staticmethod
    def _time(timed: list[tuple[Any, list[Any]]]) -> float:
        """Seconds per call, in this thread's CPU time: time spent waiting for a core while another
        process runs is not the submission's cost, and a wall clock would count it."""
        gc.disable()  # a collection landing inside one batch is the commonest timing outlier
        try:
            start = _cpu_ns()
            for fn, args in timed:
                fn(*args)
            return (_cpu_ns() - start) / 1e9 / max(1, len(timed))
        finally:
            gc.enable()

    @staticmethod
    def _weigh(timed: list[tuple[Any, list[Any]]]) -> float:
        import tracemalloc

        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for fn, args in timed:
                fn(*args)
            gc.collect()
            return (tracemalloc.get_traced_memory()[0] - before) / max(1, len(timed))
        finally:
            tracemalloc.stop()


def _encode_result(result: Any) -> Any:
    """The returned value's wire form; a value that breaks the encoder (a recursion limit the
    submission lowered, say) is described as such: what it returned, not a fault of the harness."""
    try:
        return protocol.encode_value(result)
    except MemoryError:
        raise
    except Exception as exc:
        return {"$repr": f"<a value that could not be encoded: {type(exc).__name__}>",
                "$type": type(result).__name__[:200]}


def _unpack(packed: str) -> dict[str, Any]:
    """A measure request's body, compressed by the judge (profiling.pack): the protocol pipe is read
    a byte at a time, so the bytes a request takes are most of what building a state of 100k costs."""
    import base64
    import json
    import zlib

    body: dict[str, Any] = json.loads(zlib.decompress(base64.b64decode(packed)))
    return body


def _steps(value: Any) -> list[list[Any]]:
    """Steps as sent: a plain list, or {"columns": [[call, count, [column, ...]], ...]} where a run of
    calls to the same name is sent column by column; a column is {"k": v} (v every time),
    {"d": [first, delta, ...]} (integers by differences: consecutive ids) or {"v": [values]}."""
    if not isinstance(value, dict):
        return list(value)
    steps: list[list[Any]] = []
    for name, count, columns in value["columns"]:
        expanded: list[list[Any]] = []
        for column in columns:
            if "k" in column:
                expanded.append([column["k"]] * count)
            elif "d" in column:
                total, values = 0, []
                for delta in column["d"]:
                    total += delta
                    values.append(total)
                expanded.append(values)
            else:
                expanded.append(column["v"])
        steps += [[name, [c[i] for c in expanded]] for i in range(count)]
    return steps


def _check_encoding(source: bytes) -> None:
    """Reject what `python solution.py` rejects: compile() of bytes lets an invalid byte in a comment
    through, the interpreter reading the file does not."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError:  # a bad first line, or a bad coding cookie, which compile() reports itself
        encoding = "utf-8"
    try:
        source.decode(encoding)
    except UnicodeDecodeError as exc:
        line = source[: exc.start].count(b"\n") + 1
        byte = source[exc.start]
        raise SyntaxError(f"the file is not valid {encoding.upper()}: byte 0x{byte:02x} on line {line} "
                          f"(save it as UTF-8)") from None


def _constructs(call: str) -> bool:
    """Whether a step builds the instance: "new" (the entry class) or "new:Name" (a class by name,
    which parts add next to the entry)."""
    return call == "new" or call.startswith("new:")


def _raise_missing(name: str) -> Any:
    def missing(*args: Any) -> Any:
        raise AttributeError(f"no callable {name!r}")

    return missing


def _missing(what: str, name: str, candidates: list[str]) -> str:
    """"missing class 'EMA'", with the name the user most likely meant: the same name in another case
    first ("names are case-sensitive"), else the closest spelling ("a typo?")."""
    import difflib

    same = [c for c in candidates if c.casefold() == name.casefold()]
    if same:
        hint = f" (found {same[0]!r}: names are case-sensitive)"
    else:
        folded = {c.casefold(): c for c in candidates}
        close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
        hint = f" (found {folded[close[0]]!r}: a typo?)" if close else ""
    return f"missing {what}{name}{hint}" if what.endswith(".") else f"missing {what} {name!r}{hint}"


def main() -> None:
    if os.environ.get("JUDGE_REAPER") == "1":
        _supervise()
        if sys.argv[1:2] == ["--exec"]:
            # The reaper of another language's harness (node cannot fork one of its own): the child
            # becomes that harness, and this harness's parent reaps whatever it starts.
            try:
                os.execv(sys.argv[2], sys.argv[2:])
            finally:
                os._exit(127)
    # Writing past the file-size limit should raise OSError (a runtime error with a traceback),
    # not kill the process with a signal the user cannot see.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    proto_in, proto_out = _take_protocol_pipes()
    nproc = os.environ.get("JUDGE_NPROC")
    if nproc:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NPROC, (int(nproc), int(nproc)))
    harness = Harness(_Busy(proto_out))
    handlers = {"load": harness.load, "run": harness.run, "measure": harness.measure}
    while True:
        try:
            request = protocol.read_message(proto_in)
        except ValueError:
            break
        if request is None or request.get("op") == "exit":
            break
        handler = handlers.get(request.get("op", ""))
        try:
            reply = handler(request) if handler else {"status": "bad_request"}
        except MemoryError:
            # No traceback: formatting one needs memory. The judge kills the sandbox after this.
            harness.forget()
            reply = {"status": "memory"}
        harness.own_process()
        try:
            protocol.write_message(proto_out, {**reply, "id": request.get("id")})
        except MemoryError:
            harness.forget()
            protocol.write_message(proto_out, {"status": "memory", "id": request.get("id")})
        except Exception as exc:  # a value the encoder let through and JSON refused: the judge
            # names it as the submission's doing (runtime_error), with this one line as the detail
            detail = f"{type(exc).__name__}: {_safe_str(exc)}"[:300]
            protocol.write_message(proto_out, {"status": "bad_value", "error": detail, "id": request.get("id")})
    sys.stdout.flush()
    # Threads the submission left running must not keep the sandbox alive.
    os._exit(0)


if __name__ == "__main__":
    main()
