"""Plain text of body blocks: the fast path agrees with markdown-it-py's rendering."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsdump import Article, ListBlock, Paragraph, Quote, Related, Verbatim, loads
from newsdump._model.lines import Lines
from newsdump._model.plain import (
    MAX_NESTING,
    _inline_tokens,
    block_plain,
    inline_plain,
    markdown_parser,
    simple_definitions,
)

_MD = MarkdownIt("commonmark")
_TAG = re.compile(r"<[^>]*>")


def rendered_text(markdown: str) -> str:
    """What a browser shows of markdown-it-py's HTML for one paragraph, line breaks kept.

    The paragraph's content loses the spaces, tabs and line endings at its ends, as
    CommonMark says, and nothing else: markdown-it-py's own paragraph rule strips any
    Unicode space (a no-break space too), so its inline parser is given the content."""
    tokens = _MD.parseInline(markdown.strip(" \t\r\n"))
    out = _MD.renderer.render(tokens, _MD.options, {}).replace("<br />\n", "\n")
    out = re.sub(r"<img [^>]*>", "", out)
    return html.unescape(_TAG.sub("", out)).strip(" \t\r\n")


def test_plain_paragraph_needs_no_parser() -> None:
    """A paragraph without inline syntax is its own text, lines trimmed."""
    assert Paragraph("  Hello there,\n   world.  ").text == "Hello there,\nworld."


def test_no_break_spaces_at_the_edges_and_in_code_spans_are_text() -> None:
    """A no-break space the author wrote at a paragraph's ends, or in a code span, is
    kept: CommonMark strips only spaces and tabs there (markdown-it-py strips more)."""
    assert Paragraph("\xa0Ferry times\xa0").text == "\xa0Ferry times\xa0"
    assert Paragraph("`\xa0b\xa0`").text == "\xa0b\xa0"
    assert Paragraph("&nbsp;*Ferry*&nbsp;").text == "\xa0Ferry\xa0"
    assert Paragraph(" \t Ferry \t").text == "Ferry"
    text = "\n\n# Harbour\n\n\xa0Ferry times\xa0\n\nOriginal url: https://example.org/f"
    assert loads(text).text == "\xa0Ferry times\xa0"


def test_links_and_emphasis_resolve() -> None:
    """Links become their text; emphasis markers go away; targets are collected."""
    block = Paragraph("A *big* [report](https://example.org/r) and [more](#).")
    assert block.text == "A big report and more."
    assert [(link.text, link.url) for link in block.links] == [
        ("report", "https://example.org/r"),
        ("more", None),
    ]


def test_entities_and_escapes() -> None:
    """Entities and backslash escapes show as the characters they stand for."""
    assert Paragraph("Fish &amp; chips \\*not em\\*").text == "Fish & chips *not em*"


def test_list_and_quote_text() -> None:
    """Container blocks give the text of their paragraphs, one per line."""
    assert ListBlock("- one\n- *two*").text == "one\ntwo"
    assert ListBlock("1. first\n2. second").items == ("first", "second")
    assert ListBlock("1. first").ordered
    assert Quote("> quoted [text](#)").text == "quoted text"


def test_related_label_and_link() -> None:
    """A callout knows its wording and its link."""
    block = Related("**Read more: [The other story](https://example.org/o)**")
    assert block.label == "Read more"
    assert block.link.text == "The other story"
    assert block.link.url == "https://example.org/o"


def test_reference_links_resolve_through_the_article() -> None:
    """Reference-style links resolve against definitions elsewhere in the body."""
    text = "\n\n# T\n\nSee [the report][r] now.\n\n[r]: https://example.org/r"
    assert loads(text).text == "See the report now."


def test_headline_reference_links_resolve_through_the_body() -> None:
    """``# [Foo]`` with ``[foo]: /url`` in the body reads ``Foo`` in the headline's text;
    without a definition the brackets are text."""
    tail = "\n\nOriginal url: https://example.org/h"
    text = "\n\n# [Ferry] and [the vote][v] *today*\n\nText.\n\n[ferry]: /f\n[V]: /v" + tail
    assert loads(text).headline_text == "Ferry and the vote today"
    assert loads("\n\n# [Ferry] *today*\n\nText." + tail).headline_text == "[Ferry] today"


def test_nesting_is_bounded() -> None:
    """markdown-it-py is used with a nesting limit of at most 100."""
    assert MAX_NESTING <= 100
    assert markdown_parser().options["maxNesting"] == MAX_NESTING
    deep = ">" * 5000 + " x"
    assert isinstance(block_plain(deep)[0], str)


_INLINE = st.lists(
    st.sampled_from([*"ab c\n*_[]()<>!&#;`\\:/.\t", "amp", "http", "é", "\xa0", "](#)", "<a>"]),
    max_size=40,
).map("".join)


@given(_INLINE)
def test_inline_text_matches_rendered_html(content: str) -> None:
    """The text of a one-paragraph input equals what markdown-it-py's HTML shows."""
    tokens = _MD.parse(content)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return
    assert Paragraph(content).text == rendered_text(content)


