"""The testing kit's assertions pass on good dumps and fail saying what and where."""

from __future__ import annotations

import re

import attrs
import pytest

import newsdump
from newsdump import Block, Boilerplate, Diagnostic, Severity
from newsdump.sites import Site
from newsdump.testing import (
    assert_article,
    assert_body_contains,
    assert_body_excludes,
    assert_roundtrip,
    assert_valid,
    make_article,
    make_dump,
)


def test_roundtrip_returns_the_article() -> None:
    """A canonical dump passes, canonical check included, and the parsed article is returned."""
    assert assert_roundtrip(make_dump(), canonical=True) == make_article()


def test_roundtrip_of_an_article() -> None:
    """An article built by hand reads back as itself."""
    assert assert_roundtrip(make_article()) == make_article()


def test_canonical_failure_is_a_diff() -> None:
    """A dump off the canonical layout fails with a unified diff showing the line ending."""
    with pytest.raises(AssertionError) as caught:
        assert_roundtrip(make_dump().replace("\n", "\r\n"), canonical=True)
    message = str(caught.value)
    assert "not in the canonical layout" in message
    assert "+++ canonical" in message
    assert "\\r\\n" in message


def test_valid_lists_every_problem_with_field_line_and_column() -> None:
    """Each diagnostic is listed with its line, column, code, field and a caret."""
    text = make_dump(date_text="May 45, 2024").replace("Original url:", "Source:")
    with pytest.raises(AssertionError) as caught:
        assert_valid(text)
    message = str(caught.value)
    assert "(2 problems)" in message
    assert "line 7, column 1: unreadable-date (published)" in message
    assert "missing-trailer (url)" in message
    assert "      May 45, 2024\n      ^" in message


def test_valid_returns_the_article() -> None:
    """A valid dump passes and gives the parsed article."""
    assert assert_valid(make_dump()).headline == make_article().headline


def test_article_difference_names_field_line_and_column() -> None:
    """A wrong credit is reported with the line and column where the credit stands."""
    text = make_dump(credit="Someone Else/Coastal Wire")
    with pytest.raises(AssertionError) as caught:
        assert_article(text, make_article(), ignore=["body"])
    message = str(caught.value)
    assert "(1 problem)" in message
    assert "credit (at line 11, column 1)" in message
    assert "'Someone Else/Coastal Wire'" in message


def test_byline_leaking_into_the_body_says_where_it_went() -> None:
    """A byline written without ``By`` is missing, and the report points at the body line."""
    text = make_dump().replace("By [Priya", "[Priya")
    with pytest.raises(AssertionError) as caught:
        assert_article(text, make_article())
    assert "authors (missing; its value is in the body at line 5, column 2)" in str(caught.value)


def test_body_difference_is_a_block_diff() -> None:
    """A changed block is shown as a diff of typed blocks, with its position."""
    expected = make_article(body=["One.", "Two."])
    actual = newsdump.loads(make_dump(body=["One.", "## Two."]))
    with pytest.raises(AssertionError) as caught:
        assert_article(actual, expected)
    message = str(caught.value)
    assert "body (block 2, at line 15, column 1)" in message
    assert "-Paragraph: 'Two.'" in message
    assert "+Heading: '## Two.'" in message


def test_ignored_fields_are_left_out() -> None:
    """Ignoring the differing fields makes the articles equal; unknown names are refused."""
    actual = make_article(headline="Other", credit=None)
    assert_article(actual, make_article(), ignore=("headline", "credit"))
    with pytest.raises(ValueError, match="headlines"):
        assert_article(actual, make_article(), ignore=["headlines"])


def test_body_snippets() -> None:
    """Contains and excludes check the plain text, with strings or regular expressions."""
    text = make_dump(body=["Keepers moved in.", "Subscribe to our *newsletter* today."])
    assert_body_contains(text, "Keepers moved", re.compile(r"news\w+"))
    assert_body_excludes(text, "Cookie", re.compile("paywall", re.I))
    with pytest.raises(AssertionError, match="'Tide tables'"):
        assert_body_contains(text, "Tide tables")
    with pytest.raises(AssertionError) as caught:
        assert_body_excludes(text, "Subscribe to our")
    assert "found in block 2 (Paragraph) at line 15, column 1" in str(caught.value)


def test_valid_strictness_decides_about_warnings() -> None:
    """A warning fails ``strict=True`` only; ``strict=False`` fails on errors alone."""
    warned = attrs.evolve(
        make_article(), diagnostics=(Diagnostic("odd-spacing", "a note", 3, 2, Severity.WARNING),)
    )
    assert assert_valid(warned, strict=False) is warned
    with pytest.raises(AssertionError, match=r"line 3, column 2: odd-spacing: a note"):
        assert_valid(warned)


class _PromoSite(Site):
    """A site that marks the newsletter promotion as boilerplate."""

    hosts = ("gannet-gazette.example",)

    def block(self, block: Block, index: int) -> type[Block] | None:
        return Boilerplate if block.markdown.startswith("Subscribe") else None


def test_a_parser_with_sites_reads_the_dump() -> None:
    """With its site the promotion is boilerplate, not a leak; without it, a leak."""
    text = make_dump(body=["Keepers moved in.", "Subscribe to our newsletter."])
    with_site = newsdump.Parser(sites=[_PromoSite])
    assert_body_excludes(text, "Subscribe", parser=with_site)
    assert_valid(text, parser=with_site)
    assert_roundtrip(text, canonical=True, parser=with_site)
    with pytest.raises(AssertionError, match="'Subscribe': found in block 2"):
        assert_body_excludes(text, "Subscribe", parser=newsdump.Parser(sites=[]))
    with pytest.raises(AssertionError, match=r"-Paragraph: 'Subscribe to our newsletter.'"):
        assert_article(
            text,
            make_article(body=["Keepers moved in.", "Subscribe to our newsletter."]),
            parser=with_site,
        )
