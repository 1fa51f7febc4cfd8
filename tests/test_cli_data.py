"""Dumps for data work from the command line (issue 19): re-reading exports, archives in
``show``, what "failed" means, ``--version``, empty dumps, plurals; and the quirk registry
built once per read_dump call."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdump
from _dumps import files, write_folder, write_zip
from newsdump._export.records import json_record
from newsdump.cli import main
from newsdump.cli._common import installed_sites
from newsdump.model import Article
from newsdump.sites import _registry, load_sites
from newsdump.testing.strategies import articles


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of the command line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count_registries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    built: list[int] = []
    real = _registry.Registry.__init__

    def counting(self: _registry.Registry, sites: object) -> None:
        built.append(1)
        real(self, sites)  # type: ignore[arg-type]

    monkeypatch.setattr(_registry.Registry, "__init__", counting)
    return built


def test_read_dump_builds_the_quirk_registry_once_per_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_dump(sites=...) builds one registry for the call, not one per file."""
    root = write_folder(tmp_path, files(6))
    sites = load_sites(plugins=False)
    built = _count_registries(monkeypatch)
    entries = list(newsdump.read_dump(root, sites=sites))
    assert len(entries) == 6
    assert all(e.ok for e in entries)
    assert len(built) == 1
    list(newsdump.read_dump(root, sites=sites))
    assert len(built) == 2  # a new call, a new registry: quirks may differ between calls


def test_read_dump_with_sites_parses_as_loads_does(tmp_path: Path) -> None:
    """The shared parser gives the articles loads gives with the same quirks."""
    members = files(4)
    root = write_folder(tmp_path, members)
    for entry in newsdump.read_dump(root, sites=()):
        assert entry.article == newsdump.loads(members[entry.name].decode(), sites=())


def test_installed_sites_is_built_once_and_sees_a_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's quirks are loaded once, and again when the entry points change."""
    from newsdump.cli import _common as _cli_common

    installed_sites.cache_clear()
    first = installed_sites.parser()
    assert installed_sites.parser() is first
    assert installed_sites() == first.sites
    monkeypatch.setattr(_cli_common, "_entry_points", lambda: (("x", "y:Z", "x 1"),))
    monkeypatch.setattr(time, "monotonic", lambda: sys.float_info.max)
    assert installed_sites.parser() is not first
    installed_sites.cache_clear()


TEXT = (
    "\n\n# Lantern Festival Moves to the Pier\n\nBy [Ada Quill](#)\n\nMay 2, 2024\n\n"
    "The festival leaves the square this year.\n\n"
    "Original url:\n\n<https://www.pierpost.example/news/lantern-festival>"
)


def test_an_export_reads_back_as_its_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON Lines export read as a dump gives the exported articles (from_dict), and
    check passes it: its records are not taken for dump text."""
    root = write_folder(tmp_path / "d", files(5))
    out = tmp_path / "out.jsonl"
    assert run(capsys, "export", str(root), "-o", str(out))[0] == 0
    entries = list(newsdump.read_dump(out))
    originals = list(newsdump.read_dump(root))
    assert [e.name for e in entries] == [f"{root}/{e.name}" for e in originals]
    assert [e.article for e in entries] == [e.article for e in originals]
    code, _, err = run(capsys, "check", str(out))
    assert (code, err) == (0, "5 files: 5 ok, 0 with warnings, 0 failed\n")


def test_a_broken_export_record_is_an_invalid_record_entry(tmp_path: Path) -> None:
    """A record with the export's shape that from_dict cannot read is an error entry."""
    path = tmp_path / "out.jsonl"
    good = {"name": "a.txt", "schema_version": 1, "headline": "Hi", "body": []}
    bad = {"name": "b.txt", "schema_version": 1, "published": "not a date", "body": []}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    first, second = newsdump.read_dump(path)
    assert first.unwrap().headline == "Hi"
    assert second.name == "b.txt"
    assert isinstance(second.error, newsdump.ParseError)
    assert second.error.code == "invalid-record"


def test_a_dump_text_record_is_still_dump_text(tmp_path: Path) -> None:
    """{"name", "text"} lines (no schema_version, no body) are dump files' texts."""
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"name": "a.txt", "text": TEXT}) + "\n", encoding="utf-8")
    (entry,) = newsdump.read_dump(path)
    assert entry.unwrap() == newsdump.loads(TEXT)


@pytest.mark.parametrize("kind", ["dump.zip", "dump.tar.gz", "dump.jsonl"])
def test_show_refuses_a_whole_dump_and_opens_its_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """show DUMP says what to do (exit 2); show DUMP/NAME, as check prints it, shows it."""
    dump = tmp_path / kind
    article = newsdump.loads(TEXT)
    newsdump.write_dump(dump, [("2024/x.txt", article), ("y.txt", article)])
    code, out, err = run(capsys, "show", str(dump))
    assert (code, out) == (2, "")
    assert "show reads one file" in err
    assert f"({dump}/NAME)" in err
    code, out, err = run(capsys, "show", f"{dump}/2024/x.txt")
    assert code == 0
    assert out.startswith(f"{dump}/2024/x.txt\n  headline   Lantern Festival Moves to the Pier\n")
    code, out, _ = run(capsys, "show", f"{dump}/y.txt", "--json")
    assert json.loads(out)["headline"] == "Lantern Festival Moves to the Pier"
    code, out, err = run(capsys, "show", f"{dump}/z.txt")
    assert (code, out) == (2, "")
    assert f"{dump} has no file named z.txt" in err


