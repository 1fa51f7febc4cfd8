"""Read a whole dump file: trailer from the end, header from the top, blocks between.

The result is an `Article` whose layout records every byte: the text is
``lead + slot.raw + next.before + next.raw + ... + tail`` (see `newsdump._layout`).
"""

from __future__ import annotations

from newsdump._layout import Layout, Span
from newsdump._limits import DEFAULT_LIMITS, Limits
from newsdump._parse.body import scan_body
from newsdump._parse.header import Field, Header, read_header
from newsdump._parse.lines import Context, Lines
from newsdump._parse.trailer import find_trailer
from newsdump.errors import Severity
from newsdump.model import Article, Author, Block

__all__ = ["parse"]


def parse(
    text: str,
    *,
    strict: bool = False,
    source: str | None = None,
    encoding: str | None = None,
    errors: str = "strict",
    limits: Limits = DEFAULT_LIMITS,
) -> Article:
    """Parse a dump file's text into an `Article` (see `newsdump.loads`)."""
    lines = Lines(text)
    ctx = Context(lines, strict=strict, source=source)
    if not text.strip():
        ctx.report("empty-input", "the file is empty", 0, 1, Severity.ERROR)
    # The trailer is found first (it bounds the header), but its problems are reported
    # after the header's, so that strict mode raises the first problem in the file.
    at_end = Context(lines, strict=False)
    trailer = find_trailer(lines, at_end) if text.strip() else None
    stop = trailer.start if trailer else len(lines)
    header = read_header(lines, stop, ctx)
    for problem in at_end.diagnostics:
        ctx.report(
            problem.code, problem.message, problem.line - 1, problem.column, problem.severity
        )
    builder = _Builder(lines)
    _add_header(builder, header)
    blocks: list[Block] = []
    spans = builder.spans
    for first, last, kind, markdown in scan_body(lines, header.body_start, stop):
        block = kind(markdown, _limits=limits)
        blocks.append(block)
        spans.append(("block", first, last, block, 0, -1))
    if trailer is not None:
        builder.add(
            "trailer", trailer.start, trailer.stop, trailer.url, trailer.url_start, trailer.url_end
        )
    layout = builder.layout(text, encoding, errors)
    date = header.date.value if header.date else (None, None)
    assert isinstance(date, tuple)
    return Article(
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