@given(st.text(alphabet=st.sampled_from(list("ab c\n\t.,'\"-é\xa0")), max_size=80))
def test_fast_path_equals_slow_path(content: str) -> None:
    """Text without inline syntax reads the same with and without the inline parser."""
    fast, _ = inline_plain(content)
    tokens = _MD.parse(content)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return
    assert fast == rendered_text(content)


def _full_parse_plain(markdown: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Plain text and links from markdown-it-py's whole parse, inline parser on every part."""
    pieces: list[str] = []
    links: list[tuple[str, str]] = []
    for token in markdown_parser().parse(markdown, {}):
        if token.type == "inline" and token.children is not None:
            text, found = _inline_tokens(token.children)
            pieces.append(text)
            links.extend(found)
        elif token.type in ("code_block", "fence"):
            pieces.append(token.content.rstrip("\n"))
    return "\n".join(p for p in pieces if p), tuple(links)


_BLOCK_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "- item",
                "  - nested",
                "1. one",
                "> quoted",
                ">",
                "",
                "    code",
                "```",
                "text",
                "[r]: /u",
                "see [r]",
                "- [x](/y)",
                "* *em*",
                "\tcode",
                "\x00",
                "a\rb",
                "## h",
            ]
        ),
        _INLINE,
    ),
    max_size=12,
).map("\n".join)


@given(_BLOCK_LINES)
def test_block_text_equals_the_whole_parse(markdown: str) -> None:
    """Block text (block parser, then each part as a paragraph) equals markdown-it-py's."""
    assert block_plain(markdown) == _full_parse_plain(markdown)


_DEFINITION_PARTS = st.lists(
    st.sampled_from(
        [
            *"ab []:\\\"'()<>&;/ \t#*",
            *("amp;", "&amp;", "javascript:", "\x00", "é", "\xa0", "ẞ", "K", "\\]", "%20"),
            *("http://x.org/", "&#x41;", "data:image/png;", "\r"),
        ]
    ),
    max_size=6,
).map("".join)
_DEFINITION_LINE = st.tuples(
    st.sampled_from(["", " ", "   ", "    ", "\t"]),
    _DEFINITION_PARTS,
    st.sampled_from([":", ": ", ":\t", " :"]),
    _DEFINITION_PARTS,
    st.sampled_from(["", " ", ' "t"', " 't'", " (t)", '\t"t" ', " 't' x"]) | _DEFINITION_PARTS,
).map(lambda p: f"{p[0]}[{p[1]}]{p[2]}{p[3]}{p[4]}")


