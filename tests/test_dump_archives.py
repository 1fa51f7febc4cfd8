"""Hostile and damaged dumps: escaping names, links, bombs, oversize and truncated archives."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

import newsdump
from _dumps import article_text, files, in_walk_order, write_folder, write_tar, write_zip
from newsdump import DumpEntry, Limits, ParseError

GOOD = article_text(1).encode()


def codes(entries: object) -> list[tuple[str, str | None]]:
    """Each entry's name and error code (``None`` when it parsed)."""
    out = []
    for entry in entries:  # type: ignore[attr-defined]
        assert isinstance(entry, DumpEntry)
        out.append((entry.name, getattr(entry.error, "code", None)))
    return out


def listing(folder: Path) -> set[str]:
    """Every path under ``folder``."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/evil.txt", "C:evil.txt"])
def test_zip_names_that_escape_are_reported(tmp_path: Path, name: str) -> None:
    """A zip member whose name leaves the archive is an unsafe-name entry, never read."""
    path = write_zip(tmp_path / "d.zip", {name: GOOD, "ok.txt": GOOD})
    before = listing(tmp_path)
    assert codes(newsdump.read_dump(path)) == [(name, "unsafe-name"), ("ok.txt", None)]
    assert listing(tmp_path) == before  # nothing written next to the input


def test_zip_symlink_and_encrypted_members_are_reported(tmp_path: Path) -> None:
    """Zip symlinks and encrypted members are error entries."""
    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("secret.txt", GOOD)
        archive.writestr("ok.txt", GOOD)
    # zipfile cannot write encrypted members: set the flag in the secret's two headers.
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04", data.index(b"PK\x03\x04") + 4)
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    assert codes(newsdump.read_dump(path)) == [
        ("link.txt", "link"),
        ("secret.txt", "encrypted"),
        ("ok.txt", None),
    ]


def test_zip_member_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    """A member larger than max_bytes is a too-large entry; the others are read."""
    path = write_zip(tmp_path / "d.zip", {"big.txt": GOOD * 50, "ok.txt": GOOD})
    assert codes(newsdump.read_dump(path, limits=Limits(max_bytes=len(GOOD) * 10))) == [
        ("big.txt", "too-large"),
        ("ok.txt", None),
    ]


def test_zip_size_is_checked_on_what_is_decompressed(tmp_path: Path) -> None:
    """A member whose header understates its size is still stopped at max_bytes."""
    path = write_zip(tmp_path / "d.zip", {"big.txt": b"x" * 200_000})
    data = bytearray(path.read_bytes())
    # Make both size fields claim 100 bytes: the central directory's and the local header's.
    real = (200_000).to_bytes(4, "little")
    data = bytearray(bytes(data).replace(real, (100).to_bytes(4, "little")))
    path.write_bytes(bytes(data))
    ((name, code),) = codes(newsdump.read_dump(path, limits=Limits(max_bytes=1000)))
    assert name == "big.txt"
    assert code in {"too-large", "corrupt-member"}


def test_zip_bomb_is_skipped(tmp_path: Path) -> None:
    """A member that expands past max_ratio is a bomb entry; the next member is still read."""
    path = write_zip(tmp_path / "d.zip", {"bomb.txt": b"\n" * 2_000_000, "ok.txt": GOOD})
    limits = Limits(max_ratio=50, ratio_floor=100_000)
    assert codes(newsdump.read_dump(path, limits=limits)) == [
        ("bomb.txt", "bomb"),
        ("ok.txt", None),
    ]


def test_corrupt_zip_member_is_reported(tmp_path: Path) -> None:
    """A member whose data is damaged (bad CRC) is a corrupt-member entry."""
    text = article_text(4).encode()
    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("bad.txt", text)
        archive.writestr("ok.txt", GOOD)
    data = path.read_bytes()
    at = data.index(b"Council")
    path.write_bytes(data[:at] + b"C0uncil" + data[at + 7 :])
    assert codes(newsdump.read_dump(path)) == [("bad.txt", "corrupt-member"), ("ok.txt", None)]


def test_truncated_zip_is_reported(tmp_path: Path) -> None:
    """A zip cut short (its directory lost) is one corrupt-archive entry with an empty name."""
    path = write_zip(tmp_path / "d.zip", files(4))
    path.write_bytes(path.read_bytes()[:300])
    [(name, code)] = codes(newsdump.read_dump(path))
    assert (name, code) == ("", "corrupt-archive")


def test_non_utf8_member_names_the_byte_offset(tmp_path: Path) -> None:
    """A member that is not UTF-8 is an invalid-encoding entry naming the byte offset."""
    path = write_zip(tmp_path / "d.zip", {"bad.txt": b"\n\n# Caf\xe9", "ok.txt": GOOD})
    bad, ok = newsdump.read_dump(path)
    assert isinstance(bad.error, ParseError)
    assert bad.error.code == "invalid-encoding"
    assert "byte offset 7" in str(bad.error)
    assert (bad.error.line, bad.error.column) == (3, 6)
    assert ok.ok


def _tar_with(path: Path, infos: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for info, data in infos:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def _info(
    name: str, kind: bytes = tarfile.REGTYPE, size: int = 0, link: str = ""
) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = size
    info.linkname = link
    return info


def test_tar_links_escapes_and_devices_are_reported(tmp_path: Path) -> None:
    """Tar symlinks, hard links, escaping names and device files are entries, never opened."""
    path = _tar_with(
        tmp_path / "d.tar.gz",
        [
            (_info("sym.txt", tarfile.SYMTYPE, link="/etc/passwd"), None),
            (_info("hard.txt", tarfile.LNKTYPE, link="ok.txt"), None),
            (_info("../up.txt", size=len(GOOD)), GOOD),
            (_info("/abs.txt", size=len(GOOD)), GOOD),
            (_info("dev.txt", tarfile.CHRTYPE), None),
            (_info("sub", tarfile.DIRTYPE), None),
            (_info("sub/ok.txt", size=len(GOOD)), GOOD),
        ],
    )
    before = listing(tmp_path)
    assert codes(newsdump.read_dump(path)) == [
        ("sym.txt", "link"),
        ("hard.txt", "link"),
        ("../up.txt", "unsafe-name"),
        ("/abs.txt", "unsafe-name"),
        ("dev.txt", "not-a-file"),
        ("sub/ok.txt", None),
    ]
    assert listing(tmp_path) == before


def test_tar_member_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    """A tar member larger than max_bytes is a too-large entry; the next is read."""
    path = write_tar(tmp_path / "d.tgz", {"big.txt": GOOD * 40, "ok.txt": GOOD})
    assert codes(newsdump.read_dump(path, limits=Limits(max_bytes=len(GOOD) * 2))) == [
        ("big.txt", "too-large"),
        ("ok.txt", None),
    ]


def test_truncated_tar_gives_what_it_could_read(tmp_path: Path) -> None:
    """A tar.gz cut short gives the members before the cut, then a corrupt-archive entry."""
    members = in_walk_order(files(40))
    path = write_tar(tmp_path / "d.tar.gz", members)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    found = codes(newsdump.read_dump(path))
    assert found[-1] == ("", "corrupt-archive")
    assert 5 < len(found) - 1 < 40
    assert [name for name, _ in found[:-1]] == list(members)[: len(found) - 1]
    assert all(code is None for _, code in found[:-1])


def test_tar_bomb_stops_the_stream(tmp_path: Path) -> None:
    """A compressed tar whose stream expands past max_ratio stops with a bomb entry."""
    path = write_tar(tmp_path / "d.tar.xz", {"ok.txt": GOOD, "z.txt": b"\n" * 3_000_000}, "w:xz")
    found = codes(newsdump.read_dump(path, limits=Limits(max_ratio=50, ratio_floor=200_000)))
    assert found == [("ok.txt", None), ("", "bomb")]


def test_garbage_with_a_tar_magic_is_reported(tmp_path: Path) -> None:
    """Bytes that start like gzip but are not a tar are one corrupt-archive entry."""
    path = tmp_path / "d.tar.gz"
    path.write_bytes(b"\x1f\x8b" + os.urandom(200))
    assert codes(newsdump.read_dump(path)) == [("", "corrupt-archive")]


def test_folder_symlinks_and_fifos_are_reported_not_followed(tmp_path: Path) -> None:
    """In a folder, links to files or folders and special files are entries; nothing hangs."""
    root = write_folder(tmp_path / "dump", {"ok.txt": GOOD, "real/x.txt": GOOD})
    outside = tmp_path / "outside.txt"
    outside.write_bytes(GOOD)
    (root / "link.txt").symlink_to(outside)
    (root / "linkdir").symlink_to(root / "real")
    os.mkfifo(root / "pipe.txt")
    assert codes(newsdump.read_dump(root)) == [
        ("link.txt", "link"),
        ("linkdir", "link"),
        ("ok.txt", None),
        ("pipe.txt", "not-a-file"),
        ("real/x.txt", None),
    ]


def test_a_file_that_vanishes_is_unreadable(tmp_path: Path) -> None:
    """A file removed after the folder was listed is an unreadable entry; the run goes on."""
    write_folder(tmp_path, {"a.txt": GOOD, "b.txt": GOOD, "c.txt": GOOD})
    entries = newsdump.read_dump(tmp_path)
    first = next(entries)
    (tmp_path / "b.txt").unlink()
    assert [first.name, *(f"{e.name}:{getattr(e.error, 'code', None)}" for e in entries)] == [
        "a.txt",
        "b.txt:unreadable",
        "c.txt:None",
    ]


def test_oversized_json_line_is_skipped(tmp_path: Path) -> None:
    """A JSON line longer than max_bytes is a too-large entry; the next line is read."""
    path = tmp_path / "d.jsonl"
    path.write_text('"' + "x" * 5000 + '"\n"# Short"\n', encoding="utf-8")
    assert codes(newsdump.read_dump(path, limits=Limits(max_bytes=1000))) == [
        ("#1", "too-large"),
        ("#2", None),
    ]
