"""Fuzz `newsdump.read_dump` on tar archives and JSON Lines built from recipes.

Where ``fuzz_read_dump.py`` mostly feeds damaged bytes, this harness builds the hostile
shapes of issue 16 from the data, so that the fuzzer spends its time past the headers:

* tar (plain, gzip, bzip2, xz): ordinary members, GNU sparse members (with extension
  blocks), pax sparse members in the formats 0.0, 0.1 and 1.0, whose maps, declared
  sizes and real sizes come from the data; member names made of arbitrary bytes (not
  UTF-8) and folders nested deep; then bytes overwritten and the archive cut.
* JSON Lines: records as strings or objects, with ``\\ud800``-style escapes, arrays
  nested up to 200,000 deep, names that are not strings, non-UTF-8 bytes, CR line
  endings, lines longer than ``max_bytes``.

Properties, besides those of ``fuzz_read_dump.py`` (only `OSError` or `DumpError` at
the call, nothing while iterating, one of ``article`` and ``error``, nothing written):

* the members parsed from a tar add up to at most ``max_ratio`` times the archive's
  size on disk (past ``ratio_floor``, plus one read), and a sparse member is never parsed;
* a JSON Lines file gives exactly one entry per line that is not blank or is too long;
* a name or article that UTF-8 cannot hold is marked with a ``lone-surrogate`` warning,
  and every article can be written back and turned into a JSON record.

.venv/bin/python fuzz/fuzz_read_dump_tar_jsonl.py --seeds fuzz/corpus/read_dump_tar_jsonl
.venv/bin/python fuzz/fuzz_read_dump_tar_jsonl.py -max_total_time=600 -rss_limit_mb=2048 \\
    -timeout=60 fuzz/corpus/read_dump_tar_jsonl
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random
import sys
import tarfile
import tempfile
from pathlib import Path

import atheris
from _harness import main, newsdump
from fuzz_read_dump import SCRATCH, overwrite

from _hostile import BLOCK, checksum, octal, padded, read_alone, tar_header
from newsdump import DumpEntry, Limits

NAMES = ("a.txt", "sub/b.txt", "../up.txt", "c.bin", "", "dir/")
LIMITS = (
    Limits(),
    Limits(max_bytes=4096, max_ratio=4, ratio_floor=8192),
    Limits(max_bytes=200, max_ratio=1, ratio_floor=0),
)
COMPRESSIONS = (None, gzip.compress, bz2.compress, lzma.compress)
ARTICLE = (
    "\n\n# A headline that was invented\n\nBy [Ann Lee](#)\n\nPublished: July 16, 2023\n\n"
    "A first paragraph, with *emphasis*.\n\n> A quote.\n\nOriginal url:\n\n"
    "<https://news.example/a>\n"
)


def _text(fdp: atheris.FuzzedDataProvider) -> bytes:
    if fdp.ConsumeBool():
        return ARTICLE.encode() * fdp.ConsumeIntInRange(1, 4)
    return fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 2048))


def _name(fdp: atheris.FuzzedDataProvider) -> str:
    """A member name: a usual one, raw bytes (maybe not UTF-8), or folders nested deep."""
    choice = fdp.ConsumeIntInRange(0, 3)
    if choice == 0:
        return fdp.PickValueInList(list(NAMES))
    if choice == 1:
        return fdp.ConsumeBytes(fdp.ConsumeIntInRange(1, 60)).decode("utf-8", "surrogateescape")
    if choice == 2:
        return "d/" * fdp.ConsumeIntInRange(1, 2000) + "x.txt"
    return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(1, 30))


def _plain(fdp: atheris.FuzzedDataProvider, name: str) -> bytes:
    data = _text(fdp)
    info = tarfile.TarInfo(name)
    info.size = len(data)
    form = fdp.PickValueInList([tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
    header = tar_header(info, form)
    return header + padded(data) if header else b""


def _gnu_sparse(fdp: atheris.FuzzedDataProvider, name: str) -> bytes:
    """An old-GNU sparse member: up to four maps in the header, more in extensions."""
    data = _text(fdp)
    info = tarfile.TarInfo(name)
    info.type = tarfile.GNUTYPE_SPARSE
    info.size = len(data)
    header = bytearray(tar_header(info, tarfile.GNU_FORMAT))
    if len(header) < BLOCK:
        return b""
    top = len(header) - BLOCK  # the GNU long-name blocks come first
    block = header[top:]
    for at in range(386, 386 + 24 * fdp.ConsumeIntInRange(0, 4), 24):
        block[at : at + 12] = octal(fdp.ConsumeIntInRange(0, 8**11 - 1), 12)
        block[at + 12 : at + 24] = octal(fdp.ConsumeIntInRange(0, 1 << 24), 12)
    extensions = fdp.ConsumeIntInRange(0, 3)
    block[482] = 1 if extensions else 0
    block[483:495] = octal(fdp.ConsumeIntInRange(0, 8**11 - 1), 12)
    out = bytes(header[:top]) + checksum(block)
    for number in range(extensions):
        extension = bytearray(BLOCK)
        for at in range(0, 24 * fdp.ConsumeIntInRange(0, 21), 24):
            extension[at : at + 12] = octal(fdp.ConsumeIntInRange(0, 8**11 - 1), 12)
            extension[at + 12 : at + 24] = octal(fdp.ConsumeIntInRange(0, 1 << 24), 12)
        extension[504] = 1 if number + 1 < extensions else 0
        out += bytes(extension)
    return out + padded(data)


def _pax_records(records: list[tuple[str, str]]) -> bytes:
    out = b""
    for key, value in records:
        line = f" {key}={value}\n"
        try:  # raw bytes kept as surrogates go back to bytes; other surrogates as such
            body = line.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            body = line.encode("utf-8", "surrogatepass")
        size = len(body) + 1
        while len(str(size)) + len(body) != size:
            size += 1
        out += str(size).encode() + body
    return out


def _pax_sparse(fdp: atheris.FuzzedDataProvider, name: str) -> bytes:
    """A pax sparse member in format 0.0, 0.1 or 1.0, its map from the data."""
    data = _text(fdp)
    version = fdp.ConsumeIntInRange(0, 2)
    pairs = [
        (fdp.ConsumeIntInRange(0, 1 << 40), fdp.ConsumeIntInRange(0, 1 << 24))
        for _ in range(fdp.ConsumeIntInRange(0, 6))
    ]
    real = str(fdp.ConsumeIntInRange(0, 1 << 40))
    records = [("GNU.sparse.name", name)]
    if version == 0:
        records += [("GNU.sparse.size", real), ("GNU.sparse.numblocks", str(len(pairs)))]
        for offset, count in pairs:
            records += [("GNU.sparse.offset", str(offset)), ("GNU.sparse.numbytes", str(count))]
    elif version == 1:
        flat = ",".join(str(n) for pair in pairs for n in pair)
        records += [("GNU.sparse.realsize", real), ("GNU.sparse.map", flat)]
    else:
        records += [("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0")]
        records += [("GNU.sparse.realsize", real)]
        lines = [str(len(pairs))] + [str(n) for pair in pairs for n in pair]
        data = padded(("\n".join(lines) + "\n").encode()) + data
    body = _pax_records(records)
    pax = tarfile.TarInfo("././@PaxHeader")
    pax.type = tarfile.XHDTYPE
    pax.size = len(body)
    member = tarfile.TarInfo("GNUSparseFile.0/x")
    member.size = len(data)
    head = tar_header(pax, tarfile.USTAR_FORMAT) + padded(body)
    return head + tar_header(member, tarfile.USTAR_FORMAT) + padded(data)


MEMBERS = (_plain, _gnu_sparse, _pax_sparse)


def _tar(fdp: atheris.FuzzedDataProvider) -> tuple[bytes, set[str], bool]:
    """The archive, the names of its sparse members, and whether it was left intact."""
    parts: list[bytes] = []
    plain_names: set[str] = set()
    sparse_names: set[str] = set()
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        name = _name(fdp)
        make = fdp.PickValueInList(list(MEMBERS))
        (plain_names if make is _plain else sparse_names).add(name)
        parts.append(make(fdp, name))
    raw = b"".join(parts) + b"\0" * (2 * BLOCK)
    compress = fdp.PickValueInList(list(COMPRESSIONS))
    data = raw if compress is None else compress(raw)
    damaged = overwrite(fdp, data) if fdp.ConsumeBool() else data
    return damaged, sparse_names - plain_names, damaged == data


def _record(fdp: atheris.FuzzedDataProvider) -> bytes:
    """One JSON line (without its line break)."""
    choice = fdp.ConsumeIntInRange(0, 6)
    text = _text(fdp).decode("utf-8", "surrogateescape")
    if choice == 0:
        return json.dumps(text).encode()  # surrogateescape'd bytes become \\udcXX escapes
    if choice == 1:
        escape = f"\\u{fdp.ConsumeIntInRange(0xD800, 0xDFFF):04x}"
        at = fdp.ConsumeIntInRange(0, len(text))
        body = json.dumps(text[:at])[:-1] + escape + json.dumps(text[at:])[1:]
        return body.encode()
    if choice == 2:
        name = _name(fdp) if fdp.ConsumeBool() else fdp.ConsumeIntInRange(-5, 5)
        return json.dumps({"name": name, "text": text}).encode()
    if choice == 3:
        depth = fdp.ConsumeIntInRange(1, 200_000)
        return b"[" * depth + (b"]" * depth if fdp.ConsumeBool() else b"")
    if choice == 4:
        return b'{"text": ' * fdp.ConsumeIntInRange(1, 50_000)
    if choice == 5:
        return fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 300))
    return b" \t\r"[: fdp.ConsumeIntInRange(0, 3)]


def _jsonl(fdp: atheris.FuzzedDataProvider) -> bytes:
    ending = fdp.PickValueInList([b"\n", b"\r\n", b"\r"])
    return b"".join(_record(fdp) + ending for _ in range(fdp.ConsumeIntInRange(0, 8)))


def expected_lines(data: bytes, limits: Limits) -> int:
    """How many entries a JSON Lines file gives: each line that is not blank, and each
    line longer than ``max_bytes`` (read in pieces of ``max_bytes + 1``)."""
    count = 0
    for line in _lf_lines(data):
        too_long = len(line) > limits.max_bytes and not line[: limits.max_bytes + 1].endswith(b"\n")
        count += bool(too_long or line.strip())
    return count


def _lf_lines(data: bytes) -> list[bytes]:
    """The lines of ``data`` as binary ``readline`` reads them: ended by LF only."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    return lines + ([parts[-1]] if parts[-1] else [])


