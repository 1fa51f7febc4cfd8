"""The testing kit's builders: valid, realistic articles and correctly typed blocks."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import newsdump
from newsdump import Author, Heading, Image, ListBlock, Paragraph, Quote, Related, Rule, Verbatim
from newsdump.testing import make_article, make_block, make_body, make_dump, make_related


def test_default_article_is_complete_and_valid() -> None:
    """The default article fills every field and its dump parses without a diagnostic."""
    article = make_article()
    assert article.headline
    assert len(article.authors) == 2
    assert article.published == dt.date(2024, 5, 2)
    assert article.credit
    assert article.related
    assert article.site == "gannet-gazette.example"
    parsed = newsdump.loads(make_dump())
    assert parsed == article
    assert parsed.diagnostics == ()


def test_overrides_replace_one_field_each() -> None:
    """Names stand for authors, Markdown for blocks, and the rest stays the default."""
    article = make_article(authors=["Ann Lee", Author("AFP")], body=["## Sub", "Text."])
    assert article.authors == (Author("Ann Lee"), Author("AFP"))
    assert article.body == (Heading("## Sub"), Paragraph("Text."))
    assert article.headline == make_article().headline


def test_published_override_sets_the_iso_date_text() -> None:
    """A new ``published`` without ``date_text`` is written in ISO form and reads back."""
    moment = dt.datetime(2024, 5, 2, 10, 45, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    article = make_article(published=moment)
    assert article.date_text == "2024-05-02T10:45:00+03:00"
    assert newsdump.loads(newsdump.dumps(article)) == article


def test_none_removes_a_field() -> None:
    """``None`` leaves the field out of the dump entirely."""
    text = make_dump(credit=None, published=None)
    assert "Jonas Elk" not in text
    assert "2024" not in text.split("Original url:")[0]


def test_unknown_field_is_a_type_error() -> None:
    """A misspelt field is refused by name instead of being ignored."""
    with pytest.raises(TypeError, match="headlin"):
        make_article(headlin="x")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("markdown", "kind"),
    [
        ("Plain text.", Paragraph),
        ("### Sub", Heading),
        ("- a\n- b", ListBlock),
        ("> quoted", Quote),
        ("![alt](#)", Image),
        ("* * *", Rule),
        ("**Read more: [Title](#)**", Related),
        ("```\ncode\n```", Verbatim),
        ("By Ann Lee", Paragraph),
        ("# Looks like a headline", Heading),
        ("Original url: <https://example.org/>", Paragraph),
    ],
)
def test_make_block_types_as_the_parser_does(markdown: str, kind: type) -> None:
    """A block's class is the one a parsed dump gives, even for header-like lines."""
    block = make_block(markdown)
    assert type(block) is kind
    assert block.markdown == markdown


@pytest.mark.parametrize("markdown", ["", "one\n\ntwo", "- a\n\n# b"])
def test_make_block_refuses_anything_but_one_block(markdown: str) -> None:
    """Empty Markdown or several blocks are a ValueError naming the count."""
    with pytest.raises(ValueError, match="one block"):
        make_block(markdown)


def test_make_body_keeps_blocks_and_parses_strings() -> None:
    """Blocks pass through unchanged; strings become typed blocks."""
    related = make_related("Island Ferry Adds a Winter Crossing", "https://example.org/f")
    body = make_body("Text.", related)
    assert body[1] is related
    assert related.link == newsdump.Link(
        "Island Ferry Adds a Winter Crossing", "https://example.org/f"
    )
    assert related.label == "Related article"


def test_kit_imports_without_hypothesis_or_pytest() -> None:
    """``newsdump.testing`` works where neither Hypothesis nor pytest is installed."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('hypothesis', 'pytest', '_pytest'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from newsdump.testing import assert_roundtrip, make_dump\n"
        "assert_roundtrip(make_dump())\n"
        "try:\n"
        "    import newsdump.testing.strategies\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'newsdump[testing]'" in done.stdout


def test_docstring_examples_run() -> None:
    """The examples in the kit's public docstrings hold (doctests)."""
    import doctest

    import newsdump.testing
    from newsdump.testing import _builders

    for module in (newsdump.testing, _builders):
        failures, tried = doctest.testmod(module)
        assert tried > 0
        assert failures == 0


def test_kit_all_is_sorted_and_complete() -> None:
    """``newsdump.testing.__all__`` is sorted and lists every public name it imports."""
    import newsdump.testing as kit

    public = {
        name
        for name, value in vars(kit).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("newsdump")
    }
    assert kit.__all__ == sorted(kit.__all__)
    assert public == set(kit.__all__)
