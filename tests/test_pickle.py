"""Pickling: articles, blocks, layouts, diagnostics, entries and errors survive the trip.

Articles travel between processes by the thousand (`read_dump` with workers), so they
pickle in a compact form of their own; these properties pin that it loses nothing:
equality, the exact text ``dumps`` writes back, ``to_dict``, the layout's encoding, the
limits blocks work out their text within, and which objects are shared.
"""

from __future__ import annotations

import io
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump import (
    Article,
    Author,
    Diagnostic,
    DumpEntry,
    DumpError,
    Heading,
    Limits,
    Link,
    Paragraph,
    ParseError,
    PluginError,
    Severity,
    dumps,
    loads,
    to_dict,
)
from newsdump._model.flat import flatten, unflatten
from newsdump._model.layout import Layout, Span
from newsdump.testing.strategies import articles, dump_texts

PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


def round_trip(value: object, protocol: int = pickle.HIGHEST_PROTOCOL) -> object:
    """``value`` pickled and unpickled."""
    return pickle.loads(pickle.dumps(value, protocol))


def assert_same(back: Article, article: Article) -> None:
    """Everything an article shows is the same after the trip, equality or not."""
    assert type(back) is type(article)
    assert back == article
    assert dumps(back) == dumps(article)
    assert to_dict(back) == to_dict(article)
    assert back.diagnostics == article.diagnostics
    assert back.text == article.text
    assert [type(b) for b in back.body] == [type(b) for b in article.body]
    assert [b._limits for b in back.body] == [b._limits for b in article.body]
    layout, again = article._layout, back._layout
    assert (layout is None) == (again is None)
    if layout is not None and again is not None:
        assert again.source == layout.source
        assert again.encoding == layout.encoding
        assert again.errors == layout.errors
        assert [s._replace(value=None) for s in again.spans] == [
            s._replace(value=None) for s in layout.spans
        ]
        assert_shared(article, back)


def assert_shared(article: Article, back: Article) -> None:
    """A span's value is the body's block itself after the trip where it was before."""
    assert article._layout is not None
    assert back._layout is not None
    for old, new in zip(article._layout.spans, back._layout.spans, strict=True):
        for index, block in enumerate(article.body):
            if old.value is block:
                assert new.value is back.body[index]


@given(dump_texts())
def test_parsed_texts_pickle_exactly(text: str) -> None:
    """Any text, parsed, survives a pickle round trip: ``dumps`` gives the text back."""
    article = loads(text)
    back = round_trip(article)
    assert isinstance(back, Article)
    assert_same(back, article)
    assert dumps(back) == text


@given(articles())
def test_built_articles_pickle_exactly(article: Article) -> None:
    """Articles built through the constructors (no layout) survive the trip."""
    back = round_trip(article)
    assert isinstance(back, Article)
    assert_same(back, article)


@given(articles(), st.sampled_from(list(PROTOCOLS)))
def test_every_protocol(article: Article, protocol: int) -> None:
    """Every pickle protocol that keeps classes compact gives the article back."""
    parsed = loads(dumps(article))
    back = round_trip(parsed, protocol)
    assert isinstance(back, Article)
    assert_same(back, parsed)


