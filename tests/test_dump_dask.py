"""newsdump.dask on a dask.distributed LocalCluster gives what read_dump gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import newsdump
from _dumps import files, in_walk_order, write_folder, write_tar, write_zip

pytest.importorskip("dask.bag", reason="newsdump.dask needs the dask extra (dask[bag])")
distributed = pytest.importorskip("distributed", reason="the test runs on distributed")

import newsdump.dask as nd  # noqa: E402  (after the skips)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A two-process LocalCluster, shut down after the module's tests."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def dumps_of(tmp_path: Path) -> list[Path]:
    """A folder, a zip and a tar.gz of invented files, one with a bad member."""
    members = in_walk_order(files(12))
    members["b/zz_bad.txt"] = b"\xff not UTF-8"
    return [
        write_folder(tmp_path / "folder", members),
        write_zip(tmp_path / "d.zip", members),
        write_tar(tmp_path / "d.tar.gz", members),
    ]


@pytest.mark.usefixtures("client")
def test_read_bag_gives_the_entries_of_read_dump(tmp_path: Path) -> None:
    """The bag holds read_dump's entries, dump by dump, in order."""
    paths = dumps_of(tmp_path)
    expected = [entry for path in paths for entry in newsdump.read_dump(path)]
    found = nd.read_bag(paths).compute()
    assert [e.name for e in found] == [e.name for e in expected]
    assert [e.article for e in found] == [e.article for e in expected]
    assert [getattr(e.error, "code", None) for e in found].count("invalid-encoding") == 3


@pytest.mark.usefixtures("client")
def test_read_records_gives_flat_records(tmp_path: Path) -> None:
    """The records are read_dump's entries flattened, with the dump and any error."""
    paths = dumps_of(tmp_path)
    expected = [nd.record(str(p), e) for p in paths for e in newsdump.read_dump(p)]
    found = nd.read_records(paths).compute()
    assert found == expected
    assert all(tuple(record) == nd.RECORD_COLUMNS for record in found)
    bad = [r for r in found if r["error"]]
    assert [r["name"] for r in bad] == ["b/zz_bad.txt"] * 3
    assert bad[0]["error"].startswith("invalid-encoding: ")
