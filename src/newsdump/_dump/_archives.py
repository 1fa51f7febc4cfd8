"""Members of zip and tar archives, read as streams: nothing is ever extracted to disk.

Member names that try to leave the archive (``../``, absolute paths, drive letters),
links, special files and sparse tar members are error entries and are never opened.
Sizes and expansion ratios are checked on the bytes actually decompressed (see
`Limits`), for each member and for the archive as a whole against its size on disk. A
damaged or truncated archive gives the members read before the damage, then one error
entry whose name is empty.
"""

from __future__ import annotations

import bz2
import fnmatch
import gzip
import lzma
import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, cast

from newsdump._dump._sources import Item, read_limited
from newsdump._limits import Limits
from newsdump._wording import plural
from newsdump.errors import DumpError

__all__ = ["COMPRESSED_MAGIC", "gives_entry", "iter_tar", "iter_zip", "unsafe_name"]


def _gunzip(stream: IO[bytes]) -> IO[bytes]:
    return cast("IO[bytes]", gzip.GzipFile(fileobj=stream, mode="rb"))


COMPRESSED_MAGIC: dict[bytes, Callable[[IO[bytes]], IO[bytes]]] = {
    b"\x1f\x8b": _gunzip,
    b"BZh": bz2.BZ2File,
    b"\xfd7zXZ\x00": lzma.LZMAFile,
}
_DRIVE = re.compile(r"[A-Za-z]:")
_PAST_END = 16
_S_IFMT = 0o170000
_S_IFLNK = 0o120000
# What a damaged archive or member makes the standard library raise while reading.
_DAMAGE = (
    zipfile.BadZipFile,
    tarfile.TarError,
    EOFError,
    IndexError,  # tarfile, on a GNU sparse header whose extension block is cut off
    OSError,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def unsafe_name(name: str) -> str | None:
    """Why a member name could escape the archive's root, or ``None`` when it is safe."""
    if not name:
        return "an empty name"  # the empty name stands for the dump as a whole
    if "\x00" in name:
        return "a NUL character in the name"
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")):
        return "an absolute path"
    if _DRIVE.match(name):
        return "a drive letter"
    if ".." in parts:
        return "a '..' component"
    return None


class _Counter:
    """A read-only stream that counts the bytes read from it, for expansion ratios."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data


class _Guard:
    """A decompressed stream that stops with a ``bomb`` error past the ratio limit.

    Damage in the compressed stream (a truncated file, bad data) ends the stream as if
    it were over and is kept in ``damage``: the tar reader then still hands out every
    member decompressed before it.
    """

    def __init__(self, stream: IO[bytes], counter: _Counter, limits: Limits) -> None:
        self.stream = stream
        self.counter = counter
        self.limits = limits
        self.produced = 0
        self.damage: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        if self.damage is not None:
            return b""
        try:
            # read1: one step of decompression at a time, so that nothing decompressed
            # before a damaged spot is lost with the exception.
            data: bytes = self.stream.read1(size)  # type: ignore[attr-defined]
        except _DAMAGE as exc:
            self.damage = exc
            return b""
        self.produced += len(data)
        if self.limits.is_bomb(self.produced, self.counter.count):
            ratio = self.produced // max(self.counter.count, 1)
            reason = f"the archive expands {ratio}x (max_ratio={self.limits.max_ratio:g})"
            raise DumpError(reason, code="bomb")
        return data


class _Budget:
    """The bytes an archive's members have handed out, against the archive's size on disk.

    Whatever the headers say, the members of an archive of ``size`` bytes cannot
    honestly add up to more than ``max_ratio`` times that: past it (and past
    ``ratio_floor``) the archive stops with a ``bomb`` error.
    """

    def __init__(self, size: int, limits: Limits) -> None:
        self.size = max(size, 1)
        self.limits = limits
        self.produced = 0

    def spend(self, count: int) -> None:
        self.produced += count
        if self.limits.is_bomb(self.produced, self.size):
            ratio = self.produced // self.size
            reason = (
                f"the members expand {ratio}x over the archive's {self.size} bytes "
                f"(max_ratio={self.limits.max_ratio:g})"
            )
            raise DumpError(reason, code="bomb")


class _Metered:
    """A member's stream whose reads are spent from the archive's `_Budget`."""

    def __init__(self, stream: IO[bytes], budget: _Budget) -> None:
        self.stream = stream
        self.budget = budget

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.budget.spend(len(data))
        return data


class _Ends:
    """A stream that raises `EOFError` once read well past its end.

    The standard tar reader skips a member by reading as many blocks as its header
    declares, without stopping at the end of the stream: a header that declares a
    terabyte would keep it reading nothing for hours. A well-formed archive asks for
    at most a couple of reads at its end; ``_PAST_END`` leaves room to spare.
    """

    def __init__(self, stream: object) -> None:
        self.read_stream = getattr(stream, "read")  # noqa: B009 (any object with read)
        self.empty = 0

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.read_stream(size)
        if not data:
            self.empty += 1
            if self.empty > _PAST_END:
                raise EOFError("the archive ends inside a member (its declared size is wrong)")
        return data


def iter_zip(path: Path, pattern: str, limits: Limits) -> Iterator[Item]:
    """The members of a zip archive whose base name matches ``pattern``, in archive order."""
    try:
        archive = zipfile.ZipFile(path)
    except _DAMAGE as exc:
        reason = f"cannot read the zip directory (damaged or truncated?): {exc}"
        yield "", DumpError(reason, code="corrupt-archive")
        return
    with archive:
        produced = 0
        size = max(path.stat().st_size, 1)
        for info in archive.infolist():
            item = _zip_member(archive, info, pattern, limits)
            if item is None:
                continue
            yield item
            if isinstance(item[1], bytes):
                produced += len(item[1])
                if limits.is_bomb(produced, size):
                    reason = f"the archive expands {produced // size}x (overlapping members?)"
                    yield "", DumpError(reason, code="bomb")
                    return


def gives_entry(info: zipfile.ZipInfo, pattern: str) -> bool:
    """Whether `iter_zip` gives an entry for this member: a file whose base name matches
    ``pattern``, or one it refuses (an unsafe name, a link, encrypted)."""
    return _zip_problem(info) is not None or _wanted(info.filename, pattern)


def _wanted(name: str, pattern: str) -> bool:
    # not info.is_dir(): it raises IndexError on an empty name
    return not name.endswith("/") and fnmatch.fnmatchcase(name.rsplit("/", 1)[-1], pattern)


def _zip_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: str, limits: Limits
) -> Item | None:
    name = info.filename
    problem = _zip_problem(info)
    if problem is not None:
        code, reason = problem
        return name, DumpError(reason, code=code, name=name)
    if not _wanted(name, pattern):
        return None
    if info.file_size > limits.max_bytes:
        reason = f"declares {info.file_size} bytes, more than max_bytes={limits.max_bytes}"
        return name, DumpError(reason, code="too-large", name=name)
    try:
        with archive.open(info) as member:
            return name, read_limited(member, name, limits, info.compress_size)
    except DumpError as exc:
        return name, exc
    except _DAMAGE as exc:
        return name, DumpError(f"{type(exc).__name__}: {exc}", code="corrupt-member", name=name)


def _zip_problem(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    reason = unsafe_name(info.filename)
    if reason is not None:
        return "unsafe-name", f"{reason} (not read)"
    if (info.external_attr >> 16) & _S_IFMT == _S_IFLNK:
        return "link", "a symbolic link (not followed)"
    if info.flag_bits & 0x1:
        return "encrypted", "an encrypted member (not read)"
    return None


def iter_tar(path: Path, pattern: str, limits: Limits) -> Iterator[Item]:
    """The members of a tar archive (plain, gzip, bzip2 or xz), in archive order, streamed."""
    with open(path, "rb") as raw:
        counter = _Counter(raw)
        budget = _Budget(os.fstat(raw.fileno()).st_size, limits)
        head = raw.read(6)
        raw.seek(0)
        opener = next((o for m, o in COMPRESSED_MAGIC.items() if head.startswith(m)), None)
        if opener is None:
            yield from _tar_members(counter, pattern, budget)
            return
        with opener(cast("IO[bytes]", counter)) as decompressed:
            guard = _Guard(decompressed, counter, limits)
            yield from _tar_members(guard, pattern, budget, guard)


def _tar_members(
    stream: object, pattern: str, budget: _Budget, guard: _Guard | None = None
) -> Iterator[Item]:
    count = 0
    damage: Exception | None = None
    try:
        ends = cast("IO[bytes]", _Ends(stream))
        with tarfile.open(fileobj=ends, mode="r|") as archive:
            while (info := archive.next()) is not None:
                archive.members.clear()  # type: ignore[attr-defined]  # else it keeps every header
                item = _tar_member(archive, info, pattern, budget)
                if item is not None:
                    count += 1
                    yield item
    except DumpError as exc:
        yield "", exc
        return
    except _DAMAGE as exc:
        damage = exc
    damage = (guard.damage if guard else None) or damage
    if damage is not None:
        where = f"after {plural(count, 'member')}" if count else "at the start"
        reason = f"damaged or truncated {where}: {type(damage).__name__}: {damage}"
        yield "", DumpError(reason, code="corrupt-archive")


def _tar_member(
    archive: tarfile.TarFile, info: tarfile.TarInfo, pattern: str, budget: _Budget
) -> Item | None:
    name = info.name
    reason = unsafe_name(name)
    if reason is not None:
        return name, DumpError(f"{reason} (not read)", code="unsafe-name", name=name)
    if info.issym() or info.islnk():
        return name, DumpError(
            f"a link to {info.linkname!r} (not followed)", code="link", name=name
        )
    if info.isdir() or not fnmatch.fnmatchcase(name.rsplit("/", 1)[-1], pattern):
        return None
    if not info.isfile():
        return name, DumpError("not a regular file", code="not-a-file", name=name)
    if _is_sparse(info):
        # The standard reader fills a sparse member's holes itself: a kilobyte member
        # may declare sixteen megabytes of holes, which no ratio guard would ever see.
        reason = f"a sparse member of {info.size} bytes with holes (not read)"
        return name, DumpError(reason, code="sparse", name=name)
    limits = budget.limits
    if info.size > limits.max_bytes:
        reason = f"declares {info.size} bytes, more than max_bytes={limits.max_bytes}"
        return name, DumpError(reason, code="too-large", name=name)
    member = archive.extractfile(info)
    assert member is not None  # a regular file always has data
    with member:
        return name, read_limited(_Metered(member, budget), name, limits)


def _is_sparse(info: tarfile.TarInfo) -> bool:
    """Whether a tar member has holes: a GNU sparse header, or pax ``GNU.sparse`` records."""
    return info.issparse() or info.type == tarfile.GNUTYPE_SPARSE
