"""Where a parsed article's fields and blocks stand in the text it was read from.

The testing kit names a line and a column in every failure it can place. Those come
from the article's layout, the only private part of the core the kit reads; articles
built by hand have no layout, and then nothing is placed.
"""

from __future__ import annotations

from attrs import frozen

from newsdump.model import Article, Block

__all__ = ["FIELD_OF_CODE", "FIELD_OF_KEY", "Place", "block_place", "field_place"]

FIELD_OF_KEY = {
    "headline": "headline",
    "byline": "authors",
    "date": "published",
    "credit": "credit",
    "trailer": "url",
}
"""The article field each header or trailer slot of a layout holds."""

FIELD_OF_CODE = {
    "empty-input": "headline",
    "missing-headline": "headline",
    "unreadable-date": "published",
    "ambiguous-date": "published",
    "relative-date": "published",
    "missing-trailer": "url",
    "malformed-trailer": "url",
}
"""The article field a diagnostic code is about."""


@frozen
class Place:
    """A 1-based line and column in a dump's text."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}"


def field_place(article: Article, field: str) -> Place | None:
    """Where the value of ``field`` starts in the text ``article`` was parsed from."""
    layout = article._layout
    if layout is None:
        return None
    for span in layout.spans:
        key = span.key
        if FIELD_OF_KEY.get(key) == field or (field == "date_text" and key == "date"):
            return _place(layout.source, span.start, span.cut)
    return None


def block_place(article: Article, block: Block) -> Place | None:
    """Where ``block`` (an object of ``article.body``) starts in the parsed text."""
    layout = article._layout
    if layout is None:
        return None
    for span in layout.spans:
        if span.key == "block" and span.value is block:
            return Place(span.start + 1, 1)
    return None


def _place(source: str, first: int, cut: int) -> Place:
    """The place ``cut`` characters into the text that starts on line ``first`` (0-based)."""
    from newsdump._model.lines import Lines

    lines = Lines(source)
    if cut <= 0:
        return Place(first + 1, _indent(lines.content[first]) + 1)
    raw = lines.raw(first, len(lines.content))[:cut]
    last_break = max(raw.rfind("\n"), raw.rfind("\r"))
    line = first + 1 + raw.count("\n") + raw.count("\r") - raw.count("\r\n")
    return Place(line, cut - last_break)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\xa0"))