@given(st.lists(_DEFINITION_LINE, min_size=1, max_size=4))
def test_simple_definitions_are_markdown_it_references(lines: list[str]) -> None:
    """What the recognizer of one-line definitions accepts, markdown-it-py reads as those
    definitions and nothing else, with the same labels, destinations and titles."""
    found = simple_definitions(lines)
    if found is None:
        return
    env: dict[str, Any] = {}
    assert _MD.parse("\n".join(lines), env) == []
    assert found == {
        label: {"title": ref["title"], "href": ref["href"]}
        for label, ref in env["references"].items()
    }


def test_simple_definitions_leave_other_shapes_to_markdown_it() -> None:
    """Angle brackets, escapes, titles on the next line and refused links are not read."""
    for lines in (
        ["[a]: <b c>"],
        ["[a]: /u\\(x"],
        ["[a]: /u", '"title"'],
        ["[a]: javascript:alert(1)"],
        ["[ ]: /u"],
        ["[a]: /u 'x' y"],
        ["    [a]: /u"],
    ):
        assert simple_definitions(lines) is None, lines
    assert simple_definitions(["[a]: /u", "[A]: /v"]) == {"A": {"title": "", "href": "/u"}}


def _text_the_long_way(article: Article) -> str:
    """`Article.text` as it was worked out before definitions were kept: one parse of the
    body's definition blocks for the references, then every block read with them."""
    definitions = [
        block.markdown
        for block in article.body
        if (isinstance(block, Verbatim) and re.match(r" {0,3}\[", block.markdown))
        or (isinstance(block, ListBlock | Quote) and "]:" in block.markdown)
    ]
    env: dict[str, Any] = {}
    if definitions:
        markdown_parser().parse("\n\n".join(definitions), env)
    resolved = env if env.get("references") else None
    texts = (block._read(resolved)[0] for block in article.body)
    return "\n\n".join(text for text in texts if text)


_BODY_LINES = st.lists(
    st.sampled_from(
        [
            "",
            "",
            "text",
            "see [x][a] and [y][b]",
            "[a]",
            "## h [a]",
            "- [i][a]",
            "> [q][b]",
            "[a]: /u",
            '[b]: /v "t"',
            "[A]: /w",
            "   [b]: <x y>",
            "[foo",
            "bar]: /z",
            "see [foo bar]",
            "[c]: javascript:x",
            "[c]",
            "- [d]: /in-a-list",
            "> [e]: /in-a-quote",
            "- item\n\n  [f]: /in-an-item",
            "see [d] and [e] and [f]",
            "    code",
            "---",
        ]
    ),
    max_size=20,
).map("\n".join)


@given(_BODY_LINES)
def test_article_text_resolves_references_as_before(body: str) -> None:
    """Definitions kept by the scanner give the text one parse of them all gives, and the
    text of markdown-it-py's whole parse of the body, definitions in lists and quotes
    included."""
    article = loads("\n\n# T\n\n" + body)
    assert article.text == _text_the_long_way(article)
    spans = [span for span in article._layout.spans if span.key == "block"]  # type: ignore[union-attr]
    if not spans:
        return
    region = Lines(article._layout.source).joined(spans[0].start, spans[-1].stop)  # type: ignore[union-attr]
    whole = _full_parse_plain_env(region)
    assert [line for line in article.text.split("\n") if line] == [
        line for line in whole.split("\n") if line
    ]


def _full_parse_plain_env(markdown: str) -> str:
    """The whole parse's text, references resolved (those defined in a list or a quote
    too)."""
    return _full_parse_plain(markdown)[0]


