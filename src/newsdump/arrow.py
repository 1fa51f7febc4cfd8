"""Articles as Apache Arrow tables and record batches (install ``newsdump[arrow]``).

`to_arrow` reads a dump (or takes entries you already have) into a `pyarrow.Table`
whose columns are those of every tabular output (see the columns in the dumps guide):
authors and related links are lists of structs, ``published_utc`` a UTC timestamp,
counts ``int64``. `iter_batches` gives the same rows as `pyarrow.RecordBatch` objects of
``batch_size`` rows, so that a dump of any size passes through in flat memory::

    import newsdump
    table = newsdump.to_arrow("dump.zip")
    table.to_pandas()                        # or polars.from_arrow(table), duckdb.sql(...)

pyarrow is imported when one of these is first called, never by ``import newsdump``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, TYPE_CHECKING, Any

from newsdump._dump._reader import DumpEntry, map_dump, with_max_bytes
from newsdump._export.columns import (
    ERROR,
    SCHEMA_VERSION,
    TABLE_COLUMNS,
    Column,
    error_text,
    table_row,
)
from newsdump._limits import Limits
from newsdump._wording import install_hint
from newsdump.model import Article
from newsdump.sites._registry import SiteLike

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DEFAULT_BATCH_SIZE", "ParquetSink", "arrow_schema", "iter_batches", "to_arrow"]

DEFAULT_BATCH_SIZE = 10_000
"""Rows per record batch (and per Parquet row group): about 30 MB of 3 KB articles."""

_CHUNK_ROWS = 512
"""Rows that `ParquetSink` turns into Arrow at a time (a row group is made of such)."""

Source = str | os.PathLike[str] | Iterable[DumpEntry | Article]
Row = tuple[Any, ...]


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"newsdump.to_arrow needs pyarrow: {install_hint('arrow')}") from exc
    return pyarrow


def _arrow_type(pa: Any, column: Column) -> Any:
    kinds = {
        "string": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "authors": pa.list_(
            pa.struct(
                [
                    pa.field("name", pa.string(), nullable=False),
                    pa.field("url", pa.string()),
                    pa.field("agency", pa.bool_(), nullable=False),
                ]
            )
        ),
        "links": pa.list_(
            pa.struct([pa.field("text", pa.string(), nullable=False), pa.field("url", pa.string())])
        ),
    }
    return kinds[column.kind]


def arrow_schema(*, errors: bool = True) -> pa.Schema:
    """The Arrow schema of `to_arrow`'s tables: the table columns, then ``error``.

    With ``errors=False``, without the ``error`` column (the schema of
    ``newsdump export --format parquet``, which writes articles only).
    """
    pa = _pyarrow()
    columns = (*TABLE_COLUMNS, ERROR) if errors else TABLE_COLUMNS
    fields = [
        pa.field(
            column.name,
            _arrow_type(pa, column),
            nullable=column.name != "schema_version",
            metadata={"description": column.description},
        )
        for column in columns
    ]
    return pa.schema(fields, metadata={"newsdump.schema_version": str(SCHEMA_VERSION)})


def iter_batches(
    source: Source,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    strict: bool = False,
    workers: int = 1,
    sites: Iterable[SiteLike] | None = None,
    pattern: str = "*.txt",
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> Iterator[pa.RecordBatch]:
    """The rows of `to_arrow`, ``batch_size`` at a time, as `pyarrow.RecordBatch` objects.

    Only one batch's rows are held at a time. The arguments are those of `to_arrow`.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    limits = with_max_bytes(limits, max_bytes, "iter_batches")
    return _batches(source, batch_size, strict, workers, sites, pattern, limits)


def _batches(
    source: Source,
    batch_size: int,
    strict: bool,
    workers: int,
    sites: Iterable[SiteLike] | None,
    pattern: str,
    limits: Limits,
) -> Iterator[pa.RecordBatch]:
    schema = arrow_schema()
    rows: list[Row] = []
    for one in _rows(source, strict, workers, sites, pattern, limits):
        rows.append(one)
        if len(rows) == batch_size:
            yield record_batch(rows, schema)
            rows = []
    if rows:
        yield record_batch(rows, schema)


