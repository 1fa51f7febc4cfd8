"""newsdump.to_arrow, iter_batches and ``export --format parquet``, read back by pyarrow,
DuckDB and polars, and the CSV export read by pandas with the documented one-liner."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

import newsdump
import newsdump._export.columns
from _dumps import files, in_walk_order, write_folder, write_zip
from newsdump._export.columns import TABLE_COLUMNS
from newsdump.cli import main

pa = pytest.importorskip("pyarrow", reason="the arrow extra")
pq = pytest.importorskip("pyarrow.parquet", reason="the arrow extra")

import newsdump.arrow as na  # noqa: E402  (after the skips)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def bad_zip(tmp_path: Path, count: int = 10) -> Path:
    """A zip of ``count`` invented files and one that is not UTF-8."""
    members = in_walk_order(files(count))
    members["b/zz_bad.txt"] = b"\xff not UTF-8"
    return write_zip(tmp_path / "dump.zip", members)


def test_to_arrow_has_the_typed_columns(tmp_path: Path) -> None:
    """One row per file, the declared types, lists of structs, and an error row."""
    path = bad_zip(tmp_path)
    entries = list(newsdump.read_dump(path))
    table = newsdump.to_arrow(path)
    assert table.schema == na.arrow_schema()
    assert table.num_rows == len(entries) == 11
    assert table.column_names == [*(c.name for c in TABLE_COLUMNS), "error"]
    assert table.schema.field("published_utc").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("author_count").type == pa.int64()
    assert pa.types.is_list(table.schema.field("authors").type)
    rows = table.to_pylist()
    assert [r["name"] for r in rows] == [e.name for e in entries]
    assert rows[0]["authors"] == [
        {"name": "Ada Quill", "url": None, "agency": False},
        {"name": "Bo Fenn", "url": None, "agency": False},
    ]
    assert rows[0]["related"][0]["text"].startswith("Ferry Fares Frozen")
    bad = rows[-1]
    assert bad["error"].startswith("invalid-encoding: ")
    assert bad["headline"] is None
    assert bad["author_count"] is None
    assert bad["schema_version"] == 1
    assert [r["headline"] for r in rows[:-1]] == [e.unwrap().headline for e in entries[:-1]]


def test_iter_batches_gives_batches_of_the_size_asked(tmp_path: Path) -> None:
    """Batches hold batch_size rows (the last the rest) and together make to_arrow's table."""
    path = write_folder(tmp_path / "d", files(10))
    batches = list(na.iter_batches(path, batch_size=4))
    assert [b.num_rows for b in batches] == [4, 4, 2]
    assert pa.Table.from_batches(batches).equals(newsdump.to_arrow(path))
    with pytest.raises(ValueError, match="batch_size"):
        list(na.iter_batches(path, batch_size=0))


def test_to_arrow_takes_entries_articles_and_workers(tmp_path: Path) -> None:
    """Entries give their names, articles none, and two workers give the same table."""
    path = bad_zip(tmp_path, 6)
    entries = list(newsdump.read_dump(path))
    table = newsdump.to_arrow(path)
    assert newsdump.to_arrow(entries).equals(table)
    assert newsdump.to_arrow(path, workers=2).equals(table)
    articles = [e.article for e in entries if e.article is not None]
    from_articles = newsdump.to_arrow(articles)
    assert from_articles.column("name").null_count == 6
    assert from_articles.column("text").to_pylist() == [a.text for a in articles]
    with pytest.raises(TypeError, match="DumpEntry or Article"):
        newsdump.to_arrow(["not an entry"])  # type: ignore[list-item]


def test_dates_in_utc_with_their_precision() -> None:
    """An aware time is converted to UTC; a day and a naive time have none."""
    moment = dt.datetime(2024, 3, 4, 10, 45, tzinfo=HELSINKI)
    articles = [
        newsdump.Article(headline="a", published=moment, date_text="4.3.2024 10:45"),
        newsdump.Article(headline="b", published=moment, tz_assumed=True),
        newsdump.Article(headline="c", published=dt.datetime(2024, 3, 4, 10, 45)),
        newsdump.Article(headline="d", published=dt.date(2024, 3, 4)),
        newsdump.Article(headline="e"),
    ]
    rows = newsdump.to_arrow(articles).to_pylist()
    utc = dt.datetime(2024, 3, 4, 8, 45, tzinfo=dt.UTC)
    assert [r["published_utc"] for r in rows] == [utc, utc, None, None, None]
    # the default date text of a built article is its ISO form, which shows seconds
    assert [r["published_precision"] for r in rows] == ["minute", "second", "second", "day", None]
    assert [r["timezone"] for r in rows] == ["Europe/Helsinki"] * 2 + [None] * 3
    assert [r["tz_assumed"] for r in rows] == [False, True, False, False, False]
    assert rows[0]["published"] == "2024-03-04T10:45:00+02:00"


