"""Article to text, raw first.

A parsed article keeps its layout: every field and block is written as it
stood in the file while its value still equals what was read from it, and
only what changed is written anew, in the canonical form and the file's own
line endings. An article without a layout (built by hand), or a call with
``canonical=True``, is written in the canonical layout of the reference file:
two leading blank lines, one blank line between fields and blocks, three before
a photo credit (the gap the lead image leaves), and no final newline.

The writer does not import the parser, but it must read some of what it writes: the
canonical form is the one that reads back as the article (``loads(dumps(a,
canonical=True)) == a``), and a spelling can read back as something else (a headline
ending in ``#``, a date text that opens with a label, a last block that looks like the
trailer, two lists one blank line would join). So it asks a `Reader`, which the API
passes in (`newsdump._parse.readback`): the parser's own rules answer, with no copy of
them here, and the import direction stays one way (API to writer and parser, both to
the model).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Protocol

from newsdump._model.layout import Layout, Slot
from newsdump._model.lines import Lines
from newsdump.model import Article, Author, ListBlock

__all__ = ["Reader", "format_byline", "render"]


class Reader(Protocol):
    """What the writer asks the parser about the text it would write."""

    def headline_of(self, text: str) -> str | None:
        """The headline ``text`` reads as at the top of a file, if any."""

    def date_needs_label(self, date_text: str) -> bool:
        """Whether ``date_text`` on its own line would not be read back as the dateline."""

    def reads_as_trailer(self, text: str) -> bool:
        """Whether the end of ``text``, written without a trailer, would be read as one."""

    def block_count(self, markdown: str) -> int:
        """How many blocks ``markdown`` reads as, taken as a body."""

    def reads_dateline(self, text: str) -> bool:
        """Whether the header of the file ``text`` has a dateline."""

    def authors_of(self, line: str) -> tuple[Author, ...] | None:
        """The authors ``line`` reads as where a byline may stand, if it is a byline."""


_LEAD = "\n\n"
_LABEL = "Original url:"
_DATE_LABEL = "Published: "
"""The label put before a date text that starts with a label of its own, so that the
reader takes only this one (``Published: Updated July 16, 2023``)."""

Item = tuple[str, object]
"""A field's key and value, in the order fields are written."""


def render(article: Article, reader: Reader, *, canonical: bool = False) -> str:
    """The text of ``article``; exact when it was parsed and left unchanged.

    ``reader`` says how the parser reads what would be written (see the module's text).
    """
    layout = article._layout
    if layout is None or canonical:
        return _canonical(article, reader)
    if _unchanged(article, layout):
        return layout.text()
    return _patched(article, layout, reader)


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
    return last is not None and last.key == "trailer" and last.value is None


def _canonical(article: Article, reader: Reader) -> str:
    text = _assembled(article, reader, tight=False)
    if article.date_text is None and article.published is None and reader.reads_dateline(text):
        # The body's first block is a line the header passes over (a kicker) and its
        # second one interrupted it in the file (`# Storm 2022-07-11`, `<div>…`): set
        # apart by a blank line, the second would be read as the dateline (law 4).
        text = _assembled(article, reader, tight=True)
    return text


def _assembled(article: Article, reader: Reader, *, tight: bool) -> str:
    """The canonical text; ``tight``: the body's second block right after its first."""
    parts = [_LEAD]
    previous: object = None
    blocks = 0
    for index, (key, value) in enumerate(_items(article)):
        blocks += key == "block"
        if index:
            tight_here = tight and key == "block" and blocks == 2
            parts.append("\n" if tight_here else _gap(key, previous, value, reader))
        parts.append(_kept(key, value, article, reader) or _fresh(key, value, article, reader))
        previous = value
    if article.url is None and reader.reads_as_trailer("".join(parts[-3:])):
        parts.append(f"\n\n{_LABEL}")  # a bare label: the text before it stays body
    return "".join(parts)


