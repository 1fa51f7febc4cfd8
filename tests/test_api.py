"""load, loads, dump, dumps: sources, encodings and edits."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
import pytest

import newsdump
from newsdump import Article, Author, Link, Paragraph, ParseError, Related

EXAMPLE = Path(__file__).parent.parent / "examples" / "001_3f9a0c2b7d41e865.txt"
TEXT = (
    "\n\n# Ferry Adds Night Crossing\n\nBy [Ann Lee](#)\n\nMay 2, 2024\n\n\n\nJo Park/NPA\n\n"
    "The ferry will run at midnight.\n\n**Related article: [Fares frozen](#)**\n\n"
    "Original url:\n\n<https://www.example.org/ferry-a1>"
)


def test_fields_of_a_reference_layout() -> None:
    """Every field of a file in the reference layout is read."""
    article = newsdump.loads(TEXT)
    assert article.headline == "Ferry Adds Night Crossing"
    assert article.authors == (Author("Ann Lee"),)
    assert article.published == dt.date(2024, 5, 2)
    assert type(article.published) is dt.date
    assert article.date_text == "May 2, 2024"
    assert article.credit == "Jo Park/NPA"
    assert article.related == (Link("Fares frozen", None),)
    assert article.url == "https://www.example.org/ferry-a1"
    assert article.site == "example.org"
    assert [type(b) for b in article.body] == [Paragraph, Related]
    assert article.text == "The ferry will run at midnight.\n\nRelated article: Fares frozen"
    assert article.diagnostics == ()
    assert newsdump.dumps(article) == TEXT


def test_load_from_path_binary_and_text_files(tmp_path: Path) -> None:
    """load takes a path, a binary file or a text file, with the same result."""
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    from_path = newsdump.load(path)
    with path.open("rb") as binary:
        from_binary = newsdump.load(binary)
    from_text = newsdump.load(io.StringIO(TEXT))
    assert from_path == from_binary == from_text
    assert newsdump.load(str(path)) == from_path


def test_dump_writes_the_same_bytes(tmp_path: Path) -> None:
    """dump writes back exactly the bytes that were read, BOM and CRLF included."""
    data = ("\ufeff" + TEXT.replace("\n", "\r\n")).encode("utf-8")
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    article = newsdump.load(source)
    target = tmp_path / "out.txt"
    newsdump.dump(article, target)
    assert target.read_bytes() == data
    buffer = io.BytesIO()
    newsdump.dump(article, buffer)
    assert buffer.getvalue() == data
    text_buffer = io.StringIO()
    newsdump.dump(article, text_buffer)
    assert text_buffer.getvalue() == data.decode("utf-8")


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are a ParseError with offset, line and column."""
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\n\n# Caf\xe9 opens\n\nText.")
    with pytest.raises(ParseError) as caught:
        newsdump.load(path)
    assert caught.value.code == "invalid-encoding"
    assert (caught.value.line, caught.value.column) == (3, 6)
    assert "byte offset 7" in str(caught.value)


def test_surrogateescape_keeps_the_bad_bytes(tmp_path: Path) -> None:
    """With errors='surrogateescape' the bad bytes survive a load and dump."""
    data = b"\n\n# Caf\xe9 opens\n\nText.\n\nOriginal url:\n\n<https://example.org/c>"
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    article = newsdump.load(path, errors="surrogateescape")
    out = tmp_path / "out.txt"
    newsdump.dump(article, out)
    assert out.read_bytes() == data


def test_other_encodings(tmp_path: Path) -> None:
    """An explicit encoding is used to read and to write back."""
    data = TEXT.replace("Ferry", "Fähre").encode("latin-1")
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    article = newsdump.load(path, encoding="latin-1")
    assert article.headline == "Fähre Adds Night Crossing"
    out = tmp_path / "out.txt"
    newsdump.dump(article, out)
    assert out.read_bytes() == data


def test_loads_rejects_bytes() -> None:
    """loads takes text; bytes go through load."""
    with pytest.raises(TypeError, match="takes a str, not bytes"):
        newsdump.loads(TEXT.encode())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a str, not bytes"):
        newsdump.Parser().loads(TEXT.encode())  # type: ignore[arg-type]