def to_arrow(
    source: Source,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    strict: bool = False,
    workers: int = 1,
    sites: Iterable[SiteLike] | None = None,
    pattern: str = "*.txt",
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> pa.Table:
    """A dump, or entries, as a `pyarrow.Table`: one row per file, in the dump's order.

    Args:
        source: a dump (a path, read with `newsdump.read_dump`), or an iterable of
            `DumpEntry` objects (from `read_dump`, possibly filtered) or of `Article`
            objects (whose ``name`` is then empty).
        batch_size: rows per record batch of the table (its chunks).
        strict: parse strictly (see `newsdump.read_dump`, as for the rest).
        workers: processes that parse; above one, the rows are built in the workers.
        sites: the sites to parse with (``None``: the built-in ones).
        pattern: the file names to read in folders and archives.
        max_bytes: deprecated (it warns): pass ``limits=Limits(max_bytes=...)``.
        limits: the reader's and parser's limits.

    Returns:
        A table with the schema of `arrow_schema`: the columns of every tabular
        output (see the dumps guide) and ``error`` (``code: reason`` for a file that
        could not be read, whose other columns are empty but ``name`` and
        ``schema_version``).

    Raises:
        ImportError: pyarrow is not installed (``pip install 'newsdump[arrow]'``, or
            ``'.[arrow]'`` from a checkout).
        ValueError: ``batch_size`` is below 1.
    """
    pa = _pyarrow()
    batches = iter_batches(
        source,
        batch_size=batch_size,
        strict=strict,
        workers=workers,
        sites=sites,
        pattern=pattern,
        limits=with_max_bytes(limits, max_bytes, "to_arrow"),
    )
    return pa.Table.from_batches(list(batches), schema=arrow_schema())


def entry_row(entry: DumpEntry) -> Row:
    """One entry's row of `to_arrow`: the table columns' values, then ``error``."""
    if entry.article is None:
        assert entry.error is not None
        return _error_row(entry.name, entry.error)
    return (*table_row(entry.name, entry.article), None)


def _error_row(name: str, error: BaseException) -> Row:
    values: list[Any] = [None] * (len(TABLE_COLUMNS) + 1)
    values[0], values[1], values[-1] = name, SCHEMA_VERSION, error_text(error)
    return tuple(values)


def _rows(
    source: Source,
    strict: bool,
    workers: int,
    sites: Iterable[SiteLike] | None,
    pattern: str,
    limits: Limits,
) -> Iterator[Row]:
    if isinstance(source, str | os.PathLike):
        # Built where each file is parsed: with workers, only the rows travel back.
        yield from map_dump(
            entry_row,
            source,
            strict=strict,
            workers=workers,
            sites=sites,
            pattern=pattern,
            limits=limits,
        )
        return
    for item in source:
        if isinstance(item, Article):
            yield (*table_row(None, item), None)
        elif isinstance(item, DumpEntry):
            yield entry_row(item)
        else:
            raise TypeError(f"expected DumpEntry or Article objects, got {type(item).__name__}")


def record_batch(rows: list[Row], schema: pa.Schema) -> pa.RecordBatch:
    """Rows (tuples in the schema's column order) as one record batch."""
    pa = _pyarrow()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    arrays = [
        pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


class ParquetSink:
    """Rows written to a Parquet file a row group at a time, compressed with zstd.

    ``add`` takes rows of `arrow_schema` (``errors=False``: without the ``error`` value);
    every ``row_group_size`` rows become one row group. Rows are turned into Arrow a
    few hundred at a time as they come, and a full row group is encoded, compressed and
    written by a thread of its own (pyarrow does that without the GIL) while the next
    rows come in: the process that adds rows, and with ``--workers`` the helpers it
    feeds, never wait for a whole group to be compressed. Memory holds the group being
    filled and the one being written, at most.
    ``close`` writes the last group and the footer (a file with no rows is valid).
    """

    def __init__(self, out: IO[bytes], *, row_group_size: int = DEFAULT_BATCH_SIZE) -> None:
        if row_group_size < 1:
            raise ValueError(f"row_group_size must be at least 1, got {row_group_size}")
        pq = _parquet()
        self._schema = arrow_schema(errors=False)
        self._writer = pq.ParquetWriter(out, self._schema, compression="zstd")
        self._size = row_group_size
        self._rows: list[Row] = []
        self._batches: list[pa.RecordBatch] = []  # the group being filled, in Arrow
        self._filled = 0  # rows in _batches
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="newsdump-parquet")
        self._writing: Future[None] | None = None

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
            return
        # Abandoned on an error: the thread's write is waited for, its own error dropped.
        try:
            with contextlib.suppress(Exception):
                self._wait()
        finally:
            self._thread.shutdown()

    def add(self, row: Row) -> None:
        """Add one row; a full row group is handed to the writing thread."""
        self._rows.append(row)
        if len(self._rows) >= min(_CHUNK_ROWS, self._size - self._filled):
            self._convert()
            if self._filled >= self._size:
                self._flush()

    def close(self) -> None:
        """Write what is left and the file's footer."""
        try:
            self._convert()
            self._flush()
            self._wait()
        finally:
            self._thread.shutdown()
        self._writer.close()

    def _convert(self) -> None:
        if self._rows:
            self._batches.append(record_batch(self._rows, self._schema))
            self._filled += len(self._rows)
            self._rows = []

    def _flush(self) -> None:
        if not self._batches:
            return
        pa = _pyarrow()
        table = pa.Table.from_batches(self._batches, schema=self._schema)
        self._batches, self._filled = [], 0
        self._wait()  # one group written at a time, in order
        self._writing = self._thread.submit(self._writer.write_table, table, len(table))

    def _wait(self) -> None:
        """Wait for the row group being written (raising what went wrong there)."""
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()


def _parquet() -> Any:
    _pyarrow()
    import pyarrow.parquet

    return pyarrow.parquet