def _kept(key: str, value: object, article: Article, reader: Reader) -> str | None:
    """A field's text as the file spelled it, where the canonical spelling would read
    back as something else: a headline that no ``#`` line gives back (``Harbour #``, or
    one that starts with a no-break space, in neither ``#`` nor setext form: ``# # #``)
    and a date text that would not be read as a dateline on its own."""
    headline_of = reader.headline_of
    if (
        key == "headline"
        and isinstance(value, str)
        and headline_of(_headline(value, reader)) != value
    ):
        raw = _raw(article, key, value)
        return raw if raw is not None and headline_of(raw) == value else None
    if (
        key == "byline"
        and isinstance(value, tuple)
        and reader.authors_of(format_byline(value)) != value
    ):
        raw = _raw(article, key, value)  # the canonical line is too long to be a byline
        return raw if raw is not None and reader.authors_of(raw) == value else None
    if (
        key == "date"
        and article.date_text is not None
        and reader.date_needs_label(article.date_text)
    ):
        slot = _slot(article, key, value)
        prefix = slot.prefix if slot is not None and slot.prefix.strip() else _DATE_LABEL
        return prefix + article.date_text
    return None


def _slot(article: Article, key: str, value: object) -> Slot | None:
    """The parsed field ``key`` when it still holds ``value``."""
    layout = article._layout
    if layout is None:
        return None
    slot = next((slot for slot in layout.slots if slot.key == key), None)
    return slot if slot is not None and slot.value == value else None


def _raw(article: Article, key: str, value: object) -> str | None:
    """The text of the parsed field ``key`` with LF line endings, if it still holds ``value``."""
    slot = _slot(article, key, value)
    return None if slot is None else "\n".join(Lines(slot.raw).content)


def _gap(key: str, previous: object, value: object, reader: Reader) -> str:
    """The blank lines before a field or block in canonical form: one, three before a
    credit (the image gap), and two between two lists that one blank line would join
    (``-`` and ``-`` two blank lines apart are two lists, one blank line apart one)."""
    if key == "credit":
        return "\n\n\n\n"
    if (
        type(previous) is ListBlock
        and type(value) is ListBlock
        and reader.block_count(f"{previous.markdown}\n\n{value.markdown}") == 1
    ):
        return "\n\n\n"
    return "\n\n"


def _fresh(key: str, value: object, article: Article, reader: Reader, newline: str = "\n") -> str:
    """A field written anew, in canonical form."""
    if key == "headline":
        assert isinstance(value, str)
        return _headline(value, reader, newline)
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


def _headline(headline: str, reader: Reader, newline: str = "\n") -> str:
    """``# headline``, or the setext form where that reads back as the headline and
    ``#`` does not (a headline that ends in ``#`` or starts with a no-break space)."""
    atx = f"# {headline}"
    headline_of = reader.headline_of
    if headline_of(atx) != headline and headline_of(f"{headline}\n===") == headline:
        return f"{headline}{newline}==="
    return atx


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
        span.key == key and (value is span.value or value == span.value)
        for span, (key, value) in zip(spans, items, strict=True)
    )


def _patched(article: Article, layout: Layout, reader: Reader) -> str:
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
        parts.append(_slot_text(slot, key, value, article, reader, newline))
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


def _slot_text(
    slot: Slot | None, key: str, value: object, article: Article, reader: Reader, newline: str
) -> str:
    if slot is None:
        return _fresh(key, value, article, reader, newline)
    if value is slot.value or value == slot.value:
        return slot.raw
    if key == "date" and isinstance(value, tuple) and value[0] is not None:
        old_text, _ = slot.value if isinstance(slot.value, tuple) else (None, None)
        text = value[0] if value[0] != old_text else _date_text_anew(article)
        return slot.prefix + text
    if key == "trailer" and slot.value is not None:
        return f"{slot.prefix}{value}{slot.suffix}"
    return _fresh(key, value, article, reader, newline)


def _date_text_anew(article: Article) -> str:
    published = article.published
    return published.isoformat() if published is not None else (article.date_text or "")


_NEEDS_ESCAPE = re.compile(r"([\\\[\]])")


def _escape(name: str) -> str:
    return _NEEDS_ESCAPE.sub(r"\\\1", name)


def format_byline(authors: tuple[Author, ...]) -> str:
    """The canonical byline: ``By [A](#), [B](#) and [C](url)``."""
    names = [f"[{_escape(a.name)}]({a.url or '#'})" for a in authors]
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"