def test_edit_changes_only_that_field() -> None:
    """Changing the headline rewrites only the headline line."""
    article = newsdump.loads(TEXT)
    edited = newsdump.dumps(attrs.evolve(article, headline="Ferry Adds Two Night Crossings"))
    assert edited == TEXT.replace("Adds Night Crossing", "Adds Two Night Crossings")


def test_edit_keeps_line_endings_and_labels() -> None:
    """An edited date keeps its label and the file's CRLF line endings."""
    text = TEXT.replace("May 2, 2024", "Updated: May 2, 2024").replace("\n", "\r\n")
    article = newsdump.loads(text)
    assert article.date_text == "May 2, 2024"
    edited = newsdump.dumps(attrs.evolve(article, date_text="May 3, 2024"))
    assert edited == text.replace("May 2, 2024", "May 3, 2024")
    added = newsdump.dumps(attrs.evolve(article, body=(*article.body, Paragraph("More."))))
    assert added == text.replace("**\r\n\r\nOriginal", "**\r\n\r\nMore.\r\n\r\nOriginal")


def test_removing_a_field_removes_its_lines() -> None:
    """A field set to None disappears with the blank line before it."""
    article = newsdump.loads(TEXT)
    assert newsdump.dumps(attrs.evolve(article, credit=None)) == TEXT.replace(
        "\n\n\n\nJo Park/NPA", ""
    )
    assert "Original url" not in newsdump.dumps(attrs.evolve(article, url=None))


def test_built_article_is_written_canonically() -> None:
    """An article built by hand is written in the reference layout and reads back equal."""
    article = Article(
        headline="Ferry Adds Night Crossing",
        authors=(Author("Ann Lee"),),
        published=dt.date(2024, 5, 2),
        date_text="May 2, 2024",
        credit="Jo Park/NPA",
        body=(
            Paragraph("The ferry will run at midnight."),
            Related("**Related article: [Fares frozen](#)**"),
        ),
        url="https://www.example.org/ferry-a1",
    )
    assert newsdump.dumps(article) == TEXT
    assert newsdump.loads(TEXT) == article


def test_date_text_defaults_to_iso() -> None:
    """A built article's date text defaults to the ISO form of its date."""
    article = Article(headline="T", published=dt.datetime(2024, 5, 2, 10, 45))
    assert article.date_text == "2024-05-02T10:45:00"
    assert newsdump.loads(newsdump.dumps(article)) == article


def test_format_text_is_canonical() -> None:
    """format_text normalises spacing and line endings."""
    messy = TEXT.replace("\n\nBy", "\n\n\n\nBy").replace("\n", "\r\n") + "\r\n\r\n"
    assert newsdump.format_text(messy) == TEXT


def test_example_file_round_trips() -> None:
    """The example that ships with the repository parses cleanly and round-trips."""
    article = newsdump.load(EXAMPLE, strict=True)
    assert article.site == "harbourtownherald.example"
    assert newsdump.dumps(article).encode("utf-8") == EXAMPLE.read_bytes()


def test_headline_text_resolves_markup() -> None:
    """headline keeps the Markdown; headline_text is what a reader sees."""
    article = newsdump.loads("\n\n# The *Real* Cost of \\#Free Parking")
    assert article.headline == "The *Real* Cost of \\#Free Parking"
    assert article.headline_text == "The Real Cost of #Free Parking"


def test_strict_raises_only_parse_error() -> None:
    """Strict mode raises ParseError, a ValueError and a NewsdumpError."""
    with pytest.raises(ParseError) as caught:
        newsdump.loads("no headline here", strict=True)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, newsdump.NewsdumpError)
    assert "missing-headline" in str(caught.value)
    assert "^" in str(caught.value)


def test_a_bug_of_ours_surfaces_as_an_internal_parse_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An unexpected exception inside the parser becomes ParseError(code='internal')."""
    import newsdump._api

    def broken(*args: object, **kwargs: object) -> newsdump.Article:
        raise RuntimeError("boom")

    monkeypatch.setattr(newsdump._api, "parse", broken)
    with pytest.raises(ParseError) as caught:
        newsdump.loads(TEXT)
    assert caught.value.code == "internal"
    assert "RuntimeError: boom" in str(caught.value)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ParseError) as loaded:
        newsdump.load(path)
    assert loaded.value.code == "internal"
    assert loaded.value.source == str(path)
