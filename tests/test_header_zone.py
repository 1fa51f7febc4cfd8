"""The header zone: no field depends on the line before it being recognised, nothing
leaves the header silently, and the body keeps what is not a header field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump import Author

TRAILER = "\n\nOriginal url:\n\n<https://example.org/a>"


def _codes(article: newsdump.Article) -> list[str]:
    return [d.code for d in article.diagnostics]


def test_an_unread_line_keeps_the_dateline_and_the_credit() -> None:
    """A line in the byline's place that reads as no field is skipped with a warning at
    its line and column; the dateline and the credit after it are read."""
    text = (
        "\n\n# Ferry Strike Ends\n\n  Words: Pat Quill | Tideway Desk\n\n2024-06-11\n\n\n\n"
        "Jo Lens/Tideway\n\nThe ferries ran again." + TRAILER
    )
    article = newsdump.loads(text)
    assert article.published == dt.date(2024, 6, 11)
    assert article.credit == "Jo Lens/Tideway"
    assert article.authors == ()
    [warning] = [d for d in article.diagnostics if d.code == "unread-header-line"]
    assert (warning.line, warning.column) == (5, 3)
    assert warning.severity is newsdump.Severity.WARNING
    assert [b.markdown for b in article.body] == ["The ferries ran again."]
    assert newsdump.dumps(article) == text


def test_an_unread_line_after_the_byline_keeps_the_dateline() -> None:
    """After a byline, a line that is no field does not take the dateline with it."""
    text = "\n\n# H\n\nBy Ann Lee\n\nA kicker line\n\nJuly 16, 2023\n\nBody." + TRAILER
    article = newsdump.loads(text)
    assert article.authors == (Author("Ann Lee"),)
    assert article.published == dt.date(2023, 7, 16)
    assert "unread-header-line" in _codes(article)
    assert newsdump.dumps(article) == text


def test_a_byline_in_another_language_keeps_the_dateline_and_the_credit() -> None:
    """The issue's example: a German byline, then the dateline and the credit."""
    text = (
        "\n\n# Hafen öffnet\n\nVon Anna Muster und Ben Beispiel\n\n16.07.2023\n\n\n\n"
        "Foto: Jo Lens\n\nDer Text." + TRAILER
    )
    article = newsdump.loads(text)
    assert [a.name for a in article.authors] == ["Anna Muster", "Ben Beispiel"]
    assert article.published == dt.date(2023, 7, 16)
    assert article.credit == "Foto: Jo Lens"
    assert "unread-header-line" not in _codes(article)


@pytest.mark.parametrize(
    "line",
    ["25000 troops", "123456789. ok", "    printf 2024", "\tprintf 2024", "    2024-06-11"],
)
def test_a_line_without_a_readable_date_stays_in_the_body(line: str) -> None:
    """After a headline with no byline, a short line with digits is not the dateline."""
    text = f"\n\n# H\n\n{line}\n\nMore body." + TRAILER
    article = newsdump.loads(text)
    assert article.date_text is None
    assert article.published is None
    assert article.body[0].markdown == line
    assert _codes(article) == []
    assert newsdump.dumps(article) == text


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("Updated: July 45, 2023", "July 45, 2023"),
        ("July 45, 2023", "July 45, 2023"),
        ("Updated: 45 Smarch 2023", "45 Smarch 2023"),
    ],
)
def test_a_line_shaped_as_a_date_is_the_dateline_even_unread(line: str, text: str) -> None:
    """A dateline label, or a day number and a year, make the line the dateline even
    when no date can be read from it; the unreadable date is an error."""
    article = newsdump.loads(f"\n\n# H\n\n{line}\n\nBody." + TRAILER)
    assert article.date_text == text
    assert article.published is None
    assert "unreadable-date" in _codes(article)


def test_an_ambiguous_date_is_still_the_dateline() -> None:
    """A date that reads two ways is a date: the dateline, with its error."""
    article = newsdump.loads("\n\n# H\n\n03/04/2023\n\nBody." + TRAILER)
    assert article.date_text == "03/04/2023"
    assert "ambiguous-date" in _codes(article)


@pytest.mark.parametrize(
    "line",
    [
        "    printf(x);",
        "\tcode",
        "> a quote",
        "- an item",
        "+ an item",
        "1. an item",
        "2) an item",
        "```",
        "~~~",
        "<div>",
        "| a | b |",
        "***",
        "## A subheading",
        "[a]: https://example.org",
        "![alt](src)",
    ],
)
def test_block_syntax_after_the_image_gap_is_no_credit(line: str) -> None:
    """The credit rule takes no indented code and no other block syntax."""
    text = f"\n\n# H\n\n2024-06-11\n\n\n\n{line}\n\nBody." + TRAILER
    article = newsdump.loads(text)
    assert article.credit is None
    assert newsdump.dumps(article) == text


def test_two_unread_lines_are_the_body() -> None:
    """Only one unread line is skipped: two lines that are no field start the body."""
    text = "\n\n# H\n\nA standfirst.\n\nAnother line.\n\n2024-06-11\n\nBody." + TRAILER
    article = newsdump.loads(text)
    assert article.published is None
    assert article.body[0].markdown == "A standfirst."
    assert "unread-header-line" not in _codes(article)


def test_strict_mode_does_not_raise_on_an_unread_line() -> None:
    """``unread-header-line`` is a warning: strict parsing goes on."""
    text = "\n\n# H\n\nWords: Pat Quill\n\n2024-06-11\n\nBody." + TRAILER
    assert newsdump.loads(text, strict=True).published == dt.date(2024, 6, 11)


_UNREAD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() and "\n" not in s and "\r" not in s)


@given(
    _UNREAD,
    st.sampled_from(["2024-06-11", "July 16, 2023", "Updated: 16.07.2023", "25000 troops"]),
    st.sampled_from(["", "By Ann Lee\n\n", "Von Anna Muster\n\n"]),
    st.sampled_from(["", "\n\n\nJo Lens/Wire\n\n"]),
)
def test_laws_hold_in_the_header_zone(line: str, date: str, byline: str, credit: str) -> None:
    """Law 1 and law 4 on headers with a line that may be read as no field."""
    text = f"\n\n# H\n\n{byline}{line}\n\n{date}\n\n{credit}Body text here." + TRAILER
    article = newsdump.loads(text)
    assert newsdump.dumps(article) == text
    canonical = newsdump.dumps(article, canonical=True)
    again = newsdump.loads(canonical)
    assert again == article
    assert newsdump.format_text(canonical) == canonical
    if "unread-header-line" in _codes(article):
        assert article.date_text is not None
