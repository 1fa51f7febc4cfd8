"""Article to text, raw first.

A parsed article keeps its layout: every field and block is written as it
stood in the file while its value still equals what was read from it, and
only what changed is written anew, in the canonical form and the file's own
line endings. An article without a layout (built by hand), or a call with
``canonical=True``, is written in the canonical layout of the reference file:
two leading blank lines, one blank line between fields and blocks, three before
a photo credit (the gap the lead image leaves), and no final newline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from newsdump._layout import Layout, Slot
from newsdump._parse.body import scan_body
from newsdump._parse.byline import format_byline
from newsdump._parse.lines import Lines
from newsdump.model import Article, ListBlock

__all__ = ["render"]

_LEAD = "\n\n"
_LABEL = "Original url:"

Item = tuple[str, object]
"""A field's key and value, in the order fields are written."""


def render(article: Article, *, canonical: bool = False) -> str:
    """The text of ``article``; exact when it was parsed and left unchanged."""
    layout = article._layout
    if layout is None or canonical:
        return _canonical(article)
    if _unchanged(article, layout):
        return layout.text()
    return _patched(article, layout)


def _items(article: Article, layout: Layout | None = None) -> Iterator[Item]:
    if article.headline is not None:
        yield "headline", article.headline
    if article.authors:
        yield "byline", article.authors
    if article.date_text is not None or article.published is not None:
        yield "date", (article.date_text, article.published)
    if article.credit is not None:
        yield "credit", article.credit
    for block in article.body:
        yield "block", block
    if article.url is not None or (layout is not None and _urlless_trailer(layout)):
        yield "trailer", article.url


def _urlless_trailer(layout: Layout) -> bool:
    """Whether the file ends in an ``Original url:`` label without a URL (kept as written)."""
    last = layout.spans[-1] if layout.spans else None
    return last is not None and last[0] == "trailer" and last[3] is None


def _canonical(article: Article) -> str:
    parts = [_LEAD]
    previous: object = None
    for index, (key, value) in enumerate(_items(article)):
        if index:
            parts.append(_gap(key, previous, value))
        parts.append(_fresh(key, value, article))
        previous = value
    return "".join(parts)


def _gap(key: str, previous: object, value: object) -> str:
    """The blank lines before a field or block in canonical form: one, three before a
    credit (the image gap), and two between two lists that one blank line would join
    (``-`` and ``-`` two blank lines apart are two lists, one blank line apart one)."""
    if key == "credit":
        return "\n\n\n\n"
    if type(previous) is ListBlock and type(value) is ListBlock:
        lines = Lines(f"{previous.markdown}\n\n{value.markdown}")
        if len(scan_body(lines, 0, len(lines))) == 1:
            return "\n\n\n"
    return "\n\n"


def _fresh(key: str, value: object, article: Article, newline: str = "\n") -> str:
    """A field written anew, in canonical form."""
    if key == "headline":
        return f"# {value}"
    if key == "byline":
        assert isinstance(value, tuple)
        return format_byline(value)
    if key == "date":
        return _date_text(article)
    if key == "trailer":
        return f"{_LABEL}{newline}{newline}<{value}>"
    if key == "block":
        text = getattr(value, "markdown", "")
        return text.replace("\n", newline) if newline != "\n" else text
    return str(value)


def _date_text(article: Article) -> str:
    if article.date_text is not None:
        return article.date_text
    published = article.published
    assert isinstance(published, dt.date)
    return published.isoformat()


def _unchanged(article: Article, layout: Layout) -> bool:
    spans = layout.spans
    items = list(_items(article, layout))
    if len(items) != len(spans):
        return False
    return all(
        span[0] == key and (value is span[3] or value == span[3])
        for span, (key, value) in zip(spans, items, strict=True)
    )


def _patched(article: Article, layout: Layout) -> str:
    by_key = {slot.key: slot for slot in layout.slots if slot.key != "block"}
    old_blocks = [slot for slot in layout.slots if slot.key == "block"]
    by_block = {id(slot.value): slot for slot in old_blocks}
    kept = {id(block) for block in article.body}
    newline = layout.newline
    parts = [layout.lead]
    position = 0
    for index, (key, value) in enumerate(_items(article, layout)):
        if key == "block":
            slot = by_block.get(id(value))
            trivia = slot or _replaced(old_blocks, position, kept)
            position += 1
        else:
            slot = trivia = by_key.get(key)
        if index:
            parts.append(_separator(trivia, key, newline))
        parts.append(_slot_text(slot, key, value, article, newline))
    parts.append(layout.tail)
    return "".join(parts)


def _replaced(old_blocks: list[Slot], position: int, kept: set[int]) -> Slot | None:
    """The old block a new one replaced in place, whose spacing the new one takes over."""
    if position < len(old_blocks) and id(old_blocks[position].value) not in kept:
        return old_blocks[position]
    return None


def _separator(slot: Slot | None, key: str, newline: str) -> str:
    if slot is not None and slot.before:
        return slot.before
    return newline * (4 if key == "credit" else 2)


def _slot_text(slot: Slot | None, key: str, value: object, article: Article, newline: str) -> str:
    if slot is None:
        return _fresh(key, value, article, newline)
    if value is slot.value or value == slot.value:
        return slot.raw
    if key == "date" and isinstance(value, tuple) and value[0] is not None:
        old_text, _ = slot.value if isinstance(slot.value, tuple) else (None, None)
        text = value[0] if value[0] != old_text else _date_text_anew(article)
        return slot.prefix + text
    if key == "trailer" and slot.value is not None:
        return f"{slot.prefix}{value}{slot.suffix}"
    return _fresh(key, value, article, newline)


def _date_text_anew(article: Article) -> str:
    published = article.published
    return published.isoformat() if published is not None else (article.date_text or "")
