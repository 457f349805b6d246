"""Text from the submission, made safe to show on a terminal.

Anything the submission produced (exception messages and type names, printed output, reprs, the
source line of a syntax error, the pasteable case built from them) can carry terminal escapes:
`ESC[2J` clears the screen, `ESC]0;...BEL` retitles the window, `ESC]52;c;...` writes the clipboard,
a bidi override makes code read differently from what it is. Every view renders such text through
`visible` (or `safe`, its rich Text form), which spells each control character out as a Python
escape (`\\x1b`, `\\u202e`): the user sees what was sent, the terminal acts on none of it. Rich
markup is never interpreted in it either, since `safe` builds a Text and never parses markup.

`--json` output is left alone: JSON escapes control characters itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported by `safe` only: the plain tables of the light commands need `visible`
    from rich.text import Text

# C0 but newline and tab, DEL, C1, the bidi marks and overrides (U+061C, U+200E/F, U+202A-E,
# U+2066-9), and lone surrogates, which no terminal encoding can carry.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _spelled(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written out as its escape; newlines and tabs are kept
    (a Windows line end is a newline)."""
    return _CONTROL.sub(_spelled, text.replace("\r\n", "\n"))


def safe(text: str, style: str = "") -> Text:
    """A rich Text of submission text: control characters made visible, markup not interpreted."""
    from rich.text import Text

    return Text(visible(text), style=style)