def export(tmp_path: Path, *args: str) -> Path:
    """Run ``newsdump export`` of a dump with a bad member into out.parquet; exit 1."""
    out = tmp_path / "out.parquet"
    assert main(["export", str(bad_zip(tmp_path)), "-q", "-o", str(out), *args]) == 1
    return out


def test_parquet_export_reads_back_with_pyarrow(tmp_path: Path) -> None:
    """Row groups of the size asked, zstd, the table columns, articles only, archive names."""
    out = export(tmp_path, "--format", "parquet", "--row-group-size", "4", "--workers", "2")
    meta = pq.ParquetFile(out).metadata
    assert (meta.num_rows, meta.num_row_groups) == (10, 3)
    assert meta.row_group(0).column(0).compression == "ZSTD"
    table = pq.read_table(out)
    assert table.schema.equals(na.arrow_schema(errors=False), check_metadata=False)
    names = table.column("name").to_pylist()
    assert all(name.startswith(f"{tmp_path / 'dump.zip'}/") for name in names)
    expected = [e for e in newsdump.read_dump(tmp_path / "dump.zip") if e.ok]
    assert names == [f"{tmp_path / 'dump.zip'}/{e.name}" for e in expected]
    assert table.column("words").to_pylist() == [len(e.unwrap().text.split()) for e in expected]


def test_parquet_export_reads_back_with_duckdb(tmp_path: Path) -> None:
    """DuckDB sees the rows, a timestamp with zone, integers and lists of structs."""
    duckdb = pytest.importorskip("duckdb")
    out = export(tmp_path, "--format", "parquet")
    connection = duckdb.connect()
    query = f"SELECT * FROM read_parquet('{out}')"
    types = {row[0]: row[1] for row in connection.execute(f"DESCRIBE {query}").fetchall()}
    assert types["published_utc"] == "TIMESTAMP WITH TIME ZONE"
    assert types["author_count"] == "BIGINT"
    assert types["tz_assumed"] == "BOOLEAN"
    assert types["authors"] == 'STRUCT("name" VARCHAR, url VARCHAR, agency BOOLEAN)[]'
    count, authors = connection.execute(
        f"SELECT count(*), sum(len(authors)) FROM read_parquet('{out}')"
    ).fetchone()
    assert (count, authors) == (10, 20)
    first = connection.execute(f"SELECT authors[1].name FROM read_parquet('{out}')").fetchone()
    assert first == ("Ada Quill",)


def test_parquet_export_reads_back_with_polars(tmp_path: Path) -> None:
    """polars sees the rows, UTC datetimes, Int64 counts and lists of structs."""
    pl = pytest.importorskip("polars")
    out = export(tmp_path, "--format", "parquet")
    frame = pl.read_parquet(out)
    assert frame.height == 10
    assert frame.schema["published_utc"] == pl.Datetime("us", "UTC")
    assert frame.schema["author_count"] == pl.Int64
    assert frame.schema["authors"] == pl.List(
        pl.Struct({"name": pl.String, "url": pl.String, "agency": pl.Boolean})
    )
    assert frame["authors"].list.len().sum() == 20


def test_csv_loads_into_pandas_with_the_documented_one_liner(tmp_path: Path) -> None:
    """pd.read_csv(path, parse_dates=["published_utc"]) types the dates as UTC."""
    pd = pytest.importorskip("pandas")
    dump = tmp_path / "d"
    texts = in_walk_order(files(4))
    first = next(iter(texts))
    # one time with a zone, one with none, the rest days: a mixed column
    texts[first] = re.sub(rb"March \d+, 2024", b"2024-03-01T10:45:00+02:00", texts[first])
    write_folder(dump, texts)
    out = tmp_path / "out.csv"
    assert main(["export", str(dump), "--format", "csv", "-q", "-o", str(out)]) == 0
    frame = pd.read_csv(out, parse_dates=["published_utc"])
    assert len(frame) == 4
    assert isinstance(frame["published_utc"].dtype, pd.DatetimeTZDtype)
    assert str(frame["published_utc"].dtype.tz) == "UTC"
    assert frame["published_utc"].iloc[0] == pd.Timestamp("2024-03-01T08:45:00Z")
    assert frame["published_utc"].iloc[1:].isna().all()
    assert frame["author_count"].dtype == "int64"
    assert list(frame["authors"]) == ["Ada Quill; Bo Fenn"] * 4


