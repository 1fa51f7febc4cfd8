"""The command line: check, export, fmt, stats and show on small dumps the tests build."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsdump
from _dumps import article_text, files, write_folder, write_tar, write_zip
from newsdump.cli import COMMANDS, main

CUT = b"\n\n# Cut Short\n\nBy Ann Lee\n\nThe story stops"
BAD = b"\n\n# Caf\xe9"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of the command line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def mixed(root: Path) -> Path:
    """A dump with two good files, one without a trailer and one that is not UTF-8."""
    members = {"a.txt": article_text(1).encode(), "b/c.txt": article_text(2).encode()}
    members.update({"cut.txt": CUT, "bad.txt": BAD})
    return write_folder(root, members)


def test_check_prints_diagnostics_summary_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check lists path:line:col: code message, sums up, and exits 1 when a file failed."""
    root = mixed(tmp_path / "d")
    code, out, err = run(capsys, "check", str(root))
    assert code == 1
    assert f"{root}/bad.txt:3:6: invalid-encoding " in out
    assert f"{root}/cut.txt:7:1: missing-trailer " in out
    assert "4 files: 2 ok, 0 with warnings, 2 failed" in err


def test_check_passes_a_clean_dump(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check exits 0 and prints nothing on stdout for a clean zip."""
    path = write_zip(tmp_path / "d.zip", files(4))
    assert run(capsys, "check", str(path)) == (0, "", "4 files: 4 ok, 0 with warnings, 0 failed\n")


def test_check_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --strict a file with only warnings fails."""
    text = article_text(3).replace("March 4, 2024", "03/04/2024")
    write_folder(tmp_path, {"w.txt": text.encode()})
    article = newsdump.loads(text)
    severities = {d.severity for d in article.diagnostics}
    code, _, err = run(capsys, "check", str(tmp_path))
    strict_code, _, strict_err = run(capsys, "check", "--strict", str(tmp_path))
    if newsdump.Severity.ERROR in severities:
        assert (code, strict_code) == (1, 1)
    else:
        assert severities == {newsdump.Severity.WARNING}
        assert (code, strict_code) == (0, 1)
        assert "1 with warnings" in err
        assert "1 failed" in strict_err


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check --format json gives the problems and the summary as one JSON document."""
    root = mixed(tmp_path / "d")
    code, out, _ = run(capsys, "check", "--format", "json", "--workers", "2", str(root))
    data = json.loads(out)
    assert code == 1
    assert data["summary"] == {"files": 4, "ok": 2, "warnings": 0, "failed": 2}
    assert [p["path"] for p in data["problems"]] == [f"{root}/bad.txt", f"{root}/cut.txt"]
    assert data["problems"][1]["diagnostics"][0]["code"] == "missing-trailer"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_export_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str) -> None:
    """export writes one JSON record per article that from_dict reads back."""
    root = write_folder(tmp_path / "d", files(5))
    code, out, err = run(capsys, "export", str(root), "--workers", workers)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(records) == 5
    assert "exported 5 articles from 5 files (0 failed)" in err
    entries = list(newsdump.read_dump(root))
    # named as CSV names them: the dump, then the file in it
    assert [r["name"] for r in records] == [f"{root}/{e.name}" for e in entries]
    assert [newsdump.from_dict(r) for r in records] == [e.article for e in entries]
    assert records[0]["text"] == entries[0].unwrap().text


def test_export_json_and_csv_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export --format json writes an array, csv a header and one flat row per article."""
    root = mixed(tmp_path / "d")
    out_json = tmp_path / "out.json"
    code, _, err = run(capsys, "export", str(root), "--format", "json", "-o", str(out_json))
    assert code == 1  # one file could not be read
    assert "bad.txt: invalid-encoding" in err
    assert len(json.loads(out_json.read_text(encoding="utf-8"))) == 3
    out_csv = tmp_path / "out.csv"
    run(capsys, "export", str(root), "--format", "csv", "-o", str(out_csv), "-q")
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == [f"{root}/a.txt", f"{root}/b/c.txt", f"{root}/cut.txt"]
    assert rows[0]["authors"] == "Ada Quill; Bo Fenn"
    assert rows[0]["author_count"] == "2"
    assert rows[0]["related"] == "Ferry Fares Frozen 1"
    assert rows[0]["published"] == "2024-03-02"


def test_export_of_nothing_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty dump exports nothing and says so (exit 2), even with -q."""
    message = f"newsdump: {tmp_path}: no files matching --pattern '*.txt': nothing to read\n"
    assert run(capsys, "export", str(tmp_path), "--format", "json", "-q") == (2, "", message)


def test_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """stats counts files, sites, the date range and what is missing."""
    root = mixed(tmp_path / "d")
    code, out, _ = run(capsys, "stats", str(root), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["files"] == 4
    assert data["failed"] == 2  # as check counts: bad.txt unreadable, cut.txt missing-trailer
    assert data["first_date"] == "2024-03-02"
    assert data["last_date"] == "2024-03-03"
    assert data["without"] == {"byline": 0, "date": 1, "trailer": 1, "site": 1}
    # cut.txt has no trailer, so no site: it is counted apart, not as a site of its own
    assert data["sites"] == 2
    assert data["top_sites"] == {"valley1.example": 1, "valley2.example": 1}
    assert data["top_diagnostics"] == {"invalid-encoding": 1, "missing-trailer": 1}
    _, text, _ = run(capsys, "stats", str(root))
    assert "dates            2024-03-02 to 2024-03-03" in text
    assert "without site     1" in text
    assert "(none)" not in text


def test_fmt_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fmt --check lists files that would change; fmt rewrites them into canonical form."""
    messy = article_text(5).replace("\n", "\r\n") + "\r\n"
    canonical = newsdump.format_text(messy)
    write_folder(tmp_path / "d", {"m.txt": messy.encode(), "ok.txt": canonical.encode()})
    single = tmp_path / "single.txt"
    single.write_bytes(messy.encode())
    code, out, err = run(capsys, "fmt", "--check", str(tmp_path / "d"), str(single))
    assert code == 1
    assert out == f"would reformat {tmp_path / 'd' / 'm.txt'}\nwould reformat {single}\n"
    assert "2 files would be reformatted, 1 already canonical, 0 failed" in err
    assert (tmp_path / "d" / "m.txt").read_bytes() == messy.encode()
    assert run(capsys, "fmt", str(tmp_path / "d"), str(single))[0] == 0
    assert (tmp_path / "d" / "m.txt").read_text(encoding="utf-8") == canonical
    assert single.read_text(encoding="utf-8") == canonical
    assert run(capsys, "fmt", "--check", "-q", str(tmp_path / "d"), str(single)) == (0, "", "")


def test_fmt_reports_a_file_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fmt leaves a file that is not UTF-8 alone and exits 1."""
    path = tmp_path / "bad.txt"
    path.write_bytes(BAD)
    code, _, err = run(capsys, "fmt", str(path))
    assert code == 1
    assert "invalid-encoding" in err
    assert path.read_bytes() == BAD


@pytest.mark.parametrize("command", ["check", "export", "stats", "fmt"])
def test_missing_path_is_a_readable_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A missing path exits 2 with one line on stderr, no traceback."""
    code, out, err = run(capsys, command, str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert err == f"newsdump: cannot read {tmp_path / 'nope'}: No such file or directory\n"


def test_unreadable_archive_is_a_readable_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named like an archive that is not one exits 2 with a message."""
    fake = tmp_path / "d.tar.gz"
    fake.write_bytes(b"plain text")
    code, _, err = run(capsys, "check", str(fake))
    assert code == 2
    assert err == f"newsdump: cannot read {fake}: {fake} is not a zip or tar archive\n"


def test_truncated_archive_reports_what_it_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check on a truncated tar.gz lists the damage under the archive's own path."""
    path = write_tar(tmp_path / "d.tgz", files(30))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.startswith(f"{path}:1:1: corrupt-archive damaged or truncated after ")


def test_output_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o into a folder that does not exist exits 2 with a message."""
    target = tmp_path / "no" / "out.jsonl"
    code, _, err = run(capsys, "export", str(tmp_path), "-o", str(target))
    assert code == 2
    assert err == f"newsdump: cannot write {target}: No such file or directory\n"


def test_show_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show prints a summary, or JSON with --json."""
    path = tmp_path / "a.txt"
    path.write_text(article_text(8), encoding="utf-8")
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert "  headline   Stonehaven Council Votes on Bridge Repair 8\n" in out
    code, out, _ = run(capsys, "show", "--json", str(path))
    assert json.loads(out)["authors"][0] == {"name": "Ada Quill", "url": None}


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command the help is printed and the exit code is 2."""
    code, out, _ = run(capsys)
    assert code == 2
    assert "check" in out
    assert "export" in out


def test_commands_can_be_registered(capsys: pytest.CaptureFixture[str]) -> None:
    """A register(commands) callable given to main beside COMMANDS adds a subcommand,
    and leaves the built-in table as it was."""

    def register(commands: object) -> None:
        parser = commands.add_parser("hello")  # type: ignore[attr-defined]
        parser.set_defaults(handler=lambda args: print("hi") or 0)

    before = COMMANDS
    assert main(["hello"], commands=(*COMMANDS, register)) == 0
    assert capsys.readouterr() == ("hi\n", "")
    assert COMMANDS is before
    assert register not in COMMANDS
    with pytest.raises(SystemExit):  # not offered without it
        main(["hello"])
    assert isinstance(COMMANDS, tuple)


def test_quiet_and_not_a_terminal_mean_no_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Progress is never drawn when stderr is not a terminal; --quiet drops the summary too."""
    write_folder(tmp_path, files(3))
    assert run(capsys, "check", "-q", str(tmp_path)) == (0, "", "")


def test_progress_counter_on_a_terminal() -> None:
    """On a terminal without tqdm the plain counter writes to stderr and clears its line."""
    from newsdump.cli._progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with Progress("newsdump", stream=stream, bar=False) as progress:
        progress.update(3)
    assert "newsdump: 3 files" in stream.getvalue()
    quiet = Terminal()
    with Progress("newsdump", quiet=True, stream=quiet) as progress:
        progress.update()
    assert quiet.getvalue() == ""


def test_progress_bar_with_tqdm() -> None:
    """With tqdm installed, a terminal gets its bar, cleared at the end."""
    pytest.importorskip("tqdm", reason="the bar needs the cli extra (tqdm)")
    from newsdump.cli._progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with Progress("newsdump", stream=stream) as progress:
        progress.update(2)
    assert "newsdump: 0 files" in stream.getvalue()


def test_python_dash_m(tmp_path: Path) -> None:
    """python -m newsdump runs the same command line."""
    write_folder(tmp_path, files(2))
    done = subprocess.run(
        [sys.executable, "-m", "newsdump", "check", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "2 files: 2 ok" in done.stderr


def test_permission_problem_is_a_readable_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dump the system refuses to open exits 2 with the system's reason, no traceback."""
    import newsdump.cli._common as common

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(common, "map_dump", refuse)
    (tmp_path / "a.txt").write_text("a file to read", encoding="utf-8")
    code, out, err = run(capsys, "stats", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"newsdump: cannot read {tmp_path}: Permission denied\n"
