"""Read a whole dump file: trailer from the end, header from the top, blocks between.

The result is an `Article` whose layout records every byte: the text is
``lead + slot.raw + next.before + next.raw + ... + tail`` (see `newsdump._layout`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from newsdump._layout import Layout, Span
from newsdump._limits import DEFAULT_LIMITS, Limits
from newsdump._parse.body import scan_body
from newsdump._parse.header import Field, Header, read_header
from newsdump._parse.lines import Context, Lines
from newsdump._parse.quirks import Quirk, host_of
from newsdump._parse.trailer import find_trailer
from newsdump.errors import Severity
from newsdump.model import Article, Author, Block

if TYPE_CHECKING:
    from newsdump.sites import Site
    from newsdump.sites._registry import Registry

__all__ = ["parse"]


def parse(
    text: str,
    *,
    strict: bool = False,
    source: str | None = None,
    encoding: str | None = None,
    errors: str = "strict",
    registry: Registry | None = None,
    site: str | Site | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Article:
    """Parse a dump file's text into an `Article` (see `newsdump.loads`).

    ``registry`` holds the site quirks to match against the trailer URL's host;
    ``site`` names the host (or gives the quirk) to use whatever the URL says.
    """
    lines = Lines(text)
    ctx = Context(lines, strict=strict, source=source)
    empty = not text or text.isspace()
    if empty:
        ctx.report("empty-input", "the file is empty", 0, 1, Severity.ERROR)
    # The trailer is found first (it bounds the header), but its problems are reported
    # after the header's, so that strict mode raises the first problem in the file.
    at_end = Context(lines, strict=False)
    trailer = None if empty else find_trailer(lines, at_end)
    stop = trailer.start if trailer else len(lines)
    quirk = _quirk(lines, stop, ctx, registry, site, trailer.url if trailer else None)
    # An empty file has no headline either; saying so again would be noise.
    header = read_header(lines, stop, Context(lines, strict=False) if empty else ctx, quirk)
    for problem in at_end.diagnostics:
        ctx.report(
            problem.code, problem.message, problem.line - 1, problem.column, problem.severity
        )
    builder = _Builder(lines)
    _add_header(builder, header)
    blocks: list[Block] = []
    spans = builder.spans
    retype = quirk is not None and "block" in quirk.has
    for first, last, kind, markdown in scan_body(lines, header.body_start, stop):
        block = kind(markdown, _limits=limits)
        if retype:
            assert quirk is not None
            block = quirk.block(block, len(blocks), first)
        blocks.append(block)
        spans.append(("block", first, last, block, 0, -1))
    if trailer is not None:
        builder.add(
            "trailer", trailer.start, trailer.stop, trailer.url, trailer.url_start, trailer.url_end
        )
    layout = builder.layout(text, encoding, errors)
    date = header.date.value if header.date else (None, None)
    assert isinstance(date, tuple)
    article = Article(
        headline=_value(header.headline, str),
        authors=_authors(header.byline),
        published=date[1],
        date_text=date[0],
        credit=_value(header.credit, str),
        body=tuple(blocks),
        url=trailer.url if trailer else None,
        tz_assumed=header.tz_assumed,
        diagnostics=tuple(ctx.diagnostics),
        _layout=layout,
    )
    if quirk is None or "finish" not in quirk.has:
        return article
    return _finish(quirk, article, ctx)


def _quirk(
    lines: Lines,
    stop: int,
    ctx: Context,
    registry: Registry | None,
    site: str | Site | None,
    url: str | None,
) -> Quirk | None:
    """The site quirk for this file: named by ``site``, or matched by the URL's host."""
    if registry is None and site is None:
        return None
    from newsdump.sites._registry import Registry, choose

    if site is not None and not isinstance(site, str):
        registry = Registry([site])
        candidates = list(registry.sites)
    elif registry is None:
        return None
    else:
        candidates = registry.candidates(site if site is not None else host_of(url))
    if not candidates:
        return None
    published = None
    if registry.needs_date(candidates):
        scratch = read_header(lines, stop, Context(lines, strict=False))
        published = scratch.date.value[1] if scratch.date else None  # type: ignore[index]
    chosen = choose(candidates, published)
    if chosen is None:
        return None
    return Quirk(chosen, registry.zones.get(id(chosen)), strict=ctx.strict, report=ctx.report)


def _finish(quirk: Quirk, article: Article, ctx: Context) -> Article:
    seen = len(ctx.diagnostics)
    finished = quirk.finish(article)
    added = tuple(d for d in finished.diagnostics if d not in article.diagnostics)
    if len(ctx.diagnostics) == seen and not added:
        return finished
    return attrs.evolve(finished, diagnostics=(*ctx.diagnostics, *added))


def _value(field: Field | None, kind: type[str]) -> str | None:
    if field is None:
        return None
    assert isinstance(field.value, kind)
    return field.value


def _authors(field: Field | None) -> tuple[Author, ...]:
    if field is None:
        return ()
    assert isinstance(field.value, tuple)
    return field.value


def _add_header(builder: _Builder, header: Header) -> None:
    for key, field in (
        ("headline", header.headline),
        ("byline", header.byline),
        ("date", header.date),
        ("credit", header.credit),
    ):
        if field is not None:
            builder.add(key, field.start, field.stop, field.value, len(field.prefix))


class _Builder:
    """Collects the spans of fields and blocks, in file order."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.spans: list[Span] = []

    def add(
        self, key: str, start: int, stop: int, value: object, cut: int = 0, end: int = -1
    ) -> None:
        self.spans.append((key, start, stop, value, cut, end))

    def layout(self, text: str, encoding: str | None, errors: str) -> Layout:
        return Layout(text, tuple(self.spans), encoding, errors)
