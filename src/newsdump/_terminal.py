"""What the command line prints and writes: escaped so that it is safe and valid UTF-8.

Names and texts come from the dumps, that is from anyone. Before they reach a terminal or
a file:

- `shown` escapes, in text meant for a terminal (one line of ``check``'s output, a field
  of ``show``, a name in a message), every character that could move the cursor, start a
  new line or reorder the line: C0 controls (newline and tab too), DEL, C1 controls, the
  Unicode line and paragraph separators, the bidirectional controls (U+202E and its
  kind), and lone surrogates (which UTF-8 cannot encode). Each becomes ``\\xNN`` or
  ``\\uNNNN``, so that a name cannot forge a line or send escape codes.
- `json_safe` writes the same characters in a JSON document as ``\\uNNNN`` escapes:
  a JSON reader gets the very same string back, and the document is valid UTF-8.
- `utf8_safe` writes only the lone surrogates in a CSV cell as ``\\udcNN`` text: a CSV
  cell holds its text as it is otherwise (quoted by the CSV writer).

Each function counts the lone surrogates it escaped; `surrogates_escaped` takes the count,
so that the command line can say, once at the end, that it escaped some.
"""

from __future__ import annotations

import re

__all__ = [
    "SURROGATE_NOTE",
    "controls_escaped",
    "json_safe",
    "shown",
    "shown_lines",
    "surrogates_escaped",
    "utf8_safe",
]

_SURROGATES = "\ud800-\udfff"
_INVISIBLE = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_TERMINAL = re.compile(f"[\x00-\x1f{_INVISIBLE}{_SURROGATES}]")
_JSON = re.compile(f"[{_INVISIBLE}{_SURROGATES}]")
_SURROGATE = re.compile(f"[{_SURROGATES}]")

SURROGATE_NOTE = (
    "characters that are not valid Unicode (lone surrogates, such as undecodable bytes "
    "in a file name) were written escaped as \\udcNN"
)
_escaped = [0]  # lone surrogates escaped since `surrogates_escaped` was last called


def _count(text: str) -> None:
    _escaped[0] += len(_SURROGATE.findall(text))


def surrogates_escaped() -> int:
    """How many lone surrogates were escaped since the last call (and start again at 0)."""
    count, _escaped[0] = _escaped[0], 0
    return count


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def shown(text: str) -> str:
    """``text`` with every control, bidi control and lone surrogate escaped, for a terminal."""
    if _TERMINAL.search(text) is None:
        return text
    _count(text)
    return _TERMINAL.sub(_escape, text)


def controls_escaped(text: str) -> str:
    r"""`shown` without the lone surrogates and their count: ``"a\x1b[31m"`` -> ``"a\\x1b[31m"``.

    For text a terminal or a Markdown page shows that is not the command line's own output
    (`newsdump diff`'s report, an `assert_no_regressions` failure).
    """
    return _CONTROLS.sub(_escape, text)


def shown_lines(text: str) -> str:
    """`shown` for each line of a message of several lines (an error with its caret)."""
    return "\n".join(shown(line) for line in text.split("\n"))


def json_safe(document: str) -> str:
    """A JSON document with its C1, bidi and surrogate characters as ``\\u`` escapes.

    Those characters only occur inside JSON strings, where an escape stands for the very
    character: `json.loads` of the result equals `json.loads` of ``document``.
    """
    if _JSON.search(document) is None:
        return document
    _count(document)
    return _JSON.sub(_json_escape, document)


def utf8_safe(text: str) -> str:
    """``text`` with its lone surrogates written as ``\\udcNN`` text (valid UTF-8)."""
    if _SURROGATE.search(text) is None:
        return text
    _count(text)
    return _SURROGATE.sub(_json_escape, text)