def _writable(entry: DumpEntry) -> None:
    """An article can be written back and exported; what UTF-8 cannot hold is marked."""
    article = entry.article
    if article is None:
        return
    text = newsdump.dumps(article)
    json.dumps(newsdump.to_dict(article))
    marked = any(d.code == "lone-surrogate" for d in article.diagnostics)
    if not marked:
        entry.name.encode("utf-8")
        text.encode("utf-8")


def _read(name: str, content: bytes, limits: Limits) -> list[DumpEntry]:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as root:
        entries = read_alone(root, name, content, limits=limits)
    for entry in entries:
        _writable(entry)
    return entries


def check(data: bytes) -> None:
    """One input: a tar or a JSON Lines file built from the data, read with `read_dump`."""
    fdp = atheris.FuzzedDataProvider(data)
    limits = fdp.PickValueInList(list(LIMITS))
    if fdp.ConsumeBool():
        content = _jsonl(fdp)
        entries = _read("dump.jsonl", content, limits)
        assert len(entries) == expected_lines(content, limits), (len(entries), content[:200])
        return
    content, sparse, intact = _tar(fdp)
    entries = _read("dump.tar", content, limits)
    # A parsed member's text is its bytes, decoded: dumps gives them back exactly.
    parsed = sum(len(newsdump.dumps(e.article).encode()) for e in entries if e.article)
    bound = max(limits.ratio_floor, limits.max_ratio * max(len(content), 1))
    assert parsed <= bound, (parsed, bound)
    if intact:
        for entry in entries:
            assert not (entry.name in sparse and entry.ok), entry.name


def write_seeds(folder: Path) -> None:
    """Seeds for the corpus: pseudo-random recipes long enough to build a few members."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(64):
        seed = random.Random(number).randbytes(256 << (number % 5))
        (folder / f"seed-{number:02}").write_bytes(seed)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seeds"]:
        write_seeds(Path(sys.argv[2]))
    else:
        main(check)
