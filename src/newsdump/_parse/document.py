"""Read a whole dump file: trailer from the end, header from the top, blocks between.

The result is an `Article` whose layout records every byte: the text is
``lead + slot.raw + next.before + next.raw + ... + tail`` (see `newsdump._model.layout`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import attrs

from newsdump._limits import DEFAULT_LIMITS, Limits
from newsdump._model.layout import Layout, Span
from newsdump._model.lines import Lines
from newsdump._model.pieces import rest_line
from newsdump._parse.body import scan_body
from newsdump._parse.context import Context
from newsdump._parse.header import Header, read_header
from newsdump._parse.site_hooks import SiteHooks, host_of
from newsdump._parse.trailer import Trailer, find_trailer
from newsdump.errors import Diagnostic, Severity
from newsdump.model import Article, Author, Block
from newsdump.sites._registry import Registry, choose

if TYPE_CHECKING:
    import datetime as dt

    from newsdump.sites import Site

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
    now: dt.datetime | None = None,
    language: str | None = None,
) -> Article:
    """Parse a dump file's text into an `Article` (see `newsdump.loads`).

    ``registry`` holds the sites to match against the trailer URL's host;
    ``site`` names the site (or its host, or gives the `Site`) to use whatever the URL says;
    ``now`` is the reference time of a relative dateline; ``language`` the language of
    a dateline whose site names none.
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
    hooks = _site_hooks(lines, stop, ctx, registry, site, trailer.url if trailer else None)
    # An empty file has no headline either; saying so again would be noise.
    header_ctx = Context(lines, strict=False) if empty else ctx
    header = read_header(lines, stop, header_ctx, hooks, now, language)
    for problem in at_end.diagnostics:
        ctx.report(
            problem.code, problem.message, problem.line - 1, problem.column, problem.severity
        )
    body = _body(lines, header.body_start, stop, limits, hooks)
    layout = Layout(
        text, _spans(header, trailer), encoding, errors, body=body, body_start=header.body_start
    )
    article = _article(header, body, trailer, tuple(ctx.diagnostics), layout)
    if hooks is None or "finish" not in hooks.has:
        return article
    return _finish(hooks, article, ctx)


def _body(
    lines: Lines, start: int, stop: int, limits: Limits, hooks: SiteHooks | None
) -> tuple[Block, ...]:
    """The blocks of lines ``start`` to ``stop - 1``, retyped by the site's block hook."""
    blocks = scan_body(lines, start, stop, limits.max_body_lines)
    if limits is not DEFAULT_LIMITS:
        blocks = [_within(block, limits) for block in blocks]
    if hooks is not None and "block" in hooks.has:
        hooks.retype(blocks, lines, start)
    return tuple(blocks)


def _spans(header: Header, trailer: Trailer | None) -> tuple[Span, ...]:
    """The spans of the header fields found and of the trailer, in file order."""
    spans = [field for field in header[:4] if field is not None]
    if trailer is not None:
        spans.append(Span(*trailer))
    return tuple(spans)


def _article(
    header: Header,
    body: tuple[Block, ...],
    trailer: Trailer | None,
    diagnostics: tuple[Diagnostic, ...],
    layout: Layout,
) -> Article:
    """The article of the fields read."""
    headline, byline, date, credit = header[:4]
    date_text, published = (
        cast("tuple[str | None, dt.date | None]", date.value) if date else (None, None)
    )
    return Article(
        headline=cast("str", headline.value) if headline else None,
        authors=cast("tuple[Author, ...]", byline.value) if byline else (),
        published=published,
        date_text=date_text,
        credit=cast("str", credit.value) if credit else None,
        body=body,
        url=trailer.url if trailer else None,
        tz_assumed=header.tz_assumed,
        diagnostics=diagnostics,
        _layout=layout,
    )


def _within(block: Block, limits: Limits) -> Block:
    """The block, made to work out its plain text within ``limits``."""
    if rest_line(block) is not None:
        return block  # the rest of a long body: its text is its Markdown, whatever the limits
    return type(block)(block.markdown, _limits=limits)


def _site_hooks(
    lines: Lines,
    stop: int,
    ctx: Context,
    registry: Registry | None,
    site: str | Site | None,
    url: str | None,
) -> SiteHooks | None:
    """The hooks of the site for this file: named by ``site``, or matched by the URL's host."""
    if site is not None and not isinstance(site, str):
        registry = Registry([site])
        candidates = list(registry.sites)
    elif registry is None:
        return None
    else:
        candidates = registry.candidates(host_of(url)) if site is None else registry.select(site)
    if not candidates:
        return None
    published = None
    if registry.needs_date(candidates):
        scratch = read_header(lines, stop, Context(lines, strict=False))
        published = scratch.date.value[1] if scratch.date else None  # type: ignore[index]
    chosen = choose(candidates, published)
    if chosen is None:
        return None
    zone, has = registry.zones.get(id(chosen)), registry.hooks.get(id(chosen))
    return SiteHooks(chosen, zone, strict=ctx.strict, report=ctx.report, has=has)


def _finish(hooks: SiteHooks, article: Article, ctx: Context) -> Article:
    seen = len(ctx.diagnostics)
    finished = hooks.finish(article)
    added = tuple(d for d in finished.diagnostics if d not in article.diagnostics)
    if len(ctx.diagnostics) == seen and not added:
        return finished
    return attrs.evolve(finished, diagnostics=(*ctx.diagnostics, *added))
