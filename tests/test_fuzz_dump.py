"""Fuzz properties of ``read_dump``: any dump bytes give entries, never an escape.

Inputs: random bytes saved under archive, JSON Lines and plain names, and small zip
and tar archives (plain or compressed) with hostile member names, types and declared
sizes, then overwritten and cut at random byte positions. Properties: ``read_dump``
raises only `OSError` or `DumpError` at the call; iterating raises nothing; every
entry has exactly one of ``article`` and ``error``; nothing is written next to the
input. Each property runs the ``fuzz`` profile's examples (conftest.py): 5,000 in CI.
The regressions at the end are invented, minimised forms of what
``fuzz/fuzz_read_dump.py`` found.
"""

from __future__ import annotations

import io
import os
import tarfile
import tempfile
import warnings
import zipfile
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _dumps import article_text
from _hostile import (
    BLOCK,
    COMPRESSIONS,
    HOSTILE_NAMES,
    HUGE_SIZES,
    TAR_FORMATS,
    TAR_TYPES,
    checksum,
    overwritten,
    padded,
    read_alone,
    same,
    tar_header,
)
from newsdump import DumpEntry

FUZZ = settings.get_profile("fuzz")  # registered in conftest.py

SHM = "/dev/shm" if os.path.isdir("/dev/shm") else None
SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".jsonl", ".txt", "")

names = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(max_size=20))
contents = st.one_of(
    st.binary(max_size=300),
    st.integers(0, 50).map(lambda n: article_text(n).encode()),
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[str]:
    """A folder for the inputs, on ``/dev/shm`` when there is one (rmdir on disk is slow)."""
    with tempfile.TemporaryDirectory(dir=SHM) as root:
        yield root


def check_dump(root: str, data: bytes, suffix: str, *, strict: bool = False) -> list[DumpEntry]:
    """``data`` saved as ``dump<suffix>`` reads into well-formed entries, writes nothing."""
    return read_alone(root, "dump" + suffix, data, strict=strict)


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes overwritten and maybe cut at a random position."""
    patches = [
        (draw(st.integers(0, len(data) - 1)), draw(st.binary(min_size=1, max_size=8)))
        for _ in range(draw(st.integers(0, 3)) if data else 0)
    ]
    cut = draw(st.integers(0, len(data))) if data and draw(st.booleans()) else None
    return overwritten(data, patches, cut)


@st.composite
def zip_archives(draw: st.DrawFn) -> bytes:
    """A small zip with hostile names, link and other mode bits, stored or deflated."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as archive:
        warnings.simplefilter("ignore")  # duplicate names are welcome
        for _ in range(draw(st.integers(0, 4))):
            info = zipfile.ZipInfo(draw(names))
            info.compress_type = draw(st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)))
            info.external_attr = draw(st.integers(0, 0xFFFF)) << 16
            archive.writestr(info, draw(contents))
    return draw(damaged(out.getvalue()))


@st.composite
def tar_archives(draw: st.DrawFn) -> bytes:
    """A small tar with hostile names, links, devices and declared sizes that lie."""
    out = io.BytesIO()
    form = draw(st.sampled_from(TAR_FORMATS))
    for _ in range(draw(st.integers(0, 4))):
        info = tarfile.TarInfo(draw(names))
        info.type = draw(st.sampled_from(TAR_TYPES))
        info.linkname = draw(names) if info.type in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
        data = draw(contents)
        info.size = draw(st.sampled_from(HUGE_SIZES)) if draw(st.booleans()) else len(data)
        out.write(tar_header(info, form) + padded(data))
    out.write(b"\0" * (2 * BLOCK) if draw(st.booleans()) else b"")
    raw = draw(damaged(out.getvalue()))
    compress = draw(st.sampled_from(COMPRESSIONS))
    return raw if compress is same else draw(damaged(compress(raw)))


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES), st.booleans())
def test_random_bytes_under_any_name(scratch: str, data: bytes, suffix: str, strict: bool) -> None:
    """Random bytes read as any kind of dump give well-formed entries or a call error."""
    check_dump(scratch, data, suffix, strict=strict)


@FUZZ
@given(zip_archives(), st.sampled_from((".zip", ".bin")))
def test_hostile_zip_archives(scratch: str, data: bytes, suffix: str) -> None:
    """Hostile, damaged zip archives give well-formed entries and write nothing."""
    check_dump(scratch, data, suffix)


@FUZZ
@given(tar_archives(), st.sampled_from((".tar", ".tgz", "")))
def test_hostile_tar_archives(scratch: str, data: bytes, suffix: str) -> None:
    """Hostile, damaged tar archives (any compression) give well-formed entries."""
    check_dump(scratch, data, suffix)


# Regressions found by fuzz/fuzz_read_dump.py (invented, minimised inputs).


def test_zip_member_with_an_empty_name_is_unsafe(scratch: str) -> None:
    """A zip member named '' is an unsafe-name entry (ZipInfo.is_dir raised IndexError)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo(""), b"x")
        archive.writestr("ok.txt", article_text(1))
    entries = check_dump(scratch, out.getvalue(), ".zip")
    assert [(e.name, getattr(e.error, "code", None)) for e in entries] == [
        ("", "unsafe-name"),
        ("ok.txt", None),
    ]


def test_tar_member_declaring_a_terabyte_ends_the_archive(scratch: str) -> None:
    """A tar header declaring far more data than follows is a damaged archive, not a hang.

    The standard tar reader skipped such a member by reading the declared size block
    by block past the end of the stream: 2**40 bytes took hours.
    """
    good = tarfile.TarInfo("a.txt")
    text = article_text(2).encode()
    good.size = len(text)
    liar = tarfile.TarInfo("b.bin")  # not *.txt: skipped, so the reader seeks past it
    liar.size = 1 << 40
    data = good.tobuf() + padded(text) + liar.tobuf() + b"tiny"
    for compress in COMPRESSIONS:
        entries = check_dump(scratch, compress(data), ".tar")
        assert [(e.name, getattr(e.error, "code", None)) for e in entries] == [
            ("a.txt", None),
            ("", "corrupt-archive"),
        ]
        assert entries[1].error is not None
        assert "declared size" in str(entries[1].error)


def test_tar_sparse_header_cut_before_its_extension_is_damage(scratch: str) -> None:
    """A GNU sparse header announcing an extension block that the archive lacks ends
    the archive with a corrupt-archive entry (tarfile raised IndexError from ``nti``).

    Found by fuzz/fuzz_read_dump_tar_jsonl.py.
    """
    good = tarfile.TarInfo("a.txt")
    text = article_text(2).encode()
    good.size = len(text)
    sparse = tarfile.TarInfo("holes.txt")
    sparse.type = tarfile.GNUTYPE_SPARSE
    header = bytearray(sparse.tobuf(tarfile.GNU_FORMAT))
    header[482] = 1  # "an extension block follows": none does
    data = good.tobuf() + padded(text) + checksum(header)
    for compress in COMPRESSIONS:
        entries = check_dump(scratch, compress(data), ".tar")
        assert [(e.name, getattr(e.error, "code", None)) for e in entries] == [
            ("a.txt", None),
            ("", "corrupt-archive"),
        ]
