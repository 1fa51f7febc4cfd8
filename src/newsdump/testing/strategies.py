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

from newsdump._wording import install_hint

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised in a subprocess without Hypothesis
    raise ImportError(
        f"newsdump.testing.strategies needs Hypothesis: {install_hint('testing')}"
    ) from exc

from attrs import frozen

from newsdump._api import dumps
from newsdump.model import (
    KINDS,
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
_WIRE = frozenset(("AFP", "Reuters", "AFP, MANILA"))  # the news agencies among them
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


def blocks(
    language: str = "en", *, kinds: Sequence[type[Block]] | None = None
) -> st.SearchStrategy[Block]:
    """Body blocks, each written so that it reads back as itself.

    Args:
        language: the language of the words (a key of `LANGUAGES`).
        kinds: the block classes to draw from (default: every one, `BLOCK_KINDS`).

    Raises:
        ValueError: an unknown language, or no known block class in ``kinds``.
    """
    _check_language(language)
    chosen = [k for k in BLOCK_KINDS if kinds is None or k in kinds]
    if not chosen:
        raise ValueError(f"no block kinds to draw from: {kinds!r}")
    table = _block_table(language)
    return st.one_of([strategy for kind in chosen for strategy in table[kind]])


def _block_table(language: str) -> dict[type[Block], list[st.SearchStrategy[Block]]]:
    words = _words(language, 1, 4)
    items = st.lists(words, min_size=1, max_size=4)
    return {
        Paragraph: [_paragraph(language), _inline_paragraph(language)],
        Heading: [
            st.tuples(st.integers(2, 6), words).map(lambda t: Heading(f"{'#' * t[0]} {t[1]}"))
        ],
        ListBlock: [
            items.map(lambda xs: ListBlock("\n".join(f"- {x}" for x in xs))),
            items.map(lambda xs: ListBlock("\n".join(f"{n}. {x}" for n, x in enumerate(xs, 1)))),
            st.tuples(words, words).map(lambda t: ListBlock(f"- {t[0]}\n  - {t[1]}")),
        ],
        Quote: [
            _sentence(language).map(lambda x: Quote(f"> {x}")),
            st.tuples(_sentence(language), _sentence(language)).map(
                lambda t: Quote(f"> {t[0]}\n>\n> {t[1]}")
            ),
        ],
        Image: [st.tuples(words, _URLS).map(lambda t: Image(f"![{t[0]}]({t[1]})"))],
        Rule: [st.sampled_from(("* * *", "---", "___")).map(Rule)],
        Related: [_related(language)],
        Verbatim: [
            words.map(lambda w: Verbatim(f"```\n{w}\n```")),
            words.map(lambda w: Verbatim(f"<div>{w}</div>")),
        ],
    }


_RELATED_LABELS = ("Related article", "Read more", "Lesen Sie auch", "Les også", "Voir aussi")


def _related(language: str) -> st.SearchStrategy[Block]:
    title = _words(language, 1, 5).map(lambda w: w[:1].upper() + w[1:])
    return st.tuples(st.sampled_from(_RELATED_LABELS), title, _URLS).map(
        lambda t: Related(f"**{t[0]}: [{t[1]}]({t[2]})**")
    )


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        known = ", ".join(sorted(LANGUAGES))
        raise ValueError(f"unknown language {language!r}; known: {known}")


BLOCK_KINDS = tuple(kind for name, kind in KINDS.items() if name != "boilerplate")
"""Every block class `blocks` generates."""


def _author(urls: bool) -> st.SearchStrategy[Author]:
    person = st.tuples(st.sampled_from(_NAMES), st.sampled_from(_NAMES)).map(" ".join)
    name = st.one_of(person, st.sampled_from(_AGENCIES), st.just("AFP, MANILA"))
    url = st.one_of(st.none(), st.just("https://example.org/staff/a")) if urls else st.none()
    # the parser marks a news agency's name as one (Author.agency), so the article does
    return st.builds(lambda n, u: Author(n, u, agency=n in _WIRE), name, url)


_DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
_MOMENTS = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
_ZONES = st.integers(-12 * 4, 14 * 4).map(lambda q: dt.timezone(dt.timedelta(minutes=15 * q)))


def _published(dates: bool, times: bool, zones: bool) -> st.SearchStrategy[dt.date | None]:
    options: list[st.SearchStrategy[dt.date | None]] = [st.none()]
    if dates:
        options.append(_DAYS)
    if dates and times:
        options.append(_MOMENTS)
    if dates and times and zones:
        options.append(st.tuples(_MOMENTS, _ZONES).map(lambda t: t[0].replace(tzinfo=t[1])))
    return st.one_of(options)


_DAY_SPELLINGS: tuple[Callable[[dt.date], str], ...] = (
    lambda d: d.isoformat(),
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%d.%m.%Y}",
)
_TIME_SPELLINGS: tuple[Callable[[dt.datetime], str], ...] = (
    lambda d: d.isoformat(),
    lambda d: d.isoformat(sep=" "),
)


