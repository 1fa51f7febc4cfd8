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
    expected = [nd.entry_record(str(p), e) for p in paths for e in newsdump.read_dump(p)]
    found = nd.read_records(paths).compute()
    assert found == expected
    assert all(tuple(record) == nd.RECORD_COLUMNS for record in found)
    bad = [r for r in found if r["error"]]
    assert [r["name"] for r in bad] == ["b/zz_bad.txt"] * 3
    assert bad[0]["error"].startswith("invalid-encoding: ")


def good_then_bad(tmp_path: Path) -> list[Path]:
    """A dump that reads whole, then one with a file that cannot be read."""
    good = write_zip(tmp_path / "good.zip", files(5))
    members = in_walk_order(files(4))
    members["b/zz_bad.txt"] = b"\xff not UTF-8"
    return [good, write_zip(tmp_path / "bad.zip", members)]


@pytest.mark.usefixtures("client")
def test_to_dataframe_keeps_error_rows_with_the_declared_types(tmp_path: Path) -> None:
    """An unreadable file is a row of missing values, not a failed cast (IntCastingNaNError)."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("dask.dataframe", reason="dask[dataframe]")
    frame = nd.read_records(good_then_bad(tmp_path)).to_dataframe()
    assert frame.dtypes.to_dict() == nd.meta().dtypes.to_dict()
    assert list(frame.columns) == list(nd.RECORD_COLUMNS)
    found = frame.compute()
    assert len(found) == 10
    bad = found[found["error"].notna()]
    assert list(bad["name"]) == ["b/zz_bad.txt"]
    assert bad["author_count"].isna().all()
    assert found["author_count"].dtype == pd.Int64Dtype()
    assert found["author_count"].sum() == 18
    assert isinstance(found["published_utc"].dtype, pd.DatetimeTZDtype)


@pytest.mark.usefixtures("client")
def test_to_parquet_from_the_dataframe(tmp_path: Path) -> None:
    """The data frame writes Parquet on the cluster; pyarrow reads the rows and types back."""
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    frame = nd.read_records(good_then_bad(tmp_path)).to_dataframe()
    frame[frame["error"].isna()].to_parquet(tmp_path / "articles")
    table = pq.read_table(tmp_path / "articles")
    assert table.num_rows == 9
    assert table.schema.field("author_count").type == pa.int64()
    assert table.schema.field("tz_assumed").type == pa.bool_()
    assert table.schema.field("published_utc").type == pa.timestamp("us", tz="UTC")
    entries = [e for path in good_then_bad(tmp_path) for e in newsdump.read_dump(path)]
    expected = [str(e.unwrap().headline) for e in entries if e.ok]
    assert sorted(table.column("headline").to_pylist()) == sorted(expected)
