"""`where`: which articles to keep, by site, publication time and the fields they have.

The same filter serves `read_dump(..., where=...)` and the ``--site``, ``--since``,
``--until`` and ``--has`` options of ``check``, ``export`` and ``stats``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from newsdump.model import Article

__all__ = ["HAS", "Where", "parse_bound", "where"]

HAS = ("byline", "credit", "date", "related")
"""The fields ``has`` can ask for: authors, a photo credit, a publication date, related links."""

_DAY = dt.timedelta(days=1)
_UTC = dt.UTC


@frozen
class Where:
    """A filter on articles: call it with an `Article` for whether to keep it.

    Build it with `newsdump.where`. It pickles, so worker processes can use it.
    """

    sites: tuple[str, ...] = ()
    since: dt.datetime | None = None  # UTC, inclusive
    until: dt.datetime | None = None  # UTC, exclusive (a day bound is its next midnight)
    has: frozenset[str] = frozenset()

    def __call__(self, article: Article) -> bool:
        """Whether ``article`` passes every condition."""
        if self.sites and not _on_site(article.site, self.sites):
            return False
        if (self.since is not None or self.until is not None) and not self._in_window(article):
            return False
        return all(_has(article, field) for field in self.has)

    def _in_window(self, article: Article) -> bool:
        span = _span(article.published)
        if span is None:
            return False
        start, end = span
        if self.since is not None and end <= self.since:
            return False
        return self.until is None or start < self.until


def where(
    *,
    site: str | Iterable[str] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    has: str | Iterable[str] = (),
) -> Where:
    """A filter for `read_dump` (``where=``) or any iterable of articles.

    Args:
        site: a host or several; an article is kept when its `site` is one of them or a
            subdomain of one (``example.org`` keeps ``news.example.org``). Case and a
            leading ``www.`` do not count. An article without a URL has no site.
        since: keep articles published at or after this moment (a `datetime`, a `date`
            or ISO text).
        until: keep articles published at or before it; a day (a `date`, or ISO text
            without a time) includes the whole of that day.
        has: the fields an article must have, each of ``byline`` (authors), ``credit``,
            ``date`` (a publication date) and ``related`` (related-article links).

    Times are compared in UTC. A bound or a publication time without a zone is taken
    as UTC. A publication date without a time (a day) is kept when any part of its day
    (UTC) is in the window. An article without a publication date is left out by
    ``since`` and ``until``.

    Raises:
        ValueError: an unknown ``has`` field, or a bound that is not a date.

    >>> keep = where(site="example.org", since="2024-05-01", has="byline")
    >>> import newsdump
    >>> keep(newsdump.loads("\\n\\n# Hi\\n\\nBy Ann Lee\\n\\nMay 2, 2024\\n\\nBody.\\n\\n"
    ...                     "Original url:\\n\\n<https://news.example.org/a>"))
    True
    """
    sites = (site,) if isinstance(site, str) else tuple(site or ())
    fields = frozenset((has,) if isinstance(has, str) else has)
    unknown = sorted(fields - set(HAS))
    if unknown:
        raise ValueError(f"has: unknown field {unknown[0]!r} (one of {', '.join(HAS)})")
    low = None if since is None else parse_bound(since)[0]
    high = None if until is None else parse_bound(until)[1]
    return Where(tuple(_bare(s) for s in sites), low, high, fields)


def parse_bound(value: dt.date | str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC span a bound stands for: a moment (start = end), or a whole day.

    Raises:
        ValueError: the text is not an ISO date or time.
    """
    if isinstance(value, str):
        text = value.strip()
        try:
            value = (
                dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            raise ValueError(f"not an ISO date or time: {value!r}") from None
    if isinstance(value, dt.datetime):
        moment = _utc(value)
        return moment, moment + dt.timedelta(microseconds=1)
    start = dt.datetime(value.year, value.month, value.day, tzinfo=_UTC)
    return start, start + _DAY


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=_UTC)
    return moment.astimezone(_UTC)


def _span(published: dt.date | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The UTC span an article's publication stands for (a day, or one moment)."""
    if published is None:
        return None
    try:
        return parse_bound(published)
    except OverflowError:  # the first or last day of the calendar, moved out of it
        return None


def _bare(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _on_site(site: str | None, hosts: tuple[str, ...]) -> bool:
    if not site:
        return False
    site = _bare(site)
    return any(site == host or site.endswith("." + host) for host in hosts)


def _has(article: Article, field: str) -> bool:
    if field == "byline":
        return bool(article.authors)
    if field == "credit":
        return article.credit is not None
    if field == "date":
        return article.published is not None
    return bool(article.related)
