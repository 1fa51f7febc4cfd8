"""Hypothesis strategies for articles and for the texts scrapers write.

Import this module only where Hypothesis is installed (the ``testing`` extra)::

    from newsdump.testing.strategies import articles, dump_texts

`articles` gives valid articles built through the public constructors, so
``loads(dumps(a)) == a`` holds for each; `dump_texts` gives texts a scraper
might write, messy variants included, for laws that hold on any input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from hypothesis import strategies as st

from newsdump._render import render
from newsdump.model import (
    Article,
    Author,
    Block,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Related,
    Rule,
    Verbatim,
)

__all__ = ["BLOCK_KINDS", "LANGUAGES", "articles", "blocks", "dump_texts"]

LANGUAGES: dict[str, tuple[str, ...]] = {
    "en": ("harbour", "council", "river", "market", "school", "winter", "bridge", "vote"),
    "de": ("Stadt", "Brücke", "Wahl", "Schule", "Grüße", "Straße", "Markt", "Winter"),
    "fr": ("marché", "école", "élection", "pont", "rivière", "hiver", "conseil", "été"),
    "es": ("año", "mañana", "ciudad", "puente", "escuela", "río", "invierno", "niños"),
    "ru": ("город", "мост", "школа", "выборы", "река", "зима", "рынок", "совет"),
    "ja": ("東京", "学校", "選挙", "市場", "冬", "橋", "川", "議会"),
}
_NAMES = ("Ann", "Lee", "Omar", "Sato", "Ines", "Varga", "Kofi", "Mensah", "Élodie", "Nowak")
_AGENCIES = ("Coastal Wire", "AFP", "Reuters", "Northern Press Agency")
_PUNCTUATION = (",", ";", " \N{EN DASH}", ":")


def _words(language: str, low: int, high: int) -> st.SearchStrategy[str]:
    vocabulary = LANGUAGES[language]
    return st.lists(st.sampled_from(vocabulary), min_size=low, max_size=high).map(" ".join)


def _sentence(language: str) -> st.SearchStrategy[str]:
    return st.tuples(
        _words(language, 1, 6), st.sampled_from(_PUNCTUATION), _words(language, 1, 8)
    ).map(lambda t: f"{t[0].capitalize()}{t[1]} {t[2]}.")


def _paragraph(language: str) -> st.SearchStrategy[Block]:
    return st.lists(_sentence(language), min_size=1, max_size=4).map(
        lambda s: Paragraph(" ".join(s))
    )


def _inline_paragraph(language: str) -> st.SearchStrategy[Block]:
    return st.tuples(_sentence(language), _words(language, 1, 3), _words(language, 1, 2)).map(
        lambda t: Paragraph(f"{t[0]} See [{t[1]}](#) and *{t[2]}*.")
    )


_URLS = st.sampled_from(
    ("https://example.org/a", "https://news.example.com/2024/05/02/story-a1", "#")
)


def blocks(language: str = "en") -> st.SearchStrategy[Block]:
    """Body blocks of every kind, each written so that it reads back as itself."""
    words = _words(language, 1, 4)
    return st.one_of(
        _paragraph(language),
        _inline_paragraph(language),
        st.tuples(st.integers(2, 6), words).map(lambda t: Heading(f"{'#' * t[0]} {t[1]}")),
        st.lists(words, min_size=1, max_size=4).map(
            lambda items: ListBlock("\n".join(f"- {item}" for item in items))
        ),
        st.lists(words, min_size=1, max_size=4).map(
            lambda items: ListBlock("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1)))
        ),
        _sentence(language).map(lambda s: Quote(f"> {s}")),
        st.tuples(words, _URLS).map(lambda t: Image(f"![{t[0]}]({t[1]})")),
        st.sampled_from(("* * *", "---", "___")).map(Rule),
        st.tuples(
            st.sampled_from(("Related article", "Read more", "Lesen Sie auch")), words, _URLS
        ).map(lambda t: Related(f"**{t[0]}: [{t[1].capitalize()}]({t[2]})**")),
        words.map(lambda w: Verbatim(f"```\n{w}\n```")),
        words.map(lambda w: Verbatim(f"<div>{w}</div>")),
    )


BLOCK_KINDS = (Paragraph, Heading, ListBlock, Quote, Image, Rule, Related, Verbatim)
"""Every block class `blocks` generates."""


def _author() -> st.SearchStrategy[Author]:
    person = st.tuples(st.sampled_from(_NAMES), st.sampled_from(_NAMES)).map(" ".join)
    name = st.one_of(person, st.sampled_from(_AGENCIES), st.just("AFP, MANILA"))
    url = st.one_of(st.none(), st.just("https://example.org/staff/a"))
    return st.builds(Author, name, url)


_DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
_ZONES = st.integers(-12 * 4, 14 * 4).map(lambda q: dt.timezone(dt.timedelta(minutes=15 * q)))


def _published(times: bool, zones: bool) -> st.SearchStrategy[dt.date | None]:
    options: list[st.SearchStrategy[dt.date | None]] = [st.none(), _DAYS]
    if times:
        options.append(
            st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 12, 31)).map(
                lambda d: d.replace(microsecond=0)
            )
        )
    if times and zones:
        options.append(
            st.tuples(st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 12, 31)), _ZONES).map(
                lambda t: t[0].replace(microsecond=0, tzinfo=t[1])
            )
        )
    return st.one_of(options)


@st.composite
def _article(
    draw: st.DrawFn,
    languages: Sequence[str],
    max_authors: int,
    times: bool,
    zones: bool,
    max_blocks: int,
) -> Article:
    language = draw(st.sampled_from(languages))
    published = draw(_published(times, zones))
    date_text = None
    if type(published) is dt.date and draw(st.booleans()):
        date_text = f"{published:%B} {published.day}, {published.year}"
    body = _separate_lists(draw(st.lists(blocks(language), max_size=max_blocks)))
    headline = draw(st.one_of(st.none(), _words(language, 1, 8).map(str.capitalize)))
    authors = tuple(draw(st.lists(_author(), max_size=max_authors)))
    # A credit follows a header field, and the body after it tells it from a first paragraph.
    has_header = headline is not None or authors or published is not None
    credits = st.sampled_from(("Tomas Reyes/Coastal Wire", "AFP"))
    return Article(
        headline=headline,
        authors=authors,
        published=published,
        date_text=date_text if date_text is not None else _iso(published),
        credit=draw(st.one_of(st.none(), credits)) if body and has_header else None,
        body=body,
        url=draw(st.one_of(st.none(), st.just("https://www.example.org/2024/05/02/a-story-a1"))),
    )


def _separate_lists(body: list[Block]) -> tuple[Block, ...]:
    """Drop a list that directly follows a list: Markdown would read the two as one."""
    kept: list[Block] = []
    for block in body:
        if not (isinstance(block, ListBlock) and kept and isinstance(kept[-1], ListBlock)):
            kept.append(block)
    return tuple(kept)


def _iso(published: dt.date | None) -> str | None:
    return None if published is None else published.isoformat()


def articles(
    *,
    languages: Sequence[str] = tuple(LANGUAGES),
    max_authors: int = 3,
    times: bool = True,
    zones: bool = True,
    max_blocks: int = 8,
) -> st.SearchStrategy[Article]:
    """Valid articles: ``loads(dumps(a)) == a`` holds for every one.

    Args:
        languages: the languages whose words the text is made of (keys of `LANGUAGES`).
        max_authors: the most authors a byline has.
        times: whether ``published`` may carry a time.
        zones: whether a time may carry a UTC offset.
        max_blocks: the most blocks a body has.
    """
    return _article(list(languages), max_authors, times, zones, max_blocks)


_MESS: tuple[Callable[[str], str], ...] = (
    lambda s: s.replace("\n", "\r\n"),
    lambda s: "\ufeff" + s,
    lambda s: s.replace("\n", "  \n"),
    lambda s: s + "\n",
    lambda s: s.replace("Original url:", "Original URL:"),
    lambda s: s.replace("<https", "https").replace(">", ""),
    lambda s: s.replace("\n\n", "\n\n\n"),
    lambda s: s.replace("\n\n", "\n"),
    lambda s: s.replace(" ", "\xa0", 3),
    lambda s: s.replace("\n", "\r"),
)


@st.composite
def _messy(draw: st.DrawFn) -> str:
    text = render(draw(articles()))
    for mess in draw(st.lists(st.sampled_from(_MESS), max_size=3)):
        text = mess(text)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


def dump_texts() -> st.SearchStrategy[str]:
    """Texts a scraper might write: valid dumps, messy variants, truncations, and noise."""
    return st.one_of(
        articles().map(render),
        _messy(),
        st.text(),
        st.text(alphabet=st.sampled_from(list("#By \n\r\t*-[]()<>:0123456789.,\ufeffOriginalurl"))),
    )
