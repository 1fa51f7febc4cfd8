"""Sites that are malformed or misbehave: checked at registration, guarded at parse."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import newsdump
from newsdump import Block, Boilerplate, Limits, Paragraph, ParseError, PluginError, Quote
from newsdump.sites import Site

TEXT = (
    "\n\n# Pier Lights Restored\n\nBy Ann Lee\n\n2024-05-02 10:45\n\n"
    "The pier lights shine again.\n\nSign up for the evening letter.\n\n"
    "Original url:\n\n<https://news.pier-daily.test/2024/05/02/lights>"
)


@attrs.frozen
class NeedsTag(Paragraph):
    """A block class whose constructor needs more than the parser gives it."""

    tag: str = attrs.field(kw_only=True)


def _upper(text: str) -> str:
    return text.upper()


@attrs.frozen
class Shouting(Paragraph):
    """A block class that changes the Markdown it is given."""

    markdown: str = attrs.field(converter=_upper)


def _returning(kind: object) -> type[Site]:
    class Retyping(Site):
        hosts = ("pier-daily.test",)

        def block(self, block: Block, index: int) -> Any:
            return kind if block.markdown.startswith("Sign up") else None

    return Retyping


@pytest.mark.parametrize("kind", [NeedsTag, Shouting], ids=["raises", "changes-markdown"])
def test_block_class_the_site_returns_is_built_under_the_guard(kind: type[Block]) -> None:
    """Lenient: a plugin-error on the block's line, the block kept as read; strict: PluginError."""
    article = newsdump.loads(TEXT, sites=[_returning(kind)])
    assert [d.code for d in article.diagnostics] == ["plugin-error"]
    assert article.diagnostics[0].line == 11
    assert kind.__name__ in article.diagnostics[0].message
    assert type(article.body[1]) is Paragraph
    assert article.body[1].markdown == "Sign up for the evening letter."
    assert newsdump.dumps(article) == TEXT
    with pytest.raises(PluginError) as caught:
        newsdump.loads(TEXT, sites=[_returning(kind)], strict=True)
    assert caught.value.hook == "block"


def test_block_class_the_site_returns_that_builds_is_used() -> None:
    """A subclass that takes the block's Markdown as it is replaces the block."""

    @attrs.frozen
    class Promo(Boilerplate):
        pass

    article = newsdump.loads(TEXT, sites=[_returning(Promo)])
    assert type(article.body[1]) is Promo
    assert article.diagnostics == ()
    assert newsdump.dumps(article) == TEXT


def _with(**attributes: object) -> type[Site]:
    return type("Malformed", (Site,), {"hosts": ("pier-daily.test",), **attributes})


MALFORMED = [
    ("valid_from", {"valid_from": "2020-01-01"}),
    ("valid_from", {"valid_from": dt.datetime(2020, 1, 1)}),
    ("valid_until", {"valid_until": 2024}),
    ("valid_until", {"valid_from": dt.date(2024, 1, 1), "valid_until": dt.date(2024, 1, 1)}),
    ("hosts", {"hosts": (None,)}),
    ("hosts", {"hosts": "pier-daily.test"}),
    ("hosts", {"hosts": ("",)}),
    ("hosts", {"hosts": ("pier daily.test",)}),
    ("hosts", {"hosts": ("https://pier-daily.test/",)}),
    ("hosts", {"hosts": ()}),
    ("dayfirst", {"dayfirst": "true"}),
    ("dayfirst", {"dayfirst": 1}),
    ("timezone", {"timezone": 5}),
    ("timezone", {"timezone": "Mars/Olympus"}),
    ("timezone", {"timezone": "/etc/passwd"}),
    ("timezone", {"timezone": "America"}),
    ("name", {"name": 3}),
    ("block", {"block": None}),
    ("date", {"date": "2024-05-02"}),
]


@pytest.mark.parametrize(("attribute", "attributes"), MALFORMED)
def test_malformed_attribute_is_named_when_the_registry_is_built(
    attribute: str, attributes: dict[str, object]
) -> None:
    """Parser(sites=...), loads(sites=...) and format_text(sites=...) refuse it, naming it."""
    site = _with(**attributes)
    for build in (
        lambda: newsdump.Parser(sites=[site]),
        lambda: newsdump.loads(TEXT, sites=[site]),
        lambda: newsdump.format_text(TEXT, sites=[site]),
    ):
        with pytest.raises(PluginError) as caught:
            build()
        assert caught.value.hook == attribute
        assert attribute in str(caught.value)


