"""The trailer: ``Original url:``, a blank line, and ``<url>`` (or a bare URL)."""

from __future__ import annotations

import re
from typing import NamedTuple

from newsdump._model.lines import Lines, is_blank
from newsdump._parse.context import Context
from newsdump.errors import Severity

__all__ = ["Trailer", "find_trailer"]

_LABEL = re.compile(r"[ \t\xa0]{0,3}original[ \t\xa0]+url[ \t\xa0]*:[ \t\xa0]*(.*)", re.IGNORECASE)
_BARE = re.compile(
    r"[ \t\xa0]*([a-zA-Z][a-zA-Z0-9+.-]{0,31}:[^\s<>]*|//[^\s<>]+|www\.[^\s<>]+)[ \t\xa0]*"
)


_KEY = "trailer"


class Trailer(NamedTuple):
    """The trailer as its layout span (`newsdump._model.layout.Span`): lines ``start`` to
    ``stop - 1``, the ``url`` (``None`` when the label has none), and where the URL
    stands in the trailer's raw text (``url_start`` to ``url_end``)."""

    key: str
    start: int
    stop: int
    url: str | None
    url_start: int = 0
    url_end: int = 0


def find_trailer(lines: Lines, ctx: Context) -> Trailer | None:
    """Find the trailer at the end of the text, reporting a missing or malformed one."""
    last = _last_filled(lines, len(lines))
    if last < 0:
        return None
    content = lines.content
    label = _LABEL.fullmatch(content[last])
    if label:
        return _same_line(lines, last, label, ctx)
    url = _url(content[last])
    if url is not None:
        previous = _last_filled(lines, last)
        if previous >= 0 and (label := _LABEL.fullmatch(content[previous])) and not label.group(1):
            offset = lines.width(previous, last)
            return Trailer(_KEY, previous, last + 1, url[0], offset + url[1], offset + url[2])
    ctx.report("missing-trailer", "no 'Original url:' trailer at the end", last, 1, Severity.ERROR)
    return None


def _same_line(lines: Lines, index: int, label: re.Match[str], ctx: Context) -> Trailer:
    rest = label.group(1)
    if not rest:
        ctx.report(
            "malformed-trailer",
            "'Original url:' is not followed by a URL",
            index,
            1,
            Severity.ERROR,
        )
        return Trailer(_KEY, index, index + 1, None)
    url = _url(rest)
    if url is None:
        column = label.start(1) + 1
        ctx.report(
            "malformed-trailer", f"not a URL: {rest.strip()!r}", index, column, Severity.ERROR
        )
        return Trailer(_KEY, index, index + 1, None)
    base = label.start(1)
    return Trailer(_KEY, index, index + 1, url[0], base + url[1], base + url[2])


def _url(line: str) -> tuple[str, int, int] | None:
    """The URL of a trailer line, with where it starts and ends in the line."""
    found = _angled(line)
    if found is not None:
        return found
    match = _BARE.fullmatch(line)
    if match is None:
        return None
    return match.group(1), match.start(1), match.end(1)


def _spaced(text: str) -> bool:
    """Whether ``text`` holds whitespace (what ``\\s`` matches). Every whitespace character
    but the space is unprintable, so a printable text without a space has none: one quick
    pass in C for the URLs seen in practice."""
    if text.isprintable() and " " not in text:
        return False
    return text.split(maxsplit=1) != [text]


def _angled(line: str) -> tuple[str, int, int] | None:
    """A URL in angle brackets, ``<...>``, spaces and tabs around it: what the pattern
    ``[ \\t\\xa0]*<([^<>\\s]*)>[ \\t\\xa0]*`` matches, in a few string operations (a
    pattern tests every character of the URL against the whitespace class, in Python's
    engine; this costs a fifth of that)."""
    body = line.strip(" \t\xa0")
    if body[:1] != "<" or body[-1:] != ">":
        return None
    url = body[1:-1]
    if "<" in url or ">" in url or (url and _spaced(url)):
        return None
    start = len(line) - len(line.lstrip(" \t\xa0")) + 1
    return url, start, start + len(url)


def _last_filled(lines: Lines, stop: int) -> int:
    content = lines.content
    for index in range(stop - 1, -1, -1):
        if not is_blank(content[index]):
            return index
    return -1
