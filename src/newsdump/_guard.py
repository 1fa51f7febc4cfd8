"""One parse within `Limits`: the size checked first, long lines reported, nothing lost.

A text over ``max_bytes`` is not parsed: strict parsing raises ``too-large``;
lenient parsing returns an article whose body is the whole text as one
`Verbatim` block, with the diagnostic, so that ``dumps`` gives the text back
and ``to_dict`` still carries it. A line over ``max_line`` is reported as
``line-too-long`` (strict parsing raises it, in file order with the parser's
own errors); the parse itself is linear, and the plain-text path keeps such a
block verbatim. A body with more than ``max_body_lines`` lines is read that far,
the rest kept as one verbatim block and reported as ``too-many-lines``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from newsdump._layout import Layout
from newsdump._limits import DEFAULT_LIMITS, LINE_BREAK, Limits, first_long_line, too_large
from newsdump._parse.document import parse
from newsdump._parse.lines import Lines
from newsdump._prepared import rest_line
from newsdump.errors import Diagnostic, NewsdumpError, ParseError, Severity
from newsdump.model import Article, Verbatim

if TYPE_CHECKING:
    import datetime as dt

    from newsdump.sites import Site
    from newsdump.sites._registry import Registry

__all__ = ["guarded_parse"]


def guarded_parse(
    text: str,
    *,
    limits: Limits | None,
    strict: bool = False,
    source: str | None = None,
    encoding: str | None = None,
    errors: str = "strict",
    registry: Registry | None = None,
    site: str | Site | None = None,
    now: dt.datetime | None = None,
) -> Article:
    """Parse ``text`` as `newsdump.loads` does, within ``limits`` (``None``: the defaults).

    Raises:
        TypeError: ``text`` is not a str.
        ParseError: strict mode found a problem, a limit was hit (strict), or newsdump
            itself failed (code ``internal``): nothing else escapes.
        PluginError: a site quirk failed in strict mode.
    """
    if not isinstance(text, str):
        raise TypeError(f"loads() takes a str, not {type(text).__name__}")
    limits = _default_or(limits)
    try:
        if len(text) > limits.max_bytes:
            if strict:
                error = too_large(len(text), limits)
                raise error.with_source(source) if source else error
            return _oversized(text, limits, encoding, errors)
        long_line = first_long_line(text, limits)
        try:
            article = parse(
                text,
                strict=strict,
                source=source,
                encoding=encoding,
                errors=errors,
                registry=registry,
                site=site,
                limits=limits,
                now=now,
            )
        except ParseError as exc:
            if long_line is not None and long_line.line < exc.line:
                raise _error(long_line, text, source) from None
            raise
        found = [d for d in (long_line, _unread_rest(article, limits)) if d is not None]
        if not found:
            return article
        if strict:
            raise _error(min(found, key=lambda d: d.line), text, source)
        diagnostics = sorted((*article.diagnostics, *found), key=lambda d: (d.line, d.column))
        return attrs.evolve(article, diagnostics=tuple(diagnostics))
    except NewsdumpError:
        raise
    except Exception as exc:  # a bug of ours must not escape as anything but ParseError
        raise ParseError(
            f"internal error while parsing: {type(exc).__name__}: {exc}",
            code="internal",
            line=1,
            source=source,
        ) from exc


def _unread_rest(article: Article, limits: Limits) -> Diagnostic | None:
    """The ``too-many-lines`` diagnostic when the body's last block holds the rest of a
    body past ``max_body_lines`` (see `newsdump._parse.body.scan_body`)."""
    line = rest_line(article.body[-1]) if article.body else None
    if line is None:
        return None
    message = (
        f"the body has more than {limits.max_body_lines:,} lines (Limits.max_body_lines): "
        "the rest, from here, is one block kept verbatim"
    )
    return Diagnostic("too-many-lines", message, line + 1, 1, Severity.ERROR)


def _default_or(limits: Limits | None) -> Limits:
    """``limits``, or the default object for ``None`` and for limits equal to it: the
    parser builds blocks once for the default object."""
    if limits is None or limits is DEFAULT_LIMITS or limits == DEFAULT_LIMITS:
        return DEFAULT_LIMITS
    return limits


def _oversized(text: str, limits: Limits, encoding: str | None, errors: str) -> Article:
    lines = Lines(text)
    block = Verbatim("\n".join(lines.content), _limits=limits)
    layout = Layout(text, (("block", 0, len(lines), block, 0, -1),), encoding, errors)
    problem = too_large(len(text), limits)
    diagnostic = Diagnostic(problem.code, problem.message, 1, 1, Severity.ERROR)
    return Article(body=(block,), diagnostics=(diagnostic,), _layout=layout)


def _error(diagnostic: Diagnostic, text: str, source: str | None) -> ParseError:
    start = 0
    for number, match in enumerate(LINE_BREAK.finditer(text), 2):
        if number > diagnostic.line:
            break
        start = match.end()
    excerpt = text[start : start + 200].partition("\n")[0].partition("\r")[0]
    return ParseError.from_diagnostic(diagnostic, source=source, excerpt=excerpt.lstrip("\ufeff"))
