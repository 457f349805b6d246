"""A time-limit report names the call that did not return, and shows the case up to that call.

The sandbox runs a case whole, in one request; the Python harness says which call is running while a
case takes long (a `busy` line, docs/protocol.md), so the report can name it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from judge.judging import Options, judge_file
from judge.models import Verdict
from judge.runner import _busy_step

from .conftest import PROBLEMS

REFERENCE = (PROBLEMS / "orderbook" / "reference.py").read_text()
HEAD = "    def cancel(self, order_id: int) -> bool:\n"


def _hangs_on_cancel_of_3(tmp_path: Path) -> Path:
    """The reference, except that cancel(3) never returns (a loop that never ends, in pure Python)."""
    assert HEAD in REFERENCE
    path = tmp_path / "book.py"
    path.write_text(REFERENCE.replace(HEAD, HEAD + "        while order_id == 3:\n            pass\n"))
    return path


@pytest.mark.sandbox
@pytest.mark.parametrize("quick", [True, False], ids=["quick", "full"])
def test_the_report_names_the_call_that_hung(quick: bool, tmp_path: Path) -> None:
    path = _hangs_on_cancel_of_3(tmp_path)
    report = judge_file("orderbook", path, Options(seed=4, quick=quick, complexity=False, remember_failures=False,
                                                   limits={"call_seconds": 1.0}))
    assert report.verdict is Verdict.TIME_LIMIT_EXCEEDED
    assert report.limit == "wall time 1 s per call"
    ce = report.counterexample
    assert ce is not None
    assert report.message == f"call {ce.steps}, ob.cancel(3), did not return within the wall time 1 s per call"
    lines = ce.code.splitlines()
    assert lines[0] == "ob = OrderBook()"
    assert lines[-1].startswith("ob.cancel(3)   # <- did not return within")  # the case ends at that call
    assert ce.call == "ob.cancel(3)" and ce.failing_step == ce.steps - 1 == len(lines) - 1

    # Pasted under the solution and run, the case hangs at that very call
    script = tmp_path / "pasted.py"
    script.write_text(path.read_text() + "\n\n" + ce.code + "\nprint('RETURNED')\n")
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, str(script)], capture_output=True, timeout=3)
    before = "\n".join(lines[:-1])
    (tmp_path / "before.py").write_text(path.read_text() + "\n\n" + before + "\nprint('RETURNED')\n")
    done = subprocess.run([sys.executable, str(tmp_path / "before.py")], capture_output=True, text=True, timeout=30)
    assert "RETURNED" in done.stdout  # every call before it returns


JS_HEAD = "  cancel(orderId) {\n"


@pytest.mark.sandbox
def test_a_javascript_report_names_the_call_that_hung(tmp_path: Path) -> None:
    """Node cannot interrupt a call that never returns: its harness announces each call as it starts."""
    reference = (PROBLEMS / "orderbook" / "reference.js").read_text()
    assert JS_HEAD in reference
    path = tmp_path / "book.js"
    path.write_text(reference.replace(JS_HEAD, JS_HEAD + "    while (orderId === 3) {}\n"))
    report = judge_file("orderbook", path, Options(seed=4, quick=True, complexity=False, remember_failures=False,
                                                   limits={"call_seconds": 1.0}))
    assert report.verdict is Verdict.TIME_LIMIT_EXCEEDED
    ce = report.counterexample
    assert ce is not None
    assert report.message == f"call {ce.steps}, ob.cancel(3), did not return within the wall time 1 s per call"
    lines = ce.code.splitlines()
    assert lines[-1].startswith("ob.cancel(3);   // <- did not return within"), ce.code
    assert ce.call == "ob.cancel(3)" and ce.failing_step == ce.steps - 1


def test_busy_lines_are_believed_only_for_this_request_and_case() -> None:
    message = {"op": "run", "steps": [["new", []], ["cancel", [3]]]}
    assert _busy_step({"status": "busy", "step": 1, "id": "n-1"}, "n-1", message) == 1
    assert _busy_step({"status": "busy", "step": 1, "id": "n-2"}, "n-1", message) is None  # another request
    assert _busy_step({"status": "busy", "step": 2, "id": "n-1"}, "n-1", message) is None  # not in the case
    assert _busy_step({"status": "busy", "step": -1, "id": "n-1"}, "n-1", message) is None
    assert _busy_step({"status": "busy", "step": True, "id": "n-1"}, "n-1", message) is None  # a bool is no index
    assert _busy_step({"status": "ok", "results": [], "id": "n-1"}, "n-1", message) is None  # a reply
    assert _busy_step(None, "n-1", message) is None
