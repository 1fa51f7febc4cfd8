"""`write_dump` and `DumpWriter`: articles into a folder, zip, tar or JSON Lines dump.

Each article is written as `newsdump.dumps` gives it (so a parsed article goes back byte
for byte), under a name given with it or derived from its URL. Everything is written
under a temporary name beside the target and renamed to it when the writer closes
(`newsdump._atomic` for files, a temporary folder for folders): a crash, an exception or
Ctrl-C leaves no half-written dump under the target's name.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit

from newsdump._api import dumps
from newsdump._atomic import atomic_writer
from newsdump.model import Article

__all__ = ["FORMATS", "DumpWriter", "name_for", "write_dump"]

StrPath = str | os.PathLike[str]

FORMATS = ("folder", "zip", "tar", "tar.gz", "tar.bz2", "tar.xz", "jsonl")
"""The kinds of dump a `DumpWriter` writes."""

# The suffix of a target's name that tells its format (longest first); else a folder.
_SUFFIXES = (
    (".tar.gz", "tar.gz"),
    (".tgz", "tar.gz"),
    (".tar.bz2", "tar.bz2"),
    (".tbz2", "tar.bz2"),
    (".tbz", "tar.bz2"),
    (".tar.xz", "tar.xz"),
    (".txz", "tar.xz"),
    (".tar", "tar"),
    (".zip", "zip"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
)
# Fixed member times and modes, so that the same articles give the same archive bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODE = 0o644
_SLUG_RUN = re.compile(r"[^a-z0-9.]+")
_SLUG_MOST = 80


def name_for(article: Article) -> str:
    """The name an article gets in a dump when none is given: made from its URL.

    The URL's host and path, lower-cased, with every run of other characters than
    ``a-z``, ``0-9`` and ``.`` made one ``-`` (at most 80 characters), then ``_``, the
    first 16 hex digits of the URL's SHA-256, and ``.txt``: safe in any file system and
    archive, the same for the same URL on every run, and different for different URLs.

    Raises:
        ValueError: the article has no URL.

    >>> article = Article(headline="Hi", url="https://www.example.org/news/Bridge-Vote?id=3")
    >>> name_for(article)
    'www.example.org-news-bridge-vote-id-3_530a655fc2be42cf.txt'
    """
    url = article.url
    if not url:
        raise ValueError("an article without a URL needs a name: give (name, article)")
    parts = urlsplit(url)
    place = f"{parts.hostname or ''}{parts.path}"
    if parts.query:
        place += f"?{parts.query}"
    slug = _SLUG_RUN.sub("-", place.lower()).strip("-.")[:_SLUG_MOST].rstrip("-.")
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{slug or 'article'}_{digest}.txt"


def _format_of(target: str) -> str:
    lower = target.lower()
    for suffix, kind in _SUFFIXES:
        if lower.endswith(suffix):
            return kind
    return "folder"


class DumpWriter:
    """Write articles into a new dump, whole or not at all: a context manager.

    The format is ``format``, or told by the target's name: ``.zip``, ``.tar``,
    ``.tar.gz`` / ``.tgz``, ``.tar.bz2`` / ``.tbz2``, ``.tar.xz`` / ``.txz``, ``.jsonl`` /
    ``.ndjson``; any other name is a folder. Articles are written as `newsdump.dumps`
    gives them, in UTF-8 (an article read with ``errors="surrogateescape"`` gets its
    bytes back); a JSON Lines dump holds one ``{"name", "text"}`` object per line. What is
    written goes to a temporary file (or folder) beside the target, named
    ``.NAME.XXXXXXXX.tmp``, and is renamed to the target when the writer closes without
    an error; an error (or `abort`) removes it and leaves the target as it was.

    Args:
        target: the dump to write. A folder must not exist yet, or be empty; a file that
            exists is replaced only with ``replace=True``.
        format: one of `FORMATS`, or ``None`` to tell it from the name.
        replace: replace an existing file at ``target`` (in one step, at close).

    Raises:
        ValueError: an unknown format.
        FileExistsError: the target exists (a file without ``replace``, a folder that is
            not empty).
        OSError: the temporary file or folder cannot be made.

    Examples:
        >>> import tempfile, os, newsdump
        >>> folder = tempfile.mkdtemp()
        >>> article = newsdump.loads("\\n\\n# Hi\\n\\nBody.\\n\\nOriginal url:\\n\\n<https://a.example/x>")
        >>> with DumpWriter(os.path.join(folder, "dump.zip")) as writer:
        ...     writer.add(article)
        ...     writer.add(article, name="2025/copy.txt")
        'a.example-x_39021306bfa34811.txt'
        '2025/copy.txt'
        >>> [e.name for e in newsdump.read_dump(os.path.join(folder, "dump.zip"))]
        ['a.example-x_39021306bfa34811.txt', '2025/copy.txt']
    """

    def __init__(
        self, target: StrPath, *, format: str | None = None, replace: bool = False
    ) -> None:
        self.target = os.fspath(target)
        self.format = _format_of(self.target) if format is None else format
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        self._names: set[str] = set()
        self._folders: set[str] = set()
        self._stack = contextlib.ExitStack()
        self._closed = False
        self._folder: str | None = None  # the temporary folder of a folder dump
        self._sink: _Sink
        if self.format == "folder":
            self._folder = self._make_folder()
            self._sink = _FolderSink(self._folder)
            return
        if os.path.lexists(self.target) and not replace:
            raise FileExistsError(f"{self.target} exists (pass replace=True to replace it)")
        handle = self._stack.enter_context(atomic_writer(self.target))
        self._sink = _sink_for(self.format, handle)

    def _make_folder(self) -> str:
        if os.path.lexists(self.target) and (
            not os.path.isdir(self.target) or os.path.islink(self.target) or os.listdir(self.target)
        ):
            raise FileExistsError(f"{self.target} exists and is not an empty folder")
        parent, base = os.path.split(os.path.abspath(self.target))
        return tempfile.mkdtemp(prefix=f".{base}.", suffix=".tmp", dir=parent)

    def add(self, article: Article, name: str | None = None) -> str:
        """Write one article, under ``name`` or the name `name_for` derives from its URL.

        Returns:
            The name the article has in the dump.

        Raises:
            ValueError: the name is taken already (or is a folder of a name taken), is
                not a safe relative path (empty, absolute, ``..``, a backslash, a NUL, a
                character that is not Unicode), or the article has neither name nor URL;
                nothing is written for it. The writer is already closed.
            TypeError: ``article`` is not an `Article`.
        """
        if self._closed:
            raise ValueError("the writer is closed")
        if not isinstance(article, Article):
            raise TypeError(f"expected an Article, not {type(article).__name__}")
        name = name_for(article) if name is None else name
        self._claim(name)
        self._sink.write(name, article)
        return name

    def _claim(self, name: str) -> None:
        _check_name(name)
        folders = _folders_of(name) if self.format != "jsonl" else []
        if name in self._names or name in self._folders or any(f in self._names for f in folders):
            raise ValueError(f"the name {name!r} is taken in this dump: not written twice")
        self._names.add(name)
        self._folders.update(folders)

    def close(self) -> None:
        """Finish the dump and put it under the target's name."""
        if self._closed:
            return
        self._closed = True
        try:
            self._sink.close()
        except BaseException:
            self._discard()  # closes the sink again: a second close does nothing
            raise
        if self._folder is None:
            self._stack.close()  # the temporary file is renamed over the target
            return
        if os.path.isdir(self.target) and not os.path.islink(self.target):
            os.rmdir(self.target)  # empty, as checked at the start
        os.rename(self._folder, self.target)

    def abort(self) -> None:
        """Stop without writing anything under the target's name."""
        if not self._closed:
            self._closed = True
            self._discard()

    def _discard(self) -> None:
        # Closed first so that nothing writes to the temporary file once it is gone (a
        # zip left open writes its directory when collected); what it writes is removed.
        with contextlib.suppress(Exception):
            self._sink.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            return
        with contextlib.suppress(_DiscardedError):
            self._stack.__exit__(_DiscardedError, _DiscardedError(), None)

    def __enter__(self) -> DumpWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


