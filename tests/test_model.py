"""The model's classes on their own: frozen values, equality, text and links, pickling."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdump import loads, model
from newsdump._limits import Limits
from newsdump._model.flat import flatten, new_author, new_block, unflatten
from newsdump.model import (
    KINDS,
    Article,
    Author,
    Block,
    Boilerplate,
    Heading,
    Image,
    Link,
    ListBlock,
    Paragraph,
    Related,
    Rule,
    Verbatim,
)
from newsdump.testing.strategies import BLOCK_KINDS, articles, blocks

_TEXT = "\n\n# Harbour opens\n\nBy [Ann Lee](#)\n\nJuly 16, 2023\n\nFirst [quay](/q).\n\nOriginal url:\n\n<https://www.Example.org/a>"


@pytest.mark.parametrize(
    "value",
    [Author("Ann Lee"), Link("quay", "/q"), Paragraph("P."), Article(headline="H")],
)
def test_values_are_frozen(value: Any) -> None:
    """Every class is frozen: edit with `attrs.evolve`, never in place."""
    name = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, "changed")


def test_a_parsed_article_equals_the_same_article_built_by_hand() -> None:
    """Layout and diagnostics take no part in equality."""
    parsed = loads(_TEXT)
    built = Article(
        headline="Harbour opens",
        authors=(Author("Ann Lee"),),
        published=dt.date(2023, 7, 16),
        date_text="July 16, 2023",
        body=(Paragraph("First [quay](/q)."),),
        url="https://www.Example.org/a",
    )
    assert parsed._layout is not None
    assert built._layout is None
    assert parsed == built
    assert attrs.evolve(built, diagnostics=parsed.diagnostics) == built


def test_evolve_keeps_the_layout_and_changes_the_value() -> None:
    """An evolved article keeps the layout it was parsed with, so the writer can patch it."""
    parsed = loads(_TEXT)
    edited = attrs.evolve(parsed, headline="Harbour shuts")
    assert edited._layout is parsed._layout
    assert edited != parsed
    assert edited.headline_text == "Harbour shuts"


def test_date_text_defaults_to_the_iso_form_of_published() -> None:
    """A hand-built article's date text is its date's ISO form unless given."""
    moment = dt.datetime(2023, 7, 16, 10, 45, tzinfo=dt.UTC)
    assert Article(published=moment).date_text == moment.isoformat()
    assert Article(published=dt.date(2023, 7, 16), date_text="Sunday").date_text == "Sunday"
    assert Article().date_text is None


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.Example.org/a", "example.org"),
        ("https://news.example.org/a", "news.example.org"),
        ("not a url", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_site_is_the_host_in_lower_case_without_www(url: str | None, site: str | None) -> None:
    """``site`` comes from the URL's host; a URL with no host (or a broken one) has none."""
    assert Article(url=url).site == site


def test_block_text_and_links() -> None:
    """A block's text is what a reader sees; a ``#`` target is no URL."""
    block = Paragraph("A [b](https://x.example) *c* and [d](#).")
    assert block.text == "A b c and d."
    assert block.links == (Link("b", "https://x.example"), Link("d", None))
    assert Rule("* * *").text == ""
    assert Rule("* * *").links == ()


def test_block_kinds_say_what_they_hold() -> None:
    """Headings have a level, lists items, images their parts, callouts their link."""
    assert (Heading("### Sub ###").level, Heading("### Sub ###").text) == (3, "Sub")
    assert Heading("## C#").text == "C#"  # a closing run needs a space before it
    assert Heading("Sub\n---").level == 2
    listing = ListBlock("1. one\n2. *two*")
    assert listing.ordered
    assert listing.items == ("one", "two")
    image = Image('![A boat](https://img.example/b.jpg "At dawn")')
    assert (image.alt, image.url, image.title, image.text) == (
        "A boat",
        "https://img.example/b.jpg",
        "At dawn",
        "",
    )
    by_reference = Image("![A boat][b]")  # the definition is another block's
    assert (by_reference.alt, by_reference.url, by_reference.title) == ("", None, None)
    related = Related("**Related article: [Tides turn](https://x.example/t)**")
    assert related.link == Link("Tides turn", "https://x.example/t")
    assert related.label == "Related article"


