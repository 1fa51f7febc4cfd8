"""Resource limits: safe defaults, a way to raise them, and never a silent truncation."""

from __future__ import annotations

import io
import pickle
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdump import (
    Limits,
    Paragraph,
    ParseError,
    Parser,
    Verbatim,
    dumps,
    load,
    loads,
    read_dump,
    to_dict,
)
from newsdump._limits import DEFAULT_LIMITS, first_long_line, keep_verbatim
from newsdump._model.plain import block_plain, inline_plain

ARTICLE = (
    "\n\n# Ferry Timetable Changes for Winter\n\nBy [Ann Lee](#)\n\nMay 2, 2024\n\n"
    "The *new* timetable starts on [Monday](https://example.org/t).\n\n"
    "Original url:\n\n<https://www.example.org/2024/05/02/ferry-a1>"
)


def test_defaults_are_documented_values() -> None:
    """The defaults: 16 MiB files, 100,000-character lines, nesting 20, 20,000 body lines."""
    assert Limits() == Limits(
        max_bytes=16 * 1024 * 1024, max_line=100_000, max_nesting=20, max_body_lines=20_000
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("max_bytes", -1),
        ("max_line", 0),
        ("max_line", -1),
        ("max_nesting", 0),
        ("max_body_lines", 0),
    ],
)
def test_limits_must_be_in_range(name: str, value: int) -> None:
    """A limit out of range is refused when the Limits is built."""
    with pytest.raises(ValueError, match="must"):
        Limits(**{name: value})


def test_oversized_text_is_kept_verbatim_in_lenient_mode() -> None:
    """Lenient loads of a text over max_bytes: one Verbatim block, a diagnostic, exact text."""
    article = loads(ARTICLE, limits=Limits(max_bytes=40))
    assert [d.code for d in article.diagnostics] == ["too-large"]
    assert article.headline is None
    assert isinstance(article.body[0], Verbatim)
    assert "Ferry Timetable" in to_dict(article)["body"][0]["markdown"]
    assert dumps(article) == ARTICLE


def test_oversized_text_raises_in_strict_mode() -> None:
    """Strict loads of a text over max_bytes raises too-large, naming the limit."""
    with pytest.raises(ParseError, match=r"Limits\.max_bytes") as caught:
        loads(ARTICLE, strict=True, limits=Limits(max_bytes=40), source="a.txt")
    assert (caught.value.code, caught.value.source) == ("too-large", "a.txt")


def test_load_reads_no_more_than_the_limit() -> None:
    """load reads at most max_bytes + 1 bytes and raises too-large in either mode."""
    stream = io.BytesIO(ARTICLE.encode() * 1000)
    with pytest.raises(ParseError) as caught:
        load(stream, limits=Limits(max_bytes=100))
    assert caught.value.code == "too-large"
    assert stream.tell() == 101


def test_load_from_a_path_names_the_file(tmp_path: Path) -> None:
    """A too-large file's error carries its path."""
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        load(path, limits=Limits(max_bytes=10))
    assert caught.value.source == str(path)
    assert load(path).headline == "Ferry Timetable Changes for Winter"


def test_long_line_is_a_diagnostic_and_kept_verbatim() -> None:
    """A line over max_line: a diagnostic at its line, the block's text verbatim, no links."""
    article = loads(ARTICLE, limits=Limits(max_line=50))
    (diagnostic,) = article.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("line-too-long", 9, 51)
    paragraph = article.body[0]
    assert paragraph.text == "The *new* timetable starts on [Monday](https://example.org/t)."
    assert paragraph.links == ()
    assert dumps(article) == ARTICLE


def test_long_line_raises_in_strict_mode() -> None:
    """Strict loads raises line-too-long with the line and a caret."""
    with pytest.raises(ParseError, match="line-too-long") as caught:
        loads(ARTICLE, strict=True, limits=Limits(max_line=50))
    assert (caught.value.line, caught.value.column) == (9, 51)
    assert caught.value.excerpt is not None
    assert caught.value.excerpt.startswith("The *new*")


def test_strict_reports_the_earlier_problem_first() -> None:
    """A long line before a parse error is raised first; one after it is not."""
    late = ARTICLE.replace("Original url:\n\n<https://www.example.org/2024/05/02/ferry-a1>", "End.")
    with pytest.raises(ParseError) as caught:
        loads(late, strict=True, limits=Limits(max_line=50))
    assert caught.value.code == "line-too-long"
    early = "Body first.\n\n" + ARTICLE
    with pytest.raises(ParseError) as caught:
        loads(early, strict=True, limits=Limits(max_line=50))
    assert caught.value.code == "missing-headline"


