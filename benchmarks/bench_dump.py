"""Whole dumps: read_dump with workers, the export command, memory as dumps grow, formats.

    .venv/bin/python benchmarks/bench_dump.py [--files 20000] [--memory 10000 100000]

Generates invented dumps in a temporary folder (a tree of ``dNN/NNNNNN_<id>.txt`` files,
1,000 per folder, about 3 KB each) and, in the same run, measures:

- throughput: files per second of ``read_dump`` with ``workers=2`` over ``workers=1``
  (target at least 1.7x), every entry consumed;
- export: wall time of ``newsdump export --workers 1`` over ``--workers 2`` into
  ``/dev/null``, as a user runs it (target at least 1.6x);
- memory: peak RSS of a process that reads a dump of each ``--memory`` size (in a fresh
  process each); the ratio of the largest to the smallest (target at most 1.2);
- the trip from a helper: what packing and pickling an entry costs there, and unpickling
  and rebuilding it costs here, per article and as a fraction of ``loads``;
- the ceiling: what two processes that share nothing get from the machine's two cores,
  and from it and the costs above, the most read_dump(workers=2) can gain over
  workers=1 here (a bound: see `bound`);
- formats: a digest of every record from the folder, a zip and a tar.gz of the same
  files, which must be equal.

The machine is shared: figures are best of ``--repeat`` runs, ratios in one run.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import multiprocessing
import os
import pickle
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import synthetic_dump

import newsdump
from newsdump._dump import _pool, _reader
from newsdump.cli._dump import _json_result

DISTINCT = 400  # distinct texts; each file is one of them with its own headline number


def make_dump(root: Path, count: int, size: int = 3000) -> Path:
    """A folder tree of ``count`` invented dump files under ``root``."""
    rng = random.Random(11)
    texts = [synthetic_dump(rng, size) for _ in range(DISTINCT)]
    for number in range(count):
        folder = root / f"d{number // 1000:03}"
        if number % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        text = texts[number % DISTINCT].replace("\n# ", f"\n# {number} ", 1)
        (folder / f"{number:06}_{number * 2654435761 % 2**64:016x}.txt").write_text(
            text, encoding="utf-8"
        )
    return root


def consume(source: Path, workers: int) -> int:
    """Read every entry of a dump; returns how many there were."""
    return sum(1 for _ in newsdump.read_dump(source, workers=workers))


def best(seconds: list[float]) -> float:
    """The fastest run."""
    return min(seconds)


def timed(run: object, repeat: int) -> float:
    """Best wall time of ``repeat`` calls of ``run``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return best(times)


