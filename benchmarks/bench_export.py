"""Parquet export against JSON Lines export: speed, worker scaling, and flat memory.

    .venv/bin/python benchmarks/bench_export.py [--files 20000] [--memory 10000 1000000]

Writes invented JSON Lines dumps (one small article per line, about 700 bytes) in a
temporary folder and, in the same run, measures:

- speed: wall time of ``newsdump export --format jsonl`` over ``--format parquet`` of
  ``--files`` articles, both with ``--workers 1`` and with ``--workers 2`` (target: the
  ratio at least 1.0, Parquet as fast as JSON Lines or faster);
- scaling: each format's ``--workers 1`` time over its ``--workers 2`` time, and
  Parquet's scaling over JSON Lines' (target: at least about 1.0, Parquet scales as
  JSON Lines does);
- memory: peak RSS of a fresh process that exports a dump of each ``--memory`` size to
  Parquet (``--workers 1``); the ratio of the largest to the smallest (target at most
  1.2). Run it ``nice``d: a million articles take many minutes on a shared machine.

The machine is shared: times are the best of ``--repeat`` runs, taken in turns (each
round runs every case once), ratios in one run. The main process's CPU time (less
sensitive to the load) is shown beside: with ``--workers 2`` it is the part that the
helper cannot take over.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TOWNS = ("Harbourside", "Millbrook", "Stonehaven", "Larchmere", "Fenwick", "Oakridge")
ZONES = ("+02:00", "-05:00", "+00:00", "")


def article(number: int) -> str:
    """An invented dump file; ``number`` varies every field."""
    town = TOWNS[number % len(TOWNS)]
    zone = ZONES[number % len(ZONES)]
    day = number % 28 + 1
    return (
        f"\n\n# {town} Council Votes on Bridge Repair {number}\n\n"
        f"By [Ada Quill](#) and [Bo Fenn](#)\n\n2024-03-{day:02}T10:{number % 60:02}:00{zone}\n\n"
        f"\n\nCam Doyle/Valley Post\n\nThe council of {town} met on a wet evening to "
        f"decide the fate of the old bridge, number {number}. Residents spoke for an hour "
        "about the detour, the ferry timetable and the cost of steel.\n\n"
        f"**Related article: [Ferry Fares Frozen {number}](#)**\n\n"
        "A final vote is expected next month, after the engineers report.\n\n"
        f"Original url:\n\n<https://www.valley{number % 3}.example/news/bridge-{number}>"
    )


def write_dump(path: Path, count: int) -> Path:
    """A JSON Lines dump of ``count`` articles, written a line at a time."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps({"name": f"{number:07}.txt", "text": article(number)}) + "\n")
    return path


def export(dump: Path, out: Path, kind: str, workers: int) -> tuple[float, float]:
    """Seconds that ``newsdump export`` takes, run here as a user runs it: wall time,
    and this process's CPU time (all its threads; not the helpers')."""
    from newsdump.cli import main

    start, cpu = time.perf_counter(), time.process_time()
    args = ["export", str(dump), "--format", kind, "-o", str(out), "-q", "--workers", str(workers)]
    code = main(args)
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    if code != 0:
        raise SystemExit(f"export {kind} exited {code}")
    return elapsed, used


Case = tuple[str, int]
Times = dict[Case, float]


def best_times(repeat: int, dump: Path, folder: Path) -> tuple[Times, Times]:
    """The best wall and main-process CPU times of each (format, workers), the runs
    taken in turns (the machine's load drifts: each round runs every case once)."""
    cases = [(kind, workers) for kind in ("jsonl", "parquet") for workers in (1, 2)]
    export(dump, folder / "out.parquet", "parquet", 1)  # pyarrow imported before timing
    times = {case: float("inf") for case in cases}
    cpus = dict(times)
    for _ in range(repeat):
        for kind, workers in cases:
            elapsed, used = export(dump, folder / f"out.{kind}", kind, workers)
            times[kind, workers] = min(times[kind, workers], elapsed)
            cpus[kind, workers] = min(cpus[kind, workers], used)
    return times, cpus


CHILD = """
import resource, sys
from newsdump.cli import main
code = main(["export", sys.argv[1], "--format", "parquet", "-o", sys.argv[2], "-q"])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code)
"""


def peak_rss(dump: Path, out: Path) -> int:
    """Peak RSS (KiB) of a fresh process that exports ``dump`` to Parquet."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(dump), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    rss, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"the child's export exited {code}: {done.stderr[-500:]}")
    return int(rss)


def speed(folder: Path, files: int, repeat: int) -> None:
    dump = write_dump(folder / "speed.jsonl", files)
    times, cpus = best_times(repeat, dump, folder)
    for workers in (1, 2):
        jsonl, parquet = times["jsonl", workers], times["parquet", workers]
        print(
            f"workers {workers}: jsonl {jsonl:.2f} s, parquet {parquet:.2f} s "
            f"({files / parquet:,.0f} articles/s); jsonl/parquet {jsonl / parquet:.2f}x "
            f"(target >= 1.0); main process CPU: jsonl {cpus['jsonl', workers]:.2f} s, "
            f"parquet {cpus['parquet', workers]:.2f} s"
        )
    scale = {kind: times[kind, 1] / times[kind, 2] for kind in ("jsonl", "parquet")}
    print(
        f"scaling 1->2 workers: jsonl {scale['jsonl']:.2f}x, parquet {scale['parquet']:.2f}x; "
        f"parquet/jsonl {scale['parquet'] / scale['jsonl']:.2f} (target about 1.0 or above)"
    )
    size = {kind: (folder / f"out.{kind}").stat().st_size for kind in ("jsonl", "parquet")}
    print(f"sizes: jsonl {size['jsonl']:,} B, parquet {size['parquet']:,} B")


def memory(folder: Path, sizes: Sequence[int]) -> None:
    peaks = []
    for count in sizes:
        dump = write_dump(folder / f"memory-{count}.jsonl", count)
        start = time.perf_counter()
        peaks.append(peak_rss(dump, folder / "memory.parquet"))
        elapsed = time.perf_counter() - start
        print(f"memory: {count:,} articles: peak RSS {peaks[-1] / 1024:.1f} MiB ({elapsed:.0f} s)")
        dump.unlink()
        sys.stdout.flush()
    print(
        f"memory: peak RSS at {sizes[-1]:,} over {sizes[0]:,} articles: "
        f"{peaks[-1] / peaks[0]:.3f}x (target <= 1.2)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000, help="articles for the speed runs")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        if not args.skip_speed:
            speed(folder, args.files, args.repeat)
        if args.memory:
            memory(folder, sorted(args.memory))
    print(f"(cpu: {os.cpu_count()} cores; resource {resource.getpagesize()} B pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
