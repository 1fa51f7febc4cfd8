"""Command-line friction (issue 21) and --now (issue 18, item 2): totals and ETA in the
progress display, a ParseError's position once, no empty headings, empty files in fmt,
what Ctrl-C leaves behind, and the reference time of relative datelines."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import newsdump
import newsdump.cli._common as common
import newsdump.cli._progress as progress_module
from _dumps import article_text, files, write_folder, write_jsonl, write_tar, write_zip
from newsdump.cli import main
from newsdump.cli._common import dump_size
from newsdump.cli._progress import Progress

RELATIVE = (
    "\n\n# Night Ferry Cancelled\n\nBy [Ada Quill](#)\n\n2 hours ago\n\n"
    "The night ferry did not sail because of the storm.\n\n"
    "Original url:\n\n<https://www.valley1.example/news/ferry-1>"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# The position of a ParseError, once -----------------------------------------------------


def test_parse_error_says_its_position_once() -> None:
    """file:line:column: code: message, or the position in words without a file name."""
    with pytest.raises(newsdump.ParseError) as named:
        newsdump.loads("By [Ann Lee](#)\n\nNo headline.", strict=True, source="bad.txt")
    first = str(named.value).splitlines()[0]
    assert first == "bad.txt:1:1: missing-headline: no '# ' headline at the top"
    with pytest.raises(newsdump.ParseError) as bare:
        newsdump.load(io.BytesIO(b"# Caf\xe9\n\nBody."))
    assert str(bare.value).splitlines()[0].startswith("line 1, column 6: invalid-encoding: ")
    assert "(line" not in str(named.value) + str(bare.value)


def test_show_strict_prints_the_position_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("By [Ann Lee](#)\n\nNo headline.", encoding="utf-8")
    code, _, err = run(capsys, "show", "--strict", str(path))
    assert code == 1
    assert (
        err.splitlines()[0]
        == f"newsdump: {path}:1:1: missing-headline: no '# ' headline at the top"
    )
    assert err.count(":1:1:") == 1
    assert "column" not in err


# stats: a heading only over something -----------------------------------------------------


def test_stats_prints_no_empty_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write_folder(tmp_path / "clean", files(2))
    code, out, _ = run(capsys, "stats", str(clean))
    assert code == 0
    assert "top diagnostics:" not in out
    assert "top sites:" in out
    cut = write_folder(tmp_path / "cut", {"cut.txt": b"\n\n# Cut\n\nBy Ann Lee\n\nIt stops"})
    _, out, _ = run(capsys, "stats", str(cut))
    assert out.endswith("top diagnostics:\n        1  missing-trailer\n")


# fmt and empty files -----------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_fmt_leaves_an_empty_file_and_reports_it_as_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    _, checked, _ = run(capsys, "check", str(path))
    for argv in (["fmt", "--check"], ["fmt"]):
        code, out, err = run(capsys, *argv, str(path))
        assert (code, out) == (1, "")
        assert err.splitlines()[0] == checked.strip()  # path:1:1: empty-input the file is empty
        assert err.endswith("0 already canonical, 1 failed\n")
        assert path.read_bytes() == data


# Ctrl-C: what was left behind --------------------------------------------------------------


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, calls: int) -> None:
    """Make ``module.name`` raise KeyboardInterrupt on its call number ``calls + 1``."""
    real = getattr(module, name)
    seen = []

    def interrupting(*args: Any, **kwargs: Any) -> Any:
        seen.append(1)
        if len(seen) > calls:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, interrupting)


@pytest.mark.parametrize(
    ("argv", "left"),
    [
        (["check"], "nothing was written"),
        (["stats"], "nothing was written"),
        (["dups", "--exact"], "nothing was written"),
        (["export"], "2 records written to stdout"),
        (
            ["export", "--format", "json"],
            "2 records written to stdout (the JSON array is not closed)",
        ),
    ],
)
def test_interrupted_commands_say_what_they_left(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    left: str,
) -> None:
    root = write_folder(tmp_path / "d", files(5))
    _interrupt_after(monkeypatch, common, "_tallied", 2)
    code, _, err = run(capsys, *argv, str(root))
    assert code == 130
    assert err == f"newsdump: interrupted after 2 files; {left}\n"


def test_interrupted_export_to_a_file_and_dups_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_folder(tmp_path / "d", files(5))
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"yesterday\n")
    for command in ("export", "dups"):
        with monkeypatch.context() as patch:
            _interrupt_after(patch, common, "_tallied", 3)
            code, _, err = run(capsys, command, str(root), "-o", str(out))
        assert code == 130
        assert err == f"newsdump: interrupted after 3 files; {out} left as it was\n"
        assert out.read_bytes() == b"yesterday\n"


def test_interrupted_diff_counts_both_dumps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = write_folder(tmp_path / "old", files(3))
    new = write_folder(tmp_path / "new", files(3))
    _interrupt_after(monkeypatch, common, "_tallied", 4)
    assert run(capsys, "diff", str(old), str(new)) == (
        130,
        "",
        "newsdump: interrupted after 4 files; nothing was written\n",
    )


def test_interrupted_fmt_show_and_golden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdump.cli as cli
    import newsdump.cli._fmt as fmt
    import newsdump.testing._commands as commands

    messy = {f"{n}.txt": (article_text(n) + "\n\n\n").encode() for n in range(4)}
    root = write_folder(tmp_path / "d", messy)
    with monkeypatch.context() as patch:
        _interrupt_after(patch, fmt, "_handle", 2)
        code, _, err = run(capsys, "fmt", str(root))
        assert (code, err) == (
            130,
            "newsdump: interrupted after 3 files; 2 files reformatted so far, "
            "every other file left as it was\n",
        )
    with monkeypatch.context() as patch:
        _interrupt_after(patch, fmt, "_handle", 2)
        _, _, err = run(capsys, "fmt", "--check", str(root))
        assert err == "newsdump: interrupted after 3 files; nothing was written\n"
    with monkeypatch.context() as patch:
        _interrupt_after(patch, cli, "read_shown", 0)
        assert run(capsys, "show", str(root / "3.txt")) == (
            130,
            "",
            "newsdump: interrupted; nothing was written\n",
        )
    with monkeypatch.context() as patch:
        _interrupt_after(patch, commands, "update_golden", 1)
        code, out, err = run(capsys, "golden", "update", str(root / "0.txt"), str(root / "1.txt"))
        assert (code, out.count("\n")) == (130, 1)
        assert err == (
            "newsdump: interrupted; each golden file listed above was written, "
            "the others left as they were\n"
        )


# Progress: the total and the time left -----------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def test_plain_counter_shows_the_total_and_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(progress_module, "time", clock)
    stream = Terminal()
    with Progress("newsdump", stream=stream, bar=False) as progress:
        assert progress.text() == "0 files"
        thread = progress.total_from(lambda: 40)
        assert thread is not None
        thread.join()
        clock.now += 5.0
        progress.update(10)  # 10 files in 5 s: 30 more take 15 s
        assert progress.total == 40
        assert "\rnewsdump: 10/40 files, ETA 0:15\x1b[K" in stream.getvalue()
        clock.now += 3595.0
        assert progress.text() == "10/40 files, ETA 3:00:00"
        progress.update(35)  # more than were listed: the total grows with the count
        assert progress.text().startswith("45/45 files, ETA 0:00")
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_total_is_counted_without_a_display() -> None:
    counted = threading.Event()
    progress = Progress("newsdump", stream=io.StringIO())  # not a terminal

    def count() -> int:
        counted.set()
        return 3

    assert progress.total_from(count) is None
    assert not counted.is_set()
    unknown = Progress("newsdump", stream=Terminal(), bar=False)
    thread = unknown.total_from(lambda: None)  # a tar: not known
    assert thread is not None
    thread.join()
    unknown.update(2)
    assert (unknown.total, unknown.text()) == (None, "2 files")


def test_tqdm_bar_gets_the_total() -> None:
    pytest.importorskip("tqdm", reason="the bar needs the cli extra (tqdm)")
    stream = Terminal()
    with Progress("newsdump", stream=stream) as progress:
        thread = progress.total_from(lambda: 8)
        assert thread is not None
        thread.join()
        progress.update(2)
        assert progress._bar.total == 8
    assert "/8" in stream.getvalue()


def test_dump_sizes(tmp_path: Path) -> None:
    """Folders are listed, zip directories read, JSON Lines counted; tar is not known."""
    members = files(7)
    folder = write_folder(tmp_path / "d", {**members, "notes.md": b"not a dump"})
    assert dump_size(str(folder)) == 7
    assert dump_size(str(folder), "*.md") == 1
    assert dump_size(str(write_zip(tmp_path / "d.zip", {**members, "x/": b""}))) == 7
    jsonl = write_jsonl(tmp_path / "d.jsonl", members)
    jsonl.write_text(jsonl.read_text(encoding="utf-8") + "\n  \n", encoding="utf-8")
    assert dump_size(str(jsonl)) == 7
    assert len(list(newsdump.read_dump(jsonl))) == 7
    assert dump_size(str(write_tar(tmp_path / "d.tgz", members))) is None
    assert dump_size(str(tmp_path / "missing")) is None
    single = tmp_path / "one.txt"
    single.write_text(article_text(1), encoding="utf-8")
    assert dump_size(str(single)) == 1


def test_long_json_lines_are_counted_in_chunks(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    text = json.dumps("x" * 3_000_000)
    path.write_text(f"{text}\n\n{text}\n   \n{text}", encoding="utf-8")
    assert dump_size(str(path)) == 3


@pytest.mark.parametrize("command", ["check", "fmt"])
def test_commands_show_the_total_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """check (dumps) and fmt (files and folders) count what they will read."""

    class NowThread(threading.Thread):  # the count, done at once: no race in the test
        def start(self) -> None:
            self.run()

    root = write_folder(tmp_path / "d", files(4))
    single = tmp_path / "one.txt"
    single.write_text(newsdump.format_text(article_text(9)), encoding="utf-8")
    stream = Terminal()
    monkeypatch.setattr(threading, "Thread", NowThread)
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # the plain counter
    argv = [command, str(root), str(single)] + (["--check"] if command == "fmt" else [])
    main(argv)
    assert "newsdump: 1/5 files, ETA " in stream.getvalue()


# --now: the reference time of relative datelines ------------------------------------------


def test_now_on_show_check_export_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d" / "rel.txt"
    write_folder(tmp_path / "d", {"rel.txt": RELATIVE.encode()})
    _, out, _ = run(capsys, "show", str(path))
    assert "  published  -\n" in out
    assert "relative-date" in out
    _, out, _ = run(capsys, "show", str(path), "--now", "2025-06-01T12:00:00+02:00")
    assert "  published  2025-06-01T10:00:00+02:00 (datetime)\n" in out
    assert "relative-date" not in out
    # Without a zone, the time is UTC.
    code, out, _ = run(capsys, "check", str(tmp_path / "d"), "--now", "2025-06-01T12:00")
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "export", str(tmp_path / "d"), "--now", "2025-06-01T12:00")
    assert json.loads(out)["published"] == "2025-06-01T10:00:00+00:00"
    _, out, _ = run(capsys, "stats", str(tmp_path / "d"), "--now", "2025-06-01", "--format", "json")
    assert json.loads(out)["first_date"] == "2025-05-31"


def test_now_mtime_reads_the_files_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rel.txt"
    path.write_text(RELATIVE, encoding="utf-8")
    when = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)
    os.utime(path, (when.timestamp(), when.timestamp()))
    _, out, _ = run(capsys, "show", str(path), "--now", "mtime")
    assert "  published  2025-03-04T10:00:00+00:00 (datetime)\n" in out
    archive = write_zip(tmp_path / "d.zip", {"rel.txt": RELATIVE.encode()})
    os.utime(archive, (when.timestamp(), when.timestamp()))
    _, out, _ = run(capsys, "show", f"{archive}/rel.txt", "--now", "mtime")
    assert "  published  2025-03-04T10:00:00+00:00 (datetime)\n" in out
    _, out, _ = run(capsys, "export", str(archive), "--now", "mtime")
    assert json.loads(out)["published"] == "2025-03-04T10:00:00+00:00"


def test_now_on_diff_and_dups(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write_folder(tmp_path / "old", {"rel.txt": RELATIVE.encode()})
    new = write_folder(tmp_path / "new", {"rel.txt": RELATIVE.encode()})
    code, out, _ = run(
        capsys, "diff", str(old), str(new), "--format", "json", "--now", "2025-06-01"
    )
    assert code == 0
    assert json.loads(out)["unchanged"] == 1
    copy = write_folder(tmp_path / "old", {"copy.txt": RELATIVE.encode()})
    _, out, _ = run(capsys, "dups", str(copy), "--exact", "--now", "2025-06-01")
    assert out.splitlines()[1:] == [
        f"1,{copy}/rel.txt,kept,1.0,valley1.example,2025-05-31T22:00:00+00:00",
        f"1,{copy}/copy.txt,exact,1.0,valley1.example,2025-05-31T22:00:00+00:00",
    ]


def test_now_mistakes_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_folder(tmp_path / "d", {"rel.txt": RELATIVE.encode()})
    with pytest.raises(SystemExit) as bad:
        main(["check", str(tmp_path / "d"), "--now", "yesterday"])
    assert bad.value.code == 2
    assert "--now: not an ISO time or 'mtime': 'yesterday'" in capsys.readouterr().err
    code, out, err = run(capsys, "check", str(tmp_path / "d"), "--now", "mtime")
    assert (code, out) == (2, "")
    assert err.startswith(f"newsdump: --now mtime: {tmp_path / 'd'} is a folder")


def test_fmt_takes_no_now(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fmt never changes what a file says: a relative dateline is written as it stands."""
    path = tmp_path / "rel.txt"
    path.write_text(RELATIVE, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["fmt", str(path), "--now", "2025-06-01"])
    capsys.readouterr()
    assert run(capsys, "fmt", str(path))[0] == 0
    assert "\n2 hours ago\n" in path.read_text(encoding="utf-8")
