"""The four round-trip laws, as Hypothesis properties over the testing kit's strategies."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsdump import Article, Author, Paragraph, dumps, format_text, loads
from newsdump.testing.strategies import articles, dump_texts


@given(st.one_of(st.text(), dump_texts()))
def test_law1_any_text_round_trips(text: str) -> None:
    """Law 1: dumps(loads(s)) == s for every string."""
    assert dumps(loads(text)) == text


@given(articles())
def test_law2_built_articles_round_trip(article: Article) -> None:
    """Law 2: loads(dumps(a)) == a for every article built through the constructors."""
    assert loads(dumps(article)) == article


def _span(article: Article, key: str) -> tuple[int, int]:
    """Where the slot for ``key`` stands in the text the article was parsed from."""
    layout = article._layout
    assert layout is not None
    offset = len(layout.lead)
    for index, slot in enumerate(layout.slots):
        if index:
            offset += len(slot.before)
        if slot.key == key:
            return offset, offset + len(slot.raw)
        offset += len(slot.raw)
    raise AssertionError(f"no {key} slot")


_EDITS = {
    "headline": lambda a: attrs.evolve(a, headline="An edited headline"),
    "byline": lambda a: attrs.evolve(a, authors=(Author("Edit Person"),)),
    "date": lambda a: attrs.evolve(a, date_text="January 2, 2020"),
    "credit": lambda a: attrs.evolve(a, credit="Edited/Credit"),
    "trailer": lambda a: attrs.evolve(a, url="https://example.net/edited"),
}


@given(dump_texts(), st.sampled_from(sorted(_EDITS)))
def test_law3_one_edit_changes_only_its_lines(text: str, key: str) -> None:
    """Law 3: editing one field rewrites that field's text and nothing else."""
    article = loads(text)
    assert article._layout is not None
    if key not in {slot.key for slot in article._layout.slots}:
        return
    start, stop = _span(article, key)
    edited = dumps(_EDITS[key](article))
    assert edited.startswith(text[:start])
    assert edited.endswith(text[stop:])
    assert "\n" not in edited[start : len(edited) - (len(text) - stop)].strip("\r\n") or key in (
        "trailer",
    )


@given(dump_texts(), st.data())
def test_law3_block_edit_changes_only_that_block(text: str, data: st.DataObject) -> None:
    """Law 3 for the body: replacing one block rewrites only that block's lines."""
    article = loads(text)
    if not article.body:
        return
    index = data.draw(st.integers(0, len(article.body) - 1))
    body = list(article.body)
    old = body[index]
    body[index] = Paragraph("A replaced paragraph.")
    edited = dumps(attrs.evolve(article, body=tuple(body)))
    layout = article._layout
    assert layout is not None
    slot = next(s for s in layout.slots if s.value is old)
    before, _, after = text.partition(slot.before + slot.raw) if slot.before else ("", "", "")
    if slot.before and text.count(slot.before + slot.raw) == 1:
        assert edited == before + slot.before + "A replaced paragraph." + after


# Texts whose canonical form once read back as another article (issue 16, item 3), and
# what the canonical form keeps so that it does not.
_KEPT = {
    "setext headline ending in #": ("Harbour vote #\n===\n\nText.", "Harbour vote #\n==="),
    "setext headline after NBSP": ("\xa0Harbour vote\n===\n\nText.", "\xa0Harbour vote\n==="),
    "headline '#' in ATX form": ("# # #\n\nText.", "# # #"),
    "label before a labelled date": (
        "# H\n\nPublished: Updated July 16, 2023 10:45\n\nText.",
        "\n\nPublished: Updated July 16, 2023 10:45\n\n",
    ),
    "date text that reads as a headline": (
        "Published: # July 16, 2023\n\nText.",
        "\n\nPublished: # July 16, 2023\n\n",
    ),
    "url-less label after a trailer": (
        "# H\n\nText.\n\nOriginal url: https://example.org/a\n\nOriginal url:",
        "Text.\n\nOriginal url: https://example.org/a\n\nOriginal url:",
    ),
    "url-less label after a label and URL": (
        "# H\n\nOriginal url:\n\n<https://example.org/a>\n\nOriginal url:",
        "Original url:\n\n<https://example.org/a>\n\nOriginal url:",
    ),
}


@given(st.one_of(dump_texts(), articles().map(dumps)))
@example("-\n\n\n-")  # two lists: one blank line between them would make one
@example("# H\n\n1.\n\n\n2.\n\nText.")
@example(_KEPT["setext headline ending in #"][0])
@example(_KEPT["setext headline after NBSP"][0])
@example(_KEPT["label before a labelled date"][0])
@example(_KEPT["url-less label after a trailer"][0])
@example(_KEPT["date text that reads as a headline"][0])
@example("#\n\nKicker\r\n# Storm 2022-07-11\n\nBy Ann Lee")  # a heading set apart: no dateline
@example("# H\n\nKicker\n1. Juli 2025\n\nBody.")  # an item kept next to the kicker
@example(" #  \n2 l\n <div>6.0|July 16, 2023 ](#)\t")  # HTML is never the dateline
@example("\x1f- 20, 2608.2023")  # a date text that reads as a bullet item gets a label
@example("# H\n\nBy " + ", ".join(f"Bo{i}" for i in range(60)) + "\n\nBody.")  # long byline
def test_law4_canonical_form_is_idempotent_and_faithful(text: str) -> None:
    """Law 4: the canonical form reads back as the same article and is a fixed point."""
    article = loads(text)
    canonical = dumps(article, canonical=True)
    assert loads(canonical) == article
    assert format_text(canonical) == canonical


@pytest.mark.parametrize("case", sorted(_KEPT))
def test_canonical_form_keeps_what_it_would_read_differently(case: str) -> None:
    """Where the canonical spelling would read back as something else, the file's own
    spelling stays (or a setext headline, or a bare label that keeps a body paragraph)."""
    text, kept = _KEPT[case]
    canonical = format_text(text)
    assert kept in canonical
    assert loads(canonical) == loads(text)
    assert format_text(canonical) == canonical


@pytest.mark.parametrize(
    ("headline", "written"),
    [
        ("Harbour vote #", "Harbour vote #\n==="),
        ("\xa0Harbour vote", "\xa0Harbour vote\n==="),
        ("Harbour vote#", "# Harbour vote#"),
        ("Harbour vote", "# Harbour vote"),
    ],
)
def test_built_headline_takes_the_setext_form_only_when_needed(headline: str, written: str) -> None:
    """A headline that no ``# `` line gives back is written as a setext heading."""
    article = Article(headline=headline, body=(Paragraph("Text."),))
    assert dumps(article).startswith(f"\n\n{written}\n\n")
    assert loads(dumps(article)) == article


def test_built_date_text_with_a_label_of_its_own_gets_a_label() -> None:
    """A date text that starts with a label is written after one, so that it reads back whole."""
    article = Article(headline="H", date_text="Updated July 16, 2023", body=(Paragraph("Text."),))
    assert "\n\nPublished: Updated July 16, 2023\n\n" in dumps(article)
    assert loads(dumps(article)).date_text == "Updated July 16, 2023"


@given(articles())
def test_law4_built_articles_are_canonical(article: Article) -> None:
    """An article built by hand is written in the canonical form already."""
    assert dumps(article) == dumps(article, canonical=True)
    assert format_text(dumps(article)) == dumps(article)
