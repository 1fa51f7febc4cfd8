"""Fuzz `newsdump.read_dump` on archive bytes: every problem is an entry, nothing escapes.

The first byte picks what the rest is: raw bytes saved as ``.zip``, ``.tar``,
``.tar.gz``, ``.jsonl`` or ``.txt``, or a recipe (read with `FuzzedDataProvider`) for a
zip or a tar archive whose members' names, types, declared sizes and contents come from
the data: escaping names, links, devices, sizes that lie, bytes overwritten afterwards.

.venv/bin/python fuzz/fuzz_read_dump.py -max_total_time=600 -rss_limit_mb=2048 fuzz/corpus/read_dump
.venv/bin/python fuzz/fuzz_read_dump.py --seeds fuzz/corpus/read_dump   # write the seed corpus
"""

from __future__ import annotations

import io
import os
import sys
import tarfile
import tempfile
import warnings
import zipfile
from pathlib import Path

import atheris
from _harness import main

from _hostile import (  # tests/_hostile.py, on the path by _harness
    BLOCK,
    COMPRESSIONS,
    HOSTILE_NAMES,
    HUGE_SIZES,
    TAR_FORMATS,
    TAR_TYPES,
    overwritten,
    padded,
    read_alone,
    same,
    tar_header,
)

RAW_SUFFIXES = (".zip", ".tar", ".tar.gz", ".jsonl", ".txt")
BUILT = ("zip", "tar")
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None


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
    return overwrite(fdp, out.getvalue())


def _tar_bytes(fdp: atheris.FuzzedDataProvider) -> bytes:
    out = io.BytesIO()
    form = fdp.PickValueInList(list(TAR_FORMATS))
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        info = tarfile.TarInfo(_name(fdp))
        info.type = fdp.PickValueInList(list(TAR_TYPES))
        info.linkname = _name(fdp) if info.type in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
        data = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 4096))
        # The declared size may lie: a header is written as is, the data after it too.
        info.size = fdp.PickValueInList(list(HUGE_SIZES)) if fdp.ConsumeBool() else len(data)
        header = tar_header(info, form)
        if header:  # else a field this format cannot hold
            out.write(header + padded(data))
    out.write(b"\0" * (2 * BLOCK) if fdp.ConsumeBool() else b"")
    raw = overwrite(fdp, out.getvalue())
    compress = fdp.PickValueInList(list(COMPRESSIONS))
    return overwrite(fdp, compress(raw)) if compress is not same else raw


def overwrite(fdp: atheris.FuzzedDataProvider, data: bytes) -> bytes:
    """A few bytes overwritten and maybe a cut: sizes, offsets and CRCs that lie."""
    patches = [
        (fdp.ConsumeIntInRange(0, len(data) - 1), fdp.ConsumeBytes(fdp.ConsumeIntInRange(1, 8)))
        for _ in range(fdp.ConsumeIntInRange(0, 4) if data else 0)
    ]
    cut = fdp.ConsumeIntInRange(0, len(data)) if data and fdp.ConsumeBool() else None
    return overwritten(data, patches, cut)


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


def check(data: bytes) -> None:
    """One input: a file name, the bytes saved under it, read with `read_dump`."""
    name, content, strict = _input(data)
    with tempfile.TemporaryDirectory(dir=SCRATCH) as root:
        read_alone(root, name, content, strict=strict)


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
