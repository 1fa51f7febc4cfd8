"""Every regular expression in newsdump, timed on pumped inputs at two sizes.

    .venv/bin/python benchmarks/bench_regex.py [--size 1000] [--factor 10]

The backing measurement for the regex review in docs/security.md. For each
compiled pattern found in newsdump's modules, and for each pump (a short string
repeated to ``size`` and ``factor * size`` characters, followed by a character
that makes a match fail late), it times ``search``, ``match`` and ``fullmatch``
and prints each one's worst growth ratio between the two sizes (only the
methods the code calls on unbounded input matter: see docs/security.md). Linear matching grows
by about ``factor``; backtracking that is quadratic grows by about its square.
Patterns whose worst ratio exceeds 3 x ``factor`` are flagged (quadratic growth is
``factor`` squared; a shared machine makes linear growth wobble well past
``factor`` on sub-millisecond times); times under
``NOISE`` at the large size count as no growth (0x).
"""

from __future__ import annotations

import argparse
import importlib
import math
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence

MODULES = (
    "newsdump._limits",
    "newsdump._serialize",
    "newsdump._text",
    "newsdump.model",
    "newsdump._parse.body",
    "newsdump._parse.byline",
    "newsdump._parse.dateline.fallback",
    "newsdump._parse.dateline.labels",
    "newsdump._parse.dateline.relative",
    "newsdump._parse.dateline.tokens",
    "newsdump._parse.header",
    "newsdump._parse.lines",
    "newsdump._parse.trailer",
    "newsdump._parse.quirks",
    "newsdump._dump._archives",
    "newsdump.sites.afp_factcheck",
    "newsdump.sites.asahi",
    "newsdump.sites.bavaria",
    "newsdump.sites.salzburg",
    "newsdump.sites.themoscowtimes",
)
PUMPS = (
    " ", "\t", "\xa0", "\n", "\r", "a", "A", "1", ".", ",", ":", "#", "*", "_", "-", "=", "`",
    "~", "[", "]", "(", ")", "<", ">", "\\", "!", "/", "&", "\x00", " #", "# ", "a ", "- ",
    "* ", "1.", "1 ", "[a", "](", "\\.", "\\[", "by ", " and", "a,", "12:", "1-", "**",
    "Mon ", "May ", "original url", "<a", "\n ", " \n", "> ", "[]", "()",
)  # fmt: skip
TAILS = ("", "\x01", "\n\x01", "!")
NOISE = 2e-4
"""Times below this (seconds, three calls) are timer and scheduler noise: never flagged."""


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern bound to a module-level name, with its qualified name."""
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern):
                yield f"{module_name}.{name}", value
            elif isinstance(value, tuple) and all(isinstance(v, re.Pattern) for v in value):
                for index, item in enumerate(value):
                    yield f"{module_name}.{name}[{index}]", item


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
    args = parser.parse_args(argv)
    flagged = 0
    print(
        f"sizes {args.size} and {args.factor * args.size} characters; flag above "
        f"{3 * args.factor}x; growth of search, match and fullmatch (worst input)"
    )
    for name, pattern in patterns():
        cells = []
        for method in METHODS:
            ratio, shown = worst_ratio(pattern, method, args.size, args.factor)
            mark = "FLAG " if ratio > 3 * args.factor else ""
            flagged += bool(mark)
            cells.append(f"{mark}{ratio:.0f}x ({shown})" if mark else f"{ratio:.0f}x")
        print(f"  {name}: " + ", ".join(f"{m} {c}" for m, c in zip(METHODS, cells, strict=True)))
    return flagged


if __name__ == "__main__":
    sys.exit(main())
