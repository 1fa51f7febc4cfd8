"""How the parser reads back what the writer would write: the writer's `Reader`.

The canonical form is the one that reads back as the article, so the writer asks, for
a few spellings, what the parser would make of them; the API passes this module to
`newsdump._render.render`, and the writer imports nothing of the parser.
"""

from __future__ import annotations

from newsdump._model.lines import Lines
from newsdump._parse.body import scan_body
from newsdump._parse.context import Context
from newsdump._parse.dateline import split_label
from newsdump._parse.header import byline_of as authors_of
from newsdump._parse.header import headline_of, read_before_date, read_header
from newsdump._parse.trailer import find_trailer

__all__ = [
    "authors_of",
    "block_count",
    "date_needs_label",
    "headline_of",
    "reads_as_trailer",
    "reads_dateline",
]


def date_needs_label(date_text: str) -> bool:
    """Whether a date text on its own line would be read as something else: a label and
    a date (``Updated July 16, 2023``), a headline (``# July 16, 2023``) or a byline."""
    return bool(split_label(date_text)[0]) or read_before_date(date_text)


def reads_as_trailer(text: str) -> bool:
    """Whether the end of a text without a trailer would be read as one: a last block
    ``Original url: ...``, or ``Original url:`` and then ``<url>``."""
    lines = Lines(text)
    return find_trailer(lines, Context(lines, strict=False)) is not None


def block_count(markdown: str) -> int:
    """How many blocks ``markdown`` reads as, taken as a body (two lists one blank line
    apart are one list)."""
    lines = Lines(markdown)
    return len(scan_body(lines, 0, len(lines)))


def reads_dateline(text: str) -> bool:
    """Whether the header of the file ``text`` has a dateline."""
    lines = Lines(text)
    return read_header(lines, len(lines), Context(lines, strict=False)).date is not None
