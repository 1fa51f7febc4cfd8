"""Where the files of a dump come from: a folder tree, one file, or JSON Lines.

Each source yields *items* in a deterministic order: ``(name, payload)`` where ``name`` is
the file's path inside the dump and ``payload`` is what to parse: the file's bytes,
``None`` for a folder's file (read by whoever parses it, from the dump's root and the
name: worker processes read their own files), a `pathlib.Path` to read (a single file),
already decoded text (a JSON line), or the `DumpError` that stands for the file.
Archives (zip, tar) are in `newsdump._dump._archives`.
"""

from __future__ import annotations

import fnmatch
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdump._api import _decode
from newsdump._limits import Limits
from newsdump.errors import DumpError, NewsdumpError

__all__ = [
    "CHUNK",
    "Item",
    "Payload",
    "Record",
    "is_record",
    "iter_folder",
    "iter_jsonl",
    "read_limited",
    "read_path",
]


class Record(dict[str, Any]):
    """A JSON line that is an export record (`to_dict`'s fields), not a dump file's text."""

    __slots__ = ()


Payload = bytes | str | Path | Record | NewsdumpError | None
StrPath = str | os.PathLike[str]
Item = tuple[str, Payload]
CHUNK = 1 << 16


def read_limited(stream: object, name: str, limits: Limits, compressed: int | None = None) -> bytes:
    """Read a stream to its end, refusing more than ``max_bytes`` or a bomb's ratio.

    Args:
        stream: an object with ``read(size)`` giving bytes.
        name: the file's name inside the dump, for errors.
        limits: the limits to enforce, on the bytes actually read.
        compressed: the compressed size the bytes come from, when the ratio applies.

    Raises:
        DumpError: ``too-large`` or ``bomb``.
    """
    read = getattr(stream, "read")  # noqa: B009 (any object with read)
    chunks: list[bytes] = []
    total = 0
    while chunk := read(CHUNK):
        total += len(chunk)
        if total > limits.max_bytes:
            raise DumpError(
                f"larger than max_bytes={limits.max_bytes}", code="too-large", name=name
            )
        if compressed is not None and limits.is_bomb(total, compressed):
            raise DumpError(
                f"expands {total // max(compressed, 1)}x (max_ratio={limits.max_ratio:g})",
                code="bomb",
                name=name,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read_path(path: StrPath, name: str, limits: Limits) -> bytes:
    """The bytes of a regular file, without following a symlink put in its place.

    Raises:
        DumpError: the file cannot be read (``unreadable``), is not a regular file, or is
            larger than the limit.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise DumpError(exc.strerror or str(exc), code="unreadable", name=name) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise DumpError("not a regular file", code="not-a-file", name=name)
        try:
            return _read_fd(fd, name, limits, status.st_size)
        except OSError as exc:
            raise DumpError(exc.strerror or str(exc), code="unreadable", name=name) from None
    finally:
        os.close(fd)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
)


def _read_fd(fd: int, name: str, limits: Limits, size: int) -> bytes:
    """Read ``fd`` to its end like `read_limited`, with plain ``os.read`` calls.

    The first read asks for the size the file had when opened (plus one byte), so that a
    small file takes one read and the one that finds its end.
    """
    most = limits.max_bytes
    chunks: list[bytes] = []
    total = 0
    want = min(max(size, 0), most) + 1
    while chunk := os.read(fd, want):
        total += len(chunk)
        if total > most:
            raise DumpError(f"larger than max_bytes={most}", code="too-large", name=name)
        chunks.append(chunk)
        want = CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def iter_folder(root: Path, pattern: str) -> Iterator[Item]:
    """The files under ``root`` whose name matches ``pattern``, depth first, sorted by name.

    A regular file's payload is ``None``: whoever parses it reads it (`read_path` of the
    root joined with its name), so that worker processes read their own files. Symbolic
    links (to matching files, or to folders) and special files are error entries, never
    followed or opened; a subfolder that cannot be listed is an ``unreadable`` entry.
    The walk keeps its own stack of open listings, so that no depth of folders can
    exhaust Python's recursion limit.
    """
    stack = [_listing(os.fspath(root), "", pattern)]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
        elif isinstance(step, str):  # a subfolder: walked now, before the next entry
            stack.append(_listing(os.path.join(os.fspath(root), step), step + "/", pattern))
        else:
            yield step


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _listing(folder: str, prefix: str, pattern: str) -> Iterator[Item | str]:
    """One folder's items in name order, and the names of its subfolders in their place."""
    # The kind of each entry comes with the listing (no stat call per file on most file
    # systems); a file that changes kind or vanishes after it is listed is caught when
    # it is opened (without following links, and checked to be a regular file).
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_entry_name)
    except OSError as exc:
        yield from _unlistable(folder, prefix, exc)
        return
    for entry in entries:
        base = entry.name
        name = prefix + base
        try:
            mode = _mode(entry)
        except OSError as exc:
            yield name, DumpError(exc.strerror or str(exc), code="unreadable", name=name)
            continue
        if stat.S_ISDIR(mode):
            yield name
        elif fnmatch.fnmatchcase(base, pattern) or (
            stat.S_ISLNK(mode) and Path(entry.path).is_dir()
        ):
            yield name, _file_payload(name, mode)


