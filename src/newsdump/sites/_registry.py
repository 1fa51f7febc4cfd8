"""Which quirk applies to a file: hosts, subdomains and versions by date."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from newsdump.errors import PluginError
from newsdump.sites._base import Site

__all__ = ["Registry", "SiteLike", "as_site"]

SiteLike = Site | type[Site]
"""A quirk given as an instance or as a class (instantiated without arguments)."""


def as_site(item: object) -> Site:
    """The quirk instance for ``item``; a clear error for anything else."""
    if isinstance(item, type) and issubclass(item, Site):
        try:
            return item()
        except Exception as exc:
            raise PluginError(f"{exc}", plugin=item.__name__, hook="__init__") from exc
    if isinstance(item, Site):
        return item
    raise TypeError(f"a site quirk must be a newsdump.sites.Site, not {type(item).__name__}")


def _zone(site: Site) -> dt.tzinfo | None:
    if site.timezone is None:
        return None
    try:
        return zoneinfo.ZoneInfo(site.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        message = f"unknown time zone {site.timezone!r}"
        raise PluginError(message, plugin=site.label, hook="timezone") from exc


_SEEN_HOSTS = 4096
"""Hosts whose quirks a registry remembers (a dump has few hosts; the memo is bounded)."""


class Registry:
    """A fixed set of quirks, indexed by host, with their zones resolved once."""

    __slots__ = ("_by_host", "_seen", "sites", "zones")

    def __init__(self, sites: Iterable[SiteLike]) -> None:
        self.sites = tuple(as_site(item) for item in sites)
        self.zones: dict[int, dt.tzinfo | None] = {id(s): _zone(s) for s in self.sites}
        self._by_host: dict[str, list[Site]] = {}
        self._seen: dict[str, list[Site]] = {}  # host as written -> its quirks
        for site in self.sites:
            if isinstance(site.hosts, str) or not site.hosts:
                raise PluginError(
                    "hosts must be a tuple of host names", plugin=site.label, hook="hosts"
                )
            for host in site.hosts:
                self._by_host.setdefault(_bare(host), []).append(site)

    def candidates(self, host: str | None) -> list[Site]:
        """The quirks for ``host`` or its closest parent domain that has any."""
        if not host or not self._by_host:
            return []
        found = self._seen.get(host)
        if found is None:
            if len(self._seen) >= _SEEN_HOSTS:
                self._seen.clear()
            found = self._seen[host] = self._lookup(_bare(host))
        return found

    def _lookup(self, host: str) -> list[Site]:
        while True:
            found = self._by_host.get(host)
            if found:
                return found
            dot = host.find(".")
            if dot < 0:
                return []
            host = host[dot + 1 :]

    def needs_date(self, candidates: list[Site]) -> bool:
        """Whether picking among ``candidates`` depends on the article's date."""
        return any(s.valid_from is not None or s.valid_until is not None for s in candidates)


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def choose(candidates: list[Site], published: dt.date | None) -> Site | None:
    """The version valid on the article's day; the newest one when the day is unknown."""
    if not candidates:
        return None
    if published is None:
        return max(candidates, key=_newest)
    day = published.date() if isinstance(published, dt.datetime) else published
    for site in candidates:
        if (site.valid_from is None or site.valid_from <= day) and (
            site.valid_until is None or day < site.valid_until
        ):
            return site
    return None


def _newest(site: Site) -> tuple[dt.date, dt.date]:
    return (site.valid_until or dt.date.max, site.valid_from or dt.date.min)