def test_raising_the_line_limit_parses_inline_markdown_again() -> None:
    """With max_line raised, the long line's inline Markdown is read as usual."""
    article = loads(ARTICLE, limits=Limits(max_line=1000))
    assert article.diagnostics == ()
    assert article.body[0].text == "The new timetable starts on Monday."
    assert article.body[0].links[0].url == "https://example.org/t"


def test_limits_travel_with_blocks_but_not_into_equality() -> None:
    """Blocks parsed under limits keep them; equality ignores them."""
    small = Limits(max_line=5)
    block = Paragraph("A *b* [c](#d)", _limits=small)
    assert block == Paragraph("A *b* [c](#d)")
    assert block.text == "A *b* [c](#d)"
    assert attrs.evolve(block, markdown="x *yz*").text == "x *yz*"


def test_line_limit_counts_characters_not_bytes() -> None:
    """The limit is in characters: a line of 50 three-byte characters is 50 long."""
    text = "\n\n# H\n\n" + "東" * 50 + "\n\nOriginal url:\n\n<https://example.org/a>"
    assert loads(text, limits=Limits(max_line=50)).diagnostics == ()
    assert [d.code for d in loads(text, limits=Limits(max_line=49)).diagnostics] == [
        "line-too-long"
    ]


def test_every_line_ending_counts() -> None:
    """Lines end at LF, CRLF and CR: the line number counts each as CommonMark does."""
    text = "# H\r\rBy Ann Lee\r\n\r\n" + "x" * 20 + "\n\nOriginal url: <https://e.org/a>"
    (diagnostic,) = loads(text, limits=Limits(max_line=19)).diagnostics
    assert diagnostic.line == 5


def test_nesting_limit_keeps_the_block_verbatim() -> None:
    """Quotes nested past max_nesting: the block's Markdown is its text, nothing dropped."""
    deep = "> " * 40 + "deep [link](#x)"
    assert block_plain(deep) == (deep, ())
    assert block_plain("> " * 8 + "deep") == ("deep", ())
    assert block_plain("> " * 8 + "deep", limits=Limits(max_nesting=5)) == ("> " * 8 + "deep", ())
    assert block_plain(deep, limits=Limits(max_nesting=60)) == ("deep link", (("link", "#x"),))


def test_plain_text_of_an_oversized_block_is_verbatim() -> None:
    """A block over max_bytes is its own text; nothing is handed to markdown-it-py."""
    assert block_plain("*a*\n\n*b*", limits=Limits(max_bytes=3)) == ("*a*\n\n*b*", ())
    assert inline_plain("*a*", limits=Limits(max_bytes=2)) == ("*a*", ())


def test_parser_keeps_its_limits() -> None:
    """A Parser built with limits applies them to every file it reads."""
    parser = Parser(sites=[], limits=Limits(max_line=50))
    assert [d.code for d in parser.loads(ARTICLE).diagnostics] == ["line-too-long"]
    assert [d.code for d in parser.load(io.BytesIO(ARTICLE.encode())).diagnostics] == [
        "line-too-long"
    ]


