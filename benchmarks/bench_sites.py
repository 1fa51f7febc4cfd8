"""What site quirks cost, in one run on the same texts.

    .venv/bin/python benchmarks/bench_sites.py [--repeat 7] [--synthetic 300]

For each input set (synthetic 5 KB dumps, whose host no quirk covers, and the
shared corpus when present, where some hosts are covered) it times, per file:
the parser with no quirk machinery at all (the baseline: ``parse`` without a
registry, the code path of the parser before quirks existed), ``Parser(sites=[])``,
``Parser()`` with the built-in quirks, and ``newsdump.loads`` (built-in quirks,
default parser). Runs are interleaved and the best of ``--repeat`` is kept, so
machine noise hits every row alike. It prints the ratio of each to the baseline.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import corpus_texts, synthetic_dumps
from bench_parse import best_time

import newsdump
from newsdump._parse.document import parse
from newsdump._parse.site_hooks import host_of
from newsdump.sites._registry import Registry


def measure(name: str, texts: Sequence[str], repeat: int) -> None:
    """Print the figures for one input set."""
    none, builtin = newsdump.Parser(sites=[]), newsdump.Parser()
    matched = sum(1 for t in texts if Registry(builtin.sites).candidates(_host(t)))
    runs: dict[str, Callable[[], object]] = {
        "no quirk machinery (baseline)": lambda: [parse(t) for t in texts],
        "Parser(sites=[])": lambda: [none.loads(t) for t in texts],
        "Parser() built-in quirks": lambda: [builtin.loads(t) for t in texts],
        "newsdump.loads": lambda: [newsdump.loads(t) for t in texts],
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for label, run in runs.items():
            best[label] = min(best[label], best_time(run, 1))
    base = best["no quirk machinery (baseline)"]
    print(f"\n{name}: {len(texts)} files, {matched} on a host a built-in quirk covers")
    print(f"  {'':32} {'us/file':>10} {'x baseline':>11}")
    for label, seconds in best.items():
        print(f"  {label:32} {1e6 * seconds / len(texts):10.1f} {seconds / base:11.3f}")
    lookup = _lookup_cost(texts, builtin, repeat)
    share = lookup / base
    print(f"  host match alone (no quirk hit)  {1e6 * lookup / len(texts):10.2f} {share:11.4f}")


def _lookup_cost(texts: Sequence[str], parser: newsdump.Parser, repeat: int) -> float:
    """The time the per-file quirk lookup takes: the only added cost when nothing matches."""
    registry = Registry(parser.sites)
    urls = [newsdump.loads(t, sites=[]).url for t in texts] * 20
    best = min(
        best_time(lambda: [registry.candidates(host_of(u)) for u in urls], 1) for _ in range(repeat)
    )
    return best / 20


def _host(text: str) -> str | None:
    return newsdump.loads(text, sites=[]).site


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--synthetic", type=int, default=300)
    args = parser.parse_args(argv)
    measure("synthetic 5 KB dumps", synthetic_dumps(args.synthetic), args.repeat)
    corpus = corpus_texts()
    if corpus:
        measure("shared corpus", corpus, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
