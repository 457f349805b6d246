"""The harness: the only judge code that runs inside the sandbox, next to the submission.

Standard library only. It loads the submission, then answers the judge's requests over a private
copy of the original stdin/stdout pipes; the submission's own stdout is pointed at stderr first, so
nothing it prints can be mistaken for a protocol message. It never decides a verdict: it reports
raw results and timings, and the judge (outside) compares them with the reference.
"""

from __future__ import annotations

import gc
import os
import resource
import signal
import sys
import time
import traceback
import types
from typing import Any

if __package__:  # imported by the judge's own tests
    from judge import protocol
else:  # run as a script in the sandbox, with protocol.py bound next to it
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import protocol  # type: ignore[no-redef]
for _site in filter(None, os.environ.get("JUDGE_SITE", "").split(os.pathsep)):
    sys.path.append(_site)  # where sortedcontainers is; -S means no site-packages otherwise

HARNESS_FILE = os.path.abspath(__file__)
_HARNESS_DIR = os.path.dirname(HARNESS_FILE)


def _take_protocol_pipes() -> tuple[Any, Any]:
    """Keep private copies of fd 0/1 for the protocol and hand the submission harmless ones."""
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
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


def _error(exc: BaseException, submission: str) -> dict[str, Any]:
    try:
        message = str(exc)[:2000]
    except Exception:
        message = "<unprintable>"
    return {
        "ok": False,
        "error_type": type(exc).__name__,
        "error": message,
        "traceback": _user_traceback(exc, submission),
    }


