"""Dumps that outgrow one machine: read them as a `dask.bag` (the ``dask`` extra).

Each dump (a folder, archive or JSON Lines file that the workers can reach by the same
path) becomes one partition, read with `newsdump.read_dump` where the partition runs::

    import newsdump.dask
    entries = newsdump.dask.read_bag(["2023.zip", "2024.tar.gz"])
    headlines = entries.filter(lambda e: e.ok).map(lambda e: e.article.headline)

`read_records` gives flat records (the columns of ``newsdump export --format csv``)
that ``.to_dataframe()`` turns into a `dask.dataframe` (with ``dask[dataframe]``) typed
by `meta`: nullable integers and booleans, strings, and ``published_utc`` as
``datetime64[us, UTC]``, so that the rows of files that could not be read (empty but for
``dump``, ``name``, ``schema_version`` and ``error``) fit the same columns::

    frame = newsdump.dask.read_records(["2023.zip", "2024.zip"]).to_dataframe()
    frame[frame.error.isna()].to_parquet("articles/")
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from newsdump._deprecated import warn_deprecated
from newsdump._dump._reader import DumpEntry, read_dump
from newsdump._export.columns import COLUMNS, DUMP, ERROR, SCHEMA_VERSION, Column, error_text
from newsdump._export.records import ROW_COLUMNS, row
from newsdump._limits import Limits
from newsdump._wording import install_hint

try:
    import dask.bag as db
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(f"newsdump.dask needs Dask: {install_hint('dask')}") from exc

__all__ = [
    "RECORD_COLUMNS",
    "RecordBag",
    "entry_record",
    "meta",
    "read_bag",
    "read_records",
    "record",
]

RECORD_COLUMNS = (DUMP.name, *ROW_COLUMNS, ERROR.name)
"""The keys of each record of `read_records`, in order."""

_PANDAS_DTYPES = {
    "string": "string",
    "int": "Int64",
    "bool": "boolean",
    "timestamp": "datetime64[us, UTC]",
    "authors": "string",  # names joined, as in CSV
    "links": "string",
}


def meta() -> Any:
    """The empty `pandas.DataFrame` that declares the columns of `read_records`.

    Nullable dtypes throughout (``string``, ``Int64``, ``boolean``,
    ``datetime64[us, UTC]``), so that a file that could not be read is a row of missing
    values, not a failed cast. ``RecordBag.to_dataframe`` uses it by default.
    """
    import pandas as pd

    columns: list[Column] = [DUMP, *COLUMNS, ERROR]
    return pd.DataFrame(
        {c.name: pd.Series([], dtype=_PANDAS_DTYPES[c.kind]) for c in columns},
        columns=[c.name for c in columns],
    )


class RecordBag(db.Bag):
    """The bag of `read_records`: a `dask.bag.Bag` whose ``to_dataframe`` knows its meta."""

    def to_dataframe(
        self, meta: Any = None, columns: Any = None, optimize_graph: bool = True
    ) -> Any:
        """A `dask.dataframe.DataFrame` of the records, typed by `newsdump.dask.meta`.

        Arguments as for `dask.bag.Bag.to_dataframe`; without ``meta`` or ``columns``,
        the declared `newsdump.dask.meta` (nothing is computed to guess it).
        """
        if meta is None and columns is None:
            meta = _meta()
        return super().to_dataframe(meta=meta, columns=columns, optimize_graph=optimize_graph)


_meta = meta


def read_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    strict: bool = False,
    pattern: str = "*.txt",
    limits: Limits | None = None,
) -> db.Bag:
    """A bag of `DumpEntry`, one partition per dump, each in the order of `read_dump`.

    Entry names are relative to their dump, as `newsdump.read_dump` gives them; use
    `read_records` to keep the dump's path beside each file.

    Args:
        paths: dumps (folders, archives, JSON Lines files), readable by every worker.
        strict: parse strictly (see `newsdump.read_dump`).
        pattern: the file names to read in folders and archives.
        limits: the reader's limits (see `newsdump.Limits`).

    Returns:
        A `dask.bag.Bag` whose items are `DumpEntry` objects.
    """
    return _partitions(paths).map_partitions(_entries, _options(strict, pattern, limits))


def read_records(
    paths: Iterable[str | os.PathLike[str]],
    *,
    strict: bool = False,
    pattern: str = "*.txt",
    limits: Limits | None = None,
) -> db.Bag:
    """A bag of flat records, one per file, ready for ``.to_dataframe()``.

    Each record is a dict with the keys of `RECORD_COLUMNS`: ``dump`` (the dump's
    path), the columns of ``newsdump export --format csv`` and ``error`` (``code:
    reason`` for a file that could not be read, whose article columns are ``None``).
    The records are built where the dump is read, so only they travel.

    Returns:
        A `RecordBag`: ``.to_dataframe()`` gives a data frame with the declared `meta`.
    """
    bag = _partitions(paths).map_partitions(_records, _options(strict, pattern, limits))
    return RecordBag(bag.dask, bag.name, bag.npartitions)


def _partitions(paths: Iterable[str | os.PathLike[str]]) -> db.Bag:
    dumps = [os.fspath(path) for path in paths]
    return db.from_sequence(dumps, npartitions=max(len(dumps), 1))


def _options(strict: bool, pattern: str, limits: Limits | None) -> dict[str, Any]:
    return {"strict": strict, "pattern": pattern, "limits": limits}


def _entries(dumps: list[str], options: dict[str, Any]) -> list[DumpEntry]:
    return [entry for dump in dumps for entry in read_dump(dump, **options)]


def _records(dumps: list[str], options: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry_record(dump, entry) for dump in dumps for entry in read_dump(dump, **options)]


def record(dump: str, entry: DumpEntry) -> dict[str, Any]:
    """Deprecated: use `entry_record` (same arguments, same record)."""
    warn_deprecated("newsdump.dask.record(dump, entry)", "newsdump.dask.entry_record(dump, entry)")
    return entry_record(dump, entry)


def entry_record(dump: str, entry: DumpEntry) -> dict[str, Any]:
    """The flat record of one entry of ``dump``, as `read_records` gives it.

    Args:
        dump: the dump's path, as the record's ``dump`` column gives it.
        entry: one entry of ``newsdump.read_dump(dump)``.

    Returns:
        A dict with the keys of `RECORD_COLUMNS`, in order; for an entry without an
        article, ``error`` (``code: reason``), ``dump``, ``name`` and ``schema_version``
        are set and the rest is ``None``.
    """
    if entry.article is None:
        assert entry.error is not None
        data: dict[str, Any] = dict.fromkeys(RECORD_COLUMNS)
        data.update(dump=dump, name=entry.name, error=error_text(entry.error))
        data.update(schema_version=SCHEMA_VERSION)
        return data
    return {"dump": dump, **row(entry.name, entry.article), "error": None}
