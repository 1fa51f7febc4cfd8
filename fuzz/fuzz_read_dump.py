"""Fuzz `newsdump.read_dump` on archive bytes: every problem is an entry, nothing escapes.

The first byte picks what the rest is: raw bytes saved as ``.zip``, ``.tar``,
``.tar.gz``, ``.jsonl`` or ``.txt``, or a recipe (read with `FuzzedDataProvider`) for a
zip or a tar archive whose members' names, types, declared sizes and contents come from
the data: escaping names, links, devices, sizes that lie, bytes overwritten afterwards.

.venv/bin/python fuzz/fuzz_read_dump.py -max_total_time=600 -rss_limit_mb=2048 fuzz/corpus/read_dump
.venv/bin/python fuzz/fuzz_read_dump.py --seeds fuzz/corpus/read_dump   # write the seed corpus
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import sys
import tarfile
import tempfile
import warnings
import zipfile
from pathlib import Path

import atheris
from _harness import main, newsdump

from newsdump import DumpEntry, DumpError, ParseError

RAW_SUFFIXES = (".zip", ".tar", ".tar.gz", ".jsonl", ".txt")
BUILT = ("zip", "tar")
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None
HOSTILE_NAMES = (
    "../x.txt",
    "a/../../x.txt",
    "/abs.txt",
    "\\abs.txt",
    "C:\\x.txt",
    "C:x.txt",
    "a\\..\\x.txt",
    "nul\x00.txt",
    "",
    ".",
    "a/",
    "./a.txt",
    "ok.txt",
    "sub/ok.txt",
)
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
TAR_FORMATS = (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT)


def _same(data: bytes) -> bytes:
    return data


COMPRESSIONS = (_same, gzip.compress, bz2.compress, lzma.compress)
HUGE = (0, 1, 511, 512, 1 << 24, 1 << 32, (1 << 33) - 1, 1 << 40, 1 << 62)


def _name(fdp: atheris.FuzzedDataProvider) -> str:
    if fdp.ConsumeBool():
        return fdp.PickValueInList(list(HOSTILE_NAMES))
    return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))


def _zip_bytes(fdp: atheris.FuzzedDataProvider) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as archive:
        warnings.simplefilter("ignore")  # duplicate names are welcome
        for _ in range(fdp.ConsumeIntInRange(0, 6)):
            info = zipfile.ZipInfo(_name(fdp))
            info.compress_type = fdp.PickValueInList([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
            info.external_attr = fdp.ConsumeIntInRange(0, 0xFFFF) << 16
            archive.writestr(info, fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 4096)))
    return _overwrite(fdp, out.getvalue())


def _tar_bytes(fdp: atheris.FuzzedDataProvider) -> bytes:
    out = io.BytesIO()
    form = fdp.PickValueInList(list(TAR_FORMATS))
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        info = tarfile.TarInfo(_name(fdp))
        info.type = fdp.PickValueInList(list(TAR_TYPES))
        info.linkname = _name(fdp) if info.type in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
        data = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 4096))
        # The declared size may lie: a header is written as is, the data after it too.
        info.size = fdp.PickValueInList(list(HUGE)) if fdp.ConsumeBool() else len(data)
        try:
            out.write(info.tobuf(form, "utf-8", "surrogateescape"))
        except ValueError:  # a field this format cannot hold
            continue
        out.write(data + b"\0" * (-len(data) % 512))
    out.write(b"\0" * 1024 if fdp.ConsumeBool() else b"")
    raw = _overwrite(fdp, out.getvalue())
    compress = fdp.PickValueInList(list(COMPRESSIONS))
    return _overwrite(fdp, compress(raw)) if compress is not _same else raw


def _overwrite(fdp: atheris.FuzzedDataProvider, data: bytes) -> bytes:
    """A few bytes overwritten and maybe a cut: sizes, offsets and CRCs that lie."""
    buffer = bytearray(data)
    for _ in range(fdp.ConsumeIntInRange(0, 4) if buffer else 0):
        at = fdp.ConsumeIntInRange(0, len(buffer) - 1)
        chunk = fdp.ConsumeBytes(fdp.ConsumeIntInRange(1, 8))
        buffer[at : at + len(chunk)] = chunk
    if buffer and fdp.ConsumeBool():
        del buffer[fdp.ConsumeIntInRange(0, len(buffer)) :]
    return bytes(buffer)


def _input(data: bytes) -> tuple[str, bytes, bool]:
    """The file name, its bytes, and whether to parse strictly."""
    if not data:
        return "dump.txt", b"", False
    choice, strict, rest = data[0] & 0x7F, bool(data[0] & 0x80), data[1:]
    kinds = len(RAW_SUFFIXES) + len(BUILT)
    kind = choice % kinds
    if kind < len(RAW_SUFFIXES):
        return "dump" + RAW_SUFFIXES[kind], rest, strict
    fdp = atheris.FuzzedDataProvider(rest)
    if BUILT[kind - len(RAW_SUFFIXES)] == "zip":
        return fdp.PickValueInList(["dump.zip", "dump.bin"]), _zip_bytes(fdp), strict
    return fdp.PickValueInList(["dump.tar", "dump.tgz", "dump"]), _tar_bytes(fdp), strict


def _listing(root: str) -> set[str]:
    found = set()
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def _check_entry(entry: object) -> None:
    assert isinstance(entry, DumpEntry), entry
    assert isinstance(entry.name, str)
    assert (entry.article is None) != (entry.error is None), entry
    if entry.error is not None:
        assert isinstance(entry.error, DumpError | ParseError), entry.error
        assert entry.error.code, entry.error


def check(data: bytes) -> None:
    """One input: a file name, the bytes saved under it, read with `read_dump`."""
    name, content, strict = _input(data)
    with tempfile.TemporaryDirectory(dir=SCRATCH) as root:
        folder = os.path.join(root, "in")
        os.mkdir(folder)
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(content)
        # Read from inside the folder, so that a relative write (``../x``) lands in root.
        with contextlib.chdir(folder):
            try:
                entries = newsdump.read_dump(path, strict=strict)
            except (OSError, DumpError):  # the documented escapes, at the call only
                entries = iter(())
            for entry in entries:  # anything raised here is a crash
                _check_entry(entry)
        assert _listing(root) == {"in", os.path.join("in", name)}, _listing(root)


def write_seeds(folder: Path) -> None:
    """Small archives of the invented golden fixtures, one per raw suffix, for the corpus."""
    golden = Path(__file__).parent.parent / "tests" / "fixtures" / "golden"
    members = {p.name: p.read_bytes() for p in sorted(golden.glob("*.txt"))}
    folder.mkdir(parents=True, exist_ok=True)
    for kind, suffix in enumerate(RAW_SUFFIXES):
        for number, blob in enumerate(_seed_blobs(suffix, members)):
            (folder / f"seed-{suffix.strip('.')}-{number}").write_bytes(bytes([kind]) + blob)


def _seed_blobs(suffix: str, members: dict[str, bytes]) -> list[bytes]:
    import json

    if suffix == ".jsonl":
        lines = [json.dumps({"name": n, "text": t.decode()}) for n, t in members.items()]
        return ["\n".join(lines).encode()]
    if suffix == ".txt":
        return list(members.values())[:3]
    out = io.BytesIO()
    if suffix == ".zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in list(members.items())[:3]:
                archive.writestr(f"d/{name}", text)
        return [out.getvalue()]
    mode = "w:gz" if suffix == ".tar.gz" else "w"
    with tarfile.open(fileobj=out, mode=mode) as archive:
        for name, text in list(members.items())[:3]:
            info = tarfile.TarInfo(f"d/{name}")
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
    return [out.getvalue()]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seeds"]:
        write_seeds(Path(sys.argv[2]))
    else:
        main(check)
