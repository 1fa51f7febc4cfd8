"""The round-trip laws hold with every built-in site: sites change reading, never writing."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdump import Article, Author, dumps, format_text, loads
from newsdump.sites import Site, load_sites
from newsdump.testing.strategies import articles, dump_texts

BUILT_IN = load_sites(plugins=False)
IDS = [site.label for site in BUILT_IN]
EXAMPLES = settings(max_examples=40)

# Lines in the styles the built-in sites look for, spliced into random dumps so
# that their hooks fire: credits, bylines, boilerplate, callouts.
_FURNITURE = (
    "Lesedauer: 3 Minuten",
    "Bild: SN/Beispiel Fotograf, Archiv.",
    "## Article content",
    "#### Auch interessant",
    "- Die **Beispiel-News-App** für [Android](#)\n- Der **Newsletter**: [hier](#)",
    "*Der Beispiel Newsletter kommt jeden Abend. [Anmelden](#)*",
    "Das ist die [Beispiel-Sendung](#) bei BR24.",
    "- Veröffentlicht am 2. Mai 2024 um 10:00\n- 2 Minuten Lesezeit",
    "**Related article:** *[A Story](#)*",
    "山田花子",
    "Pavel Sokolov/TASS",
    "Talks resumed.",
    "By AFP/Reuters",
    "2024-05-02 10:45",
)


@st.composite
def site_texts(draw: st.DrawFn) -> str:
    """Random dumps with site-style lines spliced in at blank-line boundaries."""
    text = draw(dump_texts())
    parts = text.split("\n\n")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(parts)))
        parts.insert(at, draw(st.sampled_from(_FURNITURE)))
    return "\n\n".join(parts)


@pytest.mark.parametrize("site", BUILT_IN, ids=IDS)
@EXAMPLES
@given(text=st.one_of(site_texts(), st.text()))
def test_law1_with_site(site: Site, text: str) -> None:
    """Law 1 with the site forced on: dumps(loads(s)) == s."""
    assert dumps(loads(text, site=site)) == text


@pytest.mark.parametrize("site", BUILT_IN, ids=IDS)
@EXAMPLES
@given(article=articles())
def test_law2_with_site(site: Site, article: Article) -> None:
    """Law 2 with the site forced on: built articles the site can express read back as such."""
    article = _in_site_zone(article, site)
    assert loads(dumps(article), site=site) == article


def _in_site_zone(article: Article, site: Site) -> Article:
    """On a site with a zone a naive time is read in that zone: build the article so."""
    published = article.published
    if site.timezone is None or type(published) is not dt.datetime or published.tzinfo:
        return article
    zone = zoneinfo.ZoneInfo(site.timezone)
    return attrs.evolve(
        article,
        published=published.replace(tzinfo=zone),
        date_text=published.isoformat(sep=" "),
        tz_assumed=True,
    )


@pytest.mark.parametrize("site", BUILT_IN, ids=IDS)
@EXAMPLES
@given(text=site_texts(), key=st.sampled_from(("headline", "byline", "credit", "trailer")))
def test_law3_with_site(site: Site, text: str, key: str) -> None:
    """Law 3 with the site forced on: an edit leaves the text before the first edited line."""
    article = loads(text, site=site)
    edits = {
        "headline": {"headline": "An edited headline"},
        "byline": {"authors": (Author("Edit Person"),)},
        "credit": {"credit": "Edited/Credit"},
        "trailer": {"url": "https://example.net/edited"},
    }
    layout = article._layout
    assert layout is not None
    keys = [slot.key for slot in layout.slots]
    if key not in keys:
        return
    index = keys.index(key)
    start = (
        len(layout.lead)
        + sum(len(s.before) + len(s.raw) for s in layout.slots[:index])
        + len(layout.slots[index].before)
    )
    stop = start + len(layout.slots[index].raw)
    edited = dumps(attrs.evolve(article, **edits[key]))  # type: ignore[arg-type]
    assert edited.startswith(text[:start])
    assert edited.endswith(text[stop:])


@pytest.mark.parametrize("site", BUILT_IN, ids=IDS)
@EXAMPLES
@given(text=site_texts())
def test_law4_with_site(site: Site, text: str) -> None:
    """Law 4 with the site forced on: the canonical form reads back the same, a fixed point."""
    article = loads(text, site=site)
    canonical = dumps(article, canonical=True)
    assert loads(canonical, site=site) == article
    assert format_text(canonical, site=site) == canonical