def test_parquet_needs_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Parquet is not written to a terminal: without -o, a usage error."""
    path = write_folder(tmp_path / "d", files(2))
    assert main(["export", str(path), "--format", "parquet"]) == 2
    assert "give it with -o FILE" in capsys.readouterr().err


def test_two_dumps_give_distinct_names(tmp_path: Path) -> None:
    """JSON Lines names, like CSV's and Parquet's, carry the dump's path."""
    one = write_zip(tmp_path / "one.zip", files(3))
    two = write_zip(tmp_path / "two.zip", files(3))
    out = tmp_path / "out.jsonl"
    assert main(["export", str(one), str(two), "-q", "-o", str(out)]) == 0
    names = [json.loads(line)["name"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(set(names)) == 6
    assert names[0] == f"{one}/{next(iter(files(3)))}"  # the zip's first member


def test_importing_newsdump_does_not_import_pyarrow() -> None:
    """pyarrow loads on the first to_arrow, not with newsdump."""
    code = (
        "import sys, newsdump; print('pyarrow' in sys.modules); "
        "newsdump.to_arrow([]); print('pyarrow' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_parquet_export_is_the_same_with_one_or_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--workers 2 writes the table and row groups of --workers 1, across chunk edges."""
    monkeypatch.setattr(na, "_CHUNK_ROWS", 3)  # groups of 7 rows made of chunks of 3
    path = bad_zip(tmp_path, 40)
    tables = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.parquet"
        args = [str(path), "-q", "-o", str(out), "--format", "parquet", "--workers", workers]
        assert main(["export", *args, "--row-group-size", "7"]) == 1
        meta = pq.ParquetFile(out).metadata
        sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        assert sizes == [7, 7, 7, 7, 7, 5]
        tables.append(pq.read_table(out))
    assert tables[0].num_rows == 40
    assert tables[1].equals(tables[0])
    expected = [e for e in newsdump.read_dump(path) if e.ok]
    assert tables[0].column("headline").to_pylist() == [e.unwrap().headline for e in expected]


def test_parquet_sink_writes_rows_in_order_in_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows read back are those added, in order, in groups of row_group_size."""
    monkeypatch.setattr(na, "_CHUNK_ROWS", 4)
    articles = [newsdump.Article(headline=f"h{n}", credit=f"c{n}") for n in range(23)]
    rows = [newsdump._export.columns.table_row(f"{n}.txt", a) for n, a in enumerate(articles)]
    out = io.BytesIO()
    with na.ParquetSink(out, row_group_size=10) as sink:
        for one in rows:
            sink.add(one)
    written = pq.ParquetFile(io.BytesIO(out.getvalue()))
    groups = [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)]
    assert groups == [10, 10, 3]
    table = written.read()
    assert table.column("name").to_pylist() == [f"{n}.txt" for n in range(23)]
    assert table.column("headline").to_pylist() == [a.headline for a in articles]
    assert table.equals(pa.Table.from_batches([na.record_batch(rows, table.schema)]))


class _FailingFile(io.BytesIO):
    """A file whose writes fail once ``room`` bytes are written."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(28, "No space left on device")
        return super().write(data)


def test_parquet_sink_raises_what_the_writing_thread_met() -> None:
    """A write that fails in the writing thread is raised (by a later add or by close),
    never lost; a sink left by an error waits for its thread and raises that error."""
    row = newsdump._export.columns.table_row("a.txt", newsdump.Article(headline="x" * 5000))
    sink = na.ParquetSink(_FailingFile(room=100), row_group_size=2)
    with pytest.raises(OSError, match="No space left"):
        write_rows(sink, [row] * 5)
    with pytest.raises(KeyError):
        abandon(na.ParquetSink(_FailingFile(room=100), row_group_size=1), row)


def write_rows(sink: na.ParquetSink, rows: list[Any]) -> None:
    for one in rows:
        sink.add(one)
    sink.close()


def abandon(sink: na.ParquetSink, row: Any) -> None:
    """Leave a sink on an error of the caller's while its thread writes (and fails)."""
    with sink:
        sink.add(row)
        raise KeyError("the caller's own error")