@given(dump_texts(), st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252"]))
def test_read_from_bytes_keeps_the_encoding(text: str, encoding: str) -> None:
    """An article read from bytes keeps its encoding (and error handler) through the trip."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
        encoding = "utf-8"
    try:
        article = newsdump.load(io.BytesIO(data), encoding=encoding, errors="surrogateescape")
    except ParseError:
        return  # too large, or the like: nothing to pickle
    back = round_trip(article)
    assert isinstance(back, Article)
    assert_same(back, article)
    assert newsdump.dumps(back) == newsdump.dumps(article)
    out_back, out = io.BytesIO(), io.BytesIO()
    newsdump.dump(back, out_back)
    newsdump.dump(article, out)
    assert out_back.getvalue() == out.getvalue()


@given(dump_texts(), st.integers(min_value=1, max_value=200), st.integers(1, 5))
def test_non_default_limits_survive(text: str, max_line: int, max_nesting: int) -> None:
    """Blocks parsed within other limits keep them, and so work out the same text."""
    limits = Limits(max_line=max_line, max_nesting=max_nesting)
    article = loads(text, limits=limits)
    back = round_trip(article)
    assert isinstance(back, Article)
    assert_same(back, article)
    assert all(block._limits == limits for block in back.body)
    assert [b.text for b in back.body] == [b.text for b in article.body]
    assert [b.links for b in back.body] == [b.links for b in article.body]


_EDITS = {
    "headline": lambda a: attrs.evolve(a, headline="An edited headline"),
    "authors": lambda a: attrs.evolve(a, authors=(Author("Edit Person", "https://e.example"),)),
    "body": lambda a: attrs.evolve(a, body=(*a.body[1:], Paragraph("A new last paragraph."))),
    "reversed": lambda a: attrs.evolve(a, body=tuple(reversed(a.body))),
    "url": lambda a: attrs.evolve(a, url="https://example.net/edited"),
}


@given(dump_texts(), st.sampled_from(sorted(_EDITS)))
def test_edited_articles_pickle_exactly(text: str, edit: str) -> None:
    """An edited article (its layout no longer matching its fields) writes back the same."""
    article = _EDITS[edit](loads(text))
    back = round_trip(article)
    assert isinstance(back, Article)
    assert_same(back, article)


def test_diagnostics_travel() -> None:
    """An article's diagnostics come back, with their severity."""
    article = loads("# No trailer\n\nBody")
    assert article.diagnostics
    back = round_trip(article)
    assert isinstance(back, Article)
    assert back.diagnostics == article.diagnostics
    assert all(isinstance(d.severity, Severity) for d in back.diagnostics)
    diagnostic = Diagnostic("code", "message", 3, 4, Severity.INFO)
    assert round_trip(diagnostic) == diagnostic


def test_flat_form_covers_parsed_articles() -> None:
    """A parsed article takes the compact form, and `unflatten` gives it back."""
    article = loads(
        "\n\n# Head\n\nBy [Ann Lee](#)\n\nMay 2, 2024\n\nOne.\n\n## Two\n\n- three\n\n"
        "Original url:\n\n<https://example.org/a>"
    )
    flat = flatten(article)
    assert flat is not None
    assert_same(unflatten(*flat), article)


class _MyParagraph(Paragraph):
    """A block class of one's own (as a site quirk may make)."""


@attrs.frozen
class _Tagged(Paragraph):
    """A block class with a field of its own."""

    tag: str = "x"


@attrs.frozen(kw_only=True)
class _Story(Article):
    """An article class with a field of its own."""

    section: str = "news"


def test_subclasses_pickle_field_by_field() -> None:
    """Classes of one's own pickle with every field, their class kept."""
    body = (_MyParagraph("Mine."), _Tagged("Tagged.", tag="t"), Heading("## Sub"))
    article = Article(headline="H", body=body, authors=(Author("A B"),))
    back = round_trip(article)
    assert isinstance(back, Article)
    assert back == article
    assert [type(b) for b in back.body] == [_MyParagraph, _Tagged, Heading]
    assert isinstance(back.body[1], _Tagged)
    assert back.body[1].tag == "t"
    story = _Story(headline="S", section="sport", body=(Paragraph("P."),))
    again = round_trip(story)
    assert isinstance(again, _Story)
    assert again == story
    assert again.section == "sport"


def test_small_values_pickle() -> None:
    """Authors, links, blocks and layouts pickle on their own too."""
    for value in (
        Author("Ann Lee"),
        Author("Ann Lee", "https://a.example"),
        Link("text", None),
        Heading("## Sub"),
        Paragraph("P.", _limits=Limits(max_line=10)),
        Layout("text", (Span("headline", 0, 1, "text"),), "utf-8", "surrogateescape"),
    ):
        back = round_trip(value)
        assert back == value
        assert type(back) is type(value)
    block = round_trip(Paragraph("P.", _limits=Limits(max_line=10)))
    assert isinstance(block, Paragraph)
    assert block._limits == Limits(max_line=10)


@given(dump_texts())
def test_a_parsed_layout_is_the_layout_of_its_spans(text: str) -> None:
    """A parse's layout works its blocks' spans out on first use; it pickles on its own
    and equals the layout made from those spans, before and after the trip."""
    layout = newsdump.loads(text)._layout
    assert layout is not None
    back = round_trip(layout)
    assert isinstance(back, Layout)
    head, body, _, tail = back.parts()
    assert body is not None  # still worked out, not sent as spans
    explicit = Layout(layout.source, layout.spans, layout.encoding, layout.errors)
    assert back == layout == explicit
    assert hash(back) == hash(explicit)
    assert [s[:3] for s in back.spans] == [s[:3] for s in layout.spans]  # key, start, stop
    assert len(head) + len(tail) + len(body) == len(layout.spans)


@given(dump_texts())
def test_a_parsed_article_flattens_to_plain_values(text: str) -> None:
    """The flat form of a parsed article holds its fields' spans as plain tuples (they
    are `Span` NamedTuples) and the line its body starts on, not its blocks' line
    numbers; `unflatten` makes them spans again."""
    flat = flatten(newsdump.loads(text))
    assert flat is not None
    head, lines, tail = flat[12:15]
    assert all(type(span) is tuple for span in (*head, *tail))
    assert isinstance(lines, int)
    layout = unflatten(*flat)._layout
    assert layout is not None
    assert all(type(span) is Span for span in layout.spans)


def test_a_cached_text_is_not_sent() -> None:
    """A block whose text was worked out pickles as small as one whose was not."""
    fresh, used = Paragraph("Some *text*."), Paragraph("Some *text*.")
    assert used.text == "Some text."
    assert pickle.dumps(used) == pickle.dumps(fresh)
    back = round_trip(used)
    assert isinstance(back, Paragraph)
    assert back.text == "Some text."


@pytest.mark.parametrize(
    "error",
    [
        DumpError("too big", code="too-large", name="a/b.txt"),
        ParseError("bad", code="invalid-encoding", line=3, column=4, source="x", excerpt="ab"),
        PluginError("boom", plugin="example", hook="finish"),
    ],
)
def test_errors_pickle_with_every_attribute(error: Exception) -> None:
    """Errors keep their message and every attribute."""
    back = round_trip(error)
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert vars(back) == vars(error)


def test_entries_pickle() -> None:
    """Dump entries pickle, with their article or their error."""
    ok = DumpEntry("a.txt", loads("# A\n\nBody."))
    bad = DumpEntry("b.txt", None, DumpError("gone", code="unreadable", name="b.txt"))
    back_ok, back_bad = round_trip(ok), round_trip(bad)
    assert back_ok == ok
    assert isinstance(back_bad, DumpEntry)
    assert back_bad.name == "b.txt"
    assert str(back_bad.error) == str(bad.error)
