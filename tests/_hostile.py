"""Hostile dumps: the pieces shared by the fuzz tests (``tests/test_fuzz_dump.py``,
``tests/test_dump_safety.py``) and the atheris harnesses (``fuzz/fuzz_read_dump*.py``,
which import this file by path, see ``fuzz/_harness.py``).

Standard library and newsdump only: no Hypothesis, no atheris. Each side draws its
choices its own way (Hypothesis strategies, a `FuzzedDataProvider`) from these tables,
builds the bytes with these functions, and reads them with `read_alone`.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import os
import shutil
import tarfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import newsdump
from newsdump import DumpEntry, DumpError, ParseError

__all__ = [
    "BLOCK",
    "COMPRESSIONS",
    "HOSTILE_NAMES",
    "HUGE_SIZES",
    "TAR_FORMATS",
    "TAR_TYPES",
    "TarFormat",
    "check_entry",
    "checksum",
    "listing",
    "octal",
    "overwritten",
    "padded",
    "read_alone",
    "same",
    "tar_header",
]

BLOCK = 512
"""A tar block."""

HOSTILE_NAMES = (
    "../x.txt",
    "a/../../x.txt",
    "/abs.txt",
    "\\abs.txt",
    "C:\\x.txt",
    "C:x.txt",
    "c:x.txt",
    "a\\..\\x.txt",
    "nul\x00.txt",
    "",
    ".",
    "a/",
    "./a.txt",
    "ok.txt",
    "sub/ok.txt",
)
"""Member names that escape the dump, name a drive or a folder, or hold a NUL; two safe."""

TAR_TYPES = (
    tarfile.REGTYPE,
    tarfile.AREGTYPE,
    tarfile.SYMTYPE,
    tarfile.LNKTYPE,
    tarfile.DIRTYPE,
    tarfile.FIFOTYPE,
    tarfile.CHRTYPE,
    tarfile.BLKTYPE,
    tarfile.CONTTYPE,
    tarfile.GNUTYPE_SPARSE,
)
"""Every kind of tar member: files, links, folders, devices, FIFOs, sparse files."""

TarFormat = Literal[0, 1, 2]  # tarfile's USTAR_FORMAT, GNU_FORMAT, PAX_FORMAT
TAR_FORMATS: tuple[TarFormat, ...] = (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT)

HUGE_SIZES = (0, 1, 511, 512, 1 << 24, 1 << 32, (1 << 33) - 1, 1 << 40, 1 << 62)
"""Sizes a tar header may declare, whatever follows it."""


def same(data: bytes) -> bytes:
    """No compression."""
    return data


COMPRESSIONS: tuple[Callable[[bytes], bytes], ...] = (
    same,
    gzip.compress,
    bz2.compress,
    lzma.compress,
)


def octal(number: int, width: int) -> bytes:
    """A tar header's number field: ``width - 1`` octal digits and a NUL."""
    return b"%0*o\0" % (width - 1, number)


def checksum(header: bytearray) -> bytes:
    """A tar header block with its checksum field set to what its bytes add up to."""
    header[148:156] = b" " * 8
    header[148:156] = b"%06o\0 " % sum(header)
    return bytes(header)


def padded(data: bytes) -> bytes:
    """``data`` followed by NULs up to a whole tar block."""
    return data + b"\0" * (-len(data) % BLOCK)


def tar_header(info: tarfile.TarInfo, form: TarFormat) -> bytes:
    """The header block(s) for ``info`` (raw bytes kept), or nothing when ``form``
    cannot hold its name or size."""
    try:
        return info.tobuf(form, "utf-8", "surrogateescape")
    except ValueError:
        return b""


def overwritten(data: bytes, patches: Iterable[tuple[int, bytes]], cut: int | None) -> bytes:
    """``data`` with each ``(offset, bytes)`` patch written over it, then cut at ``cut``:
    sizes, offsets and checksums that lie."""
    buffer = bytearray(data)
    for at, chunk in patches:
        buffer[at : at + len(chunk)] = chunk
    if cut is not None:
        del buffer[cut:]
    return bytes(buffer)


def listing(root: str) -> set[str]:
    """Every path under ``root``, relative to it."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def check_entry(entry: object) -> None:
    """A well-formed entry: a name, and exactly one of an article and an error with a code."""
    assert isinstance(entry, DumpEntry), entry
    assert isinstance(entry.name, str)
    assert (entry.article is None) != (entry.error is None), entry
    if entry.error is not None:
        assert isinstance(entry.error, DumpError | ParseError), entry.error
        assert entry.error.code, entry.error


def read_alone(root: str, name: str, content: bytes, **options: Any) -> list[DumpEntry]:
    """``content`` saved as ``root/in/NAME`` and read with `newsdump.read_dump`.

    It is read from inside ``root/in``, so that a relative write (``../x``) lands in
    ``root``, whose listing must stay the input file alone. `read_dump` may raise only
    `OSError` or `DumpError`, and only at the call (then there are no entries); every
    entry must be well-formed (`check_entry`). ``root`` is left holding an empty ``in``
    folder, for the next input.
    """
    folder = os.path.join(root, "in")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    Path(path).write_bytes(content)
    try:
        with contextlib.chdir(folder):
            try:
                entries = newsdump.read_dump(path, **options)
            except (OSError, DumpError):  # the documented escapes, at the call only
                return []
            read = list(entries)  # anything raised here is a crash
        assert listing(root) == {"in", os.path.join("in", name)}, listing(root)
    finally:
        for left in os.listdir(root):
            shutil.rmtree(os.path.join(root, left), ignore_errors=True)
        os.mkdir(folder)
    for entry in read:
        check_entry(entry)
    return read