def test_article_text_and_links_resolve_references_and_leave_boilerplate_out() -> None:
    """`Article.text` and ``.links`` read the whole body: reference links resolved
    against its definitions, definitions and boilerplate showing nothing."""
    article = Article(
        headline="[Harbour]",
        body=(
            Paragraph("See [the quay][q]."),
            Boilerplate("Sign up for [our letter](https://x.example/n)."),
            Verbatim("[q]: https://x.example/quay"),
            Verbatim("[harbour]: https://x.example/h"),
        ),
    )
    assert article.text == "See the quay."
    assert article.links == (Link("the quay", "https://x.example/quay"),)
    assert article.body[0].links == ()  # the block alone knows no definitions
    assert article.headline_text == "Harbour"


def test_related_lists_the_callouts_in_order() -> None:
    """``related`` is each callout's link, in body order."""
    one = Related("**Related: [One](https://x.example/1)**")
    two = Related("**Read more: [Two](#)**")
    article = Article(body=(one, Paragraph("P."), two))
    assert article.related == (Link("One", "https://x.example/1"), Link("Two", None))


def test_author_repr_shows_agency_only_when_set() -> None:
    """Most authors are people: their repr is as it always was."""
    assert repr(Author("Ann Lee")) == "Author(name='Ann Lee', url=None)"
    assert repr(Author("AFP", agency=True)) == "Author(name='AFP', url=None, agency=True)"


def test_kinds_is_every_block_class_of_the_model() -> None:
    """`KINDS` lists every built-in block class once; the testing strategies draw every
    one but `Boilerplate` (only a site quirk makes it)."""
    classes = {
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, Block) and value is not Block
    }
    assert set(KINDS.values()) == classes
    assert len(KINDS) == len(classes)
    assert tuple(kind for kind in KINDS.values() if kind is not Boilerplate) == BLOCK_KINDS


@given(st.sampled_from(list(KINDS.values())), st.text(min_size=1, max_size=40))
def test_blocks_made_directly_are_the_ones_init_makes(kind: type[Block], markdown: str) -> None:
    """`new_block` (slots filled directly, for speed) gives what ``kind(markdown)`` gives."""
    made, built = new_block(kind, markdown), kind(markdown)
    assert type(made) is kind
    assert made == built
    assert hash(made) == hash(built)
    assert made._limits is built._limits


def test_authors_made_directly_are_the_ones_init_makes() -> None:
    """`new_author` gives what ``Author(...)`` gives."""
    assert new_author("AFP", None, True) == Author("AFP", None, True)


@given(articles())
def test_built_articles_go_through_the_flat_form(article: Article) -> None:
    """A built article pickles in the flat form and comes back equal, block classes kept."""
    flat = flatten(article)
    assert flat is not None
    back = unflatten(*flat)
    assert back == article
    assert [type(b) for b in back.body] == [type(b) for b in article.body]
    assert pickle.loads(pickle.dumps(article)) == article


@given(blocks())
def test_blocks_pickle_with_their_limits(block: Block) -> None:
    """A block pickles as its class and Markdown, and its limits when they are not the
    defaults."""
    assert pickle.loads(pickle.dumps(block)) == block
    limited = type(block)(block.markdown, _limits=Limits(max_line=10))
    back = pickle.loads(pickle.dumps(limited))
    assert back == limited
    assert back._limits == Limits(max_line=10)


def test_a_subclass_is_not_flattened() -> None:
    """The flat form covers the model's own classes only; others pickle field by field."""

    @attrs.frozen
    class Note(Paragraph):
        pass

    assert flatten(Article(body=(Note("N."),))) is None
