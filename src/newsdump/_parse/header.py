"""The header: headline, byline, dateline and the lead photo's credit.

Each field is optional and looked for in that order, each on the next line
that is not blank; the first line that is none of them starts the body. No field
depends on the line before it being recognised: one line that is no field between
the headline or byline and the dateline is passed over (``unread-header-line``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple, cast

from attrs import evolve

from newsdump._model.layout import Span
from newsdump._model.lines import Lines, is_blank
from newsdump._parse.byline import is_agency, match_byline, split_authors
from newsdump._parse.context import Context
from newsdump._parse.dateline import RELATIVE, DateReading, looks_like_date, read_date, split_label
from newsdump._parse.site_hooks import SiteHooks
from newsdump.errors import Severity
from newsdump.model import Author

__all__ = ["Field", "Header", "headline_of", "read_before_date", "read_header"]

_ATX_H1 = re.compile(r"[ \t]{0,3}#(?:[ \t\xa0]+|$)")
# A lookbehind, not "(?:^|[ \t]+)", so that a run of spaces is not rescanned from each
# of its positions (quadratic); the caller strips the spaces before the sequence.
_ATX_CLOSING = re.compile(r"(?<![^ \t])#+[ \t]*$")
_SETEXT_H1 = re.compile(r"[ \t]{0,3}=+[ \t]*")
_MARKUP_START = re.compile(r"[ \t]*(?:[#>*_\[!|<`~+=-]|\d+[.)](?:\s|$))")
_BLOCK_LINE = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|>|```|~~~|[-*+][ \t]|<[A-Za-z/!?])")
"""A line that starts a block of its own which may interrupt a paragraph (a heading, a
quote, a fence, a bullet item, HTML): never the dateline without a label. The canonical form
sets blocks apart with blank lines, and such a block after a one-line paragraph would
become the dateline (law 4). Not an ordered item: ``16. Juli 2025`` is one, and a
German dateline."""
# A day's number (one or two digits) and a four-digit year, in either order: what an
# unreadable dateline has that a short line of the body with digits has not.
_DAY_AND_YEAR = re.compile(
    r"(?<!\d)\d{1,2}(?!\d)\D+(?<!\d)\d{4}(?!\d)|(?<!\d)\d{4}(?!\d)\D+(?<!\d)\d{1,2}(?!\d)"
)
_SENTENCE_END = frozenset('.!?:;…»"”')
MAX_BYLINE = 400
MAX_DATELINE = 80
MAX_CREDIT = 100


Field = Span
"""A header field is its layout span: ``key`` on lines ``start`` to ``stop - 1``, its
``value``, which starts ``cut`` characters into the line (after a label such as
``Updated:``) and goes on to its end."""


class Header(NamedTuple):
    """The header fields found, and the line where the body starts."""

    headline: Field | None
    byline: Field | None
    date: Field | None
    credit: Field | None
    body_start: int
    tz_assumed: bool = False


def read_header(
    lines: Lines,
    stop: int,
    ctx: Context,
    hooks: SiteHooks | None = None,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> Header:
    """Read the header fields from the top of ``lines``, not past line ``stop``.

    A site's ``hooks`` refine how the byline, the dateline and the credit are read;
    ``now`` is the reference time of a relative dateline (``2 hours ago``);
    ``language`` the language of a dateline whose site names none.
    """
    read = _date_reader(hooks, now, language)
    at = _next_filled(lines, 0, stop)
    headline = _headline(lines, at, stop)
    if headline is None:
        ctx.report("missing-headline", "no '# ' headline at the top", at, 1, Severity.ERROR)
    else:
        at = _next_filled(lines, headline.stop, stop)
    byline = _byline(lines, at, stop, hooks)
    if byline is not None:
        at = _next_filled(lines, byline.stop, stop)
    date, assumed = _dateline(lines, at, stop, ctx, read)
    if date is None and (byline or headline) is not None:
        date, assumed = _dateline_past(lines, at, stop, ctx, read)
    if date is not None:
        at = _next_filled(lines, date.stop, stop)
    last = date or byline or headline
    credit = _credit(lines, last.stop, at, stop, hooks) if last else None
    if credit is not None:
        at = _next_filled(lines, credit.stop, stop)
    return Header(headline, byline, date, credit, at, assumed)


def _next_filled(lines: Lines, start: int, stop: int) -> int:
    content = lines.content
    while start < stop and is_blank(content[start]):
        start += 1
    return start


def _headline(lines: Lines, at: int, stop: int) -> Field | None:
    if at >= stop:
        return None
    line = lines.content[at]
    match = _ATX_H1.match(line)
    if match:
        text = line[match.end() :]
        if text.rstrip(" \t").endswith("#"):
            text = _ATX_CLOSING.sub("", text)
        text = text.strip(" \t\xa0")
        return Field("headline", at, at + 1, text)
    if (
        at + 1 < stop
        and _SETEXT_H1.fullmatch(lines.content[at + 1])
        and not _MARKUP_START.match(line)
    ):
        return Field("headline", at, at + 2, line.strip(" \t"))
    return None


def headline_of(text: str) -> str | None:
    """The headline that ``text`` reads as at the top of a file (the writer's check that
    a spelling reads back as the headline it was written for)."""
    lines = Lines(text)
    found = _headline(lines, 0, len(lines))
    return None if found is None or found.stop != len(lines) else cast("str", found.value)


def read_before_date(line: str) -> bool:
    """Whether ``line`` would be read as a headline or a byline where one may stand, or
    not as a dateline without a label (the writer's check that a date text on its own
    line is read as a dateline)."""
    lines = Lines(line)
    return (
        _headline(lines, 0, len(lines)) is not None
        or _byline(lines, 0, len(lines), None) is not None
        or _BLOCK_LINE.match(line) is not None
        or not _takes_unlabelled(line.strip())
    )


def _takes_unlabelled(text: str) -> bool:
    """Whether the dateline rule takes ``text`` without a label (see `_dateline`)."""
    return _is_dateline(read_date(text), text, "")


def _is_dateline(reading: DateReading, text: str, label: str) -> bool:
    """Whether a line whose date text is ``text`` is the dateline: a date is read from it,
    it reads two ways, it is a relative date (read or not), or it is shaped as a date."""
    return (
        reading.value is not None
        or reading.problem in ("ambiguous", RELATIVE)
        or _shaped(text, label)
    )


def _shaped(text: str, label: str) -> bool:
    """Whether a date text that cannot be read is still shaped as a date: it looks like
    one and has a dateline label, or a day's number and a four-digit year."""
    return looks_like_date(text) and bool(label or _DAY_AND_YEAR.search(text))


