"""Resource limits: how much of an untrusted input newsdump reads, and how deeply.

Dump files come from the open web through somebody's scraper. The limits keep
one bad file (or archive) from taking a pipeline's memory, disk or time; each
has a safe default and can be raised by passing a `Limits` to `newsdump.load`,
`newsdump.loads`, `newsdump.Parser` or `newsdump.read_dump`.
Hitting a limit never truncates silently: strict parsing raises `ParseError`,
lenient parsing records a diagnostic and keeps the text verbatim, so that
``dumps`` still gives it back exactly (see docs/security.md).
"""

from __future__ import annotations

import re

from attrs import frozen

from newsdump.errors import Diagnostic, ParseError, Severity

__all__ = [
    "DEFAULT_LIMITS",
    "LINE_BREAK",
    "Limits",
    "MiB",
    "first_long_line",
    "keep_verbatim",
    "too_large",
]

MiB = 1024 * 1024


@frozen(kw_only=True)
class Limits:
    """How much of an untrusted input newsdump reads, and how deeply: every limit, one place.

    The defaults are safe for untrusted input and roomy for news: an article is a
    few kilobytes, its longest paragraph a few thousand characters, and text
    compresses between three and twenty times. Archive limits count what is
    actually decompressed, never what an archive's headers claim. Raise a limit
    with ``Limits(max_line=...)`` when a trusted source needs it.

    Attributes:
        max_bytes: the largest file read: ``load`` reads at most this many bytes,
            ``loads`` parses at most this many characters, and `read_dump` skips a
            larger archive member or JSON line (after decompression) with a
            ``too-large`` error entry. 16 MiB.
        max_line: the longest line, in characters, whose inline Markdown the plain
            text path (``.text``, ``.links``) parses: 100,000. A block with a longer
            line keeps its Markdown verbatim as its text and lists no links.
        max_nesting: the deepest nesting of blocks and inline markup markdown-it-py
            may build when working out plain text: 20 (its CommonMark default). A
            block that reaches it keeps its Markdown verbatim as its text.
        max_body_lines: how many of the body's lines (those that are not empty) are read
            into blocks: 20,000. The rest of the body, from its next line that is not
            blank, is one `Verbatim` block whose text is its Markdown as written (its
            link reference definitions are not read), with a ``too-many-lines``
            diagnostic; ``dumps`` still gives the text back exactly. Every line read
            costs a few hundred bytes at most (a block, markdown-it-py's marks): the
            limit bounds that, so that a body of tiny blocks (``x`` and a blank line,
            a million times) cannot take 30 times its size in memory.
        max_ratio: the largest expansion ratio (bytes out per compressed byte in) an
            archive member, or a compressed tar stream, may reach once it has produced
            ``ratio_floor`` bytes. Beyond it the reader stops with a ``bomb`` error entry.
        ratio_floor: how many decompressed bytes any member or stream may produce before
            its ratio is judged (small files compress well and harm nobody).
        max_members: the most entries a dump may yield (a guard against millions of
            empty members); the rest is reported as one ``too-large`` error entry.

    >>> Limits(max_line=1_000_000).max_line
    1000000
    """

    max_bytes: int = 16 * MiB
    max_line: int = 100_000
    max_nesting: int = 20
    max_body_lines: int = 20_000
    max_ratio: float = 100.0
    ratio_floor: int = 4 * MiB
    max_members: int = 50_000_000

    def __attrs_post_init__(self) -> None:
        if self.max_bytes < 0 or self.ratio_floor < 0 or self.max_members < 0:
            raise ValueError("limits must not be negative")
        if self.max_line < 1 or self.max_nesting < 1 or self.max_body_lines < 1:
            raise ValueError("max_line, max_nesting and max_body_lines must be at least 1")
        if self.max_ratio < 1:
            raise ValueError("max_ratio must be at least 1")

    def is_bomb(self, produced: int, consumed: int) -> bool:
        """Whether ``produced`` bytes out of ``consumed`` compressed ones look like a bomb."""
        return produced > self.ratio_floor and produced > self.max_ratio * max(consumed, 1)


DEFAULT_LIMITS = Limits()
"""The limits used when a call names none."""


def keep_verbatim(markdown: str, limits: Limits) -> bool:
    """Whether the plain-text path keeps ``markdown`` (``\\n`` line endings) as written.

    A line longer than ``max_line`` holds a whole aligned window of half that length,
    so only windows without a line break are looked at closely (as in
    `first_long_line`): no list of the lines is made (a block of a million short lines
    took 15 times its size to split, to find that none was long).
    """
    width = limits.max_line
    size = len(markdown)
    if size > limits.max_bytes:
        return True
    if size <= width:
        return False
    step = max(width // 2, 1)
    for begin in range(0, size - step + 1, step):
        if markdown.find("\n", begin, begin + step) >= 0:
            continue
        end = markdown.find("\n", begin + step)
        if (size if end < 0 else end) - markdown.rfind("\n", 0, begin) - 1 > width:
            return True
    return False


def too_large(size: int, limits: Limits, unit: str = "characters") -> ParseError:
    """The error for an input of ``size`` characters (or bytes) over ``limits.max_bytes``."""
    return ParseError(
        f"the input is larger than {limits.max_bytes:,} {unit} (Limits.max_bytes)",
        code="too-large",
        line=1,
        column=1,
    )


LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""A line ending as CommonMark knows it."""


def first_long_line(text: str, limits: Limits) -> Diagnostic | None:
    """The diagnostic for the first line of ``text`` longer than ``limits.max_line``.

    Lines end as in CommonMark (LF, CRLF or CR); a leading byte order mark is no line's
    content. A line longer than ``max_line`` holds a whole aligned window of half that
    length, so only windows without a line break (found with ``in``, in C) are looked
    at closely: a text of short lines costs a few dozen searches, whatever its size.
    """
    width = limits.max_line
    if len(text) <= width:
        return None
    step = max(width // 2, 1)
    offset = 1 if text.startswith("\ufeff") else 0
    for begin in range(0, len(text) - step + 1, step):
        if text.find("\n", begin, begin + step) >= 0 or text.find("\r", begin, begin + step) >= 0:
            continue
        start = max(text.rfind("\n", 0, begin), text.rfind("\r", 0, begin)) + 1
        end = _line_end(text, begin + step)
        if end - start - (offset if start == 0 else 0) > width:
            return _long_line(len(LINE_BREAK.findall(text, 0, start)) + 1, width)
    return None


def _line_end(text: str, at: int) -> int:
    """Where the line that goes on at ``at`` ends (its first line break, or the end)."""
    ends = [found for found in (text.find("\n", at), text.find("\r", at)) if found >= 0]
    return min(ends, default=len(text))


def _long_line(number: int, width: int) -> Diagnostic:
    return Diagnostic(
        "line-too-long",
        f"the line is longer than {width:,} characters (Limits.max_line): "
        "its Markdown is kept verbatim as text",
        number,
        width + 1,
        Severity.ERROR,
    )
