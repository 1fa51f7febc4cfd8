"""A progress display on stderr for long command-line runs.

tqdm draws it when installed (the ``cli`` extra); otherwise a plain counter does. It is
silent when asked to be, or when stderr is not a terminal.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO, Any

__all__ = ["Progress"]


class Progress:
    """Counts files as they are done; a context manager that clears its line on exit.

    ``bar=False`` keeps to the plain counter even where tqdm is installed.
    """

    def __init__(
        self, label: str, *, quiet: bool = False, stream: IO[str] | None = None, bar: bool = True
    ) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.count = 0
        self.enabled = not quiet and self.stream.isatty()
        self._bar: Any = None
        self._shown = 0.0
        if self.enabled and bar:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self._bar = tqdm(desc=label, unit=" files", file=self.stream, leave=False)

    def update(self, count: int = 1) -> None:
        """Record ``count`` more files done."""
        self.count += count
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if now - self._shown >= 0.2:
            self._shown = now
            self.stream.write(f"\r{self.label}: {self.count} file{'' if self.count == 1 else 's'}")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