def _byline(lines: Lines, at: int, stop: int, hooks: SiteHooks | None) -> Field | None:
    if at >= stop:
        return None
    line = lines.content[at]
    if len(line) > MAX_BYLINE:
        return None
    found = match_byline(line)
    if found is None:
        return None
    names = line[found.start : found.stop]
    authors = hooks.authors(names, at) if hooks is not None else None
    if authors is None:
        authors = split_authors(names, found.languages)
    elif any(not a.agency and is_agency(a.name) for a in authors):
        # a site's authors are marked as the parser marks its own (`Author.agency`)
        authors = tuple(evolve(a, agency=a.agency or is_agency(a.name)) for a in authors)
    if not authors:
        return None
    return Field("byline", at, at + 1, authors)


def byline_of(line: str) -> tuple[Author, ...] | None:
    """The authors ``line`` reads as on a byline's line, without a site (the writer's
    check that a byline it writes reads back)."""
    lines = Lines(line)
    found = _byline(lines, 0, len(lines), None)
    return None if found is None else cast("tuple[Author, ...]", found.value)


def _ends_sentence(text: str) -> bool:
    """Whether the text's last character other than whitespace ends a sentence."""
    return text.rstrip()[-1:] in _SENTENCE_END


def _date_reader(
    hooks: SiteHooks | None, now: dt.datetime | None, language: str | None
) -> Callable[[str, int], DateReading]:
    """How this file's datelines are read: ``(text, line) -> DateReading``."""
    if hooks is None:
        return lambda text, _line: read_date(text, now=now, lang=language)
    return lambda text, line: hooks.read(text, line, now, language)


