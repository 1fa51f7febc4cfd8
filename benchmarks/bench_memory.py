"""Peak memory of a parse against the input's size: at most 10x on hostile bodies.

    .venv/bin/python benchmarks/bench_memory.py [--size 15000000] [--only NAME] [--timeout 300]

Each input is a dump (headline, byline, dateline, trailer) whose body is a long run of
one tiny shape (a paragraph of one character, a link reference definition, a list
item ...), ``--size`` characters in all: the default stays under ``Limits.max_bytes``
(16 MiB), so the whole text is parsed. Each case runs in a child process of its own,
which builds the input, warms the parser up on a small dump, then notes its resident
set size (RSS) and resets the kernel's high-water mark (``/proc/self/clear_refs``),
runs one step and reads the high-water mark (``VmHWM`` in ``/proc/self/status``). The
added peak over the input's size in bytes is the figure (``inf``: the child took longer
than ``--timeout`` seconds; ``nan``: it failed, its error shown): ``loads`` alone, then
``loads`` and ``.text``, then ``loads`` and ``dumps`` (each step in a fresh child, the
input itself not counted: it is the caller's).

A line passes when every multiple is at most 10; the exit code is the number of
failing lines. Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Sequence

HEAD = "\n\n# Harbour Ferry Timetable\n\nBy [Ann Lee](#)\n\nMay 2, 2024\n\n"
TAIL = "\n\nOriginal url:\n\n<https://www.example.org/2024/05/02/ferry-a1>"
LIMIT = 10.0

Body = Callable[[int], str]


def _run(unit: str) -> Body:
    return lambda n: unit * (n // len(unit))


def _numbered(pattern: str, width: int) -> Body:
    """``n`` characters of ``pattern`` filled with 0, 1, 2 ... (distinct lines)."""
    return lambda n: "".join(pattern.format(i) for i in range(n // width))


INPUTS: dict[str, Body] = {
    "tiny paragraphs x": _run("x\n\n"),
    "tiny paragraphs ab": _run("ab\n\n"),
    "distinct paragraphs": _numbered("{:07d}\n\n", 9),
    "link definitions": _run("[a]: /u\n"),
    "distinct definitions": _numbered("[l{:07d}]: /u\n", 15),
    "definitions apart": _numbered("[l{:07d}]: /u\n\n", 16),
    "list items": _run("- x\n"),
    "loose list items": _run("- x\n\n"),
    "quotes": _run("> x\n\n"),
    "quote lines": _run("> x\n"),
    "nested list items": _run("- x\n  - y\n    1. z\n"),
    "loose nested items": _run("- x\n\n  > y\n\n      z\n\n"),
    "quotes of blocks": _run("> x\n>\n> - y\n> - z\n\n"),
    "headings": _run("# x\n"),
    "setext headings": _run("x\n=\n\n"),
    "fences": _run("```\nx\n```\n\n"),
    "html blocks": _run("<div>\n\n"),
    "rules": _run("***\n"),
    "indented code": _run("    x\n\n"),
    "table rows": lambda n: "| a | b |\n| - | - |\n" + "| x | y |\n" * (n // 10),
    "one huge paragraph": _run("word "),
    "paragraph of lines": _run("x\n"),
    "blank lines": lambda n: "x\n" + "\n" * n + "y",
    "CRLF tiny paragraphs": _run("x\r\n\r\n"),
    "distinct lines": _numbered("{:07d}\n", 8),
}


def _text(name: str, size: int) -> str:
    return HEAD + INPUTS[name](size - len(HEAD) - len(TAIL)) + TAIL


def _status(field: str) -> int:
    """A field of /proc/self/status, in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def child(name: str, size: int, step: str) -> None:
    """Run one step on one input; print the input's size and the added peak, in bytes."""
    import gc

    import newsdump

    warm = newsdump.loads(HEAD + "x\n\n- a\n\n> b\n\n[c]: /d\n" + TAIL)
    assert warm.text  # warmed up: markdown-it-py and the lazy imports are loaded
    text = _text(name, size)
    gc.collect()
    baseline = _status("VmRSS")
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")  # reset VmHWM to the current RSS
    article = newsdump.loads(text)
    if step == "text":
        assert article.text is not None  # worked out for its memory
    elif step == "dumps":
        newsdump.dumps(article)
    peak = _status("VmHWM")
    print(len(text.encode("utf-8")), peak - baseline)


def measure(name: str, size: int, step: str, timeout: float) -> float:
    """The added peak over the input's size for one step, from a child process (infinite
    when the child takes longer than ``timeout`` seconds)."""
    command = [sys.executable, __file__, "--child", name, "--size", str(size), "--step", step]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    if done.returncode:  # shown, and counted as a failure
        print(f"  {name} ({step}) failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return float("nan")
    out = done.stdout.split()
    return int(out[1]) / int(out[0])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit code is the number of failing inputs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=15_000_000)
    parser.add_argument("--only", default=None, help="run only inputs whose name contains this")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per child")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--step", default="loads", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.size, args.step)
        return 0
    print(f"input {args.size:,} characters; added peak RSS over input size (limit {LIMIT:g}x)")
    steps = ("loads", "text", "dumps")
    print(f"       {'input':24} " + " ".join(f"{s:>8}" for s in steps))
    failed = 0
    for name in INPUTS:
        if args.only and args.only not in name:
            continue
        multiples = [measure(name, args.size, step, args.timeout) for step in steps]
        ok = all(m <= LIMIT for m in multiples)  # False for nan (a child that failed)
        failed += not ok
        cells = " ".join(f"{m:7.1f}x" for m in multiples)
        print(f"  {'ok  ' if ok else 'FAIL'} {name:24} {cells}", flush=True)
    print(f"{failed} failing")
    return failed


if __name__ == "__main__":
    sys.exit(main())
