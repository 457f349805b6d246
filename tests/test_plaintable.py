"""The plain tables of `judge list`, `history` and `stats`: they fit the terminal, give way where they
say, colour only where colour is wanted, and show a user's file name as text, never as escapes."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from judge import listings, plaintable
from judge.history import Listed, ProblemStats
from judge.plaintable import Column, Table, cell_len, draw


def attempt(i: int, name: str = "solution.py", **kw: object) -> Listed:
    fields: dict[str, object] = dict(
        id=i, created_at=datetime.now(UTC) - timedelta(days=i % 3), problem="orderbook", part=1,
        language="python", verdict="wrong_answer", seconds=1.25, sandbox="bwrap", full=True,
        submission=f"/home/u/{name}", tests_run=306, tests_passed=305, session_id=None, late=False, final=False)
    fields.update(kw)
    return Listed(**fields)  # type: ignore[arg-type]


def widths_of(text: str) -> list[int]:
    return [cell_len(line) for line in text.splitlines()]


def test_history_fits_80_columns_and_cuts_the_file_name() -> None:
    rows = [attempt(i, name="a_very_long_name_for_a_solution_file_" * 2 + ".py", part=2, language="javascript",
                    session_id="20261130-2150", late=True, final=True) for i in range(1, 6)]
    text = draw(listings.history_table(rows), width=80, colour=False)
    assert max(widths_of(text)) <= 80, text
    assert "a_very_…" in text  # the file gives way first, down to its minimum
    assert "WRONG ANSWER" in text and "part 2" in text
    assert "20261130-2150" in text  # the session wraps rather than vanishing


def test_a_hostile_file_name_is_shown_spelled_out() -> None:
    rows = [attempt(1, name="\x1b[2J\x1b]0;pwned\x07.py")]
    text = draw(listings.history_table(rows), width=120, colour=False)
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[2J" in text


def test_colour_only_where_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    table = listings.history_table([attempt(1, verdict="accepted", tests_passed=306)])
    coloured = draw(table, width=100, colour=True)
    assert "\x1b[1;32mACCEPTED\x1b[0m" in coloured
    assert "\x1b" not in draw(table, width=100, colour=False)
    stream = io.StringIO()  # not a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert not plaintable.colour_wanted(stream)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plaintable.colour_wanted(stream)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not plaintable.colour_wanted(stream)


def test_columns_keep_their_natural_width_when_it_fits() -> None:
    table = Table([Column("n", right=True), Column("text", give="wrap")])
    table.add_row("7", "short")
    table.add_row("12", "a little longer")
    lines = draw(table, width=200, colour=False).splitlines()
    assert lines[0] == " n  text"
    assert lines[2] == " 7  short"
    assert lines[3] == "12  a little longer"


def test_the_wrapping_column_wraps_within_the_width() -> None:
    table = Table([Column("name"), Column("summary", give="wrap", min_width=10)])
    table.add_row("ema", "word " * 40)
    text = draw(table, width=40, colour=False)
    assert max(widths_of(text)) <= 40, text
    assert text.count("word") == 40


def test_wide_characters_count_twice() -> None:
    assert cell_len("注文") == 4 and cell_len("e\u0301") == 1
    table = Table([Column("file", give="cut", min_width=6), Column("v")])
    table.add_row("注文注文注文注文注文.py", "x")
    assert max(widths_of(draw(table, width=14, colour=False))) <= 14


def test_stats_and_problem_list_render() -> None:
    stats = [ProblemStats(problem="ema", part=1, language="python", attempts=3, accepted=1, solved=True,
                          first_accepted_at=datetime.now(UTC), best_seconds=2.5, best_session_seconds=754.0)]
    text = draw(listings.stats_table(stats), width=80, colour=False)
    assert "12:34" in text and "2.50 s" in text and max(widths_of(text)) <= 80


def test_a_row_must_fill_every_column() -> None:
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        Table([Column("a"), Column("b"), Column("c")]).add_row("1", "2")
