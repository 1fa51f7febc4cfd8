"""read_dump over folders, archives, JSON Lines and single files: order, isolation, workers."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import newsdump
from _dumps import (
    article_text,
    files,
    in_walk_order,
    write_folder,
    write_jsonl,
    write_tar,
    write_zip,
)
from newsdump import DumpEntry, DumpError, Limits, ParseError
from newsdump.sites import Site


def pairs(entries: object) -> list[tuple[str, object]]:
    """Names with their article (or error code), for comparing whole runs."""
    out: list[tuple[str, object]] = []
    for entry in entries:  # type: ignore[attr-defined]
        assert isinstance(entry, DumpEntry)
        outcome = entry.article if entry.ok else getattr(entry.error, "code", None)
        out.append((entry.name, outcome))
    return out


def test_folder_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    """A folder's files come depth first in name order, with paths relative to it."""
    members = files(6)
    write_folder(tmp_path, members)
    (tmp_path / "notes.md").write_text("not a dump", encoding="utf-8")
    entries = list(newsdump.read_dump(tmp_path))
    assert [e.name for e in entries] == list(in_walk_order(members))
    assert all(e.ok and e.error is None for e in entries)
    first = entries[0].unwrap()
    assert first == newsdump.loads(members[entries[0].name].decode())
    assert first.site is not None
    assert first.site.startswith("valley")


def test_pattern_selects_files(tmp_path: Path) -> None:
    """``pattern`` matches base names with fnmatch."""
    write_folder(tmp_path, {"x/1.txt": b"# One", "x/2.dump": b"# Two", "3.dump": b"# Three"})
    names = [e.name for e in newsdump.read_dump(tmp_path, pattern="*.dump")]
    assert names == ["3.dump", "x/2.dump"]


@pytest.mark.parametrize("mode", ["w:gz", "w:xz", "w:bz2", "w"])
def test_folder_zip_and_tar_give_the_same_entries(tmp_path: Path, mode: str) -> None:
    """A folder, a zip and a tar (any compression) of the same files read the same."""
    members = in_walk_order(files(9))
    folder = pairs(newsdump.read_dump(write_folder(tmp_path / "dir", members)))
    zipped = pairs(newsdump.read_dump(write_zip(tmp_path / "d.zip", members)))
    tarred = pairs(newsdump.read_dump(write_tar(tmp_path / "d.tar.any", members, mode)))
    assert folder == zipped == tarred
    assert len(folder) == 9


def test_json_lines(tmp_path: Path) -> None:
    """JSON Lines hold a string or a {name, text} object per line; blank lines are skipped."""
    path = tmp_path / "d.jsonl"
    path.write_text(
        '{"name": "one.txt", "text": "# One\\n\\nBody."}\n\n'
        '"# Two"\n[1, 2]\n{"text": 3}\nnot json\n',
        encoding="utf-8",
    )
    entries = list(newsdump.read_dump(path))
    assert [e.name for e in entries] == ["one.txt", "#3", "#4", "#5", "#6"]
    assert entries[0].unwrap().headline == "One"
    assert entries[1].unwrap().headline == "Two"
    codes = [getattr(e.error, "code", None) for e in entries[2:]]
    assert codes == ["invalid-record"] * 3


def test_json_lines_match_the_folder(tmp_path: Path) -> None:
    """A JSON Lines export of files reads like the files themselves."""
    members = in_walk_order(files(5))
    folder = pairs(newsdump.read_dump(write_folder(tmp_path / "dir", members)))
    lines = pairs(newsdump.read_dump(write_jsonl(tmp_path / "d.ndjson", members)))
    assert folder == lines


def test_a_single_file_is_a_dump_of_one(tmp_path: Path) -> None:
    """A dump file on its own gives one entry named after it."""
    path = tmp_path / "007_ab.txt"
    path.write_text(article_text(7), encoding="utf-8")
    (entry,) = newsdump.read_dump(path)
    assert entry.name == "007_ab.txt"
    assert entry.unwrap().headline == newsdump.loads(article_text(7)).headline


def test_bad_files_do_not_stop_the_run(tmp_path: Path) -> None:
    """A file that fails becomes an error entry, and the next files are still read."""
    members = {"1.txt": article_text(1).encode(), "2.txt": b"# Caf\xe9", "3.txt": b"# Three"}
    entries = list(newsdump.read_dump(write_folder(tmp_path, members)))
    assert [e.ok for e in entries] == [True, False, True]
    error = entries[1].error
    assert isinstance(error, ParseError)
    assert error.code == "invalid-encoding"
    assert "byte offset 5" in str(error)
    assert error.source == "2.txt"
    with pytest.raises(ParseError):
        entries[1].unwrap()


def test_strict_makes_format_problems_errors(tmp_path: Path) -> None:
    """With strict=True a file that breaks the format is an error entry, not a diagnostic."""
    write_folder(tmp_path, {"ok.txt": article_text(2).encode(), "cut.txt": b"# Cut\n\nBody"})
    lenient = {e.name: e for e in newsdump.read_dump(tmp_path)}
    strict = {e.name: e for e in newsdump.read_dump(tmp_path, strict=True)}
    assert lenient["cut.txt"].ok
    assert [d.code for d in lenient["cut.txt"].unwrap().diagnostics] == ["missing-trailer"]
    assert getattr(strict["cut.txt"].error, "code", None) == "missing-trailer"
    assert strict["ok.txt"].ok


