"""``load``, ``loads``, ``dump``, ``dumps`` and ``format``: the json-style quartet.

Every parse goes through `guarded_parse`, within `Limits`: the size checked first, long
lines reported, nothing lost. A text over ``max_bytes`` is not parsed: strict parsing
raises ``too-large``; lenient parsing returns an article whose body is the whole text as
one `Verbatim` block, with the diagnostic, so that ``dumps`` gives the text back and
``to_dict`` still carries it. A line over ``max_line`` is reported as ``line-too-long``
(strict parsing raises it, in file order with the parser's own errors); the parse itself
is linear, and the plain-text path keeps such a block verbatim. A body with more than
``max_body_lines`` lines is read that far, the rest kept as one verbatim block and
reported as ``too-many-lines``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, Literal, cast

import attrs

from newsdump._limits import DEFAULT_LIMITS, LINE_BREAK, Limits, first_long_line, too_large
from newsdump._model.layout import Layout, Span
from newsdump._model.lines import Lines
from newsdump._model.pieces import rest_line
from newsdump._parse import readback
from newsdump._parse.dateline.tables import languages
from newsdump._parse.document import parse
from newsdump._render import render
from newsdump.errors import Diagnostic, NewsdumpError, ParseError, Severity
from newsdump.model import Article, Verbatim
from newsdump.sites._registry import Registry, SiteLike

if TYPE_CHECKING:
    from newsdump.sites import Site

__all__ = ["Parser", "dump", "dumps", "format_text", "load", "loads"]

Source = str | os.PathLike[str] | IO[bytes] | IO[str]


def loads(
    text: str,
    *,
    strict: bool = False,
    source: str | None = None,
    sites: Iterable[SiteLike] | None = None,
    site: str | Site | None = None,
    limits: Limits | None = None,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> Article:
    """Parse the text of a dump file.

    Lenient parsing (the default) accepts every string and never raises: what it
    cannot place stays in the body, verbatim, and what it noticed is in
    ``article.diagnostics``. Strict parsing raises the first problem.

    Args:
        text: the file's text.
        strict: raise `ParseError` at the first problem instead of recording it.
        source: a name for the text (a path), used in messages.
        sites: the sites to use (`newsdump.sites.Site` instances or classes);
            ``None`` for the built-in ones, ``[]`` for none. To parse many files,
            build a `Parser` once instead.
        site: use this site whatever the trailer URL says (its ``name``, a host, or a
            `newsdump.sites.Site`), e.g. for a file without a trailer.
        limits: the resource limits (`Limits`; the defaults when ``None``): a text
            over ``max_bytes`` characters or with a line over ``max_line`` is an
            error in strict mode and a diagnostic otherwise (see docs/security.md).
        now: the reference time of a relative dateline (``2 hours ago``,
            ``vor 3 Stunden``, ``вчера``); without it such a dateline keeps its
            ``date_text``, ``published`` is ``None`` and a ``relative-date`` warning
            says why.
        language: the language the file's site prints dates in (a code of
            docs/format.md's table, such as ``"de"``), for files whose site does
            not say (a site's own ``language`` comes first): its month and weekday
            names are tried first, and its short date order settles a numeric date
            such as ``03/04/2023``, which is ambiguous otherwise.

    Returns:
        The article; ``dumps`` of it gives ``text`` back exactly.

    Raises:
        ParseError: in strict mode, when the text breaks the format.
        PluginError: in strict mode, when a site fails.
        ValueError: ``language`` is not one the dateline reader knows.

    Examples:
        >>> article = loads("\\n\\n# A headline\\n\\nBy [Ann Lee](#)\\n\\nMay 2, 2024\\n\\nHi.")
        >>> article.headline, article.authors[0].name, str(article.published)
        ('A headline', 'Ann Lee', '2024-05-02')
    """
    registry = _default_registry() if sites is None else Registry(sites)
    return guarded_parse(
        text,
        strict=strict,
        source=source,
        registry=registry,
        site=site,
        limits=limits,
        now=now,
        language=checked_language(language),
    )


def load(
    source: Source,
    *,
    strict: bool = False,
    encoding: str = "utf-8",
    errors: str = "strict",
    sites: Iterable[SiteLike] | None = None,
    site: str | Site | None = None,
    limits: Limits | None = None,
    now: dt.datetime | Literal["mtime"] | None = None,
    language: str | None = None,
) -> Article:
    """Read and parse a dump file from a path or a file object (binary or text).

    Bytes are decoded with ``encoding`` (UTF-8 by default; a byte order mark is
    kept for the round trip). Invalid bytes are a `ParseError` naming the byte
    offset, line and column, unless ``errors="surrogateescape"`` asks to keep
    them, in which case `dump` writes the original bytes back. ``sites``,
    ``site`` and ``limits`` are as for `loads`; at most ``limits.max_bytes`` bytes
    are read, and a larger file is a ``too-large`` `ParseError` in both modes
    (reading it all is what the limit guards against). ``now`` is as for `loads`,
    or ``"mtime"`` for the file's modification time (a path, or a file object with
    a file descriptor), in UTC. ``language`` is as for `loads`.

    Raises:
        ParseError: the file is too large, the bytes do not decode, or (strict) the
            text breaks the format.
        PluginError: in strict mode, when a site fails.
        OSError: the file cannot be read.
        ValueError: ``language`` is not one the dateline reader knows.
    """
    registry = _default_registry() if sites is None else Registry(sites)
    language = checked_language(language)
    return _load(source, strict, encoding, errors, registry, site, limits, now, language)


class Parser:
    """A reusable parser with a fixed set of sites.

    Building it resolves the sites once (hosts, time zones), so parsing many
    files with one `Parser` is faster than passing ``sites=`` to every call.

    Args:
        sites: the sites (`newsdump.sites.Site` instances or classes);
            ``None`` for the built-in ones, ``[]`` for none.
        strict: raise at the first problem instead of recording diagnostics.
        limits: the resource limits (`Limits`; the defaults when ``None``).
        now: the reference time of relative datelines (see `newsdump.loads`);
            ``"mtime"`` reads them against each file's modification time in `load`.
        language: the language of datelines whose site does not name one (see
            `newsdump.loads`).

    Raises:
        PluginError: a site is malformed (no hosts, an unknown time zone).
        ValueError: ``language`` is not one the dateline reader knows.

    >>> parser = Parser(sites=[])
    >>> parser.loads("\\n\\n# Hello\\n\\nBody.").headline
    'Hello'
    """

    __slots__ = ("_registry", "language", "limits", "now", "strict")

    def __init__(
        self,
        sites: Iterable[SiteLike] | None = None,
        *,
        strict: bool = False,
        limits: Limits | None = None,
        now: dt.datetime | Literal["mtime"] | None = None,
        language: str | None = None,
    ) -> None:
        self._registry = _default_registry() if sites is None else Registry(sites)
        self.strict = strict
        self.limits = limits
        self.now = now
        self.language = checked_language(language)

    @property
    def sites(self) -> tuple[Site, ...]:
        """The sites this parser applies."""
        return self._registry.sites

    def loads(
        self, text: str, *, source: str | None = None, site: str | Site | None = None
    ) -> Article:
        """Parse the text of a dump file (see `newsdump.loads`)."""
        return guarded_parse(
            text,
            strict=self.strict,
            source=source,
            registry=self._registry,
            site=site,
            limits=self.limits,
            now=None if self.now == "mtime" else self.now,
            language=self.language,
        )

    def load(
        self,
        source: Source,
        *,
        encoding: str = "utf-8",
        errors: str = "strict",
        site: str | Site | None = None,
    ) -> Article:
        """Read and parse a dump file from a path or a file object (see `newsdump.load`)."""
        return _load(
            source,
            self.strict,
            encoding,
            errors,
            self._registry,
            site,
            self.limits,
            self.now,
            self.language,
        )


@functools.cache
def _default_registry() -> Registry:
    """The built-in sites, loaded on first use (importing newsdump loads none).

    Built once per process: sites are stateless, and building a registry (instances,
    time zones, the host index) costs more than parsing a short article.
    """
    from newsdump.sites import load_sites

    return Registry(load_sites(plugins=False))


def _load(
    source: Source,
    strict: bool,
    encoding: str,
    errors: str,
    registry: Registry | None,
    site: str | Site | None,
    limits: Limits | None = None,
    now: dt.datetime | Literal["mtime"] | None = None,
    language: str | None = None,
) -> Article:
    limits = limits or DEFAULT_LIMITS
    if now == "mtime":
        now = _mtime(source)
    name, data = _read(source, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        error = too_large(len(data), limits, "bytes")
        raise error.with_source(name) if name else error
    text = data if isinstance(data, str) else _decode(data, encoding, errors, name)
    try:
        article = guarded_parse(
            text,
            strict=strict,
            source=name,
            encoding=encoding,
            errors=errors,
            registry=registry,
            site=site,
            limits=limits,
            now=now,
            language=language,
        )
    except ParseError as exc:
        raise exc if exc.source else exc.with_source(name or "<input>") from None
    return article


def dumps(article: Article, *, canonical: bool = False) -> str:
    """The text of a dump file for ``article``.

    A parsed, unchanged article gives back the exact text it was read from; an
    edited one changes only the edited fields' lines. ``canonical=True`` writes
    the canonical layout instead (see `format_text`).
    """
    return render(article, readback, canonical=canonical)


def dump(article: Article, target: str | os.PathLike[str] | IO[bytes] | IO[str]) -> None:
    """Write ``article`` to a path or file object, in the encoding it was read with."""
    text = dumps(article)
    layout = article._layout
    encoding = (layout.encoding if layout else None) or "utf-8"
    errors = layout.errors if layout else "strict"
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as handle:
            handle.write(text.encode(encoding, errors))
    elif isinstance(target, io.TextIOBase):
        target.write(text)
    else:
        cast("IO[bytes]", target).write(text.encode(encoding, errors))


def format_text(
    text: str,
    *,
    sites: Iterable[SiteLike] | None = None,
    site: str | Site | None = None,
    limits: Limits | None = None,
) -> str:
    """Rewrite a dump file's text into the canonical form (idempotent).

    The text is read as lenient `loads` reads it, within ``limits``. ``sites`` and
    ``site`` choose the sites used to read it, as for `loads`.

    Raises:
        TypeError: ``text`` is not a str.
        ParseError: the text is over ``limits.max_bytes`` characters (``too-large``: it
            is not read, so it has no canonical form), or newsdump failed (``internal``).

    >>> format_text("# Hi\\n\\nBody.\\n")
    '\\n\\n# Hi\\n\\nBody.'
    """
    if not isinstance(text, str):
        raise TypeError(f"format_text() takes a str, not {type(text).__name__}")
    limits = limits or DEFAULT_LIMITS
    if len(text) > limits.max_bytes:
        raise too_large(len(text), limits)
    registry = _default_registry() if sites is None else Registry(sites)
    article = guarded_parse(text, registry=registry, site=site, limits=limits)
    return render(article, readback, canonical=True)


def _mtime(source: Source) -> dt.datetime:
    """The modification time of a path or of a file object's descriptor, in UTC.

    Raises:
        ValueError: a file object without a file descriptor (``io.BytesIO``).
    """
    if isinstance(source, str | os.PathLike):
        seconds = os.stat(source).st_mtime
    else:
        try:
            seconds = os.fstat(source.fileno()).st_mtime
        except (AttributeError, OSError, io.UnsupportedOperation):
            raise ValueError("now='mtime' needs a path or a file with a descriptor") from None
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _read(source: Source, size: int) -> tuple[str | None, bytes | str]:
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        with open(path, "rb") as handle:
            return path, handle.read(size)
    name: Any = getattr(source, "name", None)
    return (name if isinstance(name, str) else None), source.read(size)


def _decode(data: bytes, encoding: str, errors: str, name: str | None) -> str:
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode(encoding, "replace")) + 1
        raise ParseError(
            f"invalid {exc.encoding} at byte offset {exc.start}: {exc.reason}",
            code="invalid-encoding",
            line=line,
            column=column,
            source=name,
        ) from None
    except LookupError as exc:
        raise ValueError(f"unknown encoding {encoding!r}") from exc


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
    language: str | None = None,
) -> Article:
    """Parse ``text`` as `newsdump.loads` does, within ``limits`` (``None``: the defaults).

    Raises:
        TypeError: ``text`` is not a str.
        ParseError: strict mode found a problem, a limit was hit (strict), or newsdump
            itself failed (code ``internal``): nothing else escapes.
        PluginError: a site failed in strict mode.
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
                language=language,
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
    layout = Layout(text, (Span("block", 0, len(lines), block),), encoding, errors)
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


def checked_language(language: str | None) -> str | None:
    """``language`` when the dateline reader knows it (or ``None``); else ValueError."""
    if language is None or language in languages():
        return language
    shown = repr(language)[:60] if isinstance(language, str) else type(language).__name__
    raise ValueError(
        f"unknown language {shown}: the dateline reader knows the codes of docs/format.md's "
        "table, such as 'de' or 'ja'"
    )
