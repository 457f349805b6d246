"""Tables for the commands that must answer at once (`judge list`, `history`, `stats`), drawn without
rich: importing rich.console and laying out a rich Table cost those commands about half of their
0.15 s (issue 12). The look follows the SIMPLE_HEAD tables of the other views: a title, a bold header
over a rule, the rows, a caption.

Cells are text and a style, never markup: a file name from the user cannot style or move anything
(the caller makes control characters visible first). Colour follows the same rules as rich's: none
when NO_COLOR is set or TERM is dumb, always when FORCE_COLOR is set, else only on a terminal.
"""

from __future__ import annotations

import os
import shutil
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

Span = tuple[str, str]  # text, style ("bold green", "dim", "bold white on red", "")
Line = list[Span]
Cell = str | Span | list[Line]  # one plain line, one styled line, or lines of spans

_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "blue": "34",
        "magenta": "35", "cyan": "36", "white": "37"}
_BACKGROUND = {"red": "41", "green": "42", "yellow": "43", "blue": "44", "magenta": "45", "cyan": "46"}
GAP = 2  # spaces between columns


@dataclass
class Column:
    header: str
    right: bool = False
    # How the column gives way on a narrow terminal: "" never (the row overflows), "wrap" onto more
    # lines, "cut" with an ellipsis. Every other column keeps its natural width.
    give: str = ""
    min_width: int = 4
    max_width: int | None = None
    style: str = ""
    rank: int = 0  # columns that give way do so in this order (then left to right)


@dataclass
class Table:
    columns: list[Column]
    title: str = ""
    caption: str = ""
    rows: list[list[list[Line]]] = field(default_factory=list)
    spaced: bool = False  # a blank line after every row: rows of several lines read as blocks

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append([_lines(c) for c in cells])


def _lines(cell: Cell) -> list[Line]:
    if isinstance(cell, str):
        return [[(line, "")] for line in cell.split("\n")]
    if isinstance(cell, tuple):
        return [[(line, cell[1])] for line in cell[0].split("\n")]
    return cell


def cell_len(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK) characters two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _width(line: Line) -> int:
    return sum(cell_len(text) for text, _ in line)


def _cut(text: str, width: int, ellipsis: str) -> str:
    if cell_len(text) <= width:
        return text
    out, used = "", cell_len(ellipsis)
    for ch in text:
        if used + cell_len(ch) > width:
            break
        out += ch
        used += cell_len(ch)
    return out + ellipsis


def _fit(lines: list[Line], width: int, give: str, ellipsis: str) -> list[Line]:
    """The cell's lines within `width`: wrapped or cut as the column gives way (a line of several spans
    is cut as one text, in its first span's style)."""
    out: list[Line] = []
    for line in lines:
        if _width(line) <= width or give == "":
            out.append(line)
            continue
        text, style = "".join(t for t, _ in line), line[0][1]
        if give == "wrap":
            out.extend([(part, style)] for part in textwrap.wrap(text, width) or [""])
        else:
            out.append([(_cut(text, width, ellipsis), style)])
    return out


def _paint(text: str, style: str, colour: bool) -> str:
    if not colour or not style or not text:
        return text
    codes, words = [], style.split()
    for i, word in enumerate(words):
        if word == "on":
            continue
        if i > 0 and words[i - 1] == "on":
            codes.append(_BACKGROUND.get(word, ""))
        else:
            codes.append(_SGR.get(word, ""))
    codes = [c for c in codes if c]
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text


def layout(table: Table, width: int) -> list[int]:
    """Column widths: natural widths, then the give-way columns shrink (never below their header or
    min_width) until the table fits `width` or can shrink no more."""
    widths = []
    for i, col in enumerate(table.columns):
        natural = max([cell_len(col.header), *(_width(line) for row in table.rows for line in row[i])])
        widths.append(min(natural, col.max_width) if col.max_width else natural)
    over = sum(widths) + GAP * (len(widths) - 1) - width
    for i, col in sorted(enumerate(table.columns), key=lambda ic: ic[1].rank):
        if over <= 0:
            break
        if col.give:
            floor = max(col.min_width, cell_len(col.header))
            taken = min(over, max(0, widths[i] - floor))
            widths[i] -= taken
            over -= taken
    return widths


def draw(table: Table, width: int, colour: bool, unicode: bool = True) -> str:
    rule_char, ellipsis = ("─", "…") if unicode else ("-", "...")
    widths = layout(table, width)
    total = sum(widths) + GAP * (len(widths) - 1)

    def row_lines(cells: Sequence[list[Line]], header: bool = False) -> list[str]:
        fitted = [_fit(cell, w, col.give, ellipsis) for cell, w, col in zip(cells, widths, table.columns, strict=True)]
        out = []
        for k in range(max(len(c) for c in fitted)):
            parts = []
            for cell, w, col in zip(fitted, widths, table.columns, strict=True):
                line = cell[k] if k < len(cell) else []
                pad = " " * max(0, w - _width(line))
                text = "".join(_paint(t, s or ("bold" if header else col.style), colour) for t, s in line)
                parts.append(pad + text if col.right else text + pad)
            out.append((" " * GAP).join(parts).rstrip())
        return out

    out = [_paint(table.title, "italic", colour)] if table.title else []
    out += row_lines([[[(c.header, "")]] for c in table.columns], header=True)
    out.append(_paint(rule_char * total, "dim", colour))
    for row in table.rows:
        out += row_lines(row)
        if table.spaced:
            out.append("")
    if table.caption:
        if not table.spaced:
            out.append("")
        wrap_at = max(total, min(width, 60))
        for paragraph in table.caption.split("\n"):
            out += [_paint(line, "dim", colour) for line in textwrap.wrap(paragraph, wrap_at) or [""]]
    return "\n".join(out) + "\n"


def colour_wanted(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return False
    return stream.isatty()


def terminal_width(stream: TextIO) -> int:
    """COLUMNS if set, the terminal's width on a terminal, else 80 (as rich decides it)."""
    try:
        return max(20, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        pass
    return shutil.get_terminal_size((80, 24)).columns if stream.isatty() else 80


def show(table: Table, stream: TextIO) -> None:
    encoding = getattr(stream, "encoding", None) or "ascii"
    unicode = encoding.lower().replace("-", "").replace("_", "").startswith("utf")
    text = draw(table, terminal_width(stream), colour_wanted(stream), unicode=unicode)
    if not unicode:  # a ✓ or a user's file name the terminal cannot show becomes "?", not a crash
        text = text.encode(encoding, "replace").decode(encoding)
    stream.write(text)