class _DiscardedError(Exception):
    """Thrown into the atomic writer to make it remove its temporary file."""


def write_dump(
    target: StrPath,
    articles: Iterable[Article | tuple[str, Article]],
    *,
    format: str | None = None,
    replace: bool = False,
) -> None:
    """Write articles (or ``(name, article)`` pairs) into a new dump, whole or not at all.

    ``read_dump(target)`` gives the same articles back, equal and byte for byte, in the
    order written. See `DumpWriter` for the formats, the names and the arguments.

    Raises:
        ValueError: a name clash, an unsafe name, or an article with neither name nor URL
            (nothing is left under the target's name).
    """
    with DumpWriter(target, format=format, replace=replace) as writer:
        for item in articles:
            if isinstance(item, tuple):
                name, article = item
                writer.add(article, name)
            else:
                writer.add(item)


def _check_name(name: str) -> None:
    """Refuse a name that is not a safe relative path: the reader would refuse it too."""
    if not isinstance(name, str):
        raise TypeError(f"a name is a str, not {type(name).__name__}")
    problem = None
    if not name or name.startswith("/") or name.endswith("/"):
        problem = "empty, absolute, or a folder"
    elif "\x00" in name or "\\" in name:
        problem = "holds a NUL or a backslash"
    elif any(part in ("", ".", "..") for part in name.split("/")):
        problem = "has an empty, . or .. part"
    elif re.match(r"[A-Za-z]:", name):
        problem = "starts with a drive letter"
    else:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            problem = "holds a character that is not Unicode (a lone surrogate)"
    if problem is not None:
        raise ValueError(f"unsafe name {name!r}: {problem}")


