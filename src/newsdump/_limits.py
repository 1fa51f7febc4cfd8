"""Resource limits: how much of an untrusted input newsdump reads, and how deeply.

Dump files come from the open web through somebody's scraper. The limits keep
one bad file from taking a pipeline's memory or time; each has a safe default
and can be raised by passing a `Limits` to `newsdump.load` or `newsdump.loads`.
Hitting a limit never truncates silently: strict parsing raises `ParseError`,
lenient parsing records a diagnostic and keeps the text verbatim, so that
``dumps`` still gives it back exactly (see docs/security.md).
"""

from __future__ import annotations

import re

import attrs
from attrs import field, frozen

from newsdump.errors import Diagnostic, ParseError, Severity

__all__ = [
    "DEFAULT_LIMITS",
    "LINE_BREAK",
    "Limits",
    "first_long_line",
    "keep_verbatim",
    "too_large",
]

_POSITIVE = [attrs.validators.instance_of(int), attrs.validators.ge(1)]


@frozen(kw_only=True)
class Limits:
    """Resource limits for reading one dump file.

    The defaults suit news articles with a wide margin: the largest real article
    text is well under a megabyte, and its longest paragraph a few thousand
    characters. Raise a limit with ``Limits(max_size=...)`` when a trusted source
    needs it.

    Attributes:
        max_size: the most characters `newsdump.loads` parses (and bytes
            `newsdump.load` reads) from one file: 64 MiB.
        max_line: the longest line, in characters, whose inline Markdown the plain
            text path (``.text``, ``.links``) parses: 100,000. A block with a longer
            line keeps its Markdown verbatim as its text and lists no links.
        max_nesting: the deepest nesting of blocks and inline markup markdown-it-py
            may build when working out plain text: 20 (its CommonMark preset's
            default); deeper markup is kept as text.

    >>> Limits(max_line=1_000_000).max_line
    1000000
    """

    max_size: int = field(default=64 * 1024 * 1024, validator=_POSITIVE)
    max_line: int = field(default=100_000, validator=_POSITIVE)
    max_nesting: int = field(default=20, validator=_POSITIVE)


DEFAULT_LIMITS = Limits()
"""The limits used when a call names none."""


def keep_verbatim(markdown: str, limits: Limits) -> bool:
    """Whether the plain-text path keeps ``markdown`` (``\\n`` line endings) as written."""
    width = limits.max_line
    if len(markdown) > limits.max_size:
        return True
    return len(markdown) > width and any(len(line) > width for line in markdown.split("\n"))


def too_large(size: int, limits: Limits, unit: str = "characters") -> ParseError:
    """The error for an input of ``size`` characters (or bytes) over ``limits.max_size``."""
    return ParseError(
        f"the input is larger than {limits.max_size:,} {unit} (Limits.max_size)",
        code="too-large",
        line=1,
        column=1,
    )


LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""A line ending as CommonMark knows it."""


def first_long_line(text: str, limits: Limits) -> Diagnostic | None:
    """The diagnostic for the first line of ``text`` longer than ``limits.max_line``.

    Lines end as in CommonMark (LF, CRLF or CR). The scan is linear and skipped
    altogether for a text no longer than the limit.
    """
    width = limits.max_line
    if len(text) <= width:
        return None
    start = 1 if text.startswith("\ufeff") else 0  # a byte order mark is no line's content
    number = 1
    for match in LINE_BREAK.finditer(text):
        if match.start() - start > width:
            return _long_line(number, width)
        start = match.end()
        number += 1
    if len(text) - start > width:
        return _long_line(number, width)
    return None


def _long_line(number: int, width: int) -> Diagnostic:
    return Diagnostic(
        "line-too-long",
        f"the line is longer than {width:,} characters (Limits.max_line): "
        "its Markdown is kept verbatim as text",
        number,
        width + 1,
        Severity.ERROR,
    )
