"""A progress display on stderr for long command-line runs.

tqdm draws it when installed (the ``cli`` extra); otherwise a plain counter does. It is
silent when asked to be, or when stderr is not a terminal. Where the number of files to
come can be counted cheaply, `Progress.total_from` counts them beside the run, and the
display shows the total and the time left once it is known.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import IO, Any

from newsdump._wording import plural

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
        self.total: int | None = None
        self.enabled = not quiet and self.stream.isatty()
        self._bar: Any = None
        self._shown = 0.0
        self._started = time.monotonic()
        self._expected: int | None = None  # a total counted beside the run, not yet shown
        if self.enabled and bar:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self._bar = tqdm(desc=label, unit=" files", file=self.stream, leave=False)

    def total_from(self, count: Callable[[], int | None]) -> threading.Thread | None:
        """Count the files to come with ``count()`` in a thread beside the run (only when
        the display is shown); its answer, unless ``None``, becomes the total."""
        if not self.enabled:
            return None
        thread = threading.Thread(
            target=self._count, args=(count,), name="newsdump-progress-total", daemon=True
        )
        thread.start()
        return thread

    def _count(self, count: Callable[[], int | None]) -> None:
        total = count()
        if total is not None:
            self._expected = total  # taken up by `update`, in the thread that draws

    def update(self, count: int = 1) -> None:
        """Record ``count`` more files done."""
        self.count += count
        if not self.enabled:
            return
        if self._expected is not None:
            self.total, self._expected = self._expected, None
            if self._bar is not None:
                self._bar.total = self.total
                self._bar.refresh()
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if now - self._shown >= 0.2:
            self._shown = now
            self.stream.write(f"\r{self.label}: {self.text(now)}\x1b[K")
            self.stream.flush()

    def text(self, now: float | None = None) -> str:
        """The plain counter's text: ``3 files``, or ``3/40 files, ETA 0:12`` with a total."""
        done = self.count
        if self.total is None:
            return plural(done, "file")
        total = max(self.total, done)  # the count was of what the listing showed
        elapsed = (time.monotonic() if now is None else now) - self._started
        eta = _clock((total - done) * elapsed / done) if done else "?"
        return f"{done}/{total} files, ETA {eta}"

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


def _clock(seconds: float) -> str:
    """``0:07``, ``12:30``, ``1:02:03``: a time left, to the second."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
