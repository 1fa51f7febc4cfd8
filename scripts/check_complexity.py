"""Fail when code grows too complex: radon's ranks, and no complexity ``noqa`` for ruff.

radon prints its ranks but exits 0 whatever they are, so this script reads them through
radon's own functions (the numbers ``radon cc`` and ``radon mi`` print) and fails when

- a function, method or class of ``src/`` ranks above C in ``radon cc`` (complexity
  over 20; nested functions count towards the function holding them, as radon counts);
- a module of ``src/`` ranks below A in ``radon mi`` (index 19 or less; docstrings count
  as comments, radon's default);
- a comment anywhere in the repository's Python silences ruff's mccabe (``C90``): ruff
  checks every function at complexity 10 (``pyproject.toml``), with no way round it.

It is part of the README's test command. Paths given on the command line replace
``src`` (the tests point it at small files they write).

    .venv/bin/python scripts/check_complexity.py
"""

from __future__ import annotations

import io
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_rank, cc_visit
from radon.metrics import mi_rank, mi_visit

ROOT = Path(__file__).resolve().parent.parent
WORST_BLOCK = "C"
WORST_MODULE = "A"
# Where the mccabe ``noqa`` search looks (the repository's Python, the virtualenv aside).
PYTHON_DIRS = ("src", "tests", "benchmarks", "scripts", "fuzz")
MCCABE_NOQA = re.compile(r"noqa\b.*\bC9", re.IGNORECASE)


def python_files(paths: list[Path]) -> Iterator[Path]:
    """The ``.py`` files of ``paths`` (files as given, folders searched), in order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        else:
            yield path


def radon_problems(path: Path, source: str) -> list[str]:
    """What radon ranks too low in one module: blocks above C, an index below A."""
    try:
        blocks = cc_visit(source)
        index: float = mi_visit(source, multi=True)
    except SyntaxError as error:
        return [f"{path}: radon cannot read it: {error}"]
    problems = []
    for block in blocks:
        rank: str = cc_rank(block.complexity)
        if rank > WORST_BLOCK:
            problems.append(
                f"{path}:{block.lineno}: {block.fullname} is complexity "
                f"{block.complexity} ({rank}); at most 20 ({WORST_BLOCK})"
            )
    module_rank: str = mi_rank(index)
    if module_rank > WORST_MODULE:
        problems.append(
            f"{path}: maintainability index {index:.2f} ({module_rank}); "
            f"more than 19 ({WORST_MODULE})"
        )
    return problems


def noqa_problems(path: Path, source: str) -> list[str]:
    """Comments of one file that silence ruff's mccabe check."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError) as error:
        return [f"{path}: cannot be tokenized: {error}"]
    return [
        f"{path}:{token.start[0]}: {token.string.strip()} silences mccabe"
        for token in tokens
        if token.type == tokenize.COMMENT and MCCABE_NOQA.search(token.string)
    ]


def check(radon_paths: list[Path], noqa_paths: list[Path]) -> list[str]:
    """Every problem found: radon's ranks under ``radon_paths``, noqa under ``noqa_paths``."""
    problems = []
    for path in python_files(radon_paths):
        problems += radon_problems(path, path.read_text(encoding="utf-8"))
    for path in python_files(noqa_paths):
        problems += noqa_problems(path, path.read_text(encoding="utf-8"))
    return problems


def main(argv: list[str]) -> int:
    """Check ``src`` (or the paths given) and the repository; 1 when anything fails."""
    if argv:
        radon_paths = noqa_paths = [Path(arg) for arg in argv]
    else:
        radon_paths = [ROOT / "src"]
        noqa_paths = [ROOT / name for name in PYTHON_DIRS if (ROOT / name).is_dir()]
    problems = check(radon_paths, noqa_paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"complexity: {len(problems)} problem(s)")
        return 1
    print("complexity: every block at C or better, every module at A, no mccabe noqa")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
