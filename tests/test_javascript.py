"""JavaScript submissions: names, rendering, and the Node harness judged end to end.

The end-to-end tests judge through the real default sandbox (bwrap here); tests/test_samples.py
judges every JavaScript sample file the same way.
"""

from __future__ import annotations

import subprocess
import zlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import pytest

from judge import languages, problems
from judge.correctness import CaseFailed, counterexample
from judge.judging import Options, judge_file
from judge.languages.javascript import JavaScript
from judge.models import Report, StepResult, Verdict

from .conftest import PROBLEMS, ROOT

JS = languages.by_name("javascript")
needs_node = pytest.mark.skipif(JS.runtime() is None, reason=JS.missing())


def judge_js(problem: str, path: Path, **options: object) -> Report:
    """judge_file through the real default sandbox, without touching the failure cache."""
    options.setdefault("remember_failures", False)
    return judge_file(problem, path, Options(**options))  # type: ignore[arg-type]


# -- names and rendering (no node needed) ----------------------------------------------------------

def test_names_are_camel_case() -> None:
    assert JS.member_name("best_bid") == "bestBid"
    assert JS.member_name("liquidation_price") == "liquidationPrice"
    assert JS.member_name("flush") == "flush"
    assert JS.member_name("_private_name") == "_privateName"


def test_aliases_and_extensions() -> None:
    assert languages.by_name("js") is JS
    for name in ("a.js", "a.mjs", "a.cjs"):
        assert languages.for_path(Path(name)) is JS


def test_requests_are_translated_once_on_the_wire() -> None:
    load = JS.wire_request({"op": "load", "entry": {"kind": "class", "name": "OrderBook",
                                                    "methods": ["submit", "best_bid"]}})
    assert load["entry"]["methods"] == ["submit", "bestBid"]
    assert load["entry"]["name"] == "OrderBook"
    measure = JS.wire_request({"op": "measure", "setup": [["new", []], ["best_ask", []]],
                               "timed": [["best_bid", []]], "undo": []})
    assert measure["setup"] == [["new", []], ["bestAsk", []]] and measure["timed"] == [["bestBid", []]]
    python = languages.by_name("python")
    message = {"op": "run", "steps": [["best_bid", []]]}
    assert python.wire_request(message) is message


def test_values_render_as_javascript_literals() -> None:
    assert JS.literal([(1, 5, 101, 2)]) == "[[1, 5, 101, 2]]"
    assert JS.literal(None) == "null"
    assert JS.literal(True) == "true"
    assert JS.literal(5.0) == "5"
    assert JS.literal(float("inf")) == "Infinity"
    assert JS.literal(Decimal("2715.5")) == "2715.5"
    assert JS.literal(Decimal("NaN")) == "NaN"
    assert JS.literal(Fraction(1, 3)) == "1 / 3"
    assert JS.literal({"A": 2.5, "b-c": 1}) == '{A: 2.5, "b-c": 1}'
    assert JS.literal({1: "x"}) == 'new Map([[1, "x"]])'
    assert JS.literal('say "hi"') == '"say \\"hi\\""'


def test_counterexample_is_javascript_the_user_can_paste() -> None:
    problem = problems.load("orderbook")
    steps = [["new", []], ["submit", [1, "sell", 101, 2]], ["submit", [5, "buy", 103, 6]]]
    failed = CaseFailed(steps, 2, [(1, 5, 101, 2)], StepResult(ok=True, value=[[1, 5, 103, 2]]))
    example = counterexample(problem, JS, failed)
    assert example.code.splitlines() == [
        "const ob = new OrderBook();",
        'ob.submit(1, "sell", 101, 2);',
        # printed, so running the pasted case shows the wrong value
        'console.log(ob.submit(5, "buy", 103, 6));   // <- expected [[1, 5, 101, 2]], got [[1, 5, 103, 2]]',
    ]
    functions = problems.load("liquidation")
    failed = CaseFailed([["liquidation_price", ["long", Decimal("3000"), Decimal("1"), 10, Decimal("0.005")]]],
                        0, Decimal("2715"), StepResult(ok=False, error_type="TypeError", error="x"))
    assert counterexample(functions, JS, failed).code == \
        'liquidationPrice("long", 3000, 1, 10, 0.005);   // <- raised TypeError'


KEYED = SimpleNamespace(kind="class", name="TokenBucket", instance="bucket", methods=["allow"], functions=[],
                        classes=[SimpleNamespace(name="KeyedLimiter", methods=["allow", "tracked_keys"],
                                                 instance="limiter")])