def test_show_a_member_as_check_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every path check prints for a zip's files can be given to show."""
    dump = write_zip(tmp_path / "d.zip", {"a.txt": TEXT.encode(), "b/cut.txt": b"\n\n# Cut"})
    run(capsys, "check", str(dump))
    _, out, _ = run(capsys, "check", str(dump), "--format", "json")
    paths = [problem["path"] for problem in json.loads(out)["problems"]]
    assert paths == [f"{dump}/b/cut.txt"]
    code, out, _ = run(capsys, "show", paths[0])
    assert code == 0
    assert "missing-trailer" in out


def test_show_a_member_that_cannot_be_read_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A member that is not UTF-8 is the file's error (exit 1), not a crash."""
    dump = write_zip(tmp_path / "d.zip", {"bad.txt": b"\n\n# Caf\xe9"})
    code, _, err = run(capsys, "show", f"{dump}/bad.txt")
    assert code == 1
    assert "invalid-encoding" in err or "invalid utf-8" in err


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("folder", "is a folder: show reads one file"),
        ("nothing/x.txt", "No such file or directory"),
        ("plain.txt/x.txt", "plain.txt is not an archive or JSON Lines"),
    ],
)
def test_show_says_what_a_path_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, message: str
) -> None:
    """A folder, a missing path, or a member of a plain file: exit 2 with a message."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain.txt").write_text(TEXT, encoding="utf-8")
    code, out, err = run(capsys, "show", str(tmp_path / path))
    assert (code, out) == (2, "")
    assert message in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package's version and exits 0."""
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"newsdump {newsdump.__version__}\n"


@pytest.mark.parametrize("command", ["check", "export", "stats"])
def test_a_dump_with_nothing_to_read_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """An empty folder, a pattern that matches nothing, an empty JSON Lines file: exit 2,
    a message naming the dump, and nothing on stdout."""
    (tmp_path / "empty").mkdir()
    write_folder(tmp_path / "some", {"a.txt": TEXT.encode()})
    (tmp_path / "none.jsonl").write_text("\n", encoding="utf-8")
    for argv, message in [
        ([str(tmp_path / "empty")], "empty: no files matching --pattern '*.txt'"),
        ([str(tmp_path / "some"), "--pattern", "*.md"], "no files matching --pattern '*.md'"),
        ([str(tmp_path / "some"), str(tmp_path / "none.jsonl")], "none.jsonl: no records"),
    ]:
        code, out, err = run(capsys, command, *argv)
        assert (code, out) == (2, ""), argv
        assert message in err


def test_export_to_a_file_of_an_empty_dump_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty dump writes nothing: FILE keeps its bytes."""
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday\n", encoding="utf-8")
    code, _, err = run(capsys, "export", str(tmp_path / "empty"), "-o", str(out))
    assert code == 2
    assert "left as it was" in err
    assert out.read_text(encoding="utf-8") == "yesterday\n"


def test_an_empty_file_failed_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failed means one thing: an empty file (an error diagnostic) fails check, export and
    stats alike, and every one exits 1; the summaries say 1 file, not 1 files."""
    write_folder(tmp_path, {"empty.txt": b"", "good.txt": TEXT.encode()})
    code, _, err = run(capsys, "check", str(tmp_path))
    assert (code, err) == (1, "2 files: 1 ok, 0 with warnings, 1 failed\n")
    code, out, err = run(capsys, "export", str(tmp_path))
    assert code == 1
    assert len(out.splitlines()) == 2  # exported all the same: nothing is lost
    assert err == "exported 2 articles from 2 files (1 failed)\n"
    code, out, _ = run(capsys, "stats", str(tmp_path), "--format", "json")
    assert (code, json.loads(out)["failed"]) == (1, 1)
    code, _, err = run(capsys, "check", str(tmp_path / "empty.txt"))
    assert err == "1 file: 0 ok, 0 with warnings, 1 failed\n"
    code, _, err = run(capsys, "export", str(tmp_path / "good.txt"))
    assert err == "exported 1 article from 1 file (0 failed)\n"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(["headline", "authors", "published", "timezone", "body", "related", "url"])


@settings(max_examples=150)
@given(extra=st.dictionaries(FIELDS, JSON, max_size=5), body=JSON)
def test_any_record_shaped_line_is_an_entry(extra: dict[str, object], body: object) -> None:
    """A JSON line with the export's shape, whatever its values, gives one entry: an
    article or an invalid-record error, never an exception out of read_dump."""
    record = {"name": "r.txt", "schema_version": 1, **extra, "body": body}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        (entry,) = newsdump.read_dump(path)
    assert entry.name == "r.txt"
    assert entry.ok or getattr(entry.error, "code", None) == "invalid-record"


@settings(max_examples=60)
@given(made=st.lists(articles(), min_size=1, max_size=3))
def test_export_records_read_back_as_the_articles(made: list[Article]) -> None:
    """Export records (json_record(), the JSON Lines export) read back equal to their articles."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.jsonl"
        lines = (
            json.dumps(json_record(f"{i}.txt", a), ensure_ascii=False) for i, a in enumerate(made)
        )
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert [e.unwrap() for e in newsdump.read_dump(path)] == made


def test_counts_are_pluralised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show says 1 block, fmt 1 file: no "1 files" anywhere a count is printed."""
    path = tmp_path / "a.txt"
    path.write_text(TEXT.replace("\n\nOriginal url:", "\n\n\nOriginal url:"), encoding="utf-8")
    _, out, _ = run(capsys, "show", str(path))
    assert "  body       1 block (1 Paragraph)\n" in out
    _, _, err = run(capsys, "fmt", str(path))
    assert err == "1 file reformatted, 0 already canonical, 0 failed\n"
