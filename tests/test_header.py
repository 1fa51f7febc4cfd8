"""The header's fields: headline, dateline and credit (the byline: test_byline.py)."""

from __future__ import annotations

import datetime as dt

import pytest

import newsdump
from newsdump import Author

TRAILER = "\n\nOriginal url:\n\n<https://example.org/a>"


def test_headline_forms() -> None:
    """ATX with a closing sequence and setext headlines are read; '## ' is not a headline."""
    assert newsdump.loads("# Title ##").headline == "Title"
    assert newsdump.loads("Title\n===").headline == "Title"
    article = newsdump.loads("## Sub\n\nText")
    assert article.headline is None
    assert next(d.code for d in article.diagnostics) == "missing-headline"


def test_fields_without_blank_lines_between() -> None:
    """Header fields may follow each other without blank lines."""
    article = newsdump.loads("# T\nBy [A](#)\nJuly 16, 2023\n\nBody." + TRAILER)
    assert (article.headline, article.authors, article.published) == (
        "T",
        (Author("A"),),
        dt.date(2023, 7, 16),
    )


@pytest.mark.parametrize(
    ("line", "value", "text"),
    [
        ("Updated: July 16, 2023", dt.date(2023, 7, 16), "July 16, 2023"),
        ("Published: 2023-07-16 10:45", dt.datetime(2023, 7, 16, 10, 45), "2023-07-16 10:45"),
        ("16.07.2023", dt.date(2023, 7, 16), "16.07.2023"),
        (
            "2023-07-16T10:45:00+03:00",
            dt.datetime(2023, 7, 16, 10, 45, tzinfo=dt.timezone(dt.timedelta(hours=3))),
            "2023-07-16T10:45:00+03:00",
        ),
    ],
)
def test_dateline_forms(line: str, value: dt.date, text: str) -> None:
    """Datelines keep their text without the label and read to the right precision."""
    article = newsdump.loads(f"# T\n\n{line}\n\nBody." + TRAILER)
    assert article.published == value
    assert type(article.published) is type(value)
    assert article.date_text == text


def test_unreadable_date_is_kept_as_text() -> None:
    """A dateline that cannot be read keeps its text, with a diagnostic and no value."""
    article = newsdump.loads("# T\n\nJuly 45, 2023\n\nBody." + TRAILER)
    assert article.published is None
    assert article.date_text == "July 45, 2023"
    assert [d.code for d in article.diagnostics] == ["unreadable-date"]


def test_credit_needs_the_image_gap() -> None:
    """A short line is a credit only after the image gap; a long line never is."""
    head = "# T\n\nJuly 16, 2023"
    assert newsdump.loads(f"{head}\n\n\n\nJo Park/NPA\n\nBody." + TRAILER).credit == "Jo Park/NPA"
    assert newsdump.loads(f"{head}\n\nJo Park/NPA\n\nBody." + TRAILER).credit is None
    sentence = "The council met on Thursday to discuss the new ferry timetable for the islands."
    assert newsdump.loads(f"{head}\n\n\n\n{sentence}\n\nBody." + TRAILER).credit is None
    assert newsdump.loads(f"{head}\n\n\n\n**Bold lead**\n\nBody." + TRAILER).credit is None


@pytest.mark.parametrize(
    "line",
    [
        "# Storm 2022-07-11",
        "> July 16, 2023",
        "```July 16, 2023",
        "- July 16, 2023",
        "<div>July 16, 2023",
    ],
)
def test_a_block_line_is_not_the_dateline(line: str) -> None:
    """A heading, quote, fence or bullet item is a block of the body, never the dateline
    without a label, whether it follows the headline or a line read as no field (the
    canonical form sets blocks apart, so a heading after a paragraph must stay one)."""
    for text in (f"# H\n\n{line}\n\nBody.", f"# H\n\nKicker\n\n{line}\n\nBody."):
        article = newsdump.loads(text)
        assert article.date_text is None, text
        assert article.published is None
    labelled = newsdump.loads(f"# H\n\nPublished: {line}\n\nBody.")
    assert labelled.date_text is not None


def test_a_german_day_number_is_still_a_dateline() -> None:
    """``16. Juli 2025`` has the shape of an ordered list item and is a dateline."""
    assert newsdump.loads("# H\n\n16. Juli 2025\n\nBody.").published == dt.date(2025, 7, 16)
