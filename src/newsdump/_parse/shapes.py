"""What a line (or a run of lines) may be, by its first characters: the anchored tests
the body scanner asks before it builds a block (a paragraph, a heading, a rule, the
start of a fence or an HTML block, what interrupts a paragraph)."""

from __future__ import annotations

import functools
import re

from newsdump.model import Block, Heading, Rule

__all__ = [
    "FENCE_OPEN",
    "FIRST_LINE_BLOCK",
    "RISKY_START",
    "SETEXT_UNDERLINE",
    "ends_paragraph",
    "html_sequences",
    "indented",
    "is_paragraph",
    "is_rule",
    "single_line_block",
]


# A line that may start (or interrupt a paragraph with) a block other than a paragraph:
# ATX headings, quotes, list items, rules, setext underlines, fences, HTML. Each
# alternative is anchored and free of nested ambiguity, so a search is linear.
_BLOCK_START = (
    r" {0,3}(?:#{1,6}(?:[ \t]|$)|>|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|(?:-[ \t]*){3,}$"
    r"|`{3,}|~{3,}|<[a-zA-Z/!?])"
)


FIRST_LINE_BLOCK = re.compile(_BLOCK_START, re.MULTILINE)

# Searched from the literal newline, which the regex engine finds without trying a match
# at every position (a MULTILINE "^" would cost a match attempt per character).
_LATER_LINE_BLOCK = re.compile("\n" + _BLOCK_START, re.MULTILINE)

_ATX_LINE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")

SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")


def is_rule(line: str) -> bool:
    """A thematic break: up to three spaces, then three or more of one of ``*-_``, with
    spaces and tabs anywhere after the first. String operations, not a backtracking
    pattern, so a long line costs its length and no more."""
    body = line.lstrip(" ")
    if len(line) - len(body) > 3 or body[:1] not in ("*", "-", "_"):
        return False
    marks = body.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks.count(marks[0]) == len(marks)


def is_paragraph(text: str, *, closed: bool) -> bool:
    """Whether a run of non-blank lines is one plain paragraph, whatever follows it.

    ``closed`` says that the block before the run is closed (or that the run starts the
    body): then up to three spaces of indentation and inline HTML at its start are read
    here. Otherwise the run may go on with an open block before it (a list item,
    indented code, an HTML block), and only a run that no block rule could claim is a
    paragraph: one that starts without indentation, ``<`` a tag, or a definition.
    """
    head = text[0]
    one_line = "\n" not in text
    if head not in RISKY_START:  # prose: most runs, so checked first
        return one_line or _LATER_LINE_BLOCK.search(text) is None
    if not one_line and _LATER_LINE_BLOCK.search(text) is not None:
        return False  # a line after the first may start a block
    body = text
    if head in " \t":
        body = text.lstrip(" ")
        if not closed or len(text) - len(body) > 3 or body[0] == "\t":
            return False  # code, an item's continuation, or indentation needing tab stops
        head = body[0]
    if head == "[":
        return "]:" not in text  # a link reference definition, maybe (its label may span lines)
    if head == "<" and closed:
        return not _html_block_start(body.partition("\n")[0])
    return FIRST_LINE_BLOCK.match(text) is None


def ends_paragraph(line: str) -> bool:
    """Whether a line after a paragraph's line ends the paragraph: a setext underline, or
    a block that may interrupt a paragraph (CommonMark's list: an ATX heading, a quote, a
    fence, a thematic break, HTML of the first six kinds, a bullet item or an item
    numbered 1 that is not empty). Any other line goes on with the paragraph."""
    if FIRST_LINE_BLOCK.match(line) is None:
        return False
    if SETEXT_UNDERLINE.fullmatch(line) is not None or is_rule(line):
        return True
    body = line.lstrip(" ")
    head = body[0]
    if head in "#>":
        return head == ">" or _ATX_LINE.match(line) is not None
    if head in "`~":
        fence = FENCE_OPEN.fullmatch(line)
        return fence is not None and not (head == "`" and "`" in fence.group(3))
    if head == "<":
        return any(start.search(body) for start, _, interrupts in html_sequences() if interrupts)
    return _INTERRUPTING_ITEM.match(line) is not None or _FIRST_ITEM.match(line) is not None


_FIRST_ITEM = re.compile(r" {0,3}0{0,8}1[.)][ \t]+[^ \t]")
"""An ordered item that may interrupt a paragraph: numbered 1, not empty."""


FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})([^\n]*)")

_INTERRUPTING_ITEM = re.compile(r" {0,3}[-*+][ \t]+[^ \t]")

RISKY_START = frozenset(" \t#>*+-=_`~<[0123456789")
"""First characters with which a chunk may be something other than a plain paragraph."""


def single_line_block(text: str) -> type[Block] | None:
    """An ATX heading or a thematic break: one-line blocks whatever follows them."""
    first = text[:1]
    if first in "# " and _ATX_LINE.match(text):
        return Heading
    if first in "*-_ " and is_rule(text.partition("\n")[0]):
        return Rule
    return None


def _html_block_start(line: str) -> bool:
    """Whether a line (without its indentation) starts a CommonMark HTML block."""
    if _SCHEME.match(line) is not None:
        return False  # an autolink: no start condition takes a ":" right after the name
    return any(start.search(line) for start in _html_starts())


_SCHEME = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")
"""``<`` and a URI scheme, as an autolink starts. Every HTML block start condition wants
``!``, ``?``, ``/``, space, ``>`` or the end after ``<`` and a tag name, never ``:``."""


@functools.cache
def _html_starts() -> tuple[re.Pattern[str], ...]:
    """markdown-it-py's own start conditions, so that both agree on what is HTML."""
    return tuple(start for start, _, _ in html_sequences())


@functools.cache
def html_sequences() -> tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]:
    """markdown-it-py's own HTML block conditions: start, end, and whether the block may
    interrupt a paragraph, in its order. Loaded on first use: importing newsdump does
    not import markdown-it-py."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    return tuple(HTML_SEQUENCES)


def indented(line: str) -> bool:
    """Whether a non-blank line is indented four columns or more (an indented code line)."""
    body = line.lstrip(" ")
    return len(line) - len(body) >= 4 or body[:1] == "\t"
