"""Header fields: headline, byline, dateline, credit; and the trailer."""

from __future__ import annotations

import datetime as dt
import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump import Author
from newsdump._model.flat import new_author
from newsdump._parse import byline, trailer
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
    ("trailer", "url"),
    [
        ("Original url:\n\n<https://example.org/a>", "https://example.org/a"),
        ("Original URL:\n\nhttps://example.org/a", "https://example.org/a"),
        ("ORIGINAL url:\n\n\n<https://example.org/a>\n\n", "https://example.org/a"),
        ("Original url: <https://example.org/a>", "https://example.org/a"),
        ("Original\u00a0url:\n\n<https://example.org/a>\u00a0", "https://example.org/a"),
    ],
)
def test_trailer_forms(trailer: str, url: str) -> None:
    """The trailer's label in any capitalisation, with an angled or bare URL."""
    text = f"# T\n\nBody.\n\n{trailer}"
    article = newsdump.loads(text)
    assert article.url == url
    assert article.diagnostics == ()
    assert newsdump.dumps(article) == text


_ANGLED = re.compile(r"[ \t\xa0]*<([^<>\s]*)>[ \t\xa0]*")


@given(
    st.text(alphabet=st.sampled_from(" \t\xa0<>a/:\n\r\x0b\x1c\x85\u2028\u3000\u200b\xad"))
    | st.builds("<{}>".format, st.text()).map(lambda url: f" {url}\t")
)
def test_angled_url_is_what_the_pattern_reads(line: str) -> None:
    """The trailer's angled URL, read with string operations, is what the pattern reads."""
    match = _ANGLED.fullmatch(line)
    expected = None if match is None else (match.group(1), match.start(1), match.end(1))
    assert trailer._angled(line) == expected


def test_site_is_the_host_without_www() -> None:
    """site is the lower-case host without a leading www., or None."""
    assert newsdump.loads("# T" + TRAILER.replace("example.org", "WWW.Example.ORG:8080")).site == (
        "example.org"
    )
    assert newsdump.loads("# T\n\nOriginal url:\n\n<http://[::1>").site is None


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