@given(st.lists(st.sampled_from([" ", "\t", "\n", "a", "-", ">", "  ", "\n\n", "é"])).map("".join))
def test_block_parse_marks_lines_as_markdown_it_does(src: str) -> None:
    """The line marks `block_parse` works out equal those of markdown-it-py's own state,
    and so do the tokens."""
    from markdown_it.rules_block.state_block import StateBlock

    from newsdump._model.plain import block_parse

    md = markdown_parser()
    states: list[StateBlock] = []
    tokenize = md.block.tokenize
    try:
        md.block.tokenize = lambda state, *_: states.append(state)  # type: ignore[method-assign]
        block_parse(md, src, {}, [])
    finally:
        md.block.tokenize = tokenize  # type: ignore[method-assign]
    ours = states[0] if states else StateBlock("", md, {}, [])
    theirs = StateBlock(src, md, {}, [])
    for name in ("src", "bMarks", "eMarks", "tShift", "sCount", "bsCount", "lineMax", "line"):
        if src:
            assert getattr(ours, name) == getattr(theirs, name), name
    tokens: list[Any] = []
    block_parse(md, src, {}, tokens)
    expected: list[Any] = []
    md.block.parse(src, md, {}, expected)
    assert [(t.type, t.map, t.content) for t in tokens] == [
        (t.type, t.map, t.content) for t in expected
    ]


def test_block_parse_uses_its_marks_with_this_markdown_it_py() -> None:
    """The installed markdown-it-py takes the marks `block_parse` sets (if a release
    changes its block state, this fails and the fast marks are not used)."""
    from newsdump._model import plain as _text

    assert _text._marks_agree()


def test_block_parse_falls_back_when_the_marks_do_not_agree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a markdown-it-py whose block state differs, markdown-it-py parses alone."""
    from newsdump._model import plain as _text

    def refuse(*args: object) -> None:
        raise AssertionError("the marks must not be set")

    src = "- a\n\n\t\t  b\n> c\n"
    doc = f"\n\n# H\n\n{src}"
    fast = [block.text for block in loads(doc).body]
    monkeypatch.setattr(_text, "_marks_agree", lambda: False)
    monkeypatch.setattr(_text, "_tokenize_with_marks", refuse)
    md = markdown_parser()
    tokens: list[Any] = []
    _text.block_parse(md, src, {}, tokens)
    expected: list[Any] = []
    md.block.parse(src, md, {}, expected)
    assert [(t.type, t.map) for t in tokens] == [(t.type, t.map) for t in expected]
    assert [block.text for block in loads(doc).body] == fast


_SIMPLE_WORDS = st.sampled_from(
    ["a", "bc", "é", "1", " ", "  ", "\t", "\n", "  \n", ".", ",", "!", "?", "(", ")", ":", "*",
     "**", "_", "__", "[", "]", "[a](/u)", "[b c](https://example.org/x?y=1)", "[d](#)", "[e]()",
     "[f](javascript:x)", "[g](<h>)", "![i](/j)", "\xa0", "'", "\"", "-", "#", "\x01"]
)  # fmt: skip


@given(st.lists(_SIMPLE_WORDS, max_size=16).map("".join))
@example("A *big* [report](https://example.org/r) and **two words**, _one_.")
@example("a*b*")
@example("*a*b")
@example("[a](b\x01)")
def test_simple_inline_reads_as_markdown_it_does(content: str) -> None:
    """Inline Markdown read without the inline parser (plain words, simple emphasis,
    links without titles) gives markdown-it-py's text and links."""
    from newsdump._model.plain import _EDGE, _simple_inline

    simple = _simple_inline(content)
    if simple is None:
        return
    tokens: list[Any] = []
    md = markdown_parser()
    md.inline.parse(content.strip(_EDGE), md, {}, tokens)
    assert simple == _inline_tokens(tokens)


def test_simple_inline_reads_the_common_shapes() -> None:
    """Prose with emphasis and links, as most paragraphs are, needs no inline parser."""
    from newsdump._model.plain import _simple_inline

    for content in (
        "A *big* [report](https://example.org/r) and **two words**, _one_.",
        "Line one  \nline *two* [x](#)",
        "[Only a link](/story)",
    ):
        assert _simple_inline(content) is not None, content
    for content in ("a*b*", "[ref]", '[a](/u "title")', "`code`", "&amp;", "snake_case"):
        assert _simple_inline(content) is None, content
