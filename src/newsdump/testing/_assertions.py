"""Assertions for tests of scrapers, with failure messages that say what and where."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdump._api import Parser, dumps
from newsdump._wording import plural
from newsdump.errors import Diagnostic, Severity
from newsdump.model import Article, Block, Boilerplate
from newsdump.sites._registry import SiteLike
from newsdump.testing._locate import FIELD_OF_CODE, Place, block_place
from newsdump.testing._report import FIELDS, compare_articles, text_diff
from newsdump.testing._sites import choose_parser

__all__ = [
    "assert_article",
    "assert_body_contains",
    "assert_body_excludes",
    "assert_roundtrip",
    "assert_valid",
]

Snippet = str | re.Pattern[str]


def assert_roundtrip(
    dump: str | Article,
    *,
    canonical: bool = False,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> Article:
    """Assert that a dump text (or an article) survives a round trip.

    For a text: ``dumps(loads(text)) == text``; with ``canonical=True``, also that the
    text is already in the canonical layout (``format_text(text) == text``), which is
    what a scraper writing the reference layout should produce. For an article:
    ``loads(dumps(article)) == article``. ``parser`` reads the text with its site
    sites (default: the built-in and the installed ones, as the command line
    reads; ``sites=`` gives the sites instead).

    Returns:
        The parsed article.

    Raises:
        AssertionError: with a unified diff of the texts, or a field-by-field comparison.
    """
    __tracebackhide__ = True  # pytest shows the caller's line and the report
    if isinstance(dump, Article):
        text = dumps(dump, canonical=canonical)
        again = _parse(text, parser, sites)
        problems = compare_articles(again, dump, frozenset())
        if problems:
            raise AssertionError(_join("the article does not read back as itself", problems))
        return again
    article = _parse(dump, parser, sites)
    written = dumps(article)
    if written != dump:
        raise AssertionError("the text does not round-trip:\n" + text_diff(dump, written))
    if canonical and (formatted := dumps(article, canonical=True)) != dump:
        diff = text_diff(dump, formatted, names=("dump", "canonical"))
        raise AssertionError("the text is not in the canonical layout:\n" + diff)
    return article


def assert_valid(
    dump: str | Article,
    *,
    strict: bool = True,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> Article:
    """Assert that a dump has no problems, listing every one with its field, line and column.

    Args:
        dump: the text of a dump, or an article parsed from one.
        strict: fail on warnings as well as errors (informational notes never fail).
        parser: reads the text with its sites (default: the built-in sites and the
            installed ones, as the command line reads).
        sites: the sites to read with instead of the default (not with ``parser``).

    Returns:
        The parsed article.

    Raises:
        AssertionError: listing each diagnostic as ``line L, column C: code (field): message``.
    """
    __tracebackhide__ = True  # pytest shows the caller's line and the report
    article = _parse(dump, parser, sites)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    problems = [_diagnostic(d, article) for d in article.diagnostics if d.severity in failing]
    if problems:
        raise AssertionError(_join("the dump is not valid", problems))
    return article


def assert_article(
    actual: Article | str,
    expected: Article,
    *,
    ignore: Iterable[str] = (),
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> Article:
    """Assert that two articles are equal, field by field.

    Args:
        actual: the article under test, or the dump text it is parsed from. When it was
            parsed, each difference names the line and column of the field; a field that
            is missing but whose expected value turned up in the body says where.
        expected: the article it should be (`make_article` builds one).
        ignore: names of fields to leave out (``"credit"``, ``"body"`` ...).
        parser: reads a text with its sites (default: the built-in sites and the
            installed ones, as the command line reads).
        sites: the sites to read with instead of the default (not with ``parser``).

    Returns:
        The actual article.

    Raises:
        AssertionError: one paragraph per differing field.
        ValueError: ``ignore`` names something that is not a field of `Article`.
    """
    __tracebackhide__ = True  # pytest shows the caller's line and the report
    ignored = frozenset(ignore)
    unknown = ignored - set(FIELDS)
    if unknown:
        raise ValueError(f"not fields of Article: {', '.join(sorted(unknown))}")
    article = _parse(actual, parser, sites)
    problems = compare_articles(article, expected, ignored)
    if problems:
        raise AssertionError(_join("the articles differ", problems))
    return article


def assert_body_contains(
    dump: Article | str,
    *snippets: Snippet,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> None:
    """Assert that the body's plain text contains every snippet (a string or a regex).

    Raises:
        AssertionError: naming each snippet that is missing.
    """
    __tracebackhide__ = True  # pytest shows the caller's line and the report
    article = _parse(dump, parser, sites)
    text = article.text
    missing = [_show(s) for s in snippets if not _search(s, text)]
    if missing:
        raise AssertionError(_join("the body lacks", missing))


def assert_body_excludes(
    dump: Article | str,
    *snippets: Snippet,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> None:
    """Assert that no snippet (a string or a regex) is in the body: boilerplate leaks.

    Raises:
        AssertionError: naming each snippet found, with its block, line and column.
    """
    __tracebackhide__ = True  # pytest shows the caller's line and the report
    article = _parse(dump, parser, sites)
    text = article.text
    found = [_found(s, article) for s in snippets if _search(s, text)]
    if found:
        raise AssertionError(_join("the body must not contain", found))


def _parse(dump: str | Article, parser: Parser | None, sites: Iterable[SiteLike] | None) -> Article:
    __tracebackhide__ = True
    if isinstance(dump, Article):
        return dump
    return choose_parser(parser, sites).loads(dump)


def _search(snippet: Snippet, text: str) -> re.Match[str] | None:
    pattern = snippet if isinstance(snippet, re.Pattern) else re.compile(re.escape(snippet))
    return pattern.search(text)


def _show(snippet: Snippet) -> str:
    return f"re {snippet.pattern!r}" if isinstance(snippet, re.Pattern) else repr(snippet)


def _found(snippet: Snippet, article: Article) -> str:
    for index, block in enumerate(article.body):
        if isinstance(block, Boilerplate):  # left out of the text: not a leak
            continue
        if _search(snippet, block.text) or _search(snippet, block.markdown):
            place = _snippet_place(snippet, article, block)
            where = f" at {place}" if place else ""
            kind = type(block).__name__
            return f"{_show(snippet)}: found in block {index + 1} ({kind}){where}"
    return f"{_show(snippet)}: found in the body"


def _snippet_place(snippet: Snippet, article: Article, block: Block) -> Place | None:
    start = block_place(article, block)
    match = _search(snippet, block.markdown)
    if start is None or match is None:
        return start
    head = block.markdown[: match.start()]
    return Place(start.line + head.count("\n"), match.start() - head.rfind("\n"))


def _diagnostic(diagnostic: Diagnostic, article: Article) -> str:
    field = FIELD_OF_CODE.get(diagnostic.code)
    about = f" ({field})" if field else ""
    line = f"line {diagnostic.line}, column {diagnostic.column}: {diagnostic.code}{about}"
    return f"{line}: {diagnostic.message}{_excerpt(article, diagnostic)}"


def _excerpt(article: Article, diagnostic: Diagnostic) -> str:
    layout = article._layout
    if layout is None:
        return ""
    lines = layout.source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not 0 < diagnostic.line <= len(lines):
        return ""
    shown = lines[diagnostic.line - 1][:200]
    caret = " " * min(diagnostic.column - 1, len(shown)) + "^"
    return f"\n      {shown}\n      {caret}"


def _join(title: str, problems: list[str]) -> str:
    count = plural(len(problems), "problem")
    body = "\n".join(f"- {p}" for p in problems)
    return f"{title} ({count}):\n{body}"
