"""`DumpDiff` as text for a terminal, Markdown for a pull-request comment, and JSON.

Names and values come from the dumps, which anyone may have written: in text and
Markdown, control characters (and bidirectional controls, which reorder what a terminal
or a browser shows) are escaped as ``\\xNN`` / ``\\uNNNN``, and Markdown's own syntax
characters in values are backslash-escaped so that a value cannot become a link or a
table cell.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from newsdump._terminal import controls_escaped as escape
from newsdump.testing._diff import ArticleDiff, DumpDiff, FieldChange

__all__ = ["FORMATS", "render", "to_json", "to_markdown", "to_text"]

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&#!])")
_SHOWN = 200  # characters of a value shown in text and Markdown (JSON has them all)


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _plain(text: str | None) -> str:
    return "-" if text is None else escape(_short(text))


def _md(text: str | None) -> str:
    return "-" if text is None else _MARKDOWN.sub(r"\\\1", escape(_short(text)))


def _counts(diff: DumpDiff) -> str:
    return (
        f"{diff.old_count} old, {diff.new_count} new articles: {diff.paired} paired "
        f"({diff.unchanged} unchanged), {diff.removed} removed, {diff.added} added"
    )


def _describe(change: FieldChange, show: Callable[[str | None], str]) -> str:
    """``field kind: detail`` for one change, values shown with ``show``."""
    head = f"{change.field} {change.kind}"
    if change.field == "article":
        return f"{head}: {change.note}" if change.note not in ("removed", "added") else head
    if change.field == "body":
        if change.paragraph is None:
            return f"{head}: {change.note}"
        return f"{head}: similarity {change.similarity:.3f}, paragraph {change.paragraph} differs"
    values = f"{show(change.old)} -> {show(change.new)}"
    if change.note:
        return f"{head}: {show(change.note)} ({values})"
    return f"{head}: {values}"


def _title(article: ArticleDiff, show: Callable[[str | None], str], markdown: bool) -> str:
    if article.old is None:
        name = f"{show(article.new)} (added)"
    elif article.new is None:
        name = f"{show(article.old)} (removed)"
    elif article.old != article.new:
        name = f"{show(article.old)} -> {show(article.new)}"
    else:
        name = show(article.old)
    if article.paired_by not in (None, "url"):
        name += f" (paired by {article.paired_by})"
    if not article.url:
        return name
    return f"{name} `{_code(article.url)}`" if markdown else f"{name} <{escape(article.url)}>"


def to_text(diff: DumpDiff, limit: int | None = None) -> str:
    """The report for a terminal: each article's changes, then the summary table."""
    lines = [f"--- {escape(diff.old)}", f"+++ {escape(diff.new)}"]
    shown = diff.articles if limit is None else diff.articles[:limit]
    for article in shown:
        lines.append(_title(article, _plain, markdown=False))
        for change in article.changes:
            lines.append(f"  {_describe(change, _plain)}")
            if change.paragraph is not None:
                lines.append(f"    - {_plain(change.old)}")
                lines.append(f"    + {_plain(change.new)}")
    if len(shown) < len(diff.articles):
        lines.append(f"... and {len(diff.articles) - len(shown)} more articles")
    lines += ["", _counts(diff), f"{'field':<10} {'changed':>8} {'lost':>8} {'gained':>8}"]
    lines += [f"{r.field:<10} {r.changed:>8} {r.lost:>8} {r.gained:>8}" for r in diff.summary]
    return "\n".join(lines)


def to_markdown(diff: DumpDiff, limit: int | None = None) -> str:
    """The report for a pull-request comment: summary table first, articles folded below."""
    lines = [
        "### newsdump diff",
        "",
        f"`{_code(diff.old)}` → `{_code(diff.new)}`: {_counts(diff)}.",
        "",
        "| field | changed | lost | gained |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {r.field} | {r.changed} | {r.lost} | {r.gained} |" for r in diff.summary]
    if not diff.articles:
        return "\n".join(lines)
    lines += ["", f"<details><summary>{len(diff.articles)} articles</summary>", ""]
    shown = diff.articles if limit is None else diff.articles[:limit]
    for article in shown:
        lines += list(_markdown_article(article))
    if len(shown) < len(diff.articles):
        lines.append(f"- … and {len(diff.articles) - len(shown)} more articles")
    lines += ["", "</details>"]
    return "\n".join(lines)


def _markdown_article(article: ArticleDiff) -> Iterator[str]:
    yield f"- {_title(article, _md, markdown=True)}"
    for change in article.changes:
        yield f"  - {_describe(change, _md)}"
        if change.paragraph is not None:
            yield f"    - was: {_md(change.old)}"
            yield f"    - now: {_md(change.new)}"


def _code(text: str) -> str:
    """A dump's name inside a code span: escaped, without backticks."""
    return escape(text).replace("`", "'")


def to_json(diff: DumpDiff) -> dict[str, Any]:
    """The whole comparison as JSON-safe values (every value in full)."""
    record = attrs.asdict(diff)
    record["unchanged"] = diff.unchanged
    record["removed"] = diff.removed
    record["added"] = diff.added
    return record


FORMATS: dict[str, Callable[[DumpDiff, int | None], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": lambda diff, limit: json.dumps(to_json(diff), ensure_ascii=False, indent=2),
}
"""The output formats of ``newsdump diff --format``."""


def render(diff: DumpDiff, form: str = "text", limit: int | None = None) -> str:
    """The report in ``form`` (``text``, ``markdown`` or ``json``); ``limit`` caps the
    articles listed in text and Markdown (the summary counts every one).

    Raises:
        ValueError: ``form`` is not one of `FORMATS`.
    """
    try:
        write = FORMATS[form]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {form!r}") from None
    return write(diff, limit)