def _dateline_past(
    lines: Lines, at: int, stop: int, ctx: Context, read: Callable[[str, int], DateReading]
) -> tuple[Field | None, bool]:
    """The dateline on the line after line ``at``, which reads as no field (a byline in
    a form not known, a kicker): that line stays where it is, with a warning, so that
    no field depends on the line before it being recognised. Only a single line of
    text that is no block of Markdown is passed over."""
    if at + 1 >= stop or not is_blank(lines.content[at + 1]):
        return None, False
    line = lines.content[at]
    if len(line) > MAX_BYLINE or _MARKUP_START.match(line) or _indented(line):
        return None, False
    date, assumed = _dateline(lines, _next_filled(lines, at + 1, stop), stop, ctx, read)
    if date is not None:
        text = line.strip(" \t")
        column = len(line) - len(line.lstrip(" \t")) + 1
        message = f"{text!r} reads as no header field; kept as written"
        ctx.report("unread-header-line", message, at, column, Severity.WARNING)
    return date, assumed


def _indented(line: str) -> bool:
    """Whether the line is indented code: four columns of spaces or a tab before it."""
    return line[:4] == "    " or "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def _dateline(
    lines: Lines, at: int, stop: int, ctx: Context, read: Callable[[str, int], DateReading]
) -> tuple[Field | None, bool]:
    """The dateline on line ``at``: a line a date is read from (or one that reads two
    ways), or one shaped as a date that cannot be read (labelled, or with a day number
    and a year: ``July 45, 2023``); anything else stays in the body."""
    if at >= stop:
        return None, False
    line = lines.content[at]
    if len(line) > MAX_DATELINE + 30 or _indented(line):
        return None, False
    label, rest = split_label(line)
    if not label and _BLOCK_LINE.match(line):
        return None, False  # a heading, quote, list item, fence or HTML: a block of the body
    text = rest.strip()
    reading = read(text, at)
    if not _is_dateline(reading, text, label):
        return None, False
    if reading.problem is not None:
        column = len(label) + len(rest) - len(rest.lstrip()) + 1
        code, severity = _code_of(reading)
        ctx.report(code, reading.detail or f"cannot read the date {text!r}", at, column, severity)
    value: tuple[str, dt.date | None] = (text, reading.value)
    cut = len(line) - len(rest.lstrip())  # the label and the spaces before the date
    return Field("date", at, at + 1, value, cut), reading.tz_assumed


def _code_of(reading: DateReading) -> tuple[str, Severity]:
    """The diagnostic code and severity of a dateline's problem."""
    if reading.value is not None:  # read, with a caveat: a local time its zone skips or repeats
        return cast("str", reading.problem), Severity.WARNING
    if reading.problem == RELATIVE:  # date_text keeps it; published needs a reference time
        return "relative-date", Severity.WARNING
    code = "ambiguous-date" if reading.problem == "ambiguous" else "unreadable-date"
    return code, Severity.ERROR


def _credit(lines: Lines, after: int, at: int, stop: int, hooks: SiteHooks | None) -> Field | None:
    """A short line after the image gap (two or more blank lines), if it reads as a credit."""
    if at >= stop or at - after < 2 or (at + 1 < stop and not is_blank(lines.content[at + 1])):
        return None
    if _next_filled(lines, at + 1, stop) >= stop:
        return None  # the only line left is the body, not a credit
    line = lines.content[at]
    text = line.strip(" \t")
    verdict = hooks.credit(text, at) if hooks is not None and text else None
    if verdict is not None:
        return Field("credit", at, at + 1, text) if verdict else None
    if not text or len(text) > MAX_CREDIT or _MARKUP_START.match(line) or "](" in text:
        return None
    if _indented(line):
        return None  # indented code, a block of its own
    if _ends_sentence(text) and len(text.split()) > 3:
        return None
    return Field("credit", at, at + 1, text)