class Harness:
    def __init__(self, out: Any) -> None:
        self.out = out
        self.module: types.ModuleType | None = None
        self.entry: dict[str, Any] = {}
        self.submission = ""
        self.instance: Any = None

    # -- loading -----------------------------------------------------------------------------
    def load(self, request: dict[str, Any]) -> dict[str, Any]:
        self.submission = request["path"]
        self.entry = request["entry"]
        try:
            with open(self.submission, "rb") as f:
                source = f.read()
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
        except MemoryError as exc:
            return {"status": "memory", **_error(exc, self.submission)}
        except BaseException as exc:  # SystemExit and friends too: the harness must survive them
            return {"status": "import_error", **_error(exc, self.submission)}
        self.module = module
        missing = self._missing_entry_points(module)
        if missing:
            return {"status": "compile_error", "error": missing}
        return {"status": "ready", "python": sys.version.split()[0]}

    def _missing_entry_points(self, module: types.ModuleType) -> str | None:
        names = [n for n in vars(module) if not n.startswith("_")]
        if self.entry["kind"] == "class":
            cls = getattr(module, self.entry["name"], None)
            if not isinstance(cls, type):
                return _missing("class", self.entry["name"], names)
            for method in self.entry.get("methods", []):
                if not callable(getattr(cls, method, None)):
                    attrs = [n for n in dir(cls) if not n.startswith("_")]
                    return _missing(f"method {self.entry['name']}.", method, attrs)
            return None
        for fn in self.entry.get("functions", []):
            if not callable(getattr(module, fn, None)):
                return _missing("function", fn, names)
        return None

    # -- executing ---------------------------------------------------------------------------
    def _target(self, call: str) -> Any:
        if call == "new":
            return getattr(self.module, self.entry["name"])
        if self.entry["kind"] == "class":
            if self.instance is None:
                raise RuntimeError("no instance: the case must start with a 'new' step")
            return getattr(self.instance, call)
        return getattr(self.module, call)

    def step(self, step: list[Any]) -> dict[str, Any]:
        call, args = step[0], [protocol.decode_value(a) for a in step[1]]
        try:
            result = self._target(call)(*args)
        except BaseException as exc:
            return _error(exc, self.submission)
        if call == "new":
            self.instance = result
            return {"ok": True, "value": None}
        return {"ok": True, "value": protocol.encode_value(result)}

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        results = []
        for step in request["steps"]:
            result = self.step(step)
            results.append(result)
            if not result["ok"]:
                break
        return {"status": "ok", "results": results}

    def measure(self, request: dict[str, Any]) -> dict[str, Any]:
        """Grow the state with `setup`, then time (or weigh) `timed` `repeat` times, undoing each time."""
        deadline = time.monotonic() + float(request.get("budget", 1e9))
        for index, step in enumerate(request.get("setup", [])):
            result = self.step(step)
            if not result["ok"]:
                return {"status": "ok", "error": result}
            if index % 64 == 63 and time.monotonic() > deadline:
                return {"status": "ok", "values": [], "out_of_budget": True}
        timed = [(self._bind(s), [protocol.decode_value(a) for a in s[1]]) for s in request["timed"]]
        undo = request.get("undo", [])
        metric = request.get("metric", "time")
        values: list[float] = []
        for _ in range(int(request.get("repeat", 5))):
            try:
                values.append(self._time(timed) if metric == "time" else self._weigh(timed))
            except BaseException as exc:
                return {"status": "ok", "error": _error(exc, self.submission)}
            for step in undo:
                result = self.step(step)
                if not result["ok"]:
                    return {"status": "ok", "error": result}
        return {"status": "ok", "values": values}

    def _bind(self, step: list[Any]) -> Any:
        try:
            return self._target(step[0])
        except BaseException:
            return _raise_missing(step[0])

    def probe(self, request: dict[str, Any]) -> dict[str, Any]:
        """The cost of the cheapest O(n) insert there is (a memmove of half a list of n pointers) on
        this machine, now: the yardstick that tells growth from a linear step apart from cache noise."""
        import bisect
        import random

        n, batch = int(request["n"]), int(request.get("batch", 200))
        items = list(range(0, 2 * n, 2))
        rng = random.Random(n)
        best = float("inf")
        for _ in range(int(request.get("repeat", 5))):
            keys = [2 * k + 1 for k in rng.sample(range(n), min(batch, n))]
            timed = [(bisect.insort, [items, k]) for k in keys]
            best = min(best, self._time(timed))
            for k in keys:
                del items[bisect.bisect_left(items, k)]
        return {"status": "ok", "values": [best]}

    @staticmethod
    def _time(timed: list[tuple[Any, list[Any]]]) -> float:
        gc.disable()  # a collection landing inside one batch is the commonest timing outlier
        try:
            start = time.perf_counter()
            for fn, args in timed:
                fn(*args)
            return (time.perf_counter() - start) / max(1, len(timed))
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


def _raise_missing(name: str) -> Any:
    def missing(*args: Any) -> Any:
        raise AttributeError(f"no callable {name!r}")

    return missing


def _missing(what: str, name: str, candidates: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    hint = f" (found {close[0]!r}: names are case-sensitive)" if close else ""
    return f"missing {what}{name}{hint}" if what.endswith(".") else f"missing {what} {name!r}{hint}"


def main() -> None:
    # Writing past the file-size limit should raise OSError (a runtime error with a traceback),
    # not kill the process with a signal the user cannot see.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    proto_in, proto_out = _take_protocol_pipes()
    nproc = os.environ.get("JUDGE_NPROC")
    if nproc:
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (int(nproc), int(nproc)))
        except (ValueError, OSError):
            pass
    harness = Harness(proto_out)
    handlers = {"load": harness.load, "run": harness.run, "measure": harness.measure, "probe": harness.probe}
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
        except MemoryError as exc:
            reply = {"status": "memory", **_error(exc, harness.submission)}
        try:
            protocol.write_message(proto_out, reply)
        except (MemoryError, TypeError, ValueError) as exc:
            protocol.write_message(proto_out, {"status": "memory" if isinstance(exc, MemoryError) else "bad_value"})
    sys.stdout.flush()
    # Threads the submission left running must not keep the sandbox alive.
    os._exit(0)


if __name__ == "__main__":
    main()
