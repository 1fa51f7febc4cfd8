"""The names deprecated in 0.1: each still works, warns once per use with a
`DeprecationWarning` that points at the caller's line and names its replacement, and
its replacement gives the same result without a warning (the suite turns warnings into
errors, so a replacement that warned would fail here)."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import newsdump
import newsdump.sites
from _dumps import article_text, write_folder
from newsdump import Limits, Link
from newsdump._deprecated import REMOVED_IN
from test_sites_plugin import _install

HERE = Path(__file__).resolve()

REFERENCES = """\
# A headline

See [the council][c] and [the mayor][m], then [a link](https://example.org/a).

- an item on [the council][c]

[c]: https://example.org/council
[m]: https://example.org/mayor "The mayor"
"""


@contextmanager
def deprecated(*words: str) -> Iterator[None]:
    """Exactly one DeprecationWarning, naming ``words``, attributed to this file."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    found = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(found) == 1, [str(w.message) for w in caught]
    (warning,) = found
    for word in words:
        assert word in str(warning.message), (word, str(warning.message))
    assert f"removed in newsdump {REMOVED_IN};" in str(warning.message)
    assert Path(warning.filename).resolve() == HERE, warning.filename


def no_warning(func: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func()


# Block.plain(env)


def test_block_plain_warns_and_still_resolves_references() -> None:
    article = newsdump.loads(REFERENCES)
    paragraph = article.body[0]
    with deprecated("Block.plain", "Block.text", "Article.links"):
        text, links = paragraph.plain({"references": {"C": {"href": "/c", "title": ""}}})
    assert text == "See the council and [the mayor][m], then a link."
    assert links == (("the council", "/c"), ("a link", "https://example.org/a"))
    with deprecated("Block.plain"):
        assert paragraph.plain() == (paragraph.text, (("a link", "https://example.org/a"),))


def test_block_plain_warns_for_every_block_kind() -> None:
    """The subclasses that read differently (Paragraph, Rule) warn too."""
    article = newsdump.loads("# H\n\nText.\n\n---\n\n- item\n")
    kinds = {type(block).__name__ for block in article.body}
    assert {"Paragraph", "Rule", "ListBlock"} <= kinds
    for block in article.body:
        with deprecated("Block.plain"):
            assert block.plain()[0] == block.text


def test_article_links_resolves_reference_links_in_order() -> None:
    article = no_warning(lambda: newsdump.loads(REFERENCES))
    council = Link("the council", "https://example.org/council")
    assert no_warning(lambda: article.links) == (
        council,
        Link("the mayor", "https://example.org/mayor"),
        Link("a link", "https://example.org/a"),
        council,
    )
    # Each block alone knows nothing of the definitions: only the inline link is one.
    assert article.body[0].links == (Link("a link", "https://example.org/a"),)
    assert "the council" in article.text
    assert "[c]" not in article.text


def test_article_links_leaves_boilerplate_out_and_neutralises_hash() -> None:
    body = (
        newsdump.Paragraph("A [kept](https://example.org/k) and [gone](#)."),
        newsdump.Boilerplate("[Subscribe](https://example.org/s)"),
    )
    article = newsdump.Article(headline="H", body=body)
    assert article.links == (Link("kept", "https://example.org/k"), Link("gone", None))


# read_dump(max_bytes=...)


@pytest.fixture
def small_dump(tmp_path: Path) -> Path:
    big = article_text(1) + "\n\n" + "More text in the body. " * 40 + "\n"
    return write_folder(
        tmp_path / "dump", {"a.txt": article_text(2).encode(), "b.txt": big.encode()}
    )


def codes(entries: Any) -> list[tuple[str, str | None]]:
    return [(e.name, getattr(e.error, "code", None)) for e in entries]


def test_read_dump_max_bytes_warns_and_still_limits(small_dump: Path) -> None:
    most = len(article_text(2).encode())
    expected = [("a.txt", None), ("b.txt", "too-large")]
    with deprecated("read_dump(max_bytes=", "limits=Limits(max_bytes="):
        entries = newsdump.read_dump(small_dump, max_bytes=most)
    assert codes(entries) == expected
    replacement = no_warning(
        lambda: list(newsdump.read_dump(small_dump, limits=Limits(max_bytes=most)))
    )
    assert codes(replacement) == expected


def test_map_dump_max_bytes_warns_and_keeps_other_limits(small_dump: Path) -> None:
    most = len(article_text(2).encode())
    with deprecated("map_dump(max_bytes=", "limits=Limits(max_bytes="):
        results = newsdump.map_dump(
            codes_of, small_dump, max_bytes=most, limits=Limits(max_members=1)
        )
    # max_bytes= is folded into the limits given, which keep their other fields.
    assert list(results) == [("a.txt", None), ("", "too-large")]


def codes_of(entry: newsdump.DumpEntry) -> tuple[str, str | None]:
    return entry.name, getattr(entry.error, "code", None)


def test_arrow_max_bytes_warns(small_dump: Path) -> None:
    pytest.importorskip("pyarrow")
    from newsdump.arrow import iter_batches

    most = len(article_text(2).encode())
    with deprecated("to_arrow(max_bytes="):
        table = newsdump.to_arrow(small_dump, max_bytes=most)
    assert table.column("error").to_pylist()[1].startswith("too-large")
    with deprecated("iter_batches(max_bytes="):
        batches = iter_batches(small_dump, max_bytes=most)  # warns at the call
    assert sum(batch.num_rows for batch in batches) == 2


def test_max_bytes_none_does_not_warn(small_dump: Path) -> None:
    assert len(no_warning(lambda: list(newsdump.read_dump(small_dump, max_bytes=None)))) == 2


# newsdump.sites: builtin, discover, installed, available


@pytest.fixture
def with_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The example quirk package installed through its entry point."""
    monkeypatch.syspath_prepend(str(tmp_path))
    _install(tmp_path, "newsdump_harbourtown:HarbourTownHerald")
    yield
    sys.modules.pop("newsdump_harbourtown", None)


def labels(sites: Any) -> list[str]:
    return [site.label for site in sites]


@pytest.mark.usefixtures("with_plugin")
def test_site_loaders_warn_and_match_load_sites() -> None:
    sites = newsdump.sites
    everything = labels(no_warning(sites.load_sites))
    shipped = labels(no_warning(lambda: sites.load_sites(plugins=False)))
    plugins = labels(no_warning(lambda: sites.load_sites(builtin=False)))
    assert plugins == ["harbourtown"]
    assert "harbourtown" not in shipped
    assert len(shipped) >= 7
    assert everything == plugins + shipped  # an installed quirk wins: it comes first
    assert no_warning(lambda: sites.load_sites(builtin=False, plugins=False)) == ()
    with deprecated("sites.builtin()", "load_sites(plugins=False)"):
        assert labels(sites.builtin()) == shipped
    with deprecated("sites.discover()", "load_sites(builtin=False)"):
        assert labels(sites.discover()) == plugins
    with deprecated("sites.installed()", "load_sites()"):
        assert labels(sites.installed()) == everything


@pytest.mark.usefixtures("with_plugin")
def test_available_warns_and_matches_list_sites() -> None:
    listed = no_warning(newsdump.sites.list_sites)
    assert [(info.name, info.builtin) for info in listed][-1] == ("harbourtown", False)
    assert "newsdump_harbourtown" not in sys.modules  # listing imports no quirk
    with deprecated("sites.available()", "list_sites()"):
        assert newsdump.sites.available() == listed


# newsdump.dask.record


def test_dask_record_warns_and_matches_entry_record(small_dump: Path) -> None:
    nd = pytest.importorskip("newsdump.dask")
    most = len(article_text(2).encode())
    entries = list(newsdump.read_dump(small_dump, limits=Limits(max_bytes=most)))
    assert [e.ok for e in entries] == [True, False]
    for entry in entries:

        def record_of(entry: newsdump.DumpEntry = entry) -> Any:
            return nd.entry_record("d", entry)

        expected = no_warning(record_of)
        assert tuple(expected) == nd.RECORD_COLUMNS
        with deprecated("dask.record(dump, entry)", "dask.entry_record(dump, entry)"):
            assert nd.record("d", entry) == expected


# ParseError.reason


def test_parse_error_reason_warns_and_message_is_the_words() -> None:
    with pytest.raises(newsdump.ParseError) as caught:
        newsdump.loads("Body without a headline.\n", strict=True)
    error = caught.value
    assert error.code == "missing-headline"
    message = no_warning(lambda: error.message)
    assert message
    assert message in str(error)
    assert ":1:" not in message  # the words only: the position is str(error)'s
    with deprecated("ParseError.reason", "ParseError.message"):
        assert error.reason == message


def test_parse_error_message_survives_pickling_and_with_source() -> None:
    import pickle

    error = newsdump.ParseError("no headline here", code="missing-headline", line=3, column=2)
    again = no_warning(lambda: pickle.loads(pickle.dumps(error)))
    assert (again.message, again.line, again.column, str(again)) == (
        "no headline here",
        3,
        2,
        str(error),
    )
    named = no_warning(lambda: error.with_source("a.txt"))
    assert named.message == "no headline here"
    assert str(named).startswith("a.txt:3:2:")
    assert "no headline here" in str(named)


# PluginError.reason


def test_plugin_error_reason_warns_and_message_is_the_words() -> None:
    """Like ParseError: ``message`` holds the words, ``reason`` is its deprecated alias."""
    import pickle

    from newsdump._export.columns import error_text

    error = newsdump.PluginError("no hosts", plugin="Harbour", hook="hosts")
    assert no_warning(lambda: error.message) == "no hosts"
    assert str(error) == "site 'Harbour' failed in hosts: no hosts"
    again = no_warning(lambda: pickle.loads(pickle.dumps(error)))
    assert (again.message, again.plugin, again.hook) == ("no hosts", "Harbour", "hosts")
    assert no_warning(lambda: error_text(error)) == "error: no hosts"
    with deprecated("PluginError.reason", "PluginError.message"):
        assert error.reason == "no hosts"


def test_export_and_check_show_a_parse_errors_message_without_warning(tmp_path: Path) -> None:
    """The command line and the error column read `message`, not the deprecated alias."""
    from newsdump._export.columns import error_text

    error = newsdump.ParseError("no headline here", code="missing-headline", line=1)
    assert no_warning(lambda: error_text(error)) == "missing-headline: no headline here"
    dump = write_folder(tmp_path / "d", {"bad.txt": b"\xff\xfe not UTF-8"})
    (entry,) = no_warning(lambda: list(newsdump.read_dump(dump, strict=True)))
    assert isinstance(entry.error, newsdump.ParseError)
    assert no_warning(lambda: error_text(entry.error)).startswith(f"{entry.error.code}: ")
