"""benchmarks/bench_regex.py times every pattern it says it times (issue 21).

docs/security.md's regex review rests on it: a pattern stored where the collector does
not look (a bound ``.fullmatch``, a tuple, a cached function) would go untimed.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
bench_regex = pytest.importorskip("bench_regex")

SRC = Path(__file__).resolve().parents[1] / "src" / "newsdump"


def test_bound_methods_and_containers_are_collected() -> None:
    module = types.ModuleType("made_up")
    module._MATCH = re.compile("a+b").fullmatch  # type: ignore[attr-defined]
    module._BOTH = (re.compile("x").search, re.compile("y"))  # type: ignore[attr-defined]
    module._BY_NAME = {"z": re.compile("z+")}  # type: ignore[attr-defined]
    found = dict(bench_regex._in_module(module))
    assert found == {
        "made_up._MATCH (bound .fullmatch)": re.compile("a+b"),
        "made_up._BOTH[0] (bound .search)": re.compile("x"),
        "made_up._BOTH[1]": re.compile("y"),
        "made_up._BY_NAME['z']": re.compile("z+"),
    }


_COLLECT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import bench_regex
modules = list(bench_regex.modules())
found = [[name, p.pattern, p.flags] for name, p in bench_regex.patterns(modules)]
print(json.dumps({"found": found, "missing": bench_regex.uncovered(modules)}))
"""


def _collect() -> tuple[list[tuple[str, str, int]], list[str]]:
    """The collector's answer, worked out in a child interpreter: ``bench_regex`` reads
    sources with ``ast.parse``, whose node builder in CPython 3.11.7 keeps its recursion
    count in state shared by every thread (python/cpython#106905); another thread parsing
    at the same time in the same worker made it raise a spurious ``SystemError`` in CI."""
    child = subprocess.run(
        [sys.executable, "-c", _COLLECT, str(BENCHMARKS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    answer = json.loads(child.stdout)
    return [tuple(item) for item in answer["found"]], answer["missing"]


def test_every_module_level_pattern_is_timed() -> None:
    """Each ``NAME = re.compile(`` line of the package is a pattern the review times
    (patterns equal in source and flags are timed once), and only the caller's own
    snippet in the testing kit is left out."""
    found, missing = _collect()
    timed = {(pattern, flags) for _, pattern, flags in found}
    names = {name for name, _, _ in found}
    defined: dict[str, tuple[str, int]] = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        if name.endswith("__main__"):
            continue  # importing it runs the command line
        try:
            module = importlib.import_module(name.removesuffix(".__init__"))
        except ImportError:  # an optional extra that is not installed: not timed either
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"(?m)^([A-Za-z_]\w*)(?:: [^=\n]+)? = re\.compile\(", text):
            pattern = getattr(module, match.group(1))
            defined[f"{module.__name__}.{match.group(1)}"] = (pattern.pattern, pattern.flags)
    assert len(defined) > 50
    assert [name for name, key in defined.items() if key not in timed] == []
    assert any(name.startswith("newsdump._parse.byline._separator(") for name in names)
    assert "newsdump._parse.dateline.tokens._foreign()" in names
    assert [(line.split(":")[0], line.rsplit(" ", 1)[1]) for line in missing] == [
        ("newsdump.testing._assertions", "_search()")
    ]
