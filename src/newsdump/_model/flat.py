"""The flat form of an article: what pickling sends, and how blocks are made fast.

An article is sent between processes by the thousand (`newsdump.read_dump` with
workers), so it pickles as one flat tuple of plain values, rebuilt by one call:
blocks as a byte per block (its class) and their Markdown, the layout's spans with
the blocks left out (they are the body's, in order): the fields' spans and the line
the body starts on for a parsed article's layout, which works the blocks' lines out
again when asked, their line numbers for others. Pickling one object at a time
(attrs' default) cost about a third of parsing the article to unpickle, and as much
again to pickle.

Built on the model's classes; `newsdump.model` imports this module where it pickles.
"""

from __future__ import annotations

import datetime as dt
from itertools import chain, repeat, starmap
from operator import attrgetter, is_
from typing import Any

import attrs

from newsdump._limits import DEFAULT_LIMITS, Limits
from newsdump._model.layout import Layout, Span
from newsdump.errors import Diagnostic
from newsdump.model import KINDS, Article, Author, Block

__all__ = ["flatten", "new_author", "new_block", "unflatten"]

_KINDS: tuple[type[Block], ...] = tuple(KINDS.values())
"""The block classes by their code in the flat form."""
_KIND_CODES = {kind: code for code, kind in enumerate(_KINDS)}
# The blocks are made without their __init__ (their slots are filled directly), which
# holds only while a block has exactly these fields and nothing to check.
_BARE_BLOCKS = all(
    [f.name for f in attrs.fields(kind)] == ["markdown", "_limits"]
    and not hasattr(kind, "__attrs_post_init__")
    and all(f.validator is None and f.converter is None for f in attrs.fields(kind))
    for kind in _KINDS
)
_new = object.__new__
_set_markdown = Block.__dict__["markdown"].__set__
_set_limits = Block.__dict__["_limits"].__set__


def new_block(kind: type[Block], markdown: str) -> Block:
    """``kind(markdown)`` for a built-in block class, a third cheaper: the slots are
    filled directly. The scanner makes every block of every article this way."""
    if not _BARE_BLOCKS:  # pragma: no cover - a block class grew a field or a check
        return kind(markdown)
    block = _new(kind)
    _set_markdown(block, markdown)
    _set_limits(block, DEFAULT_LIMITS)
    return block


# Authors too (the byline reader makes one per name read for the first time).
_BARE_AUTHOR = (
    [f.name for f in attrs.fields(Author)] == ["name", "url", "agency"]
    and not hasattr(Author, "__attrs_post_init__")
    and all(f.validator is None and f.converter is None for f in attrs.fields(Author))
)
_set_name = Author.__dict__["name"].__set__
_set_url = Author.__dict__["url"].__set__
_set_agency = Author.__dict__["agency"].__set__


def new_author(name: str, url: str | None, agency: bool = False) -> Author:
    """``Author(name, url, agency)``, a third of the cost: the slots are filled directly."""
    if not _BARE_AUTHOR:  # pragma: no cover - Author grew a field or a check
        return Author(name, url, agency)
    author = _new(Author)
    _set_name(author, name)
    _set_url(author, url)
    _set_agency(author, agency)
    return author


_markdown_of = attrgetter("markdown")
_limits_of = attrgetter("_limits")
_key_of = attrgetter("key")
_value_of = attrgetter("value")
_lines_of = attrgetter("start", "stop", "cut", "end")


def flatten(article: Article) -> tuple[Any, ...] | None:
    """``article`` as a flat tuple of plain values that `unflatten` turns back into it.

    ``None`` for what the flat form does not cover (a subclass, a block class of one's
    own, blocks made within different limits, a layout whose spans are not the body's
    blocks in order): pickle such an article field by field.
    """
    if type(article) is not Article:
        return None
    body = article.body
    codes = list(map(_KIND_CODES.get, map(type, body)))
    if None in codes:
        return None
    limits = body[0]._limits if body else DEFAULT_LIMITS
    if not all(map(is_, map(_limits_of, body), repeat(limits))):
        return None
    layout = article._layout
    head: tuple[Span, ...] | tuple[tuple[Any, ...], ...] = ()
    tail: tuple[Span, ...] | tuple[tuple[Any, ...], ...] = ()
    lines: tuple[int, ...] | int = ()
    if layout is None:
        source, encoding, errors = None, None, "strict"
    elif type(layout) is not Layout:
        return None
    elif (parts := layout.parts())[1] is body:  # the blocks' lines are worked out anew
        source, encoding, errors = layout.source, layout.encoding, layout.errors
        head, _, lines, tail = parts
    else:
        spans = layout.spans
        keys = list(map(_key_of, spans))
        count = len(body)
        if keys.count("block") != count:
            return None
        start = keys.index("block") if count else len(spans)
        middle = spans[start : start + count]
        if not all(map(is_, map(_value_of, middle), body)):
            return None
        source, encoding, errors = layout.source, layout.encoding, layout.errors
        head, tail = spans[:start], spans[start + count :]
        lines = tuple(chain.from_iterable(map(_lines_of, middle)))
    # spans are sent as plain tuples (a NamedTuple pickles with its class's name)
    head, tail = tuple(map(tuple, head)), tuple(map(tuple, tail))
    return (
        article.headline,
        article.authors,
        article.published,
        article.date_text,
        article.credit,
        bytes(codes),  # type: ignore[arg-type]  # no None left
        tuple(map(_markdown_of, body)),
        None if limits is DEFAULT_LIMITS else limits,
        article.url,
        article.tz_assumed,
        article.diagnostics,
        source,
        head,
        lines,
        tail,
        encoding,
        errors,
    )


def unflatten(
    headline: str | None,
    authors: tuple[Author, ...],
    published: dt.date | None,
    date_text: str | None,
    credit: str | None,
    kinds: bytes,
    markdown: tuple[str, ...],
    limits: Limits | None,
    url: str | None,
    tz_assumed: bool,
    diagnostics: tuple[Diagnostic, ...],
    source: str | None,
    head: tuple[Any, ...],
    lines: tuple[int, ...] | int,
    tail: tuple[Any, ...],
    encoding: str | None,
    errors: str,
) -> Article:
    """The article `flatten` gave these values for."""
    limits = DEFAULT_LIMITS if limits is None else limits
    body: tuple[Block, ...]
    if _BARE_BLOCKS:
        body = tuple(_new(_KINDS[kind]) for kind in kinds)
        for block, text in zip(body, markdown, strict=True):
            _set_markdown(block, text)
            _set_limits(block, limits)
    else:  # pragma: no cover - only if blocks gain fields or checks
        body = tuple(_KINDS[k](m, _limits=limits) for k, m in zip(kinds, markdown, strict=True))
    layout = None
    if source is None:
        pass
    elif isinstance(lines, int):  # the line the body starts on: spans worked out anew
        spans = tuple(starmap(Span, head + tail))
        layout = Layout(source, spans, encoding, errors, body=body, body_start=lines)
    else:
        numbers = iter(lines)
        middle = zip(repeat("block"), numbers, numbers, body, numbers, numbers)
        spans = tuple(starmap(Span, chain(head, middle, tail)))
        layout = Layout(source, spans, encoding, errors)
    return Article(
        headline=headline,
        authors=authors,
        published=published,
        date_text=date_text,
        credit=credit,
        body=body,
        url=url,
        tz_assumed=tz_assumed,
        diagnostics=diagnostics,
        _layout=layout,
    )
