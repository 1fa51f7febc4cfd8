"""The worker pool behind read_dump and map_dump: order, failures, dead helpers, no input."""

from __future__ import annotations

import multiprocessing
import os
import types
from pathlib import Path

import pytest

import newsdump
from _dumps import files, in_walk_order, write_folder, write_zip
from newsdump import DumpEntry, DumpError
from newsdump._dump import _pool


def _double(batch: list[int]) -> list[int]:
    """Work for the pool tests (module-level, so that helpers can run it)."""
    return [2 * item for item in batch]


def _square(value: int) -> int:
    return value * value


def _unsquare(value: int) -> int:
    return -value


def _boom(entry: DumpEntry) -> str:
    """Fail on one file."""
    if "/077_" in entry.name:
        raise ValueError(f"no good: {entry.name}")
    return entry.name


def _die_in_helper(entry: DumpEntry) -> str:
    """Kill the helper process it runs in (the calling process has no parent process)."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return entry.name


@pytest.mark.parametrize("workers", [2, 3])
def test_results_come_in_order(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small batches over several helpers still give every result once, in order."""
    monkeypatch.setattr(_pool, "BATCH_ITEMS", 7)
    items = list(range(2000))
    assert list(_pool.ordered_map(_double, items, workers)) == [2 * i for i in items]


def test_pack_and_unpack_travel_with_helper_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pack`` runs in the helper on its results, ``unpack`` here on what arrives."""
    monkeypatch.setattr(_pool, "BATCH_ITEMS", 5)
    out = list(_pool.ordered_map(_double, range(300), 2, pack=_square, unpack=_unsquare))
    assert len(out) == 300
    for index, value in enumerate(out):
        assert value in (2 * index, -((2 * index) ** 2))  # made here, or in a helper
    assert any(value < 0 for value in out[1:])


def test_no_items_start_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty input gives nothing, and no process is started for it."""

    def refuse() -> None:
        raise AssertionError("no helper should start")

    monkeypatch.setattr(_pool, "_context", refuse)
    assert list(_pool.ordered_map(_double, [], 2)) == []


def test_an_exception_in_a_helper_comes_at_its_place(tmp_path: Path) -> None:
    """What ``func`` raises in a helper is raised here, after the results before it."""
    write_folder(tmp_path, files(200))
    names = list(in_walk_order(files(200)))
    failing = next(i for i, name in enumerate(names) if "/077_" in name)
    for workers in (1, 2, 3):
        seen: list[str] = []
        with pytest.raises(ValueError, match="no good") as caught:
            seen.extend(newsdump.map_dump(_boom, tmp_path, workers=workers))
        assert seen == names[:failing]
        cause = caught.value.__cause__
        assert cause is None or "no good" in str(cause)  # a helper's traceback


def test_a_dead_helper_is_a_worker_error(tmp_path: Path) -> None:
    """A helper that dies is a ``worker`` DumpError, not a hang."""
    write_folder(tmp_path, files(300))
    with pytest.raises(DumpError) as caught:
        list(newsdump.map_dump(_die_in_helper, tmp_path, workers=2))
    assert caught.value.code == "worker"


def test_zip_members_read_the_same_with_workers(tmp_path: Path) -> None:
    """Archive members (sent as bytes) read the same with helpers as without."""
    members = in_walk_order(files(150))
    path = write_zip(tmp_path / "d.zip", members)
    one = [(e.name, e.article) for e in newsdump.read_dump(path)]
    two = [(e.name, e.article) for e in newsdump.read_dump(path, workers=2)]
    assert one == two


def test_a_relative_folder_reads_with_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder named relative to the working folder is read by helpers too."""
    write_folder(tmp_path / "dump", files(100))
    monkeypatch.chdir(tmp_path)
    entries = list(newsdump.read_dump("dump", workers=2))
    assert len(entries) == 100
    assert all(entry.ok for entry in entries)


def test_spawned_helpers_without_poll_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Windows does: helpers started by ``spawn`` (a fresh interpreter that imports
    everything it runs), and results waited for with ``connection.wait`` (no ``poll``)."""
    write_folder(tmp_path, files(120))
    monkeypatch.setattr(_pool, "_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(_pool, "select", types.SimpleNamespace())  # no select.poll
    monkeypatch.setattr(_pool, "BATCH_ITEMS", 4)
    one = [(e.name, e.article, e.error) for e in newsdump.read_dump(tmp_path)]
    two = [(e.name, e.article, e.error) for e in newsdump.read_dump(tmp_path, workers=2)]
    assert two == one
    assert len(one) == 120
    records = list(newsdump.map_dump(_name_and_place, tmp_path, workers=2))
    assert [name for name, _ in records] == [name for name, _, _ in one]
    assert any(in_helper for _, in_helper in records)  # the spawned helper did its share


def _name_and_place(entry: DumpEntry) -> tuple[str, bool]:
    """The entry's name, and whether a helper process read it."""
    return entry.name, multiprocessing.parent_process() is not None
