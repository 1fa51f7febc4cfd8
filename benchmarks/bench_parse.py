"""Parse speed against markdown-it-py, in one run on the same texts.

    .venv/bin/python benchmarks/bench_parse.py [--repeat 5] [--synthetic 500] [--kinds]

For each input set (the shared corpus when present, synthetic 5 KB dumps of prose,
and synthetic 5 KB rich articles, most of which hold a list or a block quote, with
emphasis and links in their paragraphs) it times, per file: ``newsdump.loads``
(header, dates, blocks found and typed), ``loads(...).text`` (plain text, inline
syntax resolved), ``dumps`` of a parsed article, ``MarkdownIt("commonmark").parse``
(the baseline) and, when
python-frontmatter is installed, ``frontmatter.loads`` of the same article
written with YAML front matter, and ``loads`` of first readings (the dateline and
byline memos emptied before every file). It prints microseconds per file, MB/s, and
the ratio of each to the baseline (lower is faster). Best of ``--repeat`` rounds, each
round running every line once, so that noise from other processes hits all alike.

With ``--kinds`` it prints only what the body scanner costs a rich article, against a
floor (the runs found, a paragraph made of each), and what each kind of block costs it.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import _WORDS, _sentence, corpus_texts, synthetic_dump, synthetic_dumps
from markdown_it import MarkdownIt

import newsdump
from newsdump._parse import byline
from newsdump._parse.dateline import reader as dateline_reader

FIRST = "newsdump.loads, first readings"
"""The line of `_first_readings`: the memos emptied before every file."""


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in CPU seconds of this process, collector paused.

    CPU time rather than wall time: the machines are shared, and other processes'
    load shows in wall time far more than in this process's own CPU time.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
        gc.enable()
    return best


def _front_matter(texts: Sequence[str]) -> list[str]:
    out = []
    for text in texts:
        article = newsdump.loads(text)
        fields = {
            "title": article.headline,
            "authors": [a.name for a in article.authors],
            "date": article.date_text,
            "credit": article.credit,
            "url": article.url,
        }
        head = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items()) + "---\n"
        out.append(head + "\n\n".join(b.markdown for b in article.body))
    return out


def _forget() -> None:
    """Empty the parser's memos of whole datelines and bylines (not the dateline reader's
    memo of pieces, the tokens of ``March`` or ``2024``, which any dump fills in its first
    files)."""
    dateline_reader.forget()
    byline.forget()


def _first_readings(texts: Sequence[str]) -> list[newsdump.Article]:
    """``loads`` of every text, each one a first reading: the memos emptied before each
    file, so that no dateline or byline is answered from a memo, not even one that the
    same pass read in an earlier file.

    The plain ``loads`` line is best of several passes over the same texts, so from the
    second pass on every dateline and byline is answered from a memo, as in a dump where
    they repeat. Emptying the memos once per pass instead of once per file would leave
    the repeats within the set to the memo (about 94% of the synthetic set's datelines).
    """
    out = []
    for text in texts:
        _forget()
        out.append(newsdump.loads(text))
    return out


def _forget_only(texts: Sequence[str]) -> None:
    """What emptying the memos costs alone, once per text (printed beside the line)."""
    for _ in texts:
        _forget()


def measure(name: str, texts: Sequence[str], repeat: int) -> None:
    """Print the figures for one input set."""
    md = MarkdownIt("commonmark")
    parsed = [newsdump.loads(t) for t in texts]
    size = sum(len(t.encode("utf-8")) for t in texts)
    runs: dict[str, Callable[[], object]] = {
        "markdown-it parse (baseline)": lambda: [md.parse(t) for t in texts],
        "newsdump.loads": lambda: [newsdump.loads(t) for t in texts],
        FIRST: lambda: _first_readings(texts),
        "newsdump.loads(...).text": lambda: [newsdump.loads(t).text for t in texts],
        "newsdump.dumps (parsed)": lambda: [newsdump.dumps(a) for a in parsed],
    }
    try:  # optional: python-frontmatter is not a dependency of the project
        frontmatter: Any = importlib.import_module("frontmatter")
    except ImportError:
        frontmatter = None
    if frontmatter is not None:
        fronts = _front_matter(texts)
        runs["frontmatter.loads (YAML)"] = lambda: [frontmatter.loads(t) for t in fronts]
    # Round after round of every run, best of each: a burst of load from elsewhere on
    # the machine then hits every line of the table alike instead of one of them.
    times = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for label, run in runs.items():
            times[label] = min(times[label], best_time(run, 1))
    base = times["markdown-it parse (baseline)"]
    print(f"\n{name}: {len(texts)} files, {size / 1e6:.2f} MB, best of {repeat}")
    print(f"  {'':30} {'us/file':>10} {'MB/s':>8} {'x baseline':>11}")
    for label, seconds in times.items():
        per_file = 1e6 * seconds / len(texts)
        print(f"  {label:30} {per_file:10.1f} {size / 1e6 / seconds:8.1f} {seconds / base:11.3f}")
    emptying = best_time(lambda: _forget_only(texts), repeat)
    cost = 1e6 * emptying / len(texts)
    print(f"  (of the first-readings line, emptying the memos: {cost:.2f} us/file)")
    if "frontmatter.loads (YAML)" in times:
        for label in ("newsdump.loads", FIRST):
            ratio = times[label] / times["frontmatter.loads (YAML)"]
            print(f"  {label} / frontmatter.loads = {ratio:.2f} (target <= 1)")


def _item(rng: random.Random) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 12)))
    if rng.random() < 0.3:
        words = f"**{words}**"
    elif rng.random() < 0.2:
        words = f"[{words}](https://example.org/{rng.choice(_WORDS)})"
    return words.capitalize()


def _rich_block(rng: random.Random) -> str:
    """A block as rich articles have them: a subheading, a list (tight or loose, bullet
    or ordered), a quote, a callout, an image, or a paragraph with links and emphasis."""
    roll = rng.random()
    if roll < 0.06:
        return f"## {rng.choice(_WORDS).title()} {rng.choice(_WORDS)}"
    if roll < 0.14:
        marker = rng.choice(["-", "*", "1."])
        items = [_item(rng) for _ in range(rng.randint(2, 6))]
        if marker == "1.":
            return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
        gap = "\n\n" if rng.random() < 0.2 else "\n"
        return gap.join(f"{marker} {item}" for item in items)
    if roll < 0.20:
        return "\n".join(f"> {_sentence(rng)}" for _ in range(rng.randint(1, 3)))
    if roll < 0.22:
        return f"**Read more: [{rng.choice(_WORDS).title()} news](https://example.org/n)**"
    if roll < 0.24:
        return f"![{rng.choice(_WORDS)}](https://example.org/{rng.choice(_WORDS)}.jpg)"
    words = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4))).split(" ")
    if rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at] = f"_{words[at]}_"
    return " ".join(words)


def rich_dumps(count: int, size: int = 5000, seed: int = 11) -> list[str]:
    """``count`` invented rich articles of about ``size`` characters each."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        head, tail = synthetic_dump(rng, 0).split("\n\nOriginal url:")
        blocks: list[str] = []
        length = len(head)
        while length < size:
            blocks.append(_rich_block(rng))
            length += len(blocks[-1]) + 2
        out.append(head + "\n\n" + "\n\n".join(blocks) + "\n\nOriginal url:" + tail)
    return out


def _kind_of(block: str) -> str:
    """The kind of a block `_rich_block` made, from its first characters."""
    if block[:2] in ("- ", "* ", "1."):
        return "loose list" if "\n\n" in block else "tight list"
    kinds = {">": "quote", "#": "heading", "!": "image", "*": "callout"}
    return kinds.get(block[0], "paragraph")


def body_costs(count: int, repeat: int) -> None:
    """Print what the body scanner costs a rich article, against a floor that finds the
    runs and makes one paragraph of each, and what each kind of block costs it (the
    scan of a paragraph and the block, less the scan of the paragraph alone)."""
    from newsdump._model.flat import new_block
    from newsdump._model.lines import Lines
    from newsdump._parse.body import scan_body
    from newsdump._parse.runs import runs

    def scan(texts: Sequence[Lines]) -> None:
        for lines in texts:
            scan_body(lines, 0, len(lines))

    def floor(texts: Sequence[Lines]) -> None:
        for lines in texts:
            [new_block(newsdump.Paragraph, text) for _, _, text in runs(lines, 0, len(lines))]

    articles = [Lines(text) for text in rich_dumps(count)]
    print(f"\nbody scan of {count} rich articles (whole text), best of {repeat}, us/file")
    for label, run in (("scan_body", scan), ("floor: runs, a paragraph each", floor)):
        seconds = best_time(functools.partial(run, articles), repeat)
        print(f"  {label:30} {1e6 * seconds / count:10.1f}")
    rng = random.Random(3)
    samples: dict[str, list[str]] = {}
    for _ in range(50 * count):
        block = _rich_block(rng)
        samples.setdefault(_kind_of(block), []).append(block)
    alone = [Lines("First paragraph.")] * count
    base = best_time(lambda: scan(alone), repeat)
    print("  per block of each kind, after a paragraph:")
    for kind, blocks in sorted(samples.items()):
        texts = [Lines("First paragraph.\n\n" + block) for block in blocks[:count]]
        cost = best_time(functools.partial(scan, texts), repeat) - base * len(texts) / count
        print(f"    {kind:28} {1e6 * cost / len(texts):10.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--synthetic", type=int, default=500)
    parser.add_argument("--kinds", action="store_true", help="only the body scan's costs")
    args = parser.parse_args(argv)
    if args.kinds:
        body_costs(args.synthetic, args.repeat)
        return 0
    corpus = corpus_texts()
    if corpus:
        measure("shared corpus", corpus, args.repeat)
    else:
        print("shared corpus absent: synthetic dumps only")
    measure("synthetic 5 KB dumps", synthetic_dumps(args.synthetic), args.repeat)
    measure("synthetic 5 KB rich articles", rich_dumps(args.synthetic), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
