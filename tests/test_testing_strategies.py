"""The kit's Hypothesis strategies: their options hold, and what they draw round-trips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from newsdump import Article, Block, Related, dumps, loads
from newsdump.testing.strategies import BLOCK_KINDS, LANGUAGES, articles, blocks, dump_texts

T = TypeVar("T")


@given(articles(min_authors=1, related=True, date_texts=True))
def test_articles_with_options_round_trip(article: Article) -> None:
    """Law 2 holds with authors, related links and every date spelling forced on."""
    assert loads(dumps(article)) == article
    assert article.authors
    assert article.related


@settings(max_examples=50)
@given(st.sampled_from(BLOCK_KINDS).flatmap(lambda k: st.tuples(st.just(k), blocks(kinds=[k]))))
def test_blocks_of_each_kind_read_back_as_that_kind(pair: tuple[type[Block], Block]) -> None:
    """A block drawn for a kind is of that kind, and a dump of it reads back equal."""
    kind, block = pair
    assert type(block) is kind
    assert loads(dumps(Article(headline="H", body=(block,)))).body == (block,)


@settings(max_examples=50)
@given(articles(kinds=[BLOCK_KINDS[3]], related=False, max_blocks=3))
def test_kinds_and_related_restrict_the_body(article: Article) -> None:
    """``kinds`` limits the body's classes and ``related=False`` leaves callouts out."""
    assert all(type(block) is BLOCK_KINDS[3] for block in article.body)
    assert not any(isinstance(block, Related) for block in article.body)


@settings(max_examples=50)
@given(articles(times=False))
def test_without_times_dates_are_days(article: Article) -> None:
    """``times=False`` gives day-precision dates only."""
    assert article.published is None or type(article.published) is dt.date


@settings(max_examples=50)
@given(articles(zones=False))
def test_without_zones_times_are_naive(article: Article) -> None:
    """``zones=False`` gives no aware datetime."""
    assert getattr(article.published, "tzinfo", None) is None


@settings(max_examples=50)
@given(articles(dates=False, languages=["de"]))
def test_without_dates_and_in_one_language(article: Article) -> None:
    """``dates=False`` leaves the dateline out; ``languages`` picks the words."""
    assert article.published is None
    if article.headline:
        words = {w.lower() for w in LANGUAGES["de"]}
        drawn = {w.lower().strip("#") for w in article.headline.split()}  # "Wahl #"
        assert drawn - {""} <= words


def _seen(strategy: st.SearchStrategy[T], label: Callable[[T], set[str]]) -> set[str]:
    """The labels of 100 drawn examples (generation only, derandomized: not flaky)."""
    seen: set[str] = set()

    @settings(max_examples=100, database=None, phases=[Phase.generate], derandomize=True)
    @given(strategy)
    def collect(value: T) -> None:
        seen.update(label(value))

    collect()
    return seen


def _precision(article: Article) -> set[str]:
    published = article.published
    if isinstance(published, dt.datetime):
        return {"aware" if published.tzinfo else "naive"}
    return {"day" if published else "none"}


def test_every_date_precision_is_drawn() -> None:
    """No date, days, naive times and aware times all occur."""
    assert _seen(articles(), _precision) == {"none", "day", "naive", "aware"}


def test_messy_texts_include_scraper_mistakes() -> None:
    """The messy variants include other line endings and a byte order mark."""
    markers = {"\r", "\ufeff"}
    assert _seen(dump_texts(noise=False), lambda t: {m for m in markers if m in t}) == markers


@settings(max_examples=50)
@given(dump_texts(noise=False))
def test_messy_texts_round_trip(text: str) -> None:
    """Law 1 on the messy variants alone."""
    assert dumps(loads(text)) == text


@pytest.mark.parametrize(
    "options",
    [{"languages": ["xx"]}, {"languages": []}, {"min_authors": 3, "max_authors": 1}],
)
def test_bad_options_are_refused(options: dict[str, object]) -> None:
    """Options that make no sense are a ValueError when the strategy is built."""
    with pytest.raises(ValueError, match=r"language|authors"):
        articles(**options)  # type: ignore[arg-type]


def test_blocks_refuses_an_empty_kind_list() -> None:
    """No kinds to draw from is a ValueError."""
    with pytest.raises(ValueError, match="no block kinds"):
        blocks(kinds=[])
