"""The writer: parsed articles written back exactly, edited ones patched, built ones in
the canonical form, and the reader it asks how a spelling reads back."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump import Article, Author, ListBlock, Paragraph, loads
from newsdump._parse import readback
from newsdump._render import format_byline, render
from newsdump.testing.strategies import articles, dump_texts

_TEXT = (
    "\r\n\r\n# Harbour opens\r\n\r\nBy [Ann Lee](#)\r\n\r\nJuly 16, 2023\r\n\r\nFirst."
    "\r\n\r\nSecond.\r\n\r\nOriginal url:\r\n\r\n<https://x.example/a>\r\n"
)


@given(st.one_of(st.text(), dump_texts()))
def test_an_unedited_article_is_its_text(text: str) -> None:
    """Law 1 at the writer: a parsed article left alone is written as it was read."""
    assert render(loads(text), readback) == text


@given(articles())
def test_the_canonical_form_reads_back_as_the_article(article: Article) -> None:
    """Law 4 at the writer: the canonical text starts with two blank lines, has no final
    newline and reads back as the article, and writing what it reads back is a no-op."""
    text = render(article, readback, canonical=True)
    assert text.startswith("\n\n")
    assert text == "\n\n" or not text.endswith("\n")  # an empty article is the lead alone
    again = loads(text)
    assert again == article
    assert render(again, readback, canonical=True) == text


@given(dump_texts(), st.text(alphabet="abc XYZ", min_size=1, max_size=20).map(str.strip))
def test_an_edited_headline_changes_its_line_only(text: str, headline: str) -> None:
    """An edit is written in the canonical spelling, in place; the rest stays as read."""
    article = loads(text)
    if article.headline is None or not headline or headline == article.headline:
        return
    written = render(attrs.evolve(article, headline=headline), readback)
    assert loads(written).headline == headline
    layout = article._layout
    assert layout is not None
    slot = next(slot for slot in layout.slots if slot.key == "headline")
    before, _, after = text.partition(slot.raw)
    assert written == f"{before}# {headline}{after}"


def test_an_edit_keeps_the_file_s_line_endings() -> None:
    """Text written anew takes the file's line endings; the rest keeps its own."""
    article = loads(_TEXT)
    edited = attrs.evolve(
        article,
        credit="Photo: Bo Chan",
        body=(*article.body[:1], ListBlock("- one\n- two")),
    )
    written = render(edited, readback)
    assert written == (
        "\r\n\r\n# Harbour opens\r\n\r\nBy [Ann Lee](#)\r\n\r\nJuly 16, 2023"
        "\r\n\r\n\r\n\r\nPhoto: Bo Chan\r\n\r\nFirst.\r\n\r\n- one\r\n- two"
        "\r\n\r\nOriginal url:\r\n\r\n<https://x.example/a>\r\n"
    )
    assert loads(written) == edited


def test_a_built_article_is_written_in_the_canonical_layout() -> None:
    """Two leading blank lines, one between fields, three before the credit, none at the
    end; two lists one blank line would join are kept apart by two."""
    article = Article(
        headline="Harbour opens",
        authors=(Author("Ann Lee"), Author("Bo [Chan]", "https://x.example/bo")),
        published=dt.date(2023, 7, 16),
        credit="Photo: Cy Dee",
        body=(ListBlock("- one"), ListBlock("- two")),
        url="https://x.example/a",
    )
    assert render(article, readback) == (
        "\n\n# Harbour opens\n\nBy [Ann Lee](#) and [Bo \\[Chan\\]](https://x.example/bo)"
        "\n\n2023-07-16\n\n\n\nPhoto: Cy Dee\n\n- one\n\n\n- two"
        "\n\nOriginal url:\n\n<https://x.example/a>"
    )


@pytest.mark.parametrize(
    ("names", "line"),
    [
        (["Ann Lee"], "By [Ann Lee](#)"),
        (["Ann", "Bo"], "By [Ann](#) and [Bo](#)"),
        (["Ann", "Bo", "Cy"], "By [Ann](#), [Bo](#) and [Cy](#)"),
        (["A\\B [x]"], "By [A\\\\B \\[x\\]](#)"),
    ],
)
def test_format_byline(names: list[str], line: str) -> None:
    """The canonical byline: names as links, a comma list ending in ``and``, the
    characters a link's text cannot hold escaped."""
    assert format_byline(tuple(Author(name) for name in names)) == line


class _Suspicious:
    """A reader that finds every spelling ambiguous: the writer follows its answers."""

    def headline_of(self, text: str) -> str | None:
        return None

    def date_needs_label(self, date_text: str) -> bool:
        return True

    def reads_as_trailer(self, text: str) -> bool:
        return True

    def block_count(self, markdown: str) -> int:
        return 1

    def reads_dateline(self, text: str) -> bool:
        return True

    def authors_of(self, line: str) -> tuple[Author, ...] | None:
        return None


def test_the_writer_asks_its_reader() -> None:
    """The writer has no rules of reading of its own: what its reader says reads back
    otherwise gets a label (a date), a bare trailer (a last block) or more space (lists)."""
    article = Article(
        headline="H",
        published=dt.date(2023, 7, 16),
        date_text="July 16, 2023",
        body=(ListBlock("- a"), ListBlock("- b"), Paragraph("P.")),
    )
    assert render(article, _Suspicious()) == (
        "\n\n# H\n\nPublished: July 16, 2023\n\n- a\n\n\n- b\n\nP.\n\nOriginal url:"
    )
    assert render(article, readback) == "\n\n# H\n\nJuly 16, 2023\n\n- a\n\n\n- b\n\nP."


def test_a_block_that_interrupted_a_kicker_stays_next_to_it() -> None:
    """A kicker the header passes over and a list item that interrupted it in the file:
    set apart by a blank line the item would be read as the dateline, so the canonical
    form keeps it on the next line (law 4)."""
    text = "# H\n\nKicker\n1. Juli 2025\n\nBody."
    article = newsdump.loads(text)
    assert article.date_text is None
    assert [type(block).__name__ for block in article.body][:1] == ["Paragraph"]
    canonical = newsdump.dumps(article, canonical=True)
    assert "Kicker\n1. Juli 2025\n\nBody." in canonical
    assert newsdump.loads(canonical) == article
    assert newsdump.format_text(canonical) == canonical


def test_the_writer_asks_its_reader_about_the_dateline() -> None:
    """Without a date, where the reader says a dateline would be read, the body's second
    block follows its first on the next line."""
    article = Article(headline="H", body=(Paragraph("A."), Paragraph("B."), Paragraph("C.")))
    assert render(article, _Suspicious()).endswith("A.\nB.\n\nC.\n\nOriginal url:")
    assert render(article, readback).endswith("A.\n\nB.\n\nC.")
