"""Errors and diagnostics.

The exception tree::

    NewsdumpError                 anything newsdump raises on purpose
    ├── ParseError (ValueError)   the input is not a valid dump (strict mode, bad encoding)
    ├── PluginError               a site cannot be loaded, or failed (strict mode)
    └── DumpError                 a file of a whole dump could not be read (see read_dump)

Lenient parsing never raises: what it notices becomes a `Diagnostic` on the
article. Strict parsing raises the first problem as a `ParseError`, carrying the
same code, line and column a diagnostic would.
"""

from __future__ import annotations

import enum
from typing import Any

from attrs import frozen

from newsdump._deprecated import warn_deprecated

__all__ = ["Diagnostic", "DumpError", "NewsdumpError", "ParseError", "PluginError", "Severity"]


class Severity(enum.Enum):
    """How serious a diagnostic is."""

    ERROR = "error"
    """The file breaks the format: strict mode raises on it."""
    WARNING = "warning"
    """The file is readable, but a field may be missing or wrong."""
    INFO = "info"
    """Worth knowing; nothing is wrong."""


@frozen
class Diagnostic:
    """Something the parser noticed, with where it is (1-based line and column).

    Attributes:
        code: a short stable identifier such as ``missing-headline`` (see docs/errors.md).
        message: what is wrong, in words.
        line: 1-based line number in the text.
        column: 1-based column (in characters) on that line.
        severity: how serious it is.
    """

    code: str
    message: str
    line: int
    column: int = 1
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.code} {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Its fields, rebuilt by one call (attrs' own pickling sets each in Python).
        if type(self) is not Diagnostic:  # a subclass: attrs' own pickling
            return _restore, (type(self), self.__getstate__())
        return Diagnostic, (self.code, self.message, self.line, self.column, self.severity)


class NewsdumpError(Exception):
    """The base class of every error newsdump raises on purpose."""


class ParseError(NewsdumpError, ValueError):
    """The input is not a valid dump file.

    Attributes:
        code: the diagnostic code (``missing-headline``, ``invalid-encoding``, ...).
        line: 1-based line of the problem.
        column: 1-based column of the problem.
        source: the name of the file being read, when known.
        excerpt: the offending line, for the message.
        message: what is wrong, in words, without the position (``reason`` is its
            deprecated older name).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        line: int,
        column: int = 1,
        source: str | None = None,
        excerpt: str | None = None,
    ) -> None:
        self.message = message
        self.code = code
        self.line = line
        self.column = column
        self.source = source
        self.excerpt = excerpt
        super().__init__(self._format())

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments: the default reduction (``cls(*args)``) cannot rebuild it.
        return _rebuild, (
            type(self),
            (self.message,),
            {
                "code": self.code,
                "line": self.line,
                "column": self.column,
                "source": self.source,
                "excerpt": self.excerpt,
            },
        )

    def _format(self) -> str:
        # The position once: ``file:line:column:`` as compilers print it, or in words
        # when there is no file name (a bare ``3:1:`` says little).
        if self.source:
            where = f"{self.source}:{self.line}:{self.column}"
        else:
            where = f"line {self.line}, column {self.column}"
        text = f"{where}: {self.code}: {self.message}"
        if self.excerpt is not None:
            shown = self.excerpt[:200]
            caret = " " * min(max(self.column - 1, 0), len(shown)) + "^"
            text += f"\n    {shown}\n    {caret}"
        return text

    @classmethod
    def from_diagnostic(
        cls, diagnostic: Diagnostic, *, source: str | None = None, excerpt: str | None = None
    ) -> ParseError:
        """Build the error that strict mode raises for `diagnostic`."""
        return cls(
            diagnostic.message,
            code=diagnostic.code,
            line=diagnostic.line,
            column=diagnostic.column,
            source=source,
            excerpt=excerpt,
        )

    def with_source(self, source: str) -> ParseError:
        """The same error, naming the file it came from."""
        return ParseError(
            self.message,
            code=self.code,
            line=self.line,
            column=self.column,
            source=source,
            excerpt=self.excerpt,
        )

    @property
    def reason(self) -> str:
        """Deprecated: use `message`."""
        warn_deprecated("ParseError.reason", "ParseError.message")
        return self.message


class PluginError(NewsdumpError):
    """A site that cannot be loaded or used: an entry point that does not load, a `Site`
    that cannot be made or whose attributes are malformed, or (in strict mode) a hook
    that raised or returned the wrong type while parsing. The class and its ``plugin``
    attribute keep the older word for a site package.

    Attributes:
        plugin: the name of the site (or of the entry point) that failed.
        hook: the hook that raised, or the attribute that is malformed.
        message: what went wrong, in words, without the site and hook (``reason`` is
            its deprecated older name, as for `ParseError`).
    """

    def __init__(self, message: str, *, plugin: str, hook: str) -> None:
        self.plugin = plugin
        self.hook = hook
        self.message = message
        super().__init__(f"site {plugin!r} failed in {hook}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), (self.message,), {"plugin": self.plugin, "hook": self.hook})

    @property
    def reason(self) -> str:
        """Deprecated: use `message`."""
        warn_deprecated("PluginError.reason", "PluginError.message")
        return self.message


class DumpError(NewsdumpError):
    """One file of a dump (or the dump itself) could not be read; see `newsdump.read_dump`.

    Attributes:
        code: a short stable identifier: ``unsafe-name``, ``link``, ``not-a-file``,
            ``too-large``, ``bomb``, ``encrypted``, ``corrupt-member``, ``corrupt-archive``,
            ``unreadable``, ``invalid-record``, or ``worker`` (a worker process died).
        name: the file's path inside the dump (empty for the dump as a whole).
        reason: what went wrong, in words.
    """

    def __init__(self, reason: str, *, code: str, name: str = "") -> None:
        self.reason = reason
        self.code = code
        self.name = name
        where = f"{name}: " if name else ""
        super().__init__(f"{where}{code}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), (self.reason,), {"code": self.code, "name": self.name})


def _reason_of(error: BaseException) -> object:
    """What an error says, without its position or code: the ``message`` of a
    `ParseError` or `PluginError`, the ``reason`` of the others, else the error itself."""
    if isinstance(error, ParseError | PluginError):
        return error.message
    return getattr(error, "reason", error)


def _restore(cls: type[Any], state: object) -> Any:
    """Unpickle an attrs instance from its ``__getstate__`` (attrs' own pickling).

    The model's classes pickle in compact forms of their own; their subclasses, whose
    fields those forms do not know, pickle this way.
    """
    obj = object.__new__(cls)
    obj.__setstate__(state)
    return obj


def _rebuild(cls: type[Exception], args: tuple[object, ...], kwargs: dict[str, object]) -> object:
    """Unpickle an error whose constructor takes keyword-only arguments."""
    return cls(*args, **kwargs)
