"""Every regular expression in newsdump, timed on pumped inputs at two sizes.

    .venv/bin/python benchmarks/bench_regex.py [--size 1000] [--factor 10] [--list]

The backing measurement for the regex review in docs/security.md. For each
pattern found (see `patterns`), and for each pump (a short string repeated to
``size`` and ``factor * size`` characters, followed by a character that makes a
match fail late), it times ``search``, ``match`` and ``fullmatch`` and prints each
one's worst growth ratio between the two sizes (only the methods the code calls on
unbounded input matter: see docs/security.md). Linear matching grows by about
``factor``; backtracking that is quadratic grows by about its square. Patterns whose
worst ratio exceeds 3 x ``factor`` are flagged (quadratic growth is ``factor``
squared; a shared machine makes linear growth wobble well past ``factor`` on
sub-millisecond times); times under ``NOISE`` at the large size count as no growth
(0x). ``--list`` prints what is found, and what is not, without timing anything.

Where patterns are found, in every module of the ``newsdump`` package:

- module-level names bound to a compiled pattern, to a bound method of one
  (``_MATCH = re.compile(...).fullmatch``), or to a tuple, list, set or dict of them;
  the same in the attributes of the classes a module defines;
- the patterns that ``functools.cache`` functions annotated ``-> re.Pattern`` (or a
  tuple of them) return: called without arguments, or with those `ARGUMENTS` gives;
- ``re.compile``, ``re.match``, ``re.sub``... called on a literal pattern inside a
  function (read from the source with `ast`).

What no search can find is listed at the end of the run (`uncovered`): a pattern
compiled inside a function from something other than a literal, and not returned
by a function of the second kind.
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib
import inspect
import math
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

PUMPS = (
    " ", "\t", "\xa0", "\n", "\r", "a", "A", "1", ".", ",", ":", "#", "*", "_", "-", "=", "`",
    "~", "[", "]", "(", ")", "<", ">", "\\", "!", "/", "&", "\x00", " #", "# ", "a ", "- ",
    "* ", "1.", "1 ", "[a", "](", "\\.", "\\[", "by ", " and", "a,", "12:", "1-", "**",
    "Mon ", "May ", "original url", "<a", "\n ", " \n", "> ", "[]", "()",
)  # fmt: skip
TAILS = ("", "\x01", "\n\x01", "!")
NOISE = 2e-4
"""Times below this (seconds, three calls) are timer and scheduler noise: never flagged."""


def _every_language() -> list[tuple[object, ...]]:
    from newsdump._parse._cldr import LIST_AND

    languages = "|".join(sorted(LIST_AND))
    return [(languages,), (languages, False)]


ARGUMENTS: dict[str, Callable[[], list[tuple[object, ...]]]] = {
    # The byline separator of a set of languages: all of them at once is the longest.
    "newsdump._parse.byline._separator": _every_language,
}
"""Arguments for cached pattern functions that take some (the name to a list of calls)."""

_RE_FUNCTIONS = (
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
)
_METHOD_NAMES = frozenset(_RE_FUNCTIONS[1:])


def modules() -> Iterator[Any]:
    """Every module of the newsdump package that imports here (the rest is reported)."""
    import newsdump

    found = sorted(info.name for info in pkgutil.walk_packages(newsdump.__path__, "newsdump."))
    names = ["newsdump", *found]
    for name in names:
        if name.endswith("__main__"):
            continue  # running it would run the command line
        try:
            yield importlib.import_module(name)
        except ImportError as exc:  # an optional extra that is not installed
            print(f"  (not imported: {name}: {exc})", file=sys.stderr)


def _found_in(name: str, value: object) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The patterns a value holds: itself, the pattern of a bound method, a container's."""
    owner = getattr(value, "__self__", None)
    method = getattr(value, "__name__", None)
    if isinstance(value, re.Pattern):
        yield name, value
    elif isinstance(owner, re.Pattern) and method in _METHOD_NAMES:
        yield f"{name} (bound .{method})", owner
    elif isinstance(value, tuple | list | set | frozenset):
        for index, item in enumerate(value):
            yield from _found_in(f"{name}[{index}]", item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, re.Pattern | tuple | list) or callable(item):
                yield from _found_in(f"{name}[{key!r}]", item)


