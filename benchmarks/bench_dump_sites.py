"""read_dump with ``sites=`` given against the built-in default: the quirk registry's cost.

    .venv/bin/python benchmarks/bench_dump_sites.py [--files 3000] [--repeat 3] [--workers 1]

Writes ``--files`` invented dump files (about 3 KB each) to a temporary folder and reads
them, every entry consumed, three ways in the same process:

- ``sites=None``: the built-in quirks, the registry built once per process (the baseline);
- ``sites=load_sites()``: what ``check``, ``export`` and ``stats`` pass;
- ``sites=[]``: no quirks at all.

It prints the best of ``--repeat`` runs of each and the ratio of each to the baseline:
a registry built once per `read_dump` call (and per worker process) makes the ratio of
``load_sites()`` about 1.0; one built per file made it about 2.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import synthetic_dump

import newsdump
from newsdump.sites import Site, load_sites


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(5)
    texts = [synthetic_dump(rng, 3000) for _ in range(200)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for number in range(args.files):
            text = texts[number % len(texts)].replace("\n# ", f"\n# {number} ", 1)
            (root / f"{number:06}.txt").write_text(text, encoding="utf-8")
        ways: dict[str, Sequence[Site] | None] = {
            "sites=None": None,
            "sites=load_sites()": load_sites(),
            "sites=[]": (),
        }
        best = {
            label: min(_run(root, sites, args) for _ in range(args.repeat))
            for label, sites in ways.items()
        }
    base = best["sites=None"]
    for label, seconds in best.items():
        rate = args.files / seconds
        print(f"{label:<20} {seconds:7.3f} s  {rate:8.0f} files/s  {seconds / base:5.2f}x baseline")


def _run(root: Path, sites: Sequence[Site] | None, args: argparse.Namespace) -> float:
    start = time.perf_counter()
    entries = newsdump.read_dump(root, sites=sites, workers=args.workers)
    count = sum(1 for _ in entries)
    seconds = time.perf_counter() - start
    assert count == args.files, count
    return seconds


if __name__ == "__main__":
    main()
