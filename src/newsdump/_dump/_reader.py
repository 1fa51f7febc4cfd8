"""`read_dump` and `map_dump`: every file of a dump, in order; a bad file never stops the run."""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
from attrs import frozen

from newsdump._api import Parser, checked_language
from newsdump._deprecated import warn_deprecated
from newsdump._dump._archives import COMPRESSED_MAGIC, iter_tar, iter_zip
from newsdump._dump._pool import cpu_count, ordered_map
from newsdump._dump._sources import Item, Payload, Record, iter_folder, iter_jsonl, read_path
from newsdump._export.dicts import from_dict
from newsdump._limits import DEFAULT_LIMITS, LINE_BREAK, Limits
from newsdump._model.flat import flatten, unflatten
from newsdump.errors import Diagnostic, DumpError, NewsdumpError, ParseError, Severity
from newsdump.model import Article
from newsdump.sites._registry import SiteLike

__all__ = [
    "DumpEntry",
    "has_files",
    "kind_of",
    "map_dump",
    "read_dump",
    "read_member",
    "with_max_bytes",
]

R = TypeVar("R")
StrPath = str | os.PathLike[str]
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".gz", ".bz2", ".xz")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_CALLS = itertools.count()  # the read_dump calls of this process, for `_Options.key`


@frozen
class DumpEntry:
    """One file of a dump: its name and either its article or the error that stands for it.

    Attributes:
        name: the file's path inside the dump, ``/``-separated (for a folder, relative to
            it; for JSON Lines, the record's ``name`` or ``#`` and the line number). Empty
            for an error about the dump as a whole, such as a truncated archive.
        article: the parsed article, or ``None`` when the file could not be read.
        error: the `NewsdumpError` for the file (a `DumpError`, or a `ParseError` for bad
            encoding or, with ``strict=True``, a format problem), or ``None``.
    """

    name: str
    article: Article | None
    error: NewsdumpError | None = None

    def __reduce__(self) -> tuple[object, ...]:
        # Entries travel back from worker processes by the thousand: see `Article`.
        return DumpEntry, (self.name, self.article, self.error)

    @property
    def ok(self) -> bool:
        """Whether the file gave an article."""
        return self.error is None

    def unwrap(self) -> Article:
        """The article, or raise the file's error: the way to stop at the first bad file.

        Raises:
            NewsdumpError: the error recorded for this file.
        """
        if self.error is not None:
            raise self.error
        assert self.article is not None
        return self.article


@frozen
class _Options:
    """What a worker needs to turn an item into an entry (pickled once per batch)."""

    strict: bool
    limits: Limits
    sites: tuple[SiteLike, ...] | None = None
    root: str = ""  # a folder dump's path: its files' items carry only their names
    # Names this call's `Parser` in every process: options arrive pickled with each batch,
    # and building the site registry anew for each file (or batch) cost as much as
    # parsing (2.3x the time of sites=None, benchmarks/bench_dump_sites.py).
    key: str = attrs.field(factory=lambda: f"{os.getpid()}.{next(_CALLS)}")
    where: Callable[[Article], bool] | None = None
    now: dt.datetime | None = None  # the reference time of relative datelines
    language: str | None = None  # of datelines whose site names none

    def __reduce__(self) -> tuple[object, ...]:
        # The default limits arrive as the worker's own `DEFAULT_LIMITS` object, not an
        # equal copy: the parser makes every block anew for limits that are not it.
        limits = None if self.limits is DEFAULT_LIMITS else self.limits
        fields = (
            self.strict, limits, self.sites, self.root, self.key, self.where, self.now,
            self.language,
        )  # fmt: skip
        return _options, fields