def _date_text(published: dt.date | None, spell: bool) -> st.SearchStrategy[str | None]:
    """The ways a dateline may spell ``published``, each reading back as the same value."""
    if published is None:
        return st.none()
    if not spell:
        return st.just(published.isoformat())
    if isinstance(published, dt.datetime):
        return st.sampled_from(_TIME_SPELLINGS).map(lambda f: f(published))
    return st.sampled_from(_DAY_SPELLINGS).map(lambda f: f(published))


@frozen
class _Options:
    languages: tuple[str, ...]
    min_authors: int
    max_authors: int
    author_urls: bool
    dates: bool
    times: bool
    zones: bool
    date_texts: bool
    kinds: tuple[type[Block], ...]
    max_blocks: int
    related: bool | None


@st.composite
def _article(draw: st.DrawFn, options: _Options) -> Article:
    language = draw(st.sampled_from(options.languages))
    published = draw(_published(options.dates, options.times, options.zones))
    body = draw(_body(language, options))
    headline = draw(st.one_of(st.none(), _headline(language)))
    authors = draw(
        st.lists(
            _author(options.author_urls), min_size=options.min_authors, max_size=options.max_authors
        )
    )
    # A credit follows a header field, and the body after it tells it from a first paragraph.
    has_header = headline is not None or authors or published is not None
    credits = st.sampled_from(("Tomas Reyes/Coastal Wire", "AFP"))
    return Article(
        headline=headline,
        authors=tuple(authors),
        published=published,
        date_text=draw(_date_text(published, options.date_texts)),
        credit=draw(st.one_of(st.none(), credits)) if body and has_header else None,
        body=body,
        url=draw(st.one_of(st.none(), st.just("https://www.example.org/2024/05/02/a-story-a1"))),
    )


def _headline(language: str) -> st.SearchStrategy[str]:
    """Headlines, a few with what only a setext line keeps (``#`` at the end, a no-break
    space at the start)."""
    words = _words(language, 1, 8).map(str.capitalize)
    odd = st.tuples(st.sampled_from(("", "\xa0")), words, st.sampled_from(("", " #", "#", " ##")))
    return st.one_of(words, odd.map("".join))


@st.composite
def _body(draw: st.DrawFn, language: str, options: _Options) -> tuple[Block, ...]:
    kinds = [k for k in options.kinds if not (k is Related and options.related is False)]
    drawn: list[Block] = []
    if kinds:
        drawn = draw(st.lists(blocks(language, kinds=kinds), max_size=options.max_blocks))
    if options.related and not any(isinstance(b, Related) for b in drawn):
        position = draw(st.integers(0, len(drawn)))
        drawn.insert(position, draw(_related(language)))
    return _separate_lists(drawn)


def _separate_lists(body: list[Block]) -> tuple[Block, ...]:
    """Drop a list that directly follows a list: Markdown would read the two as one."""
    kept: list[Block] = []
    for block in body:
        if not (isinstance(block, ListBlock) and kept and isinstance(kept[-1], ListBlock)):
            kept.append(block)
    return tuple(kept)


def articles(
    *,
    languages: Sequence[str] = tuple(LANGUAGES),
    min_authors: int = 0,
    max_authors: int = 3,
    author_urls: bool = True,
    dates: bool = True,
    times: bool = True,
    zones: bool = True,
    date_texts: bool = True,
    kinds: Sequence[type[Block]] = BLOCK_KINDS,
    max_blocks: int = 8,
    related: bool | None = None,
) -> st.SearchStrategy[Article]:
    """Valid articles: ``loads(dumps(a)) == a`` holds for every one.

    Args:
        languages: the languages whose words the text is made of (keys of `LANGUAGES`).
        min_authors: the fewest authors a byline has (0 allows no byline).
        max_authors: the most authors a byline has.
        author_urls: whether authors may link to a page (else every link is ``#``).
        dates: whether articles may have a dateline at all.
        times: whether ``published`` may carry a time.
        zones: whether a time may carry a UTC offset.
        date_texts: whether ``date_text`` is spelled in several ways (``May 2, 2024``,
            ``2 May 2024``, ``02.05.2024``), else always the ISO form.
        kinds: the block classes a body is made of (default: every one).
        max_blocks: the most blocks a body has (a forced related callout comes on top).
        related: ``True``: at least one related-article callout; ``False``: none;
            ``None``: as drawn.

    Raises:
        ValueError: an unknown language, or bounds that do not make sense.
    """
    for language in languages:
        _check_language(language)
    if not languages or not 0 <= min_authors <= max_authors or max_blocks < 0:
        raise ValueError(
            "articles() needs a language, 0 <= min_authors <= max_authors, max_blocks >= 0"
        )
    options = _Options(
        tuple(languages),
        min_authors,
        max_authors,
        author_urls,
        dates,
        times,
        zones,
        date_texts,
        tuple(kinds),
        max_blocks,
        related,
    )
    return _article(options)


