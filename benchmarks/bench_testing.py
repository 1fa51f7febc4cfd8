"""What the testing kit costs per dump, against ``newsdump.loads`` in the same run.

    .venv/bin/python benchmarks/bench_testing.py [--repeat 5] [--count 200]

On synthetic 5 KB dumps it times, per dump: ``loads`` (the baseline),
``assert_valid``, ``assert_roundtrip(canonical=True)``, ``assert_article`` against
the article itself, and ``assert_golden`` of a file beside its JSON (file reads and
JSON included); and per call ``make_article()`` and ``make_dump()``. It prints
microseconds per call and the ratio to the baseline (lower is cheaper). A scraper
suite calls these a few hundred times, so the ratios say whether the kit's checks are
a rounding error next to parsing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import synthetic_dumps
from bench_parse import best_time

import newsdump
from newsdump.testing import (
    assert_article,
    assert_golden,
    assert_roundtrip,
    assert_valid,
    make_article,
    make_dump,
    update_golden,
)


def main() -> None:
    """Time each helper and print the table."""
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--repeat", type=int, default=5)
    options.add_argument("--count", type=int, default=200)
    args = options.parse_args()
    texts = [newsdump.format_text(t) for t in synthetic_dumps(args.count)]
    parsed = [newsdump.loads(t) for t in texts]
    with tempfile.TemporaryDirectory() as folder:
        paths = _golden_files(Path(folder), texts)
        runs: dict[str, Callable[[], object]] = {
            "loads (baseline)": lambda: [newsdump.loads(t) for t in texts],
            "assert_valid": lambda: [assert_valid(t) for t in texts],
            "assert_roundtrip(canonical)": lambda: [
                assert_roundtrip(t, canonical=True) for t in texts
            ],
            "assert_article": lambda: [
                assert_article(t, a) for t, a in zip(texts, parsed, strict=True)
            ],
            "assert_golden (file + JSON)": lambda: _all(assert_golden, paths),
            "make_article": lambda: [make_article() for _ in texts],
            "make_dump": lambda: [make_dump() for _ in texts],
        }
        times = {label: best_time(run, args.repeat) for label, run in runs.items()}
    base = times["loads (baseline)"]
    print(f"{args.count} synthetic dumps, best of {args.repeat}")
    for label, seconds in times.items():
        micro = seconds / args.count * 1e6
        print(f"{label:<30} {micro:10.1f} us/call {seconds / base:8.2f}x")


def _all(check: Callable[[Path], None], paths: list[Path]) -> None:
    for path in paths:
        check(path)


def _golden_files(folder: Path, texts: list[str]) -> list[Path]:
    paths = []
    for index, text in enumerate(texts):
        path = folder / f"case{index:04d}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        update_golden(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    main()
