"""Words that mean what they say (issue 12): counts, plurals, did-you-mean, compile error headlines."""

from __future__ import annotations

from judge import render
from judge.harness import _missing


def test_counts_say_where_a_run_stopped() -> None:
    assert render.counts("wrong_answer", 2, 1, 306) == "failed on case 2 of 306"
    assert render.counts("accepted", 306, 306, 306) == "306 cases passed"
    assert render.counts("accepted", 1, 1, 1) == "1 case passed"
    assert render.counts("compile_error", 0, 0, 0) == "your file did not load"
    assert "0/0" not in render.counts("runtime_error", 0, 0, 306)


def test_plurals() -> None:
    assert render.plural(1, "call") == "1 call" and render.plural(3, "call") == "3 calls"
    assert render.plural(1_000, "case") == "1,000 cases"


def test_did_you_mean_is_case_first_then_typo() -> None:
    assert _missing("class", "EMA", ["Ema", "helper"]) == "missing class 'EMA' (found 'Ema': names are case-sensitive)"
    assert "a typo?" in _missing("method OrderBook.", "update", ["updte", "cancel"])
    assert "case-sensitive" not in _missing("method OrderBook.", "update", ["updte", "cancel"])
    assert _missing("class", "EMA", ["Foo"]) == "missing class 'EMA'"


def test_compile_error_headline_is_the_error_and_its_line() -> None:
    message = 'File "mine.py", line 5\n    def f(x)\n            ^\nSyntaxError: expected \':\''
    assert render.headline(message, "compile_error") == "SyntaxError: expected ':' (\"mine.py\", line 5)"
    assert render.headline("one\ntwo", "wrong_answer") == "one"
