"""What the command-line commands share: exit codes, dump iteration with progress, errors."""

from __future__ import annotations

import argparse
import functools
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from typing import TypeVar

from newsdump._api import Parser
from newsdump._dump._filter import HAS, Where, where
from newsdump._dump._reader import DumpEntry, has_files, map_dump
from newsdump._progress import Progress
from newsdump.errors import DumpError, NewsdumpError, PluginError, Severity
from newsdump.sites import ENTRY_POINT_GROUP, Site, load_sites

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Tally",
    "UsageError",
    "add_dump_options",
    "error_code",
    "failed",
    "label",
    "plural",
    "results",
    "say",
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


def label(dump: str, name: str) -> str:
    """How a file of a dump is named in messages: the dump's path, then the name in it."""
    if not name or (os.path.isfile(dump) and name == os.path.basename(dump)):
        return dump
    return f"{dump.rstrip('/')}/{name}"


def error_code(error: NewsdumpError) -> str:
    """The short code of an error (``error`` when it has none)."""
    code = getattr(error, "code", None)
    return code if isinstance(code, str) else "error"


class _Installed:
    """The built-in site quirks and every installed one: the command line uses them all.

    Call it for the quirks, or ``.parser(strict=...)`` for a `Parser` over them, built
    once. The installed entry points are listed again at most once a second (listing
    takes about 4 ms), and the quirks loaded again when they changed, so that a
    long-lived process that runs `newsdump.cli.main` sees a quirk installed since.

    Raises:
        UsageError: an installed quirk package is broken.
    """

    def __init__(self) -> None:
        self._checked = -math.inf  # when the entry points were last listed
        self._key: object = None  # what they were
        self._parsers: dict[bool, Parser] = {}  # by strict

    def __call__(self) -> tuple[Site, ...]:
        return self.parser().sites

    def parser(self, *, strict: bool = False) -> Parser:
        """A `Parser` over the installed quirks."""
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
        """Forget the quirks: the next call loads them again."""
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


def plural(count: int, one: str, many: str = "") -> str:
    """``1 file``, ``2 files``: a count and its noun (``many`` when not just ``one`` + s)."""
    return f"{count} {one if count == 1 else many or one + 's'}"


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
    tally = args.tally = Tally()
    work = functools.partial(_tallied, func, where_of(args))
    with Progress("newsdump", quiet=args.quiet) as progress:
        for dump in named:
            for counted in _one_dump(work, dump, args):
                progress.update()
                if counted is None:
                    tally.left_out += 1
                    continue
                bad, unreadable, result = counted
                tally.files += 1
                tally.failed += bad
                tally.unreadable += unreadable
                yield dump, result


def _nonempty(dump: str, pattern: str) -> None:
    try:
        found = has_files(dump, pattern)
    except OSError as exc:
        raise UsageError(f"cannot read {dump}: {exc.strerror or exc}") from None
    except DumpError as exc:
        raise UsageError(f"cannot read {dump}: {exc.reason}") from None
    if not found:
        what = "no records" if dump.lower().endswith((".jsonl", ".ndjson")) else "no files"
        where = "" if what == "no records" else f" matching --pattern {pattern!r}"
        raise UsageError(f"{dump}: {what}{where}: nothing to read")


def _one_dump(func: Callable[[DumpEntry], R], dump: str, args: argparse.Namespace) -> Iterator[R]:
    try:
        found = map_dump(
            func,
            dump,
            workers=args.workers,
            pattern=args.pattern,
            sites=installed_sites(),
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
