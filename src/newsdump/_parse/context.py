"""What one parse noticed: its diagnostics, raised at the first error in strict mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdump.errors import Diagnostic, ParseError, Severity

if TYPE_CHECKING:
    from newsdump._model.lines import Lines

__all__ = ["Context"]


class Context:
    """What a parse noticed so far; raises at the first error in strict mode."""

    __slots__ = ("diagnostics", "lines", "source", "strict")

    def __init__(self, lines: Lines, *, strict: bool, source: str | None = None) -> None:
        self.lines = lines
        self.strict = strict
        self.source = source
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        code: str,
        message: str,
        line: int,
        column: int = 1,
        severity: Severity = Severity.WARNING,
    ) -> None:
        """Record a diagnostic at 0-based ``line``; in strict mode an error raises."""
        lines = self.lines
        if line >= len(lines):
            line = max(len(lines) - 1, 0)
        diagnostic = Diagnostic(code, message, line + 1, column, severity)
        if self.strict and severity is Severity.ERROR:
            excerpt = lines.content[line] if lines.content else ""
            raise ParseError.from_diagnostic(diagnostic, source=self.source, excerpt=excerpt)
        self.diagnostics.append(diagnostic)