def test_added_classes_are_translated_but_never_renamed() -> None:
    load = JS.wire_request({"op": "load", "entry": {"kind": "class", "name": "TokenBucket", "methods": ["allow"],
                                                    "classes": [{"name": "KeyedLimiter", "instance": "limiter",
                                                                 "methods": ["allow", "tracked_keys"]}]}})
    assert load["entry"]["classes"] == [{"name": "KeyedLimiter", "instance": "limiter",
                                         "methods": ["allow", "trackedKeys"]}]
    run = JS.wire_request({"op": "run", "steps": [["new:KeyedLimiter", [2, 1.0]], ["tracked_keys", [1.0]]]})
    assert run["steps"] == [["new:KeyedLimiter", [2, 1.0]], ["trackedKeys", [1.0]]]


def test_a_case_building_an_added_class_pastes_with_its_own_variable() -> None:
    steps = [["new:KeyedLimiter", [2, 1.0]], ["allow", ["a", 0]], ["tracked_keys", [1.0]]]
    assert JS.case_lines(KEYED, steps) == ["const limiter = new KeyedLimiter(2, 1);", 'limiter.allow("a", 0);',
                                           "limiter.trackedKeys(1);"]
    python = languages.by_name("python")
    assert python.case_lines(KEYED, steps) == ["limiter = KeyedLimiter(2, 1.0)", 'limiter.allow("a", 0)',
                                               "limiter.tracked_keys(1.0)"]
    # The entry class keeps its own variable; an entry with no `classes` (before parts) still renders.
    plain = SimpleNamespace(kind="class", name="TokenBucket", instance="bucket")
    assert python.case_lines(plain, [["new", [2, 1.0]], ["allow", [0]]]) == ["bucket = TokenBucket(2, 1.0)",
                                                                              "bucket.allow(0)"]
    # A functions entry calls functions until an object is built, then that object's methods.
    functions = SimpleNamespace(kind="functions", name="", instance="obj", functions=["equity"],
                                classes=[{"name": "LiquidationEngine", "methods": ["mark"], "instance": "engine"}])
    assert JS.case_lines(functions, [["equity", [1]], ["new:LiquidationEngine", [0.005]], ["mark", ["ETH", 2800]]]) \
        == ["equity(1);", "const engine = new LiquidationEngine(0.005);", 'engine.mark("ETH", 2800);']


def test_a_variable_built_twice_is_declared_once_in_javascript() -> None:
    steps = [["new:KeyedLimiter", [2, 1.0]], ["allow", ["a", 0]], ["new:KeyedLimiter", [3, 1.0]], ["allow", ["a", 0]]]
    assert JS.case_lines(KEYED, steps) == ["let limiter = new KeyedLimiter(2, 1);", 'limiter.allow("a", 0);',
                                           "limiter = new KeyedLimiter(3, 1);", 'limiter.allow("a", 0);']