def test_read_dump_passes_its_limits_to_the_parser(tmp_path: Path) -> None:
    """read_dump's limits reach the parser: a long line is reported on the entry's article."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (entry,) = read_dump(tmp_path, limits=Limits(max_line=50))
    assert entry.article is not None
    assert [d.code for d in entry.article.diagnostics] == ["line-too-long"]


def _naive_first_long_line(text: str, width: int) -> int | None:
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    return next((number for number, line in enumerate(lines, 1) if len(line) > width), None)


@given(
    st.text(alphabet=st.sampled_from("ab \n\r\ufeff"), max_size=80),
    st.integers(min_value=1, max_value=12),
)
def test_first_long_line_finds_the_first_line_over_the_limit(text: str, width: int) -> None:
    """The windowed search names the same line as a walk over every line."""
    found = first_long_line(text, Limits(max_line=width))
    assert (found.line if found else None) == _naive_first_long_line(text, width)


def test_limits_equal_to_the_defaults_are_the_defaults() -> None:
    """An equal ``Limits()`` parses as the defaults do: blocks carry the default object."""
    article = loads(ARTICLE, limits=Limits())
    assert all(block._limits is DEFAULT_LIMITS for block in article.body)
    assert article == loads(ARTICLE)


_HEAD = "\n\n# Ferry Timetable Changes for Winter\n\nMay 2, 2024\n\n"
_TAIL = "\n\nOriginal url:\n\n<https://www.example.org/2024/05/02/ferry-a1>"
_LONG_BODY = (
    "The *first* crossing leaves at six.\n\n## Winter\n\n- one\n- two\n\n"
    "The **last** one at [ten][t].\n\n[t]: /ten\n\n  \n\n> Quoted *words*.\n"
)


def test_body_past_its_line_limit_is_one_verbatim_block() -> None:
    """The lines past max_body_lines are one Verbatim block, its text as written, its
    definitions not read, with a too-many-lines diagnostic at its first line."""
    text = _HEAD + _LONG_BODY + _TAIL
    article = loads(text, limits=Limits(max_body_lines=4))
    kinds = [type(block).__name__ for block in article.body]
    assert kinds == ["Paragraph", "Heading", "ListBlock", "Verbatim"]
    rest = article.body[-1]
    assert rest.markdown == "The **last** one at [ten][t].\n\n[t]: /ten\n\n  \n\n> Quoted *words*."
    assert rest.text == rest.markdown
    assert article.text.endswith("\n\n" + rest.markdown)
    (diagnostic,) = [d for d in article.diagnostics if d.code == "too-many-lines"]
    assert diagnostic.line == text.split("\n").index("The **last** one at [ten][t].") + 1
    assert dumps(article) == text


def test_body_within_its_line_limit_is_read_whole() -> None:
    """A body of exactly max_body_lines lines that are not empty is read as usual."""
    article = loads(_HEAD + _LONG_BODY + _TAIL, limits=Limits(max_body_lines=9))
    assert not [d for d in article.diagnostics if d.code == "too-many-lines"]
    assert article.body[-1].text == "Quoted words."
    assert "[t]" not in article.text  # the definition is read: the link shows its text


def test_body_line_limit_raises_in_strict_mode() -> None:
    """Strict parsing raises too-many-lines at the rest's first line."""
    with pytest.raises(ParseError) as caught:
        loads(
            _HEAD + "One.\n\nTwo.\n\nThree." + _TAIL, strict=True, limits=Limits(max_body_lines=2)
        )
    assert caught.value.code == "too-many-lines"
    assert caught.value.line == 11  # "Three."


def test_rest_of_a_long_body_keeps_its_line_endings() -> None:
    """CRLF and CR line endings: the rest joins its lines with LF, the text comes back."""
    text = (_HEAD + "One.\n\nTwo\nlines.\n\n\nThree." + _TAIL).replace("\n", "\r\n")
    text = text.replace("Two\r\n", "Two\r")
    article = loads(text, limits=Limits(max_body_lines=1))
    assert article.body[-1].markdown == "Two\nlines.\n\n\nThree."
    assert dumps(article) == text
    assert pickle.loads(pickle.dumps(article)) == article


_BODY_LINES = st.lists(
    st.sampled_from(["", "", "x", "  ", "# h", "- i", "> q", "```", "    c", "[a]: /u", "<div>"]),
    max_size=30,
)


@given(_BODY_LINES, st.integers(1, 12), st.sampled_from(["\n", "\r\n"]))
def test_round_trip_holds_at_any_body_line_limit(lines: list[str], limit: int, end: str) -> None:
    """Law: wherever the body is cut, dumps gives the text back; the cut is reported when
    a line that is not blank follows the first ``limit`` lines that are not empty."""
    body = ["Start.", "", *lines]
    text = (_HEAD + "\n".join(body) + _TAIL).replace("\n", end)
    article = loads(text, limits=Limits(max_body_lines=limit))
    assert dumps(article) == text
    filled = [index for index, line in enumerate(body) if line]
    rest = body[filled[limit] :] if len(filled) > limit else []
    reported = [d for d in article.diagnostics if d.code == "too-many-lines"]
    assert bool(reported) == any(line.strip() for line in rest)


@given(
    st.lists(st.integers(0, 12), max_size=8).map(lambda sizes: "\n".join("x" * n for n in sizes)),
    st.integers(1, 9),
)
def test_keep_verbatim_finds_any_line_over_the_limit(markdown: str, width: int) -> None:
    """keep_verbatim says whether some line is longer than max_line, without splitting."""
    expected = any(len(line) > width for line in markdown.split("\n"))
    assert keep_verbatim(markdown, Limits(max_line=width)) == expected