def _cached_returns(module: Any, name: str, func: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The patterns a cached function that returns patterns gives (see `ARGUMENTS`)."""
    qualified = f"{module.__name__}.{name}"
    annotation = str(getattr(func, "__annotations__", {}).get("return", ""))
    if not hasattr(func, "cache_info") or "Pattern" not in annotation:
        return
    if qualified in ARGUMENTS:
        calls = ARGUMENTS[qualified]()
    elif all(p.default is not p.empty for p in inspect.signature(func).parameters.values()):
        calls = [()]
    else:
        return  # reported by `uncovered`
    for args in calls:
        shown = ", ".join(map(repr, args))
        yield from _found_in(f"{qualified}({shown})", func(*args))


def _literal_calls(module: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    """``re.<function>("literal", ...)`` calls in the module's functions."""
    for lineno, function, pattern, flags in _re_calls(module):
        if isinstance(pattern, str) and isinstance(flags, int):
            yield f"{module.__name__}:{lineno} re.{function}(...)", re.compile(pattern, flags)


def _re_calls(module: Any) -> Iterator[tuple[int, str, object, object]]:
    """Each ``re.<function>(pattern, ...)`` call inside a function of the module: its
    line, the function, and the pattern and flags when they are literals (else None)."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for top in tree.body:
        if not isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue  # module-level patterns are found as names
        for node in ast.walk(top):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
            ):
                continue
            yield node.lineno, node.func.attr, _literal(node.args[0]), _flags(node)


def _literal(node: ast.expr) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _flags(node: ast.Call) -> object:
    """The literal flags of a call: 0, ``re.X`` or ``re.X | re.Y``; None when not literal."""
    position = {"compile": 1, "match": 2, "fullmatch": 2, "search": 2, "split": 3}
    given = [k.value for k in node.keywords if k.arg == "flags"]
    index = position.get(node.func.attr)  # type: ignore[attr-defined]
    if not given and index is not None and len(node.args) > index:
        given = [node.args[index]]
    if not given and node.func.attr in ("sub", "subn") and len(node.args) > 4:  # type: ignore[attr-defined]
        given = [node.args[4]]
    if not given:
        return 0
    try:
        return functools.reduce(int.__or__, map(_flag, _or_parts(given[0])), 0)
    except (AttributeError, TypeError):
        return None


def _or_parts(node: ast.expr) -> Iterable[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_or_parts(node.left), *_or_parts(node.right)]
    return [node]


def _flag(node: ast.expr) -> int:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "re"
    ):
        return int(getattr(re, node.attr))
    raise TypeError("not a literal flag")


def _assigned(module: Any) -> set[str] | None:
    """The names a module binds itself (assignments, functions, classes), from its
    source; None when it has no source to read."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return None
    names: set[str] = set()
    for top in ast.parse(Path(path).read_text(encoding="utf-8")).body:
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(top.name)
        targets = top.targets if isinstance(top, ast.Assign) else [getattr(top, "target", None)]
        for target in targets:
            for node in ast.walk(target) if target is not None else ():
                if isinstance(node, ast.Name):
                    names.add(node.id)
    return names


def uncovered(found: Iterable[Any] | None = None) -> list[str]:
    """The ``re`` calls inside functions whose pattern is not a literal, outside the
    cached pattern functions that `patterns` calls: what this review does not time."""
    out = []
    for module in found if found is not None else modules():
        cached = {
            name
            for name, value in vars(module).items()
            if list(_cached_returns(module, name, value))
        }
        for lineno, function, pattern, flags in _re_calls(module):
            if isinstance(pattern, str) and isinstance(flags, int):
                continue
            owner = _enclosing(module, lineno)
            if owner in cached:
                continue
            out.append(f"{module.__name__}:{lineno} re.{function}(...) in {owner}()")
    return out


def _enclosing(module: Any, lineno: int) -> str:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for top in tree.body:
        if isinstance(top, ast.FunctionDef | ast.ClassDef) and top.lineno <= lineno <= (
            top.end_lineno or top.lineno
        ):
            return top.name
    return "?"


def patterns(found: Iterable[Any] | None = None) -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every pattern found (see the module's docstring), each once, with where it was
    found first (patterns equal in source and flags count once)."""
    seen: set[tuple[object, int]] = set()
    for module in found if found is not None else modules():
        for name, pattern in _in_module(module):
            key = (pattern.pattern, pattern.flags)
            if key not in seen:
                seen.add(key)
                yield name, pattern


def _in_module(module: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    own = _assigned(module)  # a name imported from another module is found there
    for name, value in sorted(vars(module).items()):
        if own is not None and name not in own:
            continue
        if isinstance(value, type) and value.__module__ == module.__name__:
            for attribute, item in sorted(vars(value).items()):
                yield from _found_in(f"{module.__name__}.{name}.{attribute}", item)
            continue
        if inspect.ismodule(value):
            continue
        yield from _found_in(f"{module.__name__}.{name}", value)
        if callable(value) and getattr(value, "__module__", None) == module.__name__:
            yield from _cached_returns(module, name, value)
    yield from _literal_calls(module)


METHODS = ("search", "match", "fullmatch")


def _time(method: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        method(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(method: Callable[[str], object], pump: str, tail: str, size: int, factor: int) -> float:
    """The time at ``factor * size`` over the time at ``size`` for one pumped input.

    The input is first doubled from 64 characters up to ``size``: growth past 3x
    in one doubling (linear is 2x, quadratic 4x) stops there and is reported as
    the growth it implies over ``factor``, without timing inputs that could take
    hours.
    """
    length, previous = 64, _time(method, _pumped(pump, 64, tail))
    while length < size:
        length *= 2
        current = _time(method, _pumped(pump, length, tail))
        if current > NOISE and current > 3 * previous:
            return float((current / previous) ** math.log2(factor))
        previous = current
    large = _time(method, _pumped(pump, factor * length, tail))
    return large / max(previous, NOISE / factor) if large > NOISE else 0.0


def _pumped(pump: str, length: int, tail: str) -> str:
    return pump * (length // len(pump)) + tail


def worst_ratio(pattern: re.Pattern[str], method: str, size: int, factor: int) -> tuple[float, str]:
    """The largest growth of one method over all pumps and tails, and the input showing it."""
    worst, shown = 0.0, ""
    call = getattr(pattern, method)
    for pump in PUMPS:
        for tail in TAILS:
            ratio = growth(call, pump, tail, size, factor)
            if ratio > worst:
                worst, shown = ratio, f"{pump!r} * n + {tail!r}"
    return worst, shown


def main(argv: Sequence[str] | None = None) -> int:
    """Run the review; the exit code is the number of flagged pattern methods."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--list", action="store_true", help="list what is found; time nothing")
    args = parser.parse_args(argv)
    found = list(modules())
    if args.list:
        for name, pattern in patterns(found):
            print(f"  {name}: {pattern.pattern[:60]!r}")
        _report_uncovered(found)
        return 0
    flagged = 0
    print(
        f"sizes {args.size} and {args.factor * args.size} characters; flag above "
        f"{3 * args.factor}x; growth of search, match and fullmatch (worst input)"
    )
    count = 0
    for name, pattern in patterns(found):
        count += 1
        cells = []
        for method in METHODS:
            ratio, shown = worst_ratio(pattern, method, args.size, args.factor)
            mark = "FLAG " if ratio > 3 * args.factor else ""
            flagged += bool(mark)
            cells.append(f"{mark}{ratio:.0f}x ({shown})" if mark else f"{ratio:.0f}x")
        print(f"  {name}: " + ", ".join(f"{m} {c}" for m, c in zip(METHODS, cells, strict=True)))
    print(f"{count} patterns from {len(found)} modules; {flagged} flagged")
    _report_uncovered(found)
    return flagged


def _report_uncovered(found: list[Any]) -> None:
    missing = uncovered(found)
    print(f"not timed ({len(missing)}): a pattern made at run time from a non-literal")
    for line in missing:
        print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