def _mode(entry: os.DirEntry[str]) -> int:
    """The entry's file type (as in ``st_mode``), from the listing when it tells."""
    if entry.is_dir(follow_symlinks=False):
        return stat.S_IFDIR
    if entry.is_file(follow_symlinks=False):
        return stat.S_IFREG
    if entry.is_symlink():
        return stat.S_IFLNK
    return os.lstat(entry.path).st_mode  # a special file, or one that is gone: ask


def _unlistable(folder: str, prefix: str, exc: OSError) -> Iterator[Item]:
    name = prefix.rstrip("/")
    if prefix:
        try:
            os.lstat(folder)
        except OSError as lost:  # the folder itself cannot be looked at (or is gone)
            yield name, DumpError(lost.strerror or str(lost), code="unreadable", name=name)
            return
    yield name, DumpError(exc.strerror or str(exc), code="unreadable")


def _file_payload(name: str, mode: int) -> Payload:
    if stat.S_ISLNK(mode):
        return DumpError("a symbolic link (not followed)", code="link", name=name)
    if not stat.S_ISREG(mode):
        return DumpError("not a regular file", code="not-a-file", name=name)
    return None


def iter_jsonl(path: Path, limits: Limits) -> Iterator[Item]:
    """One item per non-blank line: a JSON string, or an object with ``text`` (and ``name``).

    An object that `is_record` is an export record, read back with `from_dict` (its
    ``text`` is the article's plain text, not a dump file's). A line's name is the
    object's ``name`` when it has one, else ``#`` and its line number.
    """
    with open(path, "rb") as handle:
        number = 0
        while line := handle.readline(limits.max_bytes + 1):
            number += 1
            if len(line) > limits.max_bytes and not line.endswith(b"\n"):
                _skip_line(handle)
                reason = f"line longer than max_bytes={limits.max_bytes}"
                yield f"#{number}", DumpError(reason, code="too-large", name=f"#{number}")
            elif line.strip():
                yield _json_item(line, number)


def _skip_line(handle: object) -> None:
    readline = getattr(handle, "readline")  # noqa: B009
    while (rest := readline(CHUNK)) and not rest.endswith(b"\n"):
        pass


def _json_item(line: bytes, number: int) -> Item:
    name = f"#{number}"
    try:
        value = json.loads(_decode(line, "utf-8", "strict", name))
    except NewsdumpError as exc:
        return name, exc
    except ValueError as exc:
        return name, DumpError(f"not JSON: {exc}", code="invalid-record", name=name)
    except RecursionError:  # arrays or objects nested thousands deep
        reason = "JSON nested too deeply to read (Python's recursion limit)"
        return name, DumpError(reason, code="invalid-record", name=name)
    if isinstance(value, dict):
        name = value["name"] if isinstance(value.get("name"), str) else name
        if is_record(value):
            return name, Record(value)
        value = value.get("text")
    if not isinstance(value, str):
        reason = 'expected a JSON string or an object with a "text" string'
        return name, DumpError(reason, code="invalid-record", name=name)
    return name, value


def is_record(value: dict[str, Any]) -> bool:
    """Whether a JSON object is an export record: it has ``schema_version`` or a ``body`` list.

    A dump file's line has only ``text`` (and ``name``); `newsdump export` writes the
    `to_dict` fields (``body`` among them) and, since issue 19, ``schema_version``.
    """
    return "schema_version" in value or isinstance(value.get("body"), list)