def _options(
    strict: bool,
    limits: Limits | None,
    sites: tuple[SiteLike, ...] | None,
    root: str,
    key: str,
    where: Callable[[Article], bool] | None,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> _Options:
    """Unpickle `_Options`."""
    limits = DEFAULT_LIMITS if limits is None else limits
    return _Options(strict, limits, sites, root, key, where, now, language)


_PARSERS: dict[str, Parser] = {}  # by `_Options.key`: the last few calls' parsers


def _parser(options: _Options) -> Parser:
    """The `Parser` of a `read_dump` call, built once in each process that parses for it."""
    parser = _PARSERS.get(options.key)
    if parser is None:
        if len(_PARSERS) >= 8:  # calls that ended (or interleave): keep memory bounded
            _PARSERS.clear()
        parser = Parser(
            options.sites,
            strict=options.strict,
            limits=options.limits,
            now=options.now,
            language=options.language,
        )
        _PARSERS[options.key] = parser
    return parser


def read_dump(
    source: StrPath,
    *,
    strict: bool = False,
    workers: int = 1,
    sites: Iterable[SiteLike] | None = None,
    pattern: str = "*.txt",
    max_bytes: int | None = None,
    limits: Limits | None = None,
    now: dt.datetime | None = None,
    where: Callable[[Article], bool] | None = None,
    language: str | None = None,
) -> Iterator[DumpEntry]:
    """Every file of a dump, parsed, in a deterministic order, one `DumpEntry` each.

    A dump is a folder (read recursively), a zip archive, a tar archive (plain, gzip,
    bzip2 or xz), a JSON Lines file (``.jsonl`` or ``.ndjson``, one file's text per line)
    or a single dump file. Archives are told by their first bytes, not their names.
    Members are read as streams and never extracted; memory stays flat as dumps grow.

    A bad file never stops the run: it becomes an entry whose ``error`` says what went
    wrong. Call ``entry.unwrap()`` to raise it instead.

    Args:
        source: the dump's path.
        strict: parse each file strictly; a format problem is then the entry's error.
        workers: processes that parse (1: this process; 0: one per core). Order and
            per-file isolation are the same for any number.
        sites: the sites to parse with, as for `newsdump.loads` (default: the
            built-in ones).
        pattern: the file names to read (``fnmatch`` on the base name; not for JSON Lines).
        max_bytes: deprecated (it warns): pass ``limits=Limits(max_bytes=...)``.
        limits: size, ratio and count limits (see `Limits`).
        now: the reference time of relative datelines (``2 hours ago``), as for
            `newsdump.loads`; without it they are kept in ``date_text`` with a
            ``relative-date`` warning.
        where: keep only the articles for which this is true, such as a
            `newsdump.where` filter; entries with an error (no article) are always kept.
            Called where the file is parsed: with ``workers`` it must pickle.
        language: the language of datelines whose site names none, as for
            `newsdump.loads` (it settles numeric dates such as ``03/04/2023``).

    Returns:
        An iterator of entries: folders in name order (depth first), archives in member
        order, JSON Lines in line order.

    Raises:
        OSError: the dump itself is missing or cannot be opened (raised at once).
        DumpError: the name says archive but the bytes are not one (``corrupt-archive``).
        ValueError: ``language`` is not one the dateline reader knows.
    """
    return map_dump(
        _identity,
        source,
        strict=strict,
        workers=workers,
        sites=sites,
        pattern=pattern,
        limits=with_max_bytes(limits, max_bytes, "read_dump"),
        now=now,
        where=where,
        language=language,
    )


def map_dump(
    func: Callable[[DumpEntry], R],
    source: StrPath,
    *,
    strict: bool = False,
    workers: int = 1,
    sites: Iterable[SiteLike] | None = None,
    pattern: str = "*.txt",
    max_bytes: int | None = None,
    limits: Limits | None = None,
    now: dt.datetime | None = None,
    where: Callable[[Article], bool] | None = None,
    language: str | None = None,
) -> Iterator[R]:
    """``func(entry)`` for every entry of `read_dump`, computed where the file is parsed.

    With ``workers`` above one, ``func`` runs in the worker processes and only its
    results travel back: return something small (a record, a count), not the article,
    to make the most of the cores. ``func`` must be a module-level function, and a
    script that uses workers needs the usual ``if __name__ == "__main__":`` guard.
    The arguments are those of `read_dump`; ``func`` is not called for an entry that
    ``where`` leaves out.
    """
    path = Path(os.fspath(source))
    kind = _kind(path)
    limits = with_max_bytes(limits, max_bytes, "map_dump")
    if limits == DEFAULT_LIMITS:
        # The parser gives every block the limits it was called with, and makes each
        # block anew for limits that are not the default object: equal limits are
        # that object, so that nothing is made twice and blocks pickle small.
        limits = DEFAULT_LIMITS
    # Absolute (not normalised): workers may not share this process's working folder.
    root = os.path.join(os.getcwd(), path) if kind == "folder" else ""
    chosen = None if sites is None else tuple(sites)
    language = checked_language(language)  # raised here, not in every worker
    options = _Options(strict, limits, chosen, root, where=where, now=now, language=language)
    items = _capped(_items(kind, path, pattern, limits), limits.max_members)
    count = cpu_count() if workers == 0 else workers
    if count < 0:
        raise ValueError(f"workers must be 0 or more, not {workers}")
    if count <= 1:
        return _here(func, options, items)
    work = functools.partial(_work, func, options)
    if func is _identity:  # articles travel back: as flat tuples, rebuilt on arrival
        return ordered_map(work, items, count, size=_weight, pack=_pack, unpack=_unpack)  # type: ignore[arg-type]
    return ordered_map(work, items, count, size=_weight)


def with_max_bytes(limits: Limits | None, max_bytes: int | None, caller: str) -> Limits:
    """``limits`` (or the defaults) with the deprecated ``max_bytes=`` keyword of
    ``caller`` folded in; it warns, pointing at the line that called ``caller``."""
    limits = limits or Limits()
    if max_bytes is None:
        return limits
    warn_deprecated(
        f"{caller}(max_bytes=...)", f"{caller}(limits=Limits(max_bytes=...))", stacklevel=3
    )
    return attrs.evolve(limits, max_bytes=max_bytes)


def _identity(entry: DumpEntry) -> DumpEntry:
    return entry


def _pack(entry: DumpEntry) -> object:
    """What travels back from a worker for an entry: its name and its flat article."""
    if entry.error is None and entry.article is not None and type(entry) is DumpEntry:
        flat = flatten(entry.article)
        if flat is not None:
            return entry.name, flat
    return entry


def _unpack(packed: object) -> DumpEntry:
    """The entry `_pack` gave ``packed`` for."""
    if isinstance(packed, DumpEntry):
        return packed
    name, flat = cast("tuple[str, tuple[Any, ...]]", packed)
    return DumpEntry(name, unflatten(*flat))


def _here(func: Callable[[DumpEntry], R], options: _Options, items: Iterable[Item]) -> Iterator[R]:
    for name, payload in items:
        entry = _entry(name, payload, options)
        if _kept(entry, options):
            yield func(entry)


def _work(func: Callable[[DumpEntry], R], options: _Options, batch: list[Item]) -> list[R]:
    entries = (_entry(name, payload, options) for name, payload in batch)
    return [func(entry) for entry in entries if _kept(entry, options)]


def _kept(entry: DumpEntry, options: _Options) -> bool:
    """Whether ``where`` keeps the entry: an entry without an article is always kept."""
    return options.where is None or entry.article is None or options.where(entry.article)


def _weight(item: Item) -> int:
    payload = item[1]
    if isinstance(payload, Record):
        return len(str(payload.get("text", ""))) + 256
    return len(payload) if isinstance(payload, bytes | str) else 256


def read_member(
    source: StrPath,
    name: str,
    *,
    strict: bool = False,
    sites: Iterable[SiteLike] | None = None,
) -> DumpEntry | None:
    """The entry of the file named ``name`` in a dump (its first, if the name repeats).

    Only that file is parsed: the others are passed over as they are listed (an
    archive's member by its base name; a JSON Lines record by its name or ``#`` and its
    line number). ``None`` when the dump has no such file.

    Raises:
        OSError, DumpError: as `read_dump` does for the dump itself.
    """
    path = Path(os.fspath(source))
    kind = _kind(path)
    base = name.rsplit("/", 1)[-1]
    pattern = "".join(f"[{c}]" if c in "*?[" else c for c in base)  # fnmatch, escaped
    items = _items(kind, path, pattern, DEFAULT_LIMITS)
    try:
        for found, payload in items:
            if found == name:
                chosen = None if sites is None else tuple(sites)
                return _entry(found, payload, _Options(strict, DEFAULT_LIMITS, chosen))
    finally:
        getattr(items, "close", lambda: None)()
    return None


def kind_of(source: StrPath) -> str:
    """What a path is to the reader: ``folder``, ``zip``, ``tar``, ``jsonl`` or ``file``.

    A file whose name says archive but whose bytes are not one is a ``file``.

    Raises:
        OSError: the path cannot be read.
    """
    try:
        return _kind(Path(os.fspath(source)))
    except DumpError:
        return "file"


def has_files(source: StrPath, pattern: str = "*.txt") -> bool:
    """Whether a dump holds any file (or JSON line) to read: a quick look, nothing parsed.

    An error entry (an unreadable folder, a damaged archive) counts as a file.

    Raises:
        OSError, DumpError: as `read_dump` does for the dump itself.
    """
    path = Path(os.fspath(source))
    kind = _kind(path)
    items = _items(kind, path, pattern, DEFAULT_LIMITS)
    try:
        return next(items, None) is not None
    finally:
        getattr(items, "close", lambda: None)()


def _kind(path: Path) -> str:
    """What kind of dump ``path`` is; raises OSError for a missing or unreadable one."""
    if path.is_dir():
        with os.scandir(path):  # raises PermissionError now, not later
            return "folder"
    with open(path, "rb") as handle:
        head = handle.read(512)
    lower = path.name.lower()
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(tuple(COMPRESSED_MAGIC)) or head[257:262] == b"ustar":
        return "tar"
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(_ARCHIVE_SUFFIXES):
        raise DumpError(f"{path} is not a zip or tar archive", code="corrupt-archive")
    return "file"


def _items(kind: str, path: Path, pattern: str, limits: Limits) -> Iterator[Item]:
    if kind == "folder":
        return iter_folder(path, pattern)
    if kind == "zip":
        return iter_zip(path, pattern, limits)
    if kind == "tar":
        return iter_tar(path, pattern, limits)
    if kind == "jsonl":
        return iter_jsonl(path, limits)
    return iter([(path.name, path)])


def _capped(items: Iterator[Item], most: int) -> Iterator[Item]:
    for count, item in enumerate(items):
        if count >= most:
            reason = f"more than max_members={most} entries; the rest was not read"
            yield "", DumpError(reason, code="too-large")
            return
        yield item


def _entry(name: str, payload: Payload, options: _Options) -> DumpEntry:
    """Parse one item; any error becomes the entry's error."""
    try:
        if isinstance(payload, NewsdumpError):
            return DumpEntry(name, None, payload)
        if payload is None:  # a folder's file, read here (in the worker)
            payload = read_path(os.path.join(options.root, name), name, options.limits)
        elif isinstance(payload, Path):
            payload = read_path(payload, name, options.limits)
        article = _parse(name, payload, options)
    except NewsdumpError as exc:
        return DumpEntry(name, None, exc)
    # Bytes are decoded strictly, so only a name or a JSON line's text holds a surrogate.
    text = payload if isinstance(payload, str) else ""
    found = _lone_surrogate(name, text)
    if found is None:
        return DumpEntry(name, article)
    if options.strict:
        return DumpEntry(name, None, ParseError.from_diagnostic(found, source=name))
    diagnostics = (*article.diagnostics, found)
    return DumpEntry(name, attrs.evolve(article, diagnostics=diagnostics))


def _lone_surrogate(name: str, text: str) -> Diagnostic | None:
    """The warning for a lone surrogate in a file's name or text, which UTF-8 cannot hold.

    A name read from a folder or a tar archive that is not UTF-8 keeps its bytes as
    lone surrogates (``surrogateescape``, as `os.listdir` does), and a JSON line may
    spell one (``\\ud800``). Both are kept as they are, and marked with this warning so
    that whoever writes them out knows to escape them.
    """
    at = _first_surrogate(name)
    if at is not None:
        reason = (
            f"the file's name holds a lone surrogate {_code_point(name[at])} at character"
            f" {at + 1} (a name that is not UTF-8, or a JSON escape): kept as it is"
        )
        return Diagnostic("lone-surrogate", reason, 1, 1, Severity.WARNING)
    at = _first_surrogate(text)
    if at is None:
        return None
    start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    line = len(LINE_BREAK.findall(text, 0, start)) + 1
    reason = f"a lone surrogate {_code_point(text[at])}, which UTF-8 cannot hold: kept as it is"
    return Diagnostic("lone-surrogate", reason, line, at - start + 1, Severity.WARNING)


def _first_surrogate(text: str) -> int | None:
    if text.isascii():  # the common case, checked in C without a copy
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _parse(name: str, payload: bytes | str | Record, options: _Options) -> Article:
    if isinstance(payload, Record):  # a JSON line newsdump export wrote: its fields
        try:
            return from_dict(payload)
        except ParseError as exc:
            raise exc.with_source(name) from None
    parser = _parser(options)
    if isinstance(payload, str):
        return parser.loads(payload, source=name)
    stream = io.BytesIO(payload)
    stream.name = name
    return parser.load(stream)
