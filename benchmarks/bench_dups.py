"""Speed of `newsdump.find_copies` on a synthetic dump, against reading the dump alone.

The dump is JSON Lines of invented articles (about 400 words each, drawn from 5,000
made-up words), with near copies planted: every tenth article is a copy of an earlier
one with an edited lead, a cut ending or another headline. Both runs use the same number
of workers in this process, one after the other:

- baseline: ``read_dump(path, workers=W)``, every entry consumed;
- copies: ``find_copies(path, workers=W)`` (parse, sign, group).

The issue's target: 100,000 articles in at most 2 minutes on two cores.

    nice .venv/bin/python benchmarks/bench_dups.py [--count 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import newsdump

SYLLABLES = ("ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "pi", "nu", "ar", "est")


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Made-up words."""
    return ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(size)]


def paragraphs(rng: random.Random, words: list[str], count: int = 8) -> list[str]:
    """A made-up body: ``count`` paragraphs of about 50 words."""
    return [" ".join(rng.choices(words, k=rng.randint(40, 60))) + "." for _ in range(count)]


def text(headline: str, body: list[str], day: int) -> str:
    """A dump file of the reference layout."""
    return (
        f"\n\n# {headline}\n\nBy Ada Quill\n\nMarch {day % 28 + 1}, 2024\n\n"
        + "\n\n".join(body)
        + f"\n\nOriginal url:\n\n<https://site{day % 50}.example/n/{day}>"
    )


def write_dump(path: Path, count: int, seed: int = 7) -> int:
    """A JSON Lines dump of ``count`` articles; returns how many are planted copies."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    bodies: list[list[str]] = []
    planted = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            if number % 10 == 9:
                body = list(rng.choice(bodies[-1000:]))
                kind = number % 3
                if kind == 0:
                    body[0] = "WIRE - " + " ".join(rng.choices(words, k=12)) + ". " + body[0]
                elif kind == 1:
                    body = body[:6]
                planted += 1
            else:
                body = paragraphs(rng, words)
                bodies.append(body)
            line = {"name": f"{number:06}.txt", "text": text(f"Story {number}", body, number)}
            out.write(json.dumps(line) + "\n")
    return planted


def timed(func: object) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``func()`` and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump.jsonl"
        planted = write_dump(path, args.count)
        size = path.stat().st_size / 1e6
        print(f"{args.count} articles, {planted} planted copies, {size:.0f} MB", end=", ")
        print(f"{args.workers} workers")
        read_wall, read_cpu, _ = timed(
            lambda: sum(1 for _ in newsdump.read_dump(path, workers=args.workers))
        )
        dups_wall, dups_cpu, groups = timed(
            lambda: newsdump.find_copies(path, workers=args.workers)
        )
    assert isinstance(groups, list)
    found = sum(len(group.copies) for group in groups)
    print(f"read_dump alone: {read_wall:.1f} s wall ({read_cpu:.1f} s CPU in this process)")
    print(f"find_copies:     {dups_wall:.1f} s wall ({dups_cpu:.1f} s CPU in this process)")
    print(f"ratio: {dups_wall / read_wall:.2f}x the reading alone (wall)")
    print(f"groups: {len(groups)}, copies beside the kept ones: {found} (planted {planted})")
    print(
        f"target 100,000 articles in 120 s: {dups_wall * 100_000 / args.count:.0f} s at this rate"
    )


if __name__ == "__main__":
    main()
