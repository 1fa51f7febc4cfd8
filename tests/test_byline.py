"""The byline: how it splits into authors, how it is written back, and the reader's fast
paths, which must split as the plain patterns and the general path do."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump import Author
from newsdump._model.flat import new_author
from newsdump._parse import byline
from newsdump._parse.byline import split_authors
from newsdump._render import format_byline

TRAILER = "\n\nOriginal url:\n\n<https://example.org/a>"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("[AFP](#)", [("AFP", None)]),
        ("Jane Roe", [("Jane Roe", None)]),
        ("Jane Roe and Sam Poe", [("Jane Roe", None), ("Sam Poe", None)]),
        ("A One, B Two and C Three", [("A One", None), ("B Two", None), ("C Three", None)]),
        ("Jane Roe & Sam Poe", [("Jane Roe", None), ("Sam Poe", None)]),
        ("[AFP, MANILA](#)", [("AFP, MANILA", None)]),
        (
            "[A](#), [B](https://x.org/b) and [C](#)",
            [("A", None), ("B", "https://x.org/b"), ("C", None)],
        ),
        ("Jane Roe, Moscow correspondent", [("Jane Roe", None)]),
        ("Jane Roe, staff writer", [("Jane Roe", None)]),
        ("Jane Roe, Staff Writers.", [("Jane Roe", None)]),
        ("Jane Roe; photographer", [("Jane Roe", None)]),
        ("Jane Roe and Bureau Chief", [("Jane Roe", None)]),
        ("Chief", [("Chief", None)]),
        ("Jane Roe, Editorial", [("Jane Roe", None), ("Editorial", None)]),
        ("kicker", [("kicker", None)]),
        ("[Name \\[with\\] brackets](#)", [("Name [with] brackets", None)]),
        ("Hans Meier und Eva Roth", [("Hans Meier", None), ("Eva Roth", None)]),
    ],
)
def test_split_authors(names: str, expected: list[tuple[str, str | None]]) -> None:
    """Bylines split into authors; commas inside links stay in the name."""
    assert [(a.name, a.url) for a in split_authors(names)] == expected


def test_format_byline_reads_back() -> None:
    """The canonical byline reads back as the same authors."""
    authors = (
        Author("AFP, MANILA", agency=True),
        Author("Ann [Lee]", "https://x.org/a"),
        Author("Bo"),
    )
    line = format_byline(authors)
    assert line == "By [AFP, MANILA](#), [Ann \\[Lee\\]](https://x.org/a) and [Bo](#)"
    assert split_authors(line[3:]) == authors


@pytest.mark.parametrize(
    "line",
    ["By the time the ferry came, nobody was waiting.", "By contrast, prices rose."],
)
def test_prose_starting_with_by_is_not_a_byline(line: str) -> None:
    """A first paragraph that starts with 'By' is body text."""
    article = newsdump.loads(f"\n\n# T\n\n{line}" + TRAILER)
    assert article.authors == ()
    assert article.body[0].text == line


# The byline reader's patterns as first written, plainly: the faster ones must split alike.
_PLAIN_LINK = re.compile(r"\[((?:[^\[\]\\\n]|\\.)*)\]\(([^()\s]*)\)")
_PLAIN_SEPARATOR = re.compile(r"\s*(?:[,;&]|\s(?:and|und|et|y|og|och)\s)\s*", re.IGNORECASE)


@given(st.text(alphabet="[]()\\\n a#,", max_size=40))
def test_the_link_pattern_splits_as_the_plain_one(text: str) -> None:
    """The unrolled, possessive link pattern finds the same links, text and target."""
    assert byline._LINK.split(text) == _PLAIN_LINK.split(text)


@given(st.text(alphabet=" \t\xa0\u2003,;&andANDuUetTyYogOGchCHxÉ", max_size=30))
def test_the_separator_pattern_splits_as_the_plain_one(text: str) -> None:
    """The separator pattern that starts each alternative with one character splits alike."""
    assert byline._SEPARATOR.split(text) == _PLAIN_SEPARATOR.split(text)


def test_the_common_separators_are_separators() -> None:
    """The separators the link reader takes without a pattern are ones the pattern takes."""
    for separator in byline._COMMON_SEPARATORS:
        assert _PLAIN_SEPARATOR.fullmatch(separator), separator


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Ann Lee", "staff writer", "Moscow correspondent", "Bo", "Chief"]),
            st.text(alphabet="abc XYZ\t\xa0.", max_size=12),
        ),
        max_size=4,
    ),
    st.lists(st.sampled_from([", ", " and ", " AND ", "; ", " & ", " y ", "  og\t", ","])),
)
def test_plain_bylines_split_as_the_general_path_does(
    names: list[str], separators: list[str]
) -> None:
    """A byline without links is read on its own path, to the general path's authors."""
    text = "".join(n + s for n, s in zip(names, separators + [""] * len(names), strict=False))
    assert byline._split(text) == byline._split_mixed(text)


_LINK_NAMES = st.one_of(
    st.sampled_from(["Ann Lee", "Bo", "  Ann \t Lee ", "A\\[B\\]", "AFP, MANILA", ""]),
    st.text(alphabet="ab C\\[]\t,", max_size=8),
)
_LINKED = st.lists(
    st.tuples(
        _LINK_NAMES,
        st.sampled_from(["#", "", "https://example.org/a"]),
        st.sampled_from([", ", " and ", ",", " ; ", " & ", " AND ", "  und  ", " x ", ""]),
    ),
    min_size=1,
    max_size=4,
)


@given(_LINKED, st.sampled_from(["", " ", "\t", "x"]))
def test_bylines_of_links_split_as_the_general_path_does(
    links: list[tuple[str, str, str]], edge: str
) -> None:
    """A byline of links alone is read on its own path, to the general path's authors."""
    (name, href, _), *others = links
    text = f"{edge}[{name}]({href})" + "".join(f"{s}[{n}]({h})" for n, h, s in others)
    fast = byline._all_links(text)
    if fast is not None:
        assert fast == byline._split_mixed(text)


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=30)))
def test_authors_made_directly_are_the_ones_init_makes(name: str, url: str | None) -> None:
    """The byline reader's `new_author` gives what ``Author(...)`` gives: equal, same hash,
    same repr, and a round trip through pickle."""
    made, built = new_author(name, url), Author(name, url)
    assert type(made) is Author
    assert made == built
    assert hash(made) == hash(built)
    assert repr(made) == repr(built)
    assert pickle.loads(pickle.dumps(made)) == built