def test_attribute_set_on_the_instance_is_checked_too() -> None:
    """A site instance whose own attribute is malformed is refused like a class."""
    site = _with()()
    site.dayfirst = "yes"  # type: ignore[misc,assignment]
    with pytest.raises(PluginError, match="dayfirst"):
        newsdump.Parser(sites=[site])


def test_well_formed_versions_are_accepted() -> None:
    """Dates (not datetimes), a bool and a known zone pass the checks."""
    site = _with(
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2030, 1, 1),
        dayfirst=False,
        timezone="Europe/Riga",
        hosts=["pier-daily.test", "www.Pier-Daily.test."],
    )
    article = newsdump.Parser(sites=[site]).loads(TEXT)
    assert article.tz_assumed
    assert str(article.published) == "2024-05-02 10:45:00+03:00"


class Late(Site):
    """A site whose block hook is added after it was first used."""

    hosts = ("pier-daily.test",)


def _promo(self: Site, block: Block, index: int) -> type[Block] | None:
    return Boilerplate if block.markdown.startswith("Sign up") else None


def test_hook_added_to_the_class_later_is_used_by_a_new_parser() -> None:
    """The hook table is read per registry, not cached per class on first use."""
    assert type(newsdump.Parser(sites=[Late]).loads(TEXT).body[1]) is Paragraph
    Late.block = _promo  # type: ignore[method-assign]
    try:
        assert type(newsdump.Parser(sites=[Late]).loads(TEXT).body[1]) is Boilerplate
        assert type(newsdump.loads(TEXT, sites=[Late]).body[1]) is Boilerplate
    finally:
        del Late.block
    assert type(newsdump.Parser(sites=[Late]).loads(TEXT).body[1]) is Paragraph


def test_hook_set_on_an_instance_is_used() -> None:
    """A hook given as an instance attribute counts as overridden, by Parser and by site=."""
    site = Late()
    site.block = lambda block, index: _promo(site, block, index)  # type: ignore[method-assign]
    assert type(newsdump.Parser(sites=[site]).loads(TEXT).body[1]) is Boilerplate
    assert type(newsdump.loads(TEXT, sites=[], site=site).body[1]) is Boilerplate


def test_format_text_refuses_what_is_not_a_str() -> None:
    """format_text(None) is a TypeError that names format_text, not an AttributeError."""
    with pytest.raises(TypeError, match=r"format_text\(\) takes a str, not NoneType"):
        newsdump.format_text(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="bytes"):
        newsdump.format_text(TEXT.encode())  # type: ignore[arg-type]


def test_format_text_is_within_the_limits() -> None:
    """A text over max_bytes is a too-large ParseError, not read; one within is formatted."""
    with pytest.raises(ParseError) as caught:
        newsdump.format_text(TEXT, limits=Limits(max_bytes=50))
    assert caught.value.code == "too-large"
    assert newsdump.format_text(TEXT, limits=Limits(max_bytes=len(TEXT))) == newsdump.format_text(
        TEXT
    )


def test_format_text_goes_through_the_guard() -> None:
    """A site's block class that cannot be built does not stop format_text."""
    formatted = newsdump.format_text(TEXT, sites=[_returning(NeedsTag)])
    assert "Sign up for the evening letter." in formatted
    assert newsdump.format_text(formatted, sites=[_returning(NeedsTag)]) == formatted


@attrs.frozen
class Sidebar(Block):
    """A block kind of a site's own, derived from Block alone."""


@attrs.frozen
class Pullquote(Quote):
    """A site's refinement of a built-in kind."""


@pytest.mark.parametrize(
    ("kind", "name", "back"),
    [
        (Pullquote, "quote", Quote),
        (attrs.frozen(type("Promo", (Boilerplate,), {})), "boilerplate", Boilerplate),
        (Sidebar, "verbatim", newsdump.Verbatim),
    ],
)
def test_to_dict_writes_a_site_block_class_as_its_nearest_kind(
    kind: type[Block], name: str, back: type[Block]
) -> None:
    """No KeyError: the nearest built-in kind (verbatim for Block itself), read back as it."""
    article = newsdump.loads(TEXT, sites=[_returning(kind)])
    assert type(article.body[1]) is kind
    record = newsdump.to_dict(article)
    assert record["body"][1] == {"type": name, "markdown": "Sign up for the evening letter."}
    again = newsdump.from_dict(record)
    assert type(again.body[1]) is back
    assert again.body[1].markdown == article.body[1].markdown
    assert newsdump.to_dict(again) == record