_MESS: tuple[Callable[[str], str], ...] = (
    lambda s: s.replace("\n", "\r\n"),
    lambda s: "\ufeff" + s,
    lambda s: s.replace("\n", "  \n"),
    lambda s: s.replace("\n", " \t\n", 2),
    lambda s: s + "\n",
    lambda s: "\n\n\n" + s.lstrip("\n"),
    lambda s: s.replace("Original url:", "Original URL:"),
    lambda s: s.replace("Original url:\n\n", "Original url: "),
    lambda s: s.replace("<https", "https").replace(">", ""),
    lambda s: s.replace("\n\n", "\n\n\n"),
    lambda s: s.replace("\n\n", "\n"),
    lambda s: s.replace(" ", "\xa0", 3),
    lambda s: s.replace("\n", "\r"),
    lambda s: s.replace("By [", "[", 1),
    lambda s: s.replace("By [", "by [", 1),
    lambda s: s.replace("\n# ", "\n#", 1),
    lambda s: s.replace("\n# ", "\nUpdated: 03/04/2023\n\n# ", 1),
    lambda s: s.replace("](#)", "](https://example.org/x)"),
    lambda s: s.replace("**", ""),
    lambda s: s[: s.rfind("Original")] if "Original" in s else s,
    lambda s: s + "\n\nOriginal url:",  # a stray label without a URL after the trailer
)

# How scrapers spell a headline: around its text, and as an ATX (``#``) or setext line.
_HEADLINE_BEFORE = ("", "\xa0", " ", "\\", "*")
_HEADLINE_AFTER = ("", " #", "#", " ##", "\xa0", " \\#", "*", "\xa0#")
_HEADLINE_FORMS = ("# {}", "#\t{} #", "{}\n===", "{}\n=", "  {}\n====  ")
# Labels before a dateline, one or two (``Published: Updated July 16, 2023``).
_DATE_LABELS = ("Published: ", "Updated ", "Updated: ", "Posted on ", "Last updated: ", "Stand: ")


@st.composite
def _respelled(draw: st.DrawFn, article: Article, text: str) -> str:
    """``text`` (the canonical form of ``article``) with its headline and dateline
    spelled another way: setext or ATX with odd characters around the headline's text,
    and one or two labels before the date."""
    if article.headline is not None and draw(st.booleans()):
        before = draw(st.sampled_from(_HEADLINE_BEFORE))
        after = draw(st.sampled_from(_HEADLINE_AFTER))
        form = draw(st.sampled_from(_HEADLINE_FORMS))
        line = form.format(before + article.headline + after)
        text = text.replace(f"# {article.headline}", line, 1)
    if article.date_text is not None and draw(st.booleans()):
        labels = "".join(draw(st.lists(st.sampled_from(_DATE_LABELS), min_size=1, max_size=2)))
        text = text.replace(f"\n{article.date_text}", f"\n{labels}{article.date_text}", 1)
    return text


@st.composite
def _messy(draw: st.DrawFn) -> str:
    article = draw(articles())
    text = draw(_respelled(article, dumps(article)))
    for mess in draw(st.lists(st.sampled_from(_MESS), min_size=1, max_size=3)):
        text = mess(text)
    if draw(st.integers(0, 3)) == 0:  # a partial write: cut somewhere in the second half
        text = text[: len(text) - draw(st.integers(0, len(text) // 2))]
    return text


def dump_texts(*, messy: bool = True, noise: bool = True) -> st.SearchStrategy[str]:
    """Texts a scraper might write, for laws that hold on any input.

    Args:
        messy: include valid dumps made messy the ways scrapers do: CRLF or CR line
            endings, a byte order mark, trailing spaces, a lower-case or missing ``By``,
            a byline moved to the body, an ambiguous ``Updated:`` line, a trailer on one
            line or without angle brackets or missing, truncation.
        noise: include arbitrary text and text made of the format's own characters and
            pieces (``# ``, ``===``, ``By ``, ``Published: ``, ``Original url:`` ...).
    """
    options: list[st.SearchStrategy[str]] = [articles().map(dumps)]
    if messy:
        options.append(_messy())
    if noise:
        options.append(st.text())
        options.append(st.text(alphabet=st.sampled_from(list(_NOISE))))
        options.append(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
    return st.one_of(options)


_NOISE = "#By \n\r\t*-[]()<>:0123456789.,\ufeffOriginalurl"
_PIECES = (
    "\n", "\n\n", "\n\n\n\n", "\r\n", "\xa0", " ", "\t", "\\", "*", "# ", "#", " #", "===", "---",
    "By ", "Ann Lee", "[Ann Lee](#)", " and ", ", ", "AFP", "Tomas Reyes/AFP", "Text.",
    "Published: ", "Updated ", "Updated: ", "on ", "July 16, 2023", "10:45", "16.07.2023",
    "Original url:", "Original url: ", "<https://example.org/a>", "https://example.org/a",
    "**Related article: [A story](#)**", "> ", "- ", "1. ", "```", "<div>",
)  # fmt: skip
"""Pieces of the format, for texts made of them in any order."""
