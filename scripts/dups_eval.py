"""Precision and recall of `newsdump.find_copies` on a labelled set built from the corpus.

Not part of the tests; skipped (exit 0) when the shared corpus is absent. Nothing of the
corpus is written anywhere: the copies are made in memory.

The labelled set: every dump of ``corpus/dumps`` is a story of its own; every file of
``corpus/mutated`` is a copy of the dump it came from (its name before ``__``); and for
each dump this script makes five more copies, as a syndicating site would:

- ``lead``: the first paragraph's first sentence replaced by an invented one, and a wire
  dateline (``CITY (AGENCY) -``) put before it;
- ``cut``: the ending cut (the first 60% to 85% of the body's blocks kept; a body of one
  or two blocks loses the end of its last one);
- ``headline``: another headline, the body as it was;
- ``tagline``: a paragraph of the site's own added at the end;
- ``all``: another headline, an edited lead and a cut ending at once.

Pairs are counted as in the literature: a pair of articles is a true copy pair when both
come from the same URL (two of the corpus's dumps, 106 and 107, are two versions of one
page), and a found pair when `find_copies` puts both in one group.

    .venv/bin/python scripts/dups_eval.py [--threshold 0.5] [--shingle 3] [--sweep]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import attrs

import newsdump
from newsdump import Article, Paragraph
from newsdump._dups import DEFAULT_SHINGLE, DEFAULT_THRESHOLD

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CITIES = ("Lyon", "Oslo", "Quito", "Accra", "Perth", "Gdansk", "Osaka", "Tunis")
AGENCIES = ("AFP", "Reuters", "AP", "dpa", "ANSA", "EFE")
LEADS = (
    "Officials confirmed the news late on Tuesday after days of speculation.",
    "The announcement came as a surprise to many observers.",
    "Here is what we know so far.",
    "A spokesperson declined to comment further when reached by telephone.",
)
TAGLINES = (
    "Follow our live coverage for the latest updates on this story.",
    "This article was produced with material from the wire services. Subscribe to our "
    "morning newsletter to get the day's top stories in your inbox.",
)
KINDS = ("lead", "cut", "headline", "tagline", "all")


def labelled() -> Iterator[tuple[str, str, Article]]:
    """(story, name, article) for every article of the labelled set."""
    rng = random.Random(19)
    for path in sorted((CORPUS / "dumps").glob("*.txt")):
        article = newsdump.load(path)
        yield story(path.stem), path.name, article
        for kind in KINDS:
            yield story(path.stem), f"{path.stem}__{kind}.txt", copy(article, kind, rng)
    for path in sorted((CORPUS / "mutated").glob("*.txt")):
        yield story(path.name.split("__")[0]), path.name, newsdump.load(path)


def story(stem: str) -> str:
    """The story of a corpus file: the hash of its URL (two dumps can share one)."""
    return stem.split("_", 1)[1]


def copy(article: Article, kind: str, rng: random.Random) -> Article:
    """A syndicated copy of ``article`` of the given kind."""
    if kind == "lead":
        return attrs.evolve(article, body=edited_lead(article.body, rng))
    if kind == "cut":
        return attrs.evolve(article, body=cut_ending(article.body, rng))
    if kind == "headline":
        return attrs.evolve(article, headline=other_headline(article.headline, rng))
    if kind == "tagline":
        return attrs.evolve(article, body=(*article.body, Paragraph(rng.choice(TAGLINES))))
    body = cut_ending(edited_lead(article.body, rng), rng)
    return attrs.evolve(article, headline=other_headline(article.headline, rng), body=body)


def edited_lead(body: tuple[newsdump.Block, ...], rng: random.Random) -> tuple[Any, ...]:
    """The body with its first paragraph's first sentence replaced, after a dateline."""
    for at, block in enumerate(body):
        if isinstance(block, Paragraph):
            text = block.markdown
            end = text.find(". ")
            rest = text[end + 2 :] if end >= 0 else ""
            dateline = f"{rng.choice(CITIES).upper()} ({rng.choice(AGENCIES)}) -"
            lead = f"{dateline} {rng.choice(LEADS)} {rest}".strip()
            return (*body[:at], Paragraph(lead), *body[at + 1 :])
    return (Paragraph(rng.choice(LEADS)), *body)


def cut_ending(body: tuple[newsdump.Block, ...], rng: random.Random) -> tuple[Any, ...]:
    """The body's first 60% to 85%: whole blocks, or words of a short body's last block."""
    share = rng.uniform(0.6, 0.85)
    if len(body) >= 3:
        return body[: max(1, round(len(body) * share))]
    if not body:
        return body
    words = body[-1].markdown.split(" ")
    return (*body[:-1], Paragraph(" ".join(words[: max(1, round(len(words) * share))])))


def other_headline(headline: str | None, rng: random.Random) -> str:
    """Another headline for the same story."""
    words = (headline or "Story").split()
    return f"{rng.choice(CITIES)}: {' '.join(words[: max(1, len(words) // 2)])} (update)"


def scores(
    articles: list[tuple[str, str, Article]], threshold: float, shingle: int
) -> tuple[float, float, Counter[str], int]:
    """Pairwise precision and recall, the true pairs missed by kind, and the found pairs."""
    story = {name: label for label, name, _ in articles}
    groups = newsdump.find_copies(
        [(name, article) for _, name, article in articles], threshold=threshold, shingle=shingle
    )
    found = {
        frozenset(pair) for g in groups for pair in combinations([m.name for m in g.members], 2)
    }
    members: dict[str, list[str]] = {}
    for name, label in story.items():
        members.setdefault(label, []).append(name)
    true = {frozenset(pair) for names in members.values() for pair in combinations(names, 2)}
    hits = len(found & true)
    missed: Counter[str] = Counter()
    for pair in true - found:
        missed.update(kind_of(name) for name in pair)
    precision = hits / len(found) if found else 1.0
    return precision, hits / len(true), missed, len(found - true)


def kind_of(name: str) -> str:
    """The copy kind in a labelled name (``base`` for a corpus dump)."""
    return name.removesuffix(".txt").split("__")[1] if "__" in name else "base"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--shingle", type=int, default=DEFAULT_SHINGLE)
    parser.add_argument(
        "--sweep", action="store_true", help="thresholds 0.3 to 0.75, shingles 2 to 5"
    )
    args = parser.parse_args()
    if not (CORPUS / "dumps").is_dir():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    articles = list(labelled())
    stories = len({label for label, _, _ in articles})
    print(f"{len(articles)} articles, {stories} stories")
    settings = [(args.threshold, args.shingle)]
    if args.sweep:
        settings = [(t / 20, s) for s in (2, 3, 4, 5) for t in range(6, 16)]
    for threshold, shingle in settings:
        start = time.perf_counter()
        precision, recall, missed, wrong = scores(articles, threshold, shingle)
        took = time.perf_counter() - start
        print(
            f"threshold {threshold:.2f} shingle {shingle}: precision {precision:.4f} "
            f"recall {recall:.4f} ({wrong} false pairs; missed pairs by member kind "
            f"{dict(missed.most_common())}; {took:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