@pytest.mark.parametrize("workers", [0, 2])
def test_workers_keep_order_and_isolation(tmp_path: Path, workers: int) -> None:
    """Parsing in processes gives the same entries, in the same order, bad files included."""
    members = dict(files(150))
    members["a/zz_bad.txt"] = b"\xff\xfe not UTF-8"
    write_folder(tmp_path, members)
    one = pairs(newsdump.read_dump(tmp_path))
    many = pairs(newsdump.read_dump(tmp_path, workers=workers))
    assert one == many
    assert ("a/zz_bad.txt", "invalid-encoding") in many


def _headline(entry: DumpEntry) -> str | None:
    """The entry's headline (a module-level function, so that workers can run it)."""
    return entry.article.headline if entry.article else None


def test_map_dump_runs_a_function_per_entry(tmp_path: Path) -> None:
    """map_dump returns func(entry) per file, the same with and without workers."""
    members = files(70)
    write_folder(tmp_path, members)
    serial = list(newsdump.map_dump(_headline, tmp_path))
    parallel = list(newsdump.map_dump(_headline, tmp_path, workers=2))
    assert serial == parallel
    assert len(serial) == 70
    assert all(h and "Bridge Repair" in h for h in serial)


def test_negative_workers_are_refused(tmp_path: Path) -> None:
    """workers below zero is a ValueError."""
    with pytest.raises(ValueError, match="workers"):
        newsdump.read_dump(tmp_path, workers=-1)


class _RigaTime(Site):
    """A quirk for the tests: example.org publishes in Riga time."""

    hosts = ("example.org",)
    timezone = "Europe/Riga"


@pytest.mark.parametrize("workers", [1, 2])
def test_sites_reach_the_parser(tmp_path: Path, workers: int) -> None:
    """Quirks given to read_dump are used for every file, in workers too."""
    text = "\n\n# T\n\n2024-05-02 10:45\n\nBody.\n\nOriginal url:\n\n<https://example.org/a>"
    (tmp_path / "001_a.txt").write_text(text, encoding="utf-8")
    plain = next(iter(newsdump.read_dump(tmp_path))).unwrap()
    assert plain.published == dt.datetime(2024, 5, 2, 10, 45)
    entry = next(iter(newsdump.read_dump(tmp_path, sites=[_RigaTime], workers=workers)))
    article = entry.unwrap()
    assert article.tz_assumed
    assert article.published == dt.datetime(2024, 5, 2, 10, 45, tzinfo=ZoneInfo("Europe/Riga"))


def test_missing_and_unreadable_dumps_raise_at_once(tmp_path: Path) -> None:
    """A missing path raises OSError at the call; a fake archive raises DumpError."""
    with pytest.raises(FileNotFoundError):
        newsdump.read_dump(tmp_path / "nope")
    fake = tmp_path / "d.zip"
    fake.write_bytes(b"this is not a zip")
    with pytest.raises(DumpError) as caught:
        newsdump.read_dump(fake)
    assert caught.value.code == "corrupt-archive"


def test_entries_and_errors_pickle(tmp_path: Path) -> None:
    """Entries travel between processes: their errors pickle with every attribute."""
    write_folder(tmp_path, {"bad.txt": b"\n\xff", "ok.txt": article_text(3).encode()})
    for entry in newsdump.read_dump(tmp_path):
        back = pickle.loads(pickle.dumps(entry))
        assert back == entry or str(back.error) == str(entry.error)
        assert getattr(back.error, "code", None) == getattr(entry.error, "code", None)


def test_max_members(tmp_path: Path) -> None:
    """Past max_members the rest is one error entry."""
    write_folder(tmp_path, files(5))
    entries = list(newsdump.read_dump(tmp_path, limits=Limits(max_members=3)))
    assert [e.ok for e in entries] == [True, True, True, False]
    assert entries[-1].name == ""
    assert getattr(entries[-1].error, "code", None) == "too-large"


def test_limits_are_checked() -> None:
    """Limits refuse nonsense values."""
    with pytest.raises(ValueError, match="ratio"):
        Limits(max_ratio=0.5)
    with pytest.raises(ValueError, match="negative"):
        Limits(max_bytes=-1)


def test_an_abandoned_run_closes_its_files(tmp_path: Path) -> None:
    """Stopping early leaves no file open (warnings are errors in this suite)."""
    members = in_walk_order(files(6))
    for path in (write_zip(tmp_path / "d.zip", members), write_tar(tmp_path / "d.tgz", members)):
        entries = newsdump.read_dump(path)
        next(entries)
        del entries
        gc.collect()
    entries = newsdump.read_dump(tmp_path / "d.zip", workers=2)
    next(entries)
    entries.close()  # type: ignore[attr-defined]
