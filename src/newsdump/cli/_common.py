"""What the command-line commands share: exit codes, dump iteration with progress, errors."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import math
import os
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from newsdump._api import Parser, checked_language
from newsdump._dump._archives import gives_entry
from newsdump._dump._filter import HAS, Where, where
from newsdump._dump._reader import DumpEntry, has_files, kind_of, map_dump
from newsdump._dump._sources import iter_folder
from newsdump._terminal import shown
from newsdump._wording import error_code, plural
from newsdump.cli._progress import Progress
from newsdump.errors import DumpError, NewsdumpError, PluginError, Severity, _reason_of
from newsdump.sites import ENTRY_POINT_GROUP, Site, load_sites

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Tally",
    "UsageError",
    "add_dump_options",
    "add_now_option",
    "count_read",
    "dump_size",
    "failed",
    "interruption",
    "label",
    "left_behind",
    "now_of",
    "results",
    "say",
    "say_unreadable",
    "tally_of",
]

R = TypeVar("R")
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A problem with the command line itself: a missing path, an unreadable dump."""


def add_dump_options(parser: argparse.ArgumentParser) -> None:
    """The options every command that reads whole dumps takes."""
    parser.add_argument("dumps", nargs="+", metavar="DUMP", help="folder, archive or .jsonl")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes that parse (0: one per core)"
    )
    parser.add_argument("--pattern", default="*.txt", help="file names to read (default *.txt)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")
    add_now_option(parser)
    filters = parser.add_argument_group("filters (files that cannot be read are always kept)")
    filters.add_argument(
        "--site",
        action="append",
        metavar="HOST",
        help="only articles of this site or its subdomains (repeat for several)",
    )
    filters.add_argument(
        "--since", metavar="WHEN", help="only articles published at or after WHEN (ISO; UTC)"
    )
    filters.add_argument(
        "--until",
        metavar="WHEN",
        help="only articles published at or before WHEN (ISO; a day includes all of it)",
    )
    filters.add_argument(
        "--has",
        action="append",
        choices=HAS,
        metavar="FIELD",
        help=f"only articles that have this field ({', '.join(HAS)}; repeatable)",
    )


def add_now_option(parser: argparse.ArgumentParser) -> None:
    """``--now WHEN|mtime``, the reference time of relative datelines, and ``--language
    LANG``, the language of datelines whose site names none."""
    parser.add_argument(
        "--language",
        metavar="LANG",
        type=_language_option,
        help="read datelines whose site names no language as this one (a code such as "
        "'de'; see docs/format.md): it settles numeric dates such as 03/04/2023",
    )
    parser.add_argument(
        "--now",
        metavar="WHEN",
        type=_now_option,
        help="read relative datelines ('2 hours ago') from this time: an ISO time (UTC "
        "without a zone), or 'mtime' for the modification time of the file named "
        "(an archive or JSON Lines file: its own time)",
    )


