"""How parse time grows with input size: time per MB at 100 KB and at 10 MB.

    .venv/bin/python benchmarks/bench_scaling.py

One synthetic dump of each size (invented text in the reference layout, the body
grown paragraph by paragraph) is parsed with ``newsdump.loads`` and its ``.text``
taken; the script prints CPU time per MB at both sizes and their ratio (the target
is at most 1.5: linear growth). markdown-it-py's parse of the same texts is shown
for reference.
"""

from __future__ import annotations

import functools
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import synthetic_dump
from bench_parse import best_time
from markdown_it import MarkdownIt

import newsdump


def main() -> int:
    """Run the benchmark and print the ratios."""
    md = MarkdownIt("commonmark")
    small = synthetic_dump(random.Random(1), 100_000)
    large = synthetic_dump(random.Random(2), 10_000_000)
    runs: dict[str, Callable[[str], object]] = {
        "loads": lambda text: newsdump.loads(text),
        "loads(...).text": lambda text: newsdump.loads(text).text,
        "markdown-it parse": lambda text: md.parse(text),
    }
    print(f"{'':18} {'s/MB @100KB':>12} {'s/MB @10MB':>12} {'growth':>8}")
    for label, run in runs.items():
        per_mb = []
        for text, repeat in ((small, 20), (large, 2)):
            seconds = best_time(functools.partial(run, text), repeat)
            per_mb.append(seconds / (len(text.encode("utf-8")) / 1e6))
        print(f"{label:18} {per_mb[0]:12.4f} {per_mb[1]:12.4f} {per_mb[1] / per_mb[0]:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