@needs_node
def test_a_pasted_case_with_added_classes_runs_under_node(tmp_path: Path) -> None:
    steps = [["new", [5, 1.0]], ["allow", [0]], ["new:KeyedLimiter", [2, 1.0]], ["tracked_keys", [1.0]],
             ["new:KeyedLimiter", [3, 1.0]], ["tracked_keys", [2.0]]]
    lines = JS.case_lines(KEYED, steps)
    lines[-1] = JS.printed(lines[-1])
    solution = ("class TokenBucket { constructor(c, r) { this.c = c; } allow(now) { return true; } }\n"
                "class KeyedLimiter { constructor(c, r) { this.c = c; } allow(k, now) { return true; }\n"
                "  trackedKeys(now) { return this.c * now; } }\n")
    pasted = tmp_path / "pasted.js"
    pasted.write_text(solution + "\n".join(lines) + "\n")
    runtime = JS.runtime()
    assert runtime is not None
    done = subprocess.run([runtime.executable, str(pasted)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "6"  # the second limiter's (3 * 2.0): the call went to the last object built


def test_node_heap_death_is_the_memory_limit() -> None:
    tail = "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb8 node"
    assert JS.memory_exhausted(-6, tail)
    assert JS.memory_exhausted(134, tail)
    assert not JS.memory_exhausted(1, "Error: boom")
    assert not languages.by_name("python").memory_exhausted(-6, tail)


@needs_node
@pytest.mark.parametrize("memory_mb", [64, 256])
def test_node_starts_a_worker_thread_within_its_address_space(memory_mb: int, tmp_path: Path) -> None:
    """Without a cgroup (a normal user) RLIMIT_AS is the memory limit: node, with the heap cap the judge
    gives it, must still start, and start a worker thread (each reserves a code range of ~130 MB it
    never touches; the 1 GiB grace of old let node die with "Fatal process OOM ... CodeRange")."""
    import resource

    from judge.models import Limits

    limits = Limits(memory_mb=memory_mb)
    space = JS.address_space_mb(limits) * 1024 * 1024
    runtime = JS.runtime()
    assert runtime is not None
    script = tmp_path / "worker.js"
    script.write_text('const { Worker } = require("node:worker_threads");\n'
                      'new Worker("1", { eval: true }).on("exit", () => console.log("WORKER DONE"));\n')
    argv = JS.argv(runtime.executable, "/judge", limits)
    assert argv[-1] == "/judge/harness.mjs" and f"--max-old-space-size={max(32, memory_mb * 3 // 4)}" in argv
    done = subprocess.run([*argv[:-1], str(script)], capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (space, space)))
    assert "WORKER DONE" in done.stdout, done.stderr[-2000:]


def test_lines_of_code_leave_jsdoc_out() -> None:
    source = "/**\n * Doc.\n * @param {number} x\n */\nfunction f(x) {\n  // note\n  return x;\n}\n"
    assert JavaScript().count_lines(source) == 3


def test_every_problem_has_a_javascript_template_and_reference() -> None:
    for folder in sorted(PROBLEMS.glob("*/problem.yaml")):
        problem = problems.load(folder.parent.name)
        assert problem.template_path(JS) == ROOT / "templates" / "javascript" / f"{problem.name}.js"
        assert problem.template_path(JS).is_file()
        assert (folder.parent / "reference.js").is_file()


# -- the harness, end to end -----------------------------------------------------------------------

@needs_node
@pytest.mark.sandbox
@pytest.mark.parametrize("name", ["orderbook", "ratelimit", "ema", "liquidation", "wsbatch"])
def test_reference_is_accepted(name: str) -> None:
    report = judge_js(name, PROBLEMS / name / "reference.js", seed=7, quick=True)
    assert report.verdict == Verdict.ACCEPTED, report.message


EMA_CASES = {
    "exit_in_call": ("class EMA { update(p) { process.exit(0); } }", Verdict.RUNTIME_ERROR, "process.exit"),
    "endless_loop": ("class EMA { update(p) { for (;;); } }", Verdict.TIME_LIMIT_EXCEEDED, ""),
    "heap_bomb": ("class EMA { update(p) { const a = []; for (;;) a.push([a.length]); } }",
                  Verdict.MEMORY_LIMIT_EXCEEDED, "memory"),
    "flood": ("class EMA { update(p) { for (;;) console.log('x'.repeat(1000)); } }",
              Verdict.OUTPUT_LIMIT_EXCEEDED, ""),
    "forged_reply": ("const fs = require('fs');\nclass EMA { update(p) {\n"
                     "  fs.writeSync(1, JSON.stringify({status: 'ok', results: []}) + '\\n'); return p; } }",
                     Verdict.RUNTIME_ERROR, "protocol"),
    "never_settles": ("class EMA { update(p) { return new Promise(() => {}); } }", Verdict.TIME_LIMIT_EXCEEDED, ""),
    "awaited": ("class EMA { constructor(n) { this.k = 2 / (n + 1); }\n"
                "  async update(p) { await new Promise((r) => setTimeout(r, 0));\n"
                "    this.e = this.e === undefined ? p : p * this.k + this.e * (1 - this.k); return this.e; } }",
                Verdict.ACCEPTED, ""),
}


@needs_node
@pytest.mark.sandbox
@pytest.mark.parametrize("case", list(EMA_CASES))
def test_hostile_and_odd_solutions(case: str, tmp_path: Path) -> None:
    source, verdict, said = EMA_CASES[case]
    path = tmp_path / "ema.js"
    path.write_text(source)
    # A heap bomb of small objects takes seconds to fill even a 192 MB heap (V8 collects harder and
    # harder near its limit): it gets a longer call limit than the loops, or it would be a time limit.
    call = 10 if case == "heap_bomb" else 1
    report = judge_js("ema", path, seed=1, quick=True,
                      limits={"call_seconds": call, "wall_seconds": 20, "memory_mb": 256, "output_kb": 64})
    assert report.verdict == verdict, f"{report.message}\n{report.stderr[-1000:]}"
    assert said in report.message + (report.counterexample.got or "" if report.counterexample else "")


@needs_node
@pytest.mark.sandbox
def test_compile_errors_name_the_line_and_the_javascript_spelling(tmp_path: Path) -> None:
    esm = tmp_path / "esm.mjs"
    esm.write_text('import fs from "node:fs";\n\nexport class EMA {\n  update(p) {\n    return p +;\n  }\n}\n')
    report = judge_js("ema", esm, quick=True)
    assert report.verdict == Verdict.COMPILE_ERROR
    assert report.message.startswith("esm.mjs:5\n    return p +;\n") and "SyntaxError" in report.message
    snake = tmp_path / "snake.js"
    snake.write_text("class OrderBook { submit() {} cancel() {} best_bid() {} bestAsk() {} depth() {} }\n")
    report = judge_js("orderbook", snake, quick=True)
    assert report.message == "missing method OrderBook.bestBid (found best_bid: in JavaScript the method is bestBid)"


@needs_node
@pytest.mark.sandbox
def test_a_throw_shows_the_solution_frames_only(tmp_path: Path) -> None:
    path = tmp_path / "ema.js"
    path.write_text("class EMA {\n  update(p) {\n    return helper(p);\n  }\n}\n"
                    "function helper(p) {\n  throw new RangeError('bad price ' + p);\n}\n")
    report = judge_js("ema", path, quick=True)
    assert report.verdict == Verdict.RUNTIME_ERROR and report.counterexample is not None
    traceback = report.counterexample.traceback or ""
    # The user's own file name, as node would print it running their file (issue 12's rule)
    assert traceback.startswith("ema.js:7\n  throw new RangeError")
    assert "at helper (ema.js:7:9)" in traceback and "at EMA.update (ema.js:3:12)" in traceback
    assert "solution.js" not in traceback
    assert "harness" not in traceback and "node:" not in traceback and str(tmp_path) not in traceback


@needs_node
def test_measure_in_rounds_over_live_states(tmp_path: Path) -> None:
    """The complexity checks' newer request shape (issue 12's rounds): `slot` keeps a state per
    size, `items` measure several things at once, `packed` compresses the body, steps may come in
    columns; names inside are translated by the judge like everywhere else."""
    import base64
    import json
    import shutil
    import subprocess

    from judge import protocol

    runtime = JS.runtime()
    assert runtime is not None
    judge_dir = tmp_path / "judge"
    judge_dir.mkdir()
    for source in JS.harness_files:
        shutil.copyfile(source, judge_dir / source.name)
    process = subprocess.Popen(JS.argv(runtime.executable, str(judge_dir)), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdin is not None and process.stdout is not None

    def ask(message: dict[str, object]) -> dict[str, object]:
        message = JS.wire_request({**message, "id": "r"})
        protocol.write_message(process.stdin, message)  # type: ignore[arg-type]
        reply = protocol.read_message(process.stdout)  # type: ignore[arg-type]
        while isinstance(reply, dict) and reply.get("status") == "busy":  # a run announces each call
            reply = protocol.read_message(process.stdout)  # type: ignore[arg-type]
        assert reply is not None and reply["id"] == "r"
        return reply

    def pack(body: dict[str, object]) -> str:
        return base64.b64encode(zlib.compress(json.dumps(body).encode())).decode()

    try:
        entry = {"kind": "class", "name": "OrderBook", "methods": ["submit", "cancel", "best_bid", "best_ask", "depth"],
                 "instance": "ob"}
        loaded = ask({"op": "load", "path": str(PROBLEMS / "orderbook" / "reference.js"), "entry": entry})
        assert loaded["status"] == "ready"
        for slot, size in ((0, 10), (1, 1000)):
            grow = {"columns": [["new", 1, []],
                                ["submit", size, [{"d": [1] + [1] * (size - 1)}, {"k": "buy"},
                                                  {"d": [2] + [2] * (size - 1)}, {"k": 1}]]]}
            reply = ask({"op": "measure", "slot": slot, "packed": pack({"setup": grow})})
            assert reply["status"] == "ok" and isinstance(reply["cpu_ns"], int | float)
        items = [{"prepare": [], "timed": {"columns": [["best_bid", 5, []]]}, "undo": [], "metric": "time"},
                 {"probe": 1000}, {"probe": 1000, "kind": "lookup"}]
        reply = ask({"op": "measure", "slot": 1, "packed": pack({"items": items})})
        assert reply["status"] == "ok" and len(reply["values"]) == 3, reply  # type: ignore[arg-type]
        # A request on one slot leaves the instance `run` works on alone, and a slot's state lives on.
        run = ask({"op": "run", "steps": [["best_bid", []]]})
        assert run["results"][0]["ok"] is False  # type: ignore[index]  # no instance outside the slots
        reply = ask({"op": "measure", "slot": 1, "items": [
            {"prepare": [["cancel", [1000]]], "timed": [["best_bid", []]], "undo": [], "metric": "time"}]})
        assert reply["status"] == "ok" and "error" not in reply, reply
    finally:
        process.kill()
        process.wait()


# -- the spec in JavaScript (`judge show --lang js`) ------------------------------------------------

def test_spec_code_blocks_are_shown_for_their_own_language_only() -> None:
    from judge.catalog import spec_for

    text = ("intro\n\n```python\nob.best_bid()\n```\n\n```javascript\nob.bestBid();\n```\n\n"
            "~~~~js\nlet x = 1;\n```\nstill js\n~~~~\n\n```\nfor everyone\n```\n\n```text\nalso\n```\nend\n")
    js = spec_for(text, "js")
    assert "bestBid" in js and "still js" in js and "best_bid" not in js
    assert "for everyone" in js and "also" in js and js.endswith("end\n")
    python = spec_for(text, "python")
    assert "best_bid" in python and "bestBid" not in python and "still js" not in python
    assert "for everyone" in python and "\n\n\n" not in python  # no gap left where a block was


def test_judge_show_lang_js_shows_javascript_signatures() -> None:
    from .conftest import run_cli

    js = run_cli("show", "orderbook", "--lang", "js")
    assert js.returncode == 0, js.stderr
    assert "bestBid()" in js.stdout and "const ob = new OrderBook();" in js.stdout
    assert "def best_bid" not in js.stdout and "ob = OrderBook()" not in js.stdout
    python = run_cli("show", "orderbook")
    assert "def best_bid" in python.stdout and "bestBid()" not in python.stdout


def _example_script(problem: str) -> str:
    """The spec's JavaScript examples as a node script run against the problem's reference.js: each
    `expr;  // -> value` line asserts that expr is value (numbers to a relative 1e-9)."""
    import re

    spec = (PROBLEMS / problem / "spec.md").read_text()
    blocks = [b for b in re.findall(r"^```javascript\n(.*?)^```", spec, re.S | re.M) if "// ->" in b]
    assert blocks, f"{problem}/spec.md has no JavaScript example"
    reference = PROBLEMS / problem / "reference.js"
    lines = [f"const ref = require({str(reference)!r});", "Object.assign(globalThis, ref);",
             "const same = (a, b) => (typeof a === 'number' && typeof b === 'number')"
             " ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))"
             " : Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => same(x, b[i]))"
             " : a === b;"]
    for block in blocks:
        for line in block.splitlines():
            code, _, comment = line.partition("//")
            shown = re.match(r"\s*->\s*(.+?)(?:\s{2,}|$)", comment)
            if shown:
                expr = code.strip().rstrip(";")
                fail = f"console.error({line.strip()!r}, 'gave', JSON.stringify(got)); process.exitCode = 1;"
                lines.append(f"{{ const got = {expr}; if (!same(got, {shown.group(1)})) {{ {fail} }} }}")
            else:
                lines.append(code)
    return "\n".join(lines) + "\n"


@needs_node
@pytest.mark.parametrize("name", ["orderbook", "ratelimit", "ema", "liquidation", "wsbatch"])
def test_spec_javascript_examples_hold_for_the_reference(name: str, tmp_path: Path) -> None:
    runtime = JS.runtime()
    assert runtime is not None
    script = tmp_path / "example.js"
    script.write_text(_example_script(name))
    done = subprocess.run([runtime.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr + script.read_text()
    checked = script.read_text().count("const got =")
    assert checked >= 3  # every example asserts its shown values, not only runs


# -- TypeScript (node's type stripping) and the doctor's node rows ----------------------------------

TS = languages.by_name("ts")
TS_EMA = """class EMA {
  private k: number;
  private value: number | null = null;
  constructor(period: number) { this.k = 2 / (period + 1); }
  update(price: number): number {
    this.value = this.value === null ? price : price * this.k + this.value * (1 - this.k);
    return this.value;
  }
}
"""


def test_typescript_files_are_typescript_and_speak_javascript() -> None:
    assert languages.for_path(Path("ema.ts")) is TS and TS.name == "typescript"
    assert TS.member_name("best_bid") == "bestBid" and TS.solution_file == "solution.ts"
    argv = TS.argv("/usr/bin/node", "/judge")
    assert argv[-1] == "/judge/harness.mjs" and "--disable-wasm-trap-handler" in argv


def test_typescript_needs_a_node_that_strips_types(monkeypatch: pytest.MonkeyPatch) -> None:
    from judge.languages import javascript, typescript

    old = javascript.Runtime(executable="/usr/bin/node", binds=(), version="20.20.2")
    monkeypatch.setattr(javascript, "_host_runtime", lambda: old)
    assert TS.runtime() is None and JS.runtime() is old
    assert TS.missing().startswith("TypeScript needs Node >= 22.13") and "this machine has 20.20.2" in TS.missing()
    new = javascript.Runtime(executable="/opt/node/bin/node", binds=("/opt/node",), version="22.13.0")
    monkeypatch.setattr(javascript, "_host_runtime", lambda: new)
    assert TS.runtime() is new
    assert typescript.MIN_VERSION == (22, 13)


@needs_node
@pytest.mark.sandbox
def test_a_typescript_file_is_judged_or_refused_in_one_line(tmp_path: Path) -> None:
    """Where node strips types the file is judged like JavaScript; elsewhere `judge run` says in one
    line what to install and exits 2 (a usage error), never with a traceback."""
    from .conftest import run_cli

    path = tmp_path / "ema.ts"
    path.write_text(TS_EMA)
    result = run_cli("--data-dir", str(tmp_path / "data"), "run", "ema", str(path), "--quick", "--json")
    if TS.runtime() is None:
        assert result.returncode == 2 and "Traceback" not in result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "TypeScript needs Node >= 22.13" in line and f"this machine has {JS.runtime().version}" in line  # type: ignore[union-attr]
    else:
        assert result.returncode == 0, result.stderr
        assert '"verdict": "accepted"' in result.stdout


def test_doctor_reports_node_and_typescript() -> None:
    from judge import doctor

    rows = {row.name: row for row in doctor.checks()}
    node, ts = rows["node"], rows["typescript"]
    runtime = JS.runtime()
    assert node.ok is (runtime is not None)
    if runtime is not None:
        assert runtime.version in node.detail and runtime.executable in node.detail and not node.fix
    else:
        assert "apt-get install nodejs" in node.fix and "scripts/setup.sh" in node.fix
    assert ts.ok is (TS.runtime() is not None)
    assert ts.ok or "22.13" in ts.fix


@needs_node
@pytest.mark.sandbox
def test_a_file_that_throws_while_loading_shows_the_line_that_loads_it(tmp_path: Path) -> None:
    path = tmp_path / "ema.js"
    path.write_text("class EMA { update(p) { return p; } }\nthrow new TypeError('at load');\n")
    report = judge_js("ema", path, quick=True)
    assert report.verdict == Verdict.RUNTIME_ERROR and report.counterexample is not None
    assert report.counterexample.code == 'require("./solution.js");  // <- raised TypeError'
    python = tmp_path / "ema.py"
    python.write_text("class EMA:\n    def update(self, p):\n        return p\n\nraise KeyError('at load')\n")
    report = judge_js("ema", python, quick=True)
    assert report.counterexample is not None and report.counterexample.code == "import solution  # <- raised KeyError"


def test_compare_finds_the_javascript_reference_by_its_stem() -> None:
    from judge.compare import references_in

    orderbook = problems.load("orderbook")
    # reference.js translates reference.py; reference_heap.py has no translation, so JS shows one
    assert [p.name for _, p in references_in(orderbook, JS)] == ["reference.js"]
    assert [p.name for _, p in references_in(orderbook, languages.by_name("python"))] == \
        ["reference.py", "reference_heap.py"]
    [(ref, _)] = references_in(orderbook, JS)
    assert ref.title == orderbook.meta.references[0].title  # problem.yaml's words for it still
    # TypeScript has no references of its own: its readers get the JavaScript ones
    assert [p.name for _, p in references_in(orderbook, TS)] == ["reference.js"]
    # Where a language has no translation at all, the listed ones are the references there are
    nothing = SimpleNamespace(reference_extensions=(".rb",))
    assert [p.name for _, p in references_in(orderbook, nothing)] == ["reference.py", "reference_heap.py"]  # type: ignore[arg-type]