def _folders_of(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _data(article: Article) -> bytes:
    """The article's file, in UTF-8; bytes read with ``surrogateescape`` come back."""
    layout = article._layout
    errors = (
        "surrogateescape" if layout is not None and layout.errors == "surrogateescape" else "strict"
    )
    return dumps(article).encode("utf-8", errors)


class _Sink:
    """Where the articles go: one kind per format."""

    def write(self, name: str, article: Article) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the format's own structure (a zip's directory, a tar's end blocks)."""


class _FolderSink(_Sink):
    def __init__(self, root: str) -> None:
        self.root = root

    def write(self, name: str, article: Article) -> None:
        path = os.path.join(self.root, *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "xb") as handle:  # "x": never over a file (a case-insensitive clash)
            handle.write(_data(article))


class _ZipSink(_Sink):
    def __init__(self, handle: IO[bytes]) -> None:
        self.archive = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED)

    def write(self, name: str, article: Article) -> None:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = _MODE << 16
        self.archive.writestr(info, _data(article))

    def close(self) -> None:
        self.archive.close()


class _TarSink(_Sink):
    def __init__(self, stream: IO[bytes], compressor: Any = None) -> None:
        self.compressor = compressor
        self.archive = tarfile.TarFile(fileobj=stream, mode="w", format=tarfile.PAX_FORMAT)

    def write(self, name: str, article: Article) -> None:
        data = _data(article)
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mode = _MODE
        info.mtime = 0
        self.archive.addfile(info, io.BytesIO(data))

    def close(self) -> None:
        self.archive.close()
        if self.compressor is not None:
            self.compressor.close()  # the temporary file itself stays open for the rename


class _JsonLinesSink(_Sink):
    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def write(self, name: str, article: Article) -> None:
        record = {"name": name, "text": dumps(article)}
        try:
            line = json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: written as a \u escape
            line = json.dumps(record).encode("ascii")
        self.handle.write(line + b"\n")


def _sink_for(kind: str, handle: IO[bytes]) -> _Sink:
    if kind == "zip":
        return _ZipSink(handle)
    if kind == "jsonl":
        return _JsonLinesSink(handle)
    if kind == "tar":
        return _TarSink(handle)
    compressor: Any
    if kind == "tar.gz":  # no name and no time in the header: the same bytes every run
        compressor = gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0)
    elif kind == "tar.bz2":
        compressor = bz2.BZ2File(handle, "wb")
    else:
        compressor = lzma.LZMAFile(handle, "wb")  # noqa: SIM115 (closed by the sink)
    return _TarSink(compressor, compressor)