def _language_option(text: str) -> str | None:
    try:
        return checked_language(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _now_option(text: str) -> dt.datetime | str:
    if text == "mtime":
        return text
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO time or 'mtime': {text!r}") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def now_of(args: argparse.Namespace, path: str) -> dt.datetime | None:
    """The reference time ``--now`` gives for reading ``path`` (``None`` without it).

    Raises:
        UsageError: ``--now mtime`` for a folder, whose files each have their own time.
    """
    now = getattr(args, "now", None)
    if now != "mtime":
        return cast("dt.datetime | None", now)
    if os.path.isdir(path):
        raise UsageError(
            f"--now mtime: {path} is a folder, and its files each have their own time; "
            "name the files, or give the time (--now 2025-06-01T12:00)"
        )
    try:
        seconds = os.stat(path).st_mtime
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def where_of(args: argparse.Namespace) -> Where | None:
    """The filter the command line asks for, or ``None`` for every article.

    Raises:
        UsageError: a bound that is not an ISO date or time.
    """
    site, has = getattr(args, "site", None), getattr(args, "has", None)
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if not (site or since or until or has):
        return None
    try:
        return where(site=site, since=since, until=until, has=has or ())
    except (ValueError, OverflowError) as exc:
        raise UsageError(f"--since/--until: {exc}") from None


def say(text: str) -> None:
    """Print a message on stderr."""
    print(text, file=sys.stderr)


def left_behind(args: argparse.Namespace, note: Callable[[], str]) -> None:
    """Say what Ctrl-C leaves behind with ``note()`` (called when it comes), not the
    default ``nothing was written``: a file left as it was, what stdout holds."""
    args.left_behind = note


def count_read(args: argparse.Namespace, count: int = 1) -> None:
    """Count files read, for the message of an interrupted run (across `results` runs)."""
    args.files_read = getattr(args, "files_read", 0) + count


_WRITTEN_AS_THEY_GO = {
    # Commands that write as they go, without reading dumps through `results`.
    "golden": "each golden file listed above was written, the others left as they were",
    "new-site": "the files listed above were written",
}


def interruption(args: argparse.Namespace) -> str:
    """What Ctrl-C prints: how far the run got, and what it left behind.

    ``newsdump: interrupted after 120 files; nothing was written``, with the command's
    own `left_behind` note where it writes.
    """
    read = getattr(args, "files_read", None)
    after = f" after {plural(read, 'file')}" if isinstance(read, int) else ""
    note = getattr(args, "left_behind", None)
    if callable(note):
        what = str(note())
    else:
        what = _WRITTEN_AS_THEY_GO.get(getattr(args, "command", ""), "nothing was written")
    return f"newsdump: interrupted{after}; {what}"


def label(dump: str, name: str) -> str:
    """How a file of a dump is named in messages: the dump's path, then the name in it.

    A one-file dump is named by its path alone. Only a name that is the dump's own base
    name asks the disk whether the dump is a file: not one call for each file of a folder.
    """
    if not name or (name == os.path.basename(dump) and os.path.isfile(dump)):
        return dump
    return f"{dump.rstrip('/')}/{name}"


def say_unreadable(where: str, error: NewsdumpError) -> None:
    """Name on stderr a file that could not be read: ``DUMP/NAME: code reason``."""
    say(f"{shown(where)}: {shown(error_code(error))} {shown(str(_reason_of(error)))}")


class _Installed:
    """The built-in sites and every installed one: the command line uses them all.

    Call it for the sites, or ``.parser(strict=...)`` for a `Parser` over them, built
    once. The installed entry points are listed again at most once a second (listing
    takes about 4 ms), and the sites loaded again when they changed, so that a
    long-lived process that runs `newsdump.cli.main` sees a site installed since.

    Raises:
        UsageError: an installed site package is broken.
    """

    def __init__(self) -> None:
        self._checked = -math.inf  # when the entry points were last listed
        self._key: object = None  # what they were
        self._parsers: dict[bool, Parser] = {}  # by strict

    def __call__(self) -> tuple[Site, ...]:
        return self.parser().sites

    def parser(self, *, strict: bool = False) -> Parser:
        """A `Parser` over the installed sites."""
        now = time.monotonic()
        if now - self._checked >= 1.0:
            key = _entry_points()
            if key != self._key:
                self._parsers.clear()
                self._key = key
            self._checked = now
        parser = self._parsers.get(strict)
        if parser is None:
            try:
                parser = Parser(load_sites(), strict=strict)
            except PluginError as exc:
                raise UsageError(str(exc)) from None
            self._parsers[strict] = parser
        return parser

    def cache_clear(self) -> None:
        """Forget the sites: the next call loads them again."""
        self._checked = -math.inf
        self._key = None
        self._parsers.clear()


def _entry_points() -> tuple[tuple[str, str, str], ...]:
    found = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return tuple(
        sorted(
            (e.name, e.value, f"{e.dist.name} {e.dist.version}" if e.dist else "") for e in found
        )
    )


installed_sites = _Installed()


def failed(entry: DumpEntry) -> bool:
    """Whether a file *failed*: it could not be read, or has a diagnostic of severity error.

    The one meaning of "failed" in ``check`` (without ``--strict``), ``export`` and ``stats``.
    """
    if entry.article is None:
        return True
    return any(d.severity is Severity.ERROR for d in entry.article.diagnostics)


class Tally:
    """What a `results` run counted: the files the filters kept, of them those that failed
    and those that could not be read, and the articles the filters left out."""

    __slots__ = ("failed", "files", "left_out", "unreadable")

    def __init__(self) -> None:
        self.files = 0
        self.failed = 0
        self.unreadable = 0
        self.left_out = 0

    def filtered(self) -> str:
        """``, N left out by the filters`` when filters left any out, else nothing."""
        return f", {self.left_out} left out by the filters" if self.left_out else ""


def tally_of(args: argparse.Namespace) -> Tally:
    """The `Tally` of the last `results` run over ``args`` (a new one before any run)."""
    tally = getattr(args, "tally", None)
    if not isinstance(tally, Tally):
        tally = args.tally = Tally()
    return tally


def _tallied(
    func: Callable[[DumpEntry], R], keep: Where | None, entry: DumpEntry
) -> tuple[bool, bool, R] | None:
    """``func(entry)`` with whether the entry failed and whether it was unreadable, or
    ``None`` for an article the filter leaves out (an entry without one is kept)."""
    if keep is not None and entry.article is not None and not keep(entry.article):
        return None
    return failed(entry), entry.article is None, func(entry)


def results(
    func: Callable[[DumpEntry], R], args: argparse.Namespace, dumps: Sequence[str] | None = None
) -> Iterator[tuple[str, R]]:
    """``func(entry)`` for each file of each dump, with the dump's path, showing progress.

    Only the files that the filter options keep are read; `tally_of(args)` counts them
    (a new count for each run). Before any file is read, every dump is looked at: a
    dump with no file to read is a usage error, so that nothing is printed for a typo.

    Raises:
        UsageError: a dump is missing, unreadable, not what its name says, or empty.
    """
    named = list(dumps if dumps is not None else args.dumps)
    for dump in named:
        _nonempty(dump, args.pattern)
    nows = {dump: now_of(args, dump) for dump in named}
    tally = args.tally = Tally()
    work = functools.partial(_tallied, func, where_of(args))
    with Progress("newsdump", quiet=args.quiet) as progress:
        progress.total_from(functools.partial(_total, named, args.pattern))
        for dump in named:
            for counted in _one_dump(work, dump, args, nows[dump]):
                progress.update()
                count_read(args)
                if counted is None:
                    tally.left_out += 1
                    continue
                bad, unreadable, result = counted
                tally.files += 1
                tally.failed += bad
                tally.unreadable += unreadable
                yield dump, result


def _total(dumps: Sequence[str], pattern: str) -> int | None:
    sizes = [dump_size(dump, pattern) for dump in dumps]
    return None if None in sizes else sum(size or 0 for size in sizes)


def dump_size(dump: str, pattern: str = "*.txt") -> int | None:
    """How many files (entries) reading ``dump`` gives, where that is cheap to know.

    A folder is listed, a zip archive's directory read, a JSON Lines file's non-blank
    lines counted; a tar archive (which only reading all of it tells) or a dump that
    cannot be looked at gives ``None``. Only for display: entries such as a damaged
    archive's may come on top.
    """
    try:
        kind = kind_of(dump)
        if kind == "folder":
            return sum(1 for _ in iter_folder(Path(dump), pattern))
        if kind == "zip":
            with zipfile.ZipFile(dump) as archive:
                return sum(gives_entry(info, pattern) for info in archive.infolist())
        if kind == "jsonl":
            return _jsonl_lines(dump)
    except (OSError, ValueError, zipfile.BadZipFile, NewsdumpError):
        return None
    return 1 if kind == "file" else None


def _jsonl_lines(path: str) -> int:
    """The non-blank lines of a file, read in chunks (a line may be longer than memory)."""
    lines = 0
    tail = b""  # the line the last chunk ended inside
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            parts = (tail + chunk).split(b"\n")
            tail = parts.pop()
            lines += sum(1 for part in parts if part.strip())
            if len(tail) > 1 << 20:  # a long line: all that matters is whether it is blank
                tail = b"x" if tail.strip() else b""
    return lines + bool(tail.strip())


def _nonempty(dump: str, pattern: str) -> None:
    try:
        found = has_files(dump, pattern)
    except OSError as exc:
        raise UsageError(f"cannot read {dump}: {exc.strerror or exc}") from None
    except DumpError as exc:
        raise UsageError(f"cannot read {dump}: {exc.reason}") from None
    if not found:
        what = "no records" if kind_of(dump) == "jsonl" else "no files"
        where = "" if what == "no records" else f" matching --pattern {pattern!r}"
        raise UsageError(f"{dump}: {what}{where}: nothing to read")


def _one_dump(
    func: Callable[[DumpEntry], R], dump: str, args: argparse.Namespace, now: dt.datetime | None
) -> Iterator[R]:
    try:
        found = map_dump(
            func,
            dump,
            workers=args.workers,
            pattern=args.pattern,
            sites=installed_sites(),
            now=now,
            language=getattr(args, "language", None),
        )
    except OSError as exc:
        raise UsageError(f"cannot read {dump}: {exc.strerror or exc}") from None
    except DumpError as exc:
        raise UsageError(f"cannot read {dump}: {exc.reason}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        yield from found
    except OSError as exc:
        raise UsageError(f"error while reading {dump}: {exc.strerror or exc}") from None
