"""`write_dump` and `DumpWriter`: folders, zip, tar and JSON Lines, read back byte for byte,
names given or derived from the URL, clashes refused, and whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdump
from newsdump import DumpWriter, write_dump
from newsdump._dump._writer import FORMATS, name_for
from newsdump.model import Article
from newsdump.testing.strategies import articles, dump_texts

TARGETS = {
    "folder": "dump",
    "zip": "dump.zip",
    "tar": "dump.tar",
    "tar.gz": "dump.tar.gz",
    "tar.bz2": "dump.tbz2",
    "tar.xz": "dump.tar.xz",
    "jsonl": "dump.jsonl",
}
TEXT = (
    "\n\n# Lantern Festival Moves to the Pier\n\nBy [Ada Quill](#)\n\nMay 2, 2024\n\n"
    "The festival leaves the square this year.\n\n"
    "Original url:\n\n<https://www.pierpost.example/news/lantern-festival>"
)


def test_every_format_has_a_target_name() -> None:
    """The table of targets covers every format the writer knows."""
    assert set(TARGETS) == set(FORMATS)


def _round_trip(kind: str, texts: list[str]) -> None:
    originals = [newsdump.loads(text) for text in texts]
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, TARGETS[kind])
        write_dump(target, [(f"{i:03}.txt", a) for i, a in enumerate(originals)])
        entries = list(newsdump.read_dump(target))
    assert [e.name for e in entries] == [f"{i:03}.txt" for i in range(len(texts))]
    for entry, original, text in zip(entries, originals, texts, strict=True):
        assert entry.error is None
        assert entry.article == original
        assert newsdump.dumps(entry.article) == text


@pytest.mark.parametrize("kind", FORMATS)
@settings(max_examples=40)
@given(texts=st.lists(dump_texts(), min_size=1, max_size=4))
def test_read_dump_gives_back_what_was_written_byte_for_byte(kind: str, texts: list[str]) -> None:
    """read_dump of a written dump gives equal articles whose text is the text parsed."""
    _round_trip(kind, texts)


@pytest.mark.parametrize("kind", FORMATS)
@settings(max_examples=25)
@given(made=st.lists(articles(), min_size=1, max_size=3))
def test_articles_built_by_hand_are_read_back_equal(kind: str, made: list[Article]) -> None:
    """An article built (not parsed) is written in its canonical form and read back equal."""
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, TARGETS[kind])
        write_dump(target, [(f"n{i}.txt", a) for i, a in enumerate(made)])
        entries = list(newsdump.read_dump(target))
    assert [e.article for e in entries] == made
    assert [newsdump.dumps(e.unwrap()) for e in entries] == [newsdump.dumps(a) for a in made]


@given(url=st.text())
def test_derived_names_are_safe_and_deterministic(url: str) -> None:
    """A name derived from any URL is a plain file name, the same on every call."""
    article = Article(url=url or "x")
    name = name_for(article)
    assert re.fullmatch(r"[a-z0-9.-]{0,80}_[0-9a-f]{16}\.txt", name) or name.startswith("article_")
    assert "/" not in name
    assert ".." not in name.split("_")[0] or not name.startswith("..")
    assert name == name_for(Article(url=url or "x"))


def test_derived_names_differ_for_different_urls() -> None:
    """Two URLs that read alike once sanitised still get different names."""
    one = name_for(Article(url="https://a.example/News?id=1"))
    two = name_for(Article(url="https://a.example/news?id=1"))
    assert one.split("_")[0] == two.split("_")[0]
    assert one != two


@pytest.mark.parametrize("kind", FORMATS)
def test_a_name_clash_is_an_error_and_leaves_nothing(tmp_path: Path, kind: str) -> None:
    """The same name twice raises ValueError; the dump is not written at all."""
    article = newsdump.loads(TEXT)
    target = tmp_path / TARGETS[kind]
    with pytest.raises(ValueError, match="taken"):
        write_dump(target, [article, article])  # the same URL: the same derived name
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["folder", "zip", "tar"])
def test_a_name_and_a_folder_of_that_name_clash(tmp_path: Path, kind: str) -> None:
    """``a`` and ``a/b.txt`` cannot both be in a folder or archive: refused either way."""
    article = newsdump.loads(TEXT)
    with DumpWriter(tmp_path / TARGETS[kind]) as writer:
        writer.add(article, "a/b.txt")
        with pytest.raises(ValueError, match="taken"):
            writer.add(article, "a")
        writer.add(article, "c")
        with pytest.raises(ValueError, match="taken"):
            writer.add(article, "c/d.txt")
    assert [e.name for e in newsdump.read_dump(tmp_path / TARGETS[kind], pattern="*")] == [
        "a/b.txt",
        "c",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "",
        "/abs.txt",
        "a/../b.txt",
        "./a.txt",
        "a//b.txt",
        "a\\b.txt",
        "a\x00.txt",
        "C:x",
        "a/",
        "\udce9.txt",
    ],
)
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    """A name the reader would refuse (or that could escape a folder) is a ValueError."""
    with DumpWriter(tmp_path / "d.zip") as writer, pytest.raises(ValueError, match="unsafe name"):
        writer.add(newsdump.loads(TEXT), name)


def test_an_article_without_url_or_name_is_refused(tmp_path: Path) -> None:
    """No name and no URL to derive one from: a ValueError that says what to do."""
    with pytest.raises(ValueError, match="needs a name"):
        write_dump(tmp_path / "d.jsonl", [newsdump.loads("\n\n# No Trailer\n\nBody.")])
    assert not (tmp_path / "d.jsonl").exists()


@pytest.mark.parametrize("kind", FORMATS)
def test_nothing_is_under_the_target_until_close(tmp_path: Path, kind: str) -> None:
    """While writing, the target does not exist; an exception removes the temporary file."""
    target = tmp_path / TARGETS[kind]
    seen: list[str] = []

    def interrupted() -> None:
        with DumpWriter(target) as writer:
            writer.add(newsdump.loads(TEXT))
            seen.extend(p.name for p in tmp_path.iterdir())
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    (temporary,) = seen
    assert temporary.startswith(f".{target.name}.")
    assert temporary.endswith(".tmp")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    """A file at the target is refused, or with replace=True replaced whole at close."""
    target = tmp_path / "d.zip"
    target.write_bytes(b"yesterday")
    article = newsdump.loads(TEXT)
    with pytest.raises(FileExistsError):
        write_dump(target, [article])
    assert target.read_bytes() == b"yesterday"
    write_dump(target, [article], replace=True)
    assert [e.article for e in newsdump.read_dump(target)] == [article]


def test_a_folder_must_be_new_or_empty(tmp_path: Path) -> None:
    """A folder target that holds anything is refused; an empty one is filled."""
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    article = newsdump.loads(TEXT)
    with pytest.raises(FileExistsError):
        write_dump(tmp_path / "full", [article])
    assert (tmp_path / "full" / "keep.txt").read_text(encoding="utf-8") == "mine"
    (tmp_path / "empty").mkdir()
    write_dump(tmp_path / "empty", [("x/y.txt", article)])
    assert (tmp_path / "empty" / "x" / "y.txt").read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("kind", FORMATS[1:])
def test_the_same_articles_give_the_same_bytes(tmp_path: Path, kind: str) -> None:
    """Archives carry no times of their own: writing twice gives identical files."""
    article = newsdump.loads(TEXT)
    one, two = tmp_path / "1", tmp_path / "2"
    one.mkdir()
    two.mkdir()
    write_dump(one / TARGETS[kind], [article, ("b.txt", article)])
    write_dump(two / TARGETS[kind], [article, ("b.txt", article)])
    assert (one / TARGETS[kind]).read_bytes() == (two / TARGETS[kind]).read_bytes()


def test_format_can_be_named(tmp_path: Path) -> None:
    """format= overrides the name; an unknown format is a ValueError."""
    write_dump(tmp_path / "articles.bin", [newsdump.loads(TEXT)], format="zip")
    assert (tmp_path / "articles.bin").read_bytes().startswith(b"PK")
    with pytest.raises(ValueError, match="format must be one of"):
        DumpWriter(tmp_path / "x", format="rar")


def test_added_articles_must_be_articles(tmp_path: Path) -> None:
    """Text is not an article: TypeError, nothing written."""
    with pytest.raises(TypeError, match="expected an Article"):
        write_dump(tmp_path / "d.zip", [TEXT])  # type: ignore[list-item]
    assert list(tmp_path.iterdir()) == []
