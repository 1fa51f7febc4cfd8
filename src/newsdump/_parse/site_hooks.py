"""Calling a site's hooks from the parser, safely.

`SiteHooks` wraps one `newsdump.sites.Site` for one parse. Each hook call is
guarded: a hook that raises, or returns something of the wrong type, raises
`PluginError` in strict mode and otherwise records a ``plugin-error``
diagnostic, after which the generic rule decides that step. Hooks a site does
not override are never called.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from newsdump._model.layout import Layout, Span, body_spans
from newsdump._parse.dateline import DateReading, in_zone, read_date
from newsdump.errors import PluginError, Severity
from newsdump.model import Article, Author, Block
from newsdump.sites._registry import hooks_of

if TYPE_CHECKING:
    from newsdump._model.lines import Lines
    from newsdump.sites import Site

__all__ = ["SiteHooks", "host_of"]

Report = Callable[[str, str, int, int, Severity], None]
_HOST = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^@/?#\s]*@)?([^:/?#\s]+)")
_NO_HOOK = object()


def host_of(url: str | None) -> str | None:
    """The host of a trailer URL (``www.x.com`` for ``<https://www.x.com/a>``), or ``None``."""
    if not url:
        return None
    match = _HOST.match(url)
    if match is None:
        return url.partition("/")[0] if url.startswith("www.") else None
    return match.group(1)


class SiteHooks:
    """One site's hooks, called for one parse."""

    __slots__ = ("_report", "_strict", "dayfirst", "has", "language", "site", "zone")

    def __init__(
        self,
        site: Site,
        zone: dt.tzinfo | None,
        *,
        strict: bool,
        report: Report,
        has: frozenset[str] | None = None,
    ):
        self.site = site
        self.zone = zone
        self.dayfirst = site.dayfirst
        self.language: str | None = getattr(site, "language", None)
        self._strict = strict
        self._report = report
        # The hooks it overrides, as its registry read them (worked out here without one).
        self.has = hooks_of(site) if has is None else has

    def _call(self, hook: str, line: int, check: Callable[[object], bool], *args: object) -> object:
        """The hook's result, or ``_NO_HOOK`` when it failed (after reporting it)."""
        try:
            result = getattr(self.site, hook)(*args)
        except Exception as exc:
            self.fail(hook, line, f"{type(exc).__name__}: {exc}", exc)
            return _NO_HOOK
        if not check(result):
            self.fail(hook, line, f"returned {type(result).__name__}, which {hook}() may not")
            return _NO_HOOK
        return result

    def fail(self, hook: str, line: int, message: str, cause: Exception | None = None) -> None:
        """Raise `PluginError` (strict) or record a ``plugin-error`` diagnostic at 0-based line."""
        if self._strict:
            raise PluginError(message, plugin=self.site.label, hook=hook) from cause
        text = f"site {self.site.label!r} failed in {hook}: {message}; generic rules used"
        self._report("plugin-error", text, line, 1, Severity.WARNING)

    def credit(self, text: str, line: int) -> bool | None:
        """The site's verdict on a credit candidate, ``None`` for the generic rule."""
        if "credit" not in self.has:
            return None
        result = self._call("credit", line, _is_optional_bool, text)
        return None if result is _NO_HOOK else result  # type: ignore[return-value]

    def authors(self, names: str, line: int) -> tuple[Author, ...] | None:
        """The site's authors for a byline, ``None`` for the generic rule."""
        if "authors" not in self.has:
            return None
        result = self._call("authors", line, _is_authors, names)
        if result is _NO_HOOK or result is None:
            return None
        assert isinstance(result, tuple | list)
        return tuple(result)

    def read(
        self, text: str, line: int, now: dt.datetime | None = None, language: str | None = None
    ) -> DateReading:
        """Read a date text with the site's hook, zone, day order and language; ``now``
        is the reference time of a relative date, ``language`` the one to use when the
        site names none."""
        if "date" in self.has:
            value = self._call("date", line, _is_optional_date, text)
            if isinstance(value, dt.date):
                return self._reading(value)
        lang = self.language or language
        return read_date(text, dayfirst=self.dayfirst, tz=self.zone, lang=lang, now=now)

    def _reading(self, value: dt.date) -> DateReading:
        if not isinstance(value, dt.datetime):
            return DateReading(value, None)
        if value.tzinfo is None and self.zone is not None:
            return in_zone(value.replace(tzinfo=self.zone), assumed=True)
        return DateReading(value, None) if value.tzinfo is None else in_zone(value, assumed=False)

    def retype(self, blocks: list[Block], lines: Lines, start: int) -> None:
        """Put the site's class on each block it retypes (in place); the body's blocks
        start on line ``start`` of ``lines`` (for the line a failure is reported on).

        The hook is called directly for each block (this runs for every block of every
        article of a site with a block hook); the checks of `_call` run only on what the
        hook returns that is not ``None`` or the block's own class.
        """
        hook = self.site.block
        for index, block in enumerate(blocks):
            try:
                result = hook(block, index)
            except Exception as exc:
                line = _line_of(lines, start, blocks, index)
                self.fail("block", line, f"{type(exc).__name__}: {exc}", exc)
                continue
            if result is None or result is type(block):
                continue
            problem = _retyped(block, result)
            if isinstance(problem, Block):
                blocks[index] = problem
            else:
                self.fail("block", _line_of(lines, start, blocks, index), *problem)

    def finish(self, article: Article) -> Article:
        """The site's final pass; the layout follows the new values so nothing is rewritten."""
        result = self._call("finish", 0, _is_article, article)
        if not isinstance(result, Article) or result is article:
            return article
        layout = _relayout(article, result)
        if layout is None:
            self.fail("finish", 0, "changed which fields or blocks the article has")
            return article
        return attrs.evolve(result, _layout=layout)


def _retyped(block: Block, kind: object) -> Block | tuple[str, Exception | None]:
    """``block`` as a ``kind``, or why the site's class cannot hold it (and the cause).

    The site's class is built here, under the same guard as its hook: its ``__init__``,
    validators and converters are the site's code. The new block must keep the Markdown,
    so that the file is written back unchanged.
    """
    if not _is_block_class(kind):
        return f"returned {type(kind).__name__}, which block() may not", None
    assert isinstance(kind, type)
    try:
        new = kind(block.markdown, _limits=block._limits)
    except Exception as exc:
        return f"cannot make a {kind.__name__}: {type(exc).__name__}: {exc}", exc
    if not isinstance(new, Block) or new.markdown != block.markdown:
        return f"{kind.__name__} does not keep the block's Markdown as it was read", None
    return new


def _line_of(lines: Lines, start: int, blocks: list[Block], index: int) -> int:
    """The first line of ``blocks[index]`` (a failure's place: worked out only then)."""
    return body_spans(lines, start, blocks[: index + 1])[-1].start


def _is_article(value: object) -> bool:
    return isinstance(value, Article)


def _is_optional_bool(value: object) -> bool:
    return value is None or isinstance(value, bool)


def _is_authors(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str) or not isinstance(value, tuple | list):
        return False
    return all(isinstance(a, Author) and a.name and isinstance(a.name, str) for a in value)


def _is_optional_date(value: object) -> bool:
    return value is None or isinstance(value, dt.date)


def _is_block_class(value: object) -> bool:
    return value is None or (
        isinstance(value, type) and issubclass(value, Block) and value is not Block
    )


def _values(article: Article) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    if article.headline is not None:
        items.append(("headline", article.headline))
    if article.authors:
        items.append(("byline", article.authors))
    if article.date_text is not None or article.published is not None:
        items.append(("date", (article.date_text, article.published)))
    if article.credit is not None:
        items.append(("credit", article.credit))
    items.extend(("block", block) for block in article.body)
    return items


def _relayout(old: Article, new: Article) -> Layout | None:
    """The old layout carrying the new values, or ``None`` if the fields differ."""
    layout = old._layout
    if layout is None:
        return None
    spans = list(layout.spans)
    trailer = spans.pop() if spans and spans[-1].key == "trailer" else None
    items = _values(new)
    if len(items) != len(spans):
        return None
    fresh: list[Span] = []
    for span, (key, value) in zip(spans, items, strict=True):
        if span.key != key:
            return None
        fresh.append(span._replace(value=value))
    if trailer is not None:
        if new.url is None and trailer.value is not None:
            return None
        fresh.append(trailer._replace(value=new.url))
    elif new.url is not None:
        return None
    return Layout(layout.source, tuple(fresh), layout.encoding, layout.errors)
