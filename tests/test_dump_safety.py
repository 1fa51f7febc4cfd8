"""Dumps that used to get past the reader's guards or stop a run (issue 16, items 8 to 10).

Sparse tar members that the standard library expands itself, JSON nested too deeply
for Python's recursion limit, folders nested a thousand deep, and lone surrogates in
names and texts: each is an entry (or a warning on one), and the run goes on.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import newsdump
from _dumps import article_text
from _hostile import BLOCK, checksum, octal, padded
from newsdump import DumpEntry, Limits, ParseError
from newsdump._dump import _archives

GOOD = article_text(1).encode()


def codes(entries: Iterator[DumpEntry]) -> list[tuple[str, str | None]]:
    """Each entry's name and error code (``None`` when it parsed)."""
    return [(e.name, getattr(e.error, "code", None)) for e in entries]


def gnu_sparse(name: str, data: bytes, real_size: int) -> bytes:
    """An old-GNU sparse member: ``data`` at the end of ``real_size`` bytes of holes.

    tarfile cannot write one: the header is a GNU one with type ``S``, its first sparse
    record (offset 386) says where the data goes, and ``realsize`` (offset 483) the size.
    """
    info = tarfile.TarInfo(name)
    info.type = tarfile.GNUTYPE_SPARSE
    info.size = len(data)
    header = bytearray(info.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape"))
    header[386:398] = octal(real_size - len(data), 12)
    header[398:410] = octal(len(data), 12)
    header[482] = 0  # no extension blocks
    header[483:495] = octal(real_size, 12)
    return checksum(header) + padded(data)


def pax_sparse(name: str, data: bytes, real_size: int) -> bytes:
    """A pax member in the GNU sparse format 1.0: the map heads the data."""
    info = tarfile.TarInfo("GNUSparseFile.0/" + name)
    info.pax_headers = {
        "GNU.sparse.major": "1",
        "GNU.sparse.minor": "0",
        "GNU.sparse.name": name,
        "GNU.sparse.realsize": str(real_size),
    }
    sparse_map = padded(b"1\n%d\n%d\n" % (real_size - len(data), len(data)))
    info.size = len(sparse_map) + len(data)
    return info.tobuf(tarfile.PAX_FORMAT) + sparse_map + padded(data)


def plain(name: str, data: bytes) -> bytes:
    """An ordinary member."""
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info.tobuf(tarfile.GNU_FORMAT) + padded(data)


def write_raw_tar(path: Path, *members: bytes, compress: bool = False) -> Path:
    """A tar of hand-made members (and its end blocks), gzipped if asked."""
    data = b"".join(members) + b"\0" * (2 * BLOCK)
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


# Item 8: sparse members, and the archive's total against its size on disk.


@pytest.mark.parametrize("compress", [False, True], ids=["tar", "tar.gz"])
@pytest.mark.parametrize("member", [gnu_sparse, pax_sparse], ids=["gnu", "pax-1.0"])
def test_sparse_tar_members_are_refused(
    tmp_path: Path, member: Callable[[str, bytes, int], bytes], compress: bool
) -> None:
    """A sparse member is a ``sparse`` entry naming it, never expanded; the rest is read.

    tarfile fills the holes itself, so a one-block member declaring 1 MiB gave a
    megabyte of parsed text per kilobyte on disk, past every ratio guard.
    """
    path = write_raw_tar(
        tmp_path / "d.tar",
        plain("a.txt", GOOD),
        member("holes.txt", b"x" * 600, 1 << 20),
        plain("b.txt", GOOD),
        compress=compress,
    )
    entries = list(newsdump.read_dump(path))
    assert codes(iter(entries)) == [("a.txt", None), ("holes.txt", "sparse"), ("b.txt", None)]
    error = entries[1].error
    assert error is not None
    assert "sparse" in str(error)
    assert error.name == "holes.txt"  # type: ignore[attr-defined]


def test_a_sparse_member_that_is_not_matched_is_skipped_unread(tmp_path: Path) -> None:
    """A sparse member whose name the pattern does not match is skipped like any other."""
    path = write_raw_tar(tmp_path / "d.tar", gnu_sparse("holes.bin", b"x", 1 << 20))
    assert codes(newsdump.read_dump(path)) == []


@pytest.mark.parametrize("compress", [False, True], ids=["tar", "tar.gz"])
def test_members_may_not_expand_past_the_archive_ratio(
    tmp_path: Path, compress: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Members that together produce more than max_ratio times the archive's size on
    disk stop it with a ``bomb`` entry, plain tar too: counted on what is read.

    With the sparse refusal turned off, sparse members are the way to make a plain tar
    hand out more than it holds; the archive-wide count still stops them.
    """
    monkeypatch.setattr(_archives, "_is_sparse", lambda info: False)
    members = [gnu_sparse(f"m{n}.txt", b"x" * 10, 200_000) for n in range(40)]
    path = write_raw_tar(tmp_path / "d.tar", plain("a.txt", GOOD), *members, compress=compress)
    limits = Limits(max_ratio=20, ratio_floor=100_000)
    found = codes(newsdump.read_dump(path, limits=limits))
    assert found[0] == ("a.txt", None)
    assert found[-1] == ("", "bomb")
    size = path.stat().st_size
    # Every member handed out fits in the budget: at most max_ratio times the size.
    assert (len(found) - 2) * 200_000 <= 20 * size + 200_000
    assert len(found) < 40


def test_a_plain_tar_is_within_any_archive_ratio(tmp_path: Path) -> None:
    """A plain tar's members add up to less than its size: read whole at max_ratio=1."""
    members = [plain(f"{n:03}.txt", article_text(n).encode()) for n in range(30)]
    path = write_raw_tar(tmp_path / "d.tar", *members)
    found = codes(newsdump.read_dump(path, limits=Limits(max_ratio=1, ratio_floor=0)))
    assert found == [(f"{n:03}.txt", None) for n in range(30)]


# Item 9: nothing recursive in the reader.


def test_json_nested_past_the_recursion_limit_is_an_entry(tmp_path: Path) -> None:
    """A JSON line of 100,000 ``[`` is an invalid-record entry; the next line is read."""
    path = tmp_path / "d.jsonl"
    deep = "[" * 100_000
    path.write_text(deep + "\n" + json.dumps(article_text(2)) + "\n" + deep + "]\n")
    entries = list(newsdump.read_dump(path))
    assert codes(iter(entries)) == [
        ("#1", "invalid-record"),
        ("#2", None),
        ("#3", "invalid-record"),
    ]
    assert "nested too deeply" in str(entries[0].error)


@pytest.fixture
def deep_folder() -> Iterator[tuple[Path, int]]:
    """A folder with ``a.txt``, ``e.txt`` and one file deeper than the recursion limit.

    Made outside pytest's temporary folders and removed here, bottom up: the standard
    library's removal (pytest's cleanup too) recurses, and would fail on it.
    """
    root = Path(tempfile.mkdtemp(prefix="newsdump-deep-"))
    depth = sys.getrecursionlimit() + 50
    folders = [os.path.join(root, *["d"] * level) for level in range(1, depth + 1)]
    deepest = os.path.join(folders[-1], "z.txt")
    try:
        for folder in folders:
            os.mkdir(folder)
        Path(deepest).write_bytes(GOOD)
        (root / "a.txt").write_bytes(GOOD)
        (root / "e.txt").write_bytes(GOOD)
        yield root, depth
    finally:
        for name in (deepest, root / "a.txt", root / "e.txt"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
        for folder in reversed(folders):
            with contextlib.suppress(FileNotFoundError):
                os.rmdir(folder)
        os.rmdir(root)


def test_a_folder_deeper_than_the_recursion_limit_is_walked(
    deep_folder: tuple[Path, int],
) -> None:
    """A folder nested more deeply than Python's recursion limit is read, in order.

    The walk recursed once per folder: about 1,000 folders deep raised RecursionError.
    """
    root, depth = deep_folder
    deep_name = "d/" * depth + "z.txt"
    found = codes(newsdump.read_dump(root))
    assert found == [("a.txt", None), (deep_name, None), ("e.txt", None)]


def test_the_walk_keeps_its_order(tmp_path: Path) -> None:
    """Depth first, in name order: a folder's subtree comes in its name's place."""
    for name in ["b/x.txt", "b/a/y.txt", "a.txt", "c.txt", "b/z.txt", "ba.txt", "b/a/b/w.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(GOOD)
    assert [name for name, _ in codes(newsdump.read_dump(tmp_path))] == [
        "a.txt",
        "b/a/b/w.txt",
        "b/a/y.txt",
        "b/x.txt",
        "b/z.txt",
        "ba.txt",
        "c.txt",
    ]


# Item 10 (input side): lone surrogates in names and texts are kept, and marked.


def _warnings(entry: DumpEntry) -> list[str]:
    assert entry.article is not None, entry.error
    return [d.code for d in entry.article.diagnostics if d.code == "lone-surrogate"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_folder_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A folder's file whose name is not UTF-8 is read; its name keeps the bytes as
    surrogates (os.fsencode gives them back) and the article says so."""
    root = os.fsencode(tmp_path)
    with open(root + b"/caf\xe9.txt", "wb") as out:
        out.write(GOOD)
    (tmp_path / "ok.txt").write_bytes(GOOD)
    for workers in (1, 2):
        bad, ok = newsdump.read_dump(tmp_path, workers=workers)
        assert os.fsencode(bad.name) == b"caf\xe9.txt"
        assert _warnings(bad) == ["lone-surrogate"]
        assert _warnings(ok) == []
        assert bad.article == ok.article


def test_tar_member_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A tar member whose name is not UTF-8 keeps its bytes as surrogates, with a warning."""
    path = write_raw_tar(tmp_path / "d.tar", plain("caf\udce9.txt", GOOD), compress=True)
    assert b"caf\xe9.txt" in gzip.decompress(path.read_bytes())
    (entry,) = newsdump.read_dump(path)
    assert entry.name.encode("utf-8", "surrogateescape") == b"caf\xe9.txt"
    assert _warnings(entry) == ["lone-surrogate"]
    [found] = [d for d in entry.article.diagnostics if d.code == "lone-surrogate"]  # type: ignore[union-attr]
    assert "U+DCE9" in found.message


def test_json_lines_with_lone_surrogates(tmp_path: Path) -> None:
    """``\\ud800`` in a JSON line's name or text is kept; the article has a warning at
    the surrogate's line and column; the run goes on; strict mode makes it the error."""
    text = "# Head\n\nBy Ann Lee\n\nA body \udfff here.\n"
    path = tmp_path / "d.jsonl"
    lines = [{"name": "x\ud800.txt", "text": article_text(1)}, text, article_text(2)]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="ascii")
    for workers in (1, 2):
        named, texted, ok = newsdump.read_dump(path, workers=workers)
        assert named.name == "x\ud800.txt"
        assert _warnings(named) == ["lone-surrogate"]
        assert texted.name == "#2"
        assert texted.article is not None
        assert "\udfff" in newsdump.dumps(texted.article)
        [found] = [d for d in texted.article.diagnostics if d.code == "lone-surrogate"]
        assert (found.line, found.column) == (5, 8)
        assert ok.ok
        assert _warnings(ok) == []
    strict = list(newsdump.read_dump(path, strict=True))
    assert isinstance(strict[0].error, ParseError)
    assert strict[0].error.code == "lone-surrogate"


def test_surrogate_column_on_crlf_lines(tmp_path: Path) -> None:
    """The warning's line and column count CRLF and CR line endings as the parser does."""
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps("# Head\r\n\r\nBody\rx\ud800") + "\n", encoding="ascii")
    (entry,) = newsdump.read_dump(path)
    assert entry.article is not None
    [found] = [d for d in entry.article.diagnostics if d.code == "lone-surrogate"]
    assert (found.line, found.column) == (4, 2)


def test_surrogate_names_survive_pickling() -> None:
    """An entry with a surrogate name travels between processes unchanged."""
    import pickle

    entry = DumpEntry("caf\udce9.txt", newsdump.loads(article_text(1)))
    assert pickle.loads(pickle.dumps(entry)) == entry


def test_a_bytes_stream_gives_the_marker_only_for_names() -> None:
    """Decoded bytes cannot hold surrogates: the check costs one isascii for them."""
    from newsdump._dump._reader import _lone_surrogate

    assert _lone_surrogate("ok.txt", "") is None
    assert _lone_surrogate("ok.txt", "Café") is None
    found = _lone_surrogate("ok.txt", "a\nb\ud800")
    assert found is not None
    assert (found.line, found.column) == (2, 2)
