"""The byline's share of ``loads``, in every language with a word for "by".

Run with ``python benchmarks/bench_bylines.py``. For each language it writes 200 dumps
(invented names, the language's word for "by" and CLDR list pattern, as the byline
property tests do) and times, in CPU time, best of several rounds:

- ``loads`` of each dump (the baseline, with the byline memos kept: what a dump costs);
- the byline's reading alone (``match_byline`` and ``split_authors`` on the byline line),
  memos emptied before each pass (``first``: each distinct byline read once, repeats of
  it in the pass answered from the memo, as in a dump) and memos kept (``memo``).

It prints microseconds per dump and each byline time as a share of ``loads``. Run on the
shared corpus's header lines too, when the corpus is there.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import newsdump
from newsdump._parse import byline
from newsdump._parse.byline import BY_WORDS, match_byline, split_authors

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_byline_languages import _LATIN, MOST, NAMES, _render  # the tests' writer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_texts

ROUNDS = 7
TRAILER = "\n\nOriginal url:\n\n<https://example.org/a>"


def _dumps(language: str, count: int = 200) -> list[str]:
    pool = NAMES.get(language, _LATIN)
    words = BY_WORDS[language]
    texts = []
    for i in range(count):
        names = [pool[(i + k) % len(pool)] for k in range(1 + i % MOST.get(language, 3))]
        line = f"{words[i % len(words)]} {_render(language, names)}"
        texts.append(f"\n\n# Headline {i}\n\n{line}\n\n2024-05-06\n\nBody {i}.{TRAILER}")
    return texts


def _best(run: Callable[[], object], before: Callable[[], object] = lambda: None) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        before()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _read_all(lines: list[str]) -> None:
    for line in lines:
        found = match_byline(line)
        if found is not None:
            split_authors(line[found.start : found.stop], found.languages)


def _row(label: str, texts: list[str]) -> None:
    lines = [text.split("\n")[4] for text in texts]
    loads = _best(lambda: [newsdump.loads(t) for t in texts])
    first = _best(lambda: _read_all(lines), byline.forget)
    warm = _best(lambda: _read_all(lines))
    per = 1e6 / len(texts)
    print(
        f"  {label:8} {loads * per:8.1f} {first * per:8.2f} {first / loads:7.1%}"
        f" {warm * per:8.2f} {warm / loads:7.1%}"
    )


def main() -> None:
    print("  language  loads us  first us   share  memo us   share")
    for language in sorted(BY_WORDS):
        _row(language, _dumps(language))
    corpus = corpus_texts()
    if corpus:
        _row("corpus", [text.replace("\r\n", "\n") for text in corpus])


if __name__ == "__main__":
    main()
