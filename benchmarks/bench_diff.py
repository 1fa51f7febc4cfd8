"""``newsdump diff`` on two large invented dumps: time, and its ratio to reading them.

    nice .venv/bin/python benchmarks/bench_diff.py [--count 100000] [--workers 2]

Writes two JSON Lines dumps of ``--count`` invented articles each (about 3 KB; 400
distinct bodies, each article with its own headline, URL and name). The new dump
changes 5% of the articles (a headline, a lost credit, a moved date, an edited
paragraph, a lost author, in turn), drops 0.5% and adds 0.5%. Then, in this process:

- baseline: `read_dump` of both dumps, every entry consumed (``--workers``);
- diff: `diff_dumps` of the same two dumps (same workers), and rendering the text
  report; the target is at most 60 s for 100,000 against 100,000 on two cores;
- similarity: what the body similarity costs per changed pair, against difflib's
  ``quick_ratio`` and ``ratio`` on the same pairs (why the word measure was chosen).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import synthetic_dump

from newsdump import Article, read_dump
from newsdump.testing import diff_dumps, similarity
from newsdump.testing._diff_render import to_text

DISTINCT = 400
CHANGED = 20  # one article in 20 changes: 5%
DROPPED = 200  # one in 200 removed, and as many added: 0.5%


def _edits() -> list[Callable[[str], str]]:
    """The changes a scraper fix might make to a dump's text, one per changed article."""
    return [
        lambda s: s.replace("\n\n# ", "\n\n# Updated: ", 1),
        lambda s: s.replace("Photo Agency/Staff\n\n", "", 1),
        lambda s: s.replace("July ", "August ", 1),
        lambda s: s.replace(". ", ". Inserted words here. ", 1),
        lambda s: s.replace("By [", "By [Second Author](#) and [", 1),
    ]


def _text(bodies: list[str], n: int) -> str:
    body = bodies[n % DISTINCT]
    text = body.replace("\n\n# ", f"\n\n# Story {n} ", 1)
    return text.replace("/story-a1>", f"/story-{n}>")


def write_dumps(folder: Path, count: int) -> tuple[Path, Path]:
    """The old and new JSON Lines dumps (see the module docstring)."""
    rng = random.Random(20)
    bodies = [synthetic_dump(rng, 3000) for _ in range(DISTINCT)]
    edits = _edits()
    old, new = folder / "old.jsonl", folder / "new.jsonl"
    with open(old, "w", encoding="utf-8") as before, open(new, "w", encoding="utf-8") as after:
        for n in range(count):
            text = _text(bodies, n)
            before.write(json.dumps({"name": f"{n:06d}.txt", "text": text}) + "\n")
            if n % DROPPED == 7:
                continue  # removed
            if n % CHANGED == 3:
                text = edits[(n // CHANGED) % len(edits)](text)
            after.write(json.dumps({"name": f"{n:06d}.txt", "text": text}) + "\n")
        for n in range(count, count + count // DROPPED):
            after.write(json.dumps({"name": f"{n:06d}.txt", "text": _text(bodies, n)}) + "\n")
    return old, new


T = TypeVar("T")


def _timed(func: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def _similarities(old: Path, new: Path, pairs: int) -> None:
    """Per changed body: the word measure against difflib's quick_ratio and ratio."""
    before = {e.name: e.article for e in read_dump(old) if e.article is not None}
    texts: list[tuple[str, str]] = []
    for entry in read_dump(new):
        was = before.get(entry.name)
        if entry.article is not None and was is not None and was.body != entry.article.body:
            texts.append((Article(body=was.body).text, Article(body=entry.article.body).text))
        if len(texts) >= pairs:
            break
    measures: dict[str, Callable[[str, str], float]] = {
        "words (used)": similarity,
        "difflib quick_ratio": lambda a, b: difflib.SequenceMatcher(None, a, b).quick_ratio(),
        "difflib ratio": lambda a, b: difflib.SequenceMatcher(None, a, b).ratio(),
    }
    base = None
    print(f"similarity over {len(texts)} changed bodies:")
    for label, measure in measures.items():
        seconds, _ = _timed(lambda m=measure: [m(a, b) for a, b in texts])  # type: ignore[misc]
        base = base or seconds
        per = seconds / max(len(texts), 1) * 1e6
        print(f"  {label:<20} {per:9.0f} us per pair   {seconds / base:6.1f}x")


def main() -> None:
    """Generate, then measure and print."""
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--count", type=int, default=100_000)
    args.add_argument("--workers", type=int, default=2)
    args.add_argument("--pairs", type=int, default=500)
    options = args.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        made, (old, new) = _timed(lambda: write_dumps(Path(scratch), options.count))
        print(f"generated 2 x {options.count} articles in {made:.1f} s")
        workers = options.workers

        def read_both() -> int:
            return sum(1 for _ in read_dump(old, workers=workers)) + sum(
                1 for _ in read_dump(new, workers=workers)
            )

        baseline, entries = _timed(read_both)
        compared, diff = _timed(lambda: diff_dumps(old, new, workers=workers))
        shown, report = _timed(lambda: to_text(diff))
        total = compared + shown
        print(
            f"baseline: read_dump of both ({entries} entries, workers={workers}): {baseline:.1f} s"
        )
        print(f"diff_dumps + text report: {compared:.1f} s + {shown:.1f} s = {total:.1f} s")
        print(f"ratio against the baseline: {total / baseline:.2f}x (target: at most 60 s)")
        summary = {r.field: (r.changed, r.lost, r.gained) for r in diff.summary}
        print(f"changes found: {summary}; report {len(str(report))} characters")
        _similarities(old, new, options.pairs)


if __name__ == "__main__":
    main()