def cpu_seconds(who: int) -> float:
    """User and system CPU time of this process or of its reaped children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def cpu_split(run: Callable[[], object]) -> tuple[float, float, float]:
    """Wall time, this process's CPU and the helper processes' CPU for one run.

    The helpers are started with ``spawn`` here (not ``forkserver``) so that they are
    children of this process and their CPU time is counted when they are reaped.
    """
    self0, kids0 = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    return (
        wall,
        cpu_seconds(resource.RUSAGE_SELF) - self0,
        cpu_seconds(resource.RUSAGE_CHILDREN) - kids0,
    )


def parallel(label: str, func: Callable[[newsdump.DumpEntry], object], root: Path) -> None:
    """Wall and CPU figures of map_dump(func) with one and with two workers.

    On a busy machine wall times say little, so the CPU each process spent is shown too.
    The calling process takes on batches itself whenever the helper is behind, so on
    two free cores the work splits evenly: twice the serial CPU over the parallel run's
    total CPU is the speed-up two free cores would give.
    """
    _pool._context = lambda: multiprocessing.get_context("spawn")

    def run(workers: int) -> Callable[[], object]:
        return lambda: sum(1 for _ in newsdump.map_dump(func, root, workers=workers))

    wall1, cpu1, _ = cpu_split(run(1))
    wall2, main2, helper2 = cpu_split(run(2))
    print(f"{label}:")
    print(f"  workers=1  wall {wall1:6.2f} s   cpu {cpu1:6.2f} s")
    print(f"  workers=2  wall {wall2:6.2f} s   cpu {main2:6.2f} s here + {helper2:6.2f} s helper")
    print(f"  wall speed-up {wall1 / wall2:.2f}x;", end=" ")
    print(f"on two free cores about {2 * cpu1 / (main2 + helper2):.2f}x")


def whole(entry: newsdump.DumpEntry) -> newsdump.DumpEntry:
    """The entry itself: what read_dump returns (the article travels back whole)."""
    return entry


def throughput(root: Path, count: int, repeat: int) -> float:
    """read_dump with one and with two workers (runs in turn); microseconds per file with
    one."""
    one = two = float("inf")
    for _ in range(repeat):
        one = min(one, timed(lambda: consume(root, 1), 1))
        two = min(two, timed(lambda: consume(root, 2), 1))
    print(f"read_dump, {count} files, best of {repeat}:")
    print(f"  workers=1  {count / one:9.0f} files/s  ({one:.2f} s)")
    print(f"  workers=2  {count / two:9.0f} files/s  ({two:.2f} s)")
    print(f"  speed-up   {one / two:9.2f}x  (target >= 1.7)")
    parallel(f"read_dump (articles travel back), {count} files", whole, root)
    parallel(f"map_dump(export record), {count} files", _json_result, root)
    return one / count * 1e6


def export(root: Path, count: int, repeat: int) -> None:
    """The export command with one and with two workers, as a user runs it."""
    script = Path(sys.executable).with_name("newsdump")
    command = [str(script), "export", str(root), "-o", os.devnull, "-q", "--workers"]
    one = timed(lambda: subprocess.run([*command, "1"], check=True), repeat)
    two = timed(lambda: subprocess.run([*command, "2"], check=True), repeat)
    print(f"newsdump export, {count} files, best of {repeat}:")
    print(f"  --workers 1  {one:.2f} s   --workers 2  {two:.2f} s")
    print(f"  speed-up     {one / two:.2f}x  (target >= 1.6)")


_PEAK = """
import resource, sys, newsdump
count = sum(1 for _ in newsdump.read_dump(sys.argv[1], workers=int(sys.argv[2])))
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss(root: Path, workers: int = 1) -> tuple[int, int]:
    """Entries read and peak RSS in KiB of a fresh process reading ``root``."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(root), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    count, kib = done.stdout.split()
    return int(count), int(kib)


def memory(base: Path, sizes: Sequence[int]) -> None:
    """Peak RSS for dumps of each size, and the ratio of the largest to the smallest."""
    peaks = []
    print("peak RSS of read_dump over a folder (workers=1), fresh process each:")
    for size in sizes:
        root = make_dump(base / f"mem{size}", size)
        count, kib = peak_rss(root)
        assert count == size, (count, size)
        peaks.append(kib)
        print(f"  {size:>7} files  {kib / 1024:7.1f} MiB")
    print(f"  ratio {peaks[-1] / peaks[0]:.3f} (largest over smallest; target <= 1.2)")


def digest(source: Path) -> tuple[int, str]:
    """How many entries, and a hash of every name and record, in order."""
    sha = hashlib.sha256()
    count = 0
    for entry in newsdump.read_dump(source):
        count += 1
        record = newsdump.to_dict(entry.unwrap())
        sha.update(json.dumps([entry.name, record], sort_keys=True).encode())
    return count, sha.hexdigest()[:16]


def formats(root: Path, base: Path) -> None:
    """The same records from the folder, a zip and a tar.gz of the same files."""
    names = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    zipped, tarred = base / "dump.zip", base / "dump.tar.gz"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(root / name, name)
    with tarfile.open(tarred, "w:gz") as archive:
        for name in names:
            archive.add(root / name, name)
    found = {"folder": digest(root), "zip": digest(zipped), "tar.gz": digest(tarred)}
    for kind, (count, sha) in found.items():
        print(f"  {kind:<7} {count} records, digest {sha}")
    same = len(set(found.values())) == 1
    print(f"  same records from all three: {same}")


def pickling(count: int = 64, rounds: int = 200) -> dict[str, float]:
    """Per article: ``loads``, and what the trip from a helper costs: the helper packs and
    pickles each entry (``_pack``), the calling process unpickles and rebuilds it
    (``_unpack``), exactly as `read_dump` does. Returns microseconds per article."""
    rng = random.Random(11)
    texts = [synthetic_dump(rng, 3000) for _ in range(count)]
    entries = [newsdump.DumpEntry(f"{n}.txt", newsdump.loads(t)) for n, t in enumerate(texts)]
    protocol = pickle.HIGHEST_PROTOCOL
    blob = pickle.dumps(list(map(_reader._pack, entries)), protocol)
    runs: dict[str, Callable[[], object]] = {
        "loads": lambda: [newsdump.loads(text) for text in texts],
        "pack": lambda: pickle.dumps(list(map(_reader._pack, entries)), protocol),
        "unpack": lambda: list(map(_reader._unpack, pickle.loads(blob))),
    }
    gc.collect()
    fastest = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):  # interleaved, so that a busy moment hits all alike
        for name, run in runs.items():
            start = time.process_time()
            run()
            fastest[name] = min(fastest[name], time.process_time() - start)
    per = {name: seconds / count * 1e6 for name, seconds in fastest.items()}
    print(f"the trip from a helper, per article ({len(blob) // count} bytes), best of {rounds}:")
    for name in runs:
        print(f"  {name:<9} {per[name]:6.1f} us  ({per[name] / per['loads']:.2f}x loads)")
    return per


def _parse_loop(texts: list[str], rounds: int) -> None:
    for _ in range(rounds):
        for text in texts:
            newsdump.loads(text)


def ceiling(rounds: int = 5) -> float:
    """What two processes that share nothing get from this machine's two cores.

    The same loop of ``loads`` runs alone, then twice at once in two processes; twice
    the first time over the second is the speed-up any two-process design can hope for
    here (a machine with two free cores gives 2.0). Best of ``rounds`` each.
    """
    rng = random.Random(5)
    texts = [synthetic_dump(rng, 3000) for _ in range(400)]
    context: Any = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    alone = together = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        _parse_loop(texts, 10)
        alone = min(alone, time.perf_counter() - start)
        pair = [context.Process(target=_parse_loop, args=(texts, 10)) for _ in range(2)]
        start = time.perf_counter()
        for process in pair:
            process.start()
        for process in pair:
            process.join()
        together = min(together, time.perf_counter() - start)
    ratio = 2 * alone / together
    print(f"two processes sharing nothing, best of {rounds}:")
    print(f"  one loop {alone:.2f} s, two at once {together:.2f} s: {ratio:.2f}x the work")
    return ratio


def bound(serial_us: float, trip: dict[str, float], machine: float) -> None:
    """The most ``read_dump(workers=2)`` can gain over ``workers=1``, from measured costs.

    With a helper and the calling process both parsing (the calling process also
    rebuilds the helper's articles), the work splits evenly when a share ``f`` of the
    files is parsed here: ``f*L + (1-f)*U = (1-f)*(L + P)``, for ``L`` a file read and
    parsed, ``P`` packing one and ``U`` rebuilding one. The speed-up is then
    ``(2L + P - U) / (L + P)`` on two free cores, times what this machine gives two
    processes (`ceiling`) over 2. Pipe reads and writes are left out: a bound.
    """
    pack, unpack = trip["pack"], trip["unpack"]
    free = (2 * serial_us + pack - unpack) / (serial_us + pack)
    print("the most read_dump(workers=2) can gain here, from these costs:")
    print(f"  L = {serial_us:.1f} us per file (workers=1), P = {pack:.1f}, U = {unpack:.1f}")
    print(f"  (2L + P - U) / (L + P) = {free:.2f}x on two free cores;", end=" ")
    print(f"{free * machine / 2:.2f}x with this machine's {machine:.2f}x for two processes")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--memory", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--skip", nargs="*", default=[], help="pickling throughput export formats memory"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_dump_") as temp:
        base = Path(temp)
        root = make_dump(base / "dump", args.files)
        trip = pickling() if "pickling" not in args.skip else None
        if "throughput" not in args.skip:
            serial = throughput(root, args.files, args.repeat)
            if trip is not None:
                bound(serial, trip, ceiling())
        if "export" not in args.skip:
            export(root, args.files, args.repeat)
        if "formats" not in args.skip:
            print("formats:")
            formats(root, base)
        if "memory" not in args.skip and args.memory:
            memory(base, args.memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
