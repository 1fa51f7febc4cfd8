"""Which site applies to a file: hosts, subdomains and versions by date.

A site is checked and read once, when a `Registry` is built (``newsdump.Parser(sites=...)``,
``loads(sites=...)``, `newsdump.sites.load_sites`): its attributes must have the types the
`Site` protocol gives them, or `PluginError` names the attribute; its time zone is resolved
and the hooks it overrides are noted then. Changing a site after that changes nothing for
that registry: build a new `Parser`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from newsdump._deprecated import warn_deprecated
from newsdump._parse.dateline.tables import languages
from newsdump.errors import PluginError
from newsdump.sites._base import Site

__all__ = ["HOOKS", "Registry", "SiteLike", "as_site", "check_site", "hooks_of"]

SiteLike = Site | type[Site]
"""A site given as an instance or as a class (instantiated without arguments)."""

HOOKS = ("credit", "authors", "date", "block", "finish")
"""The optional hooks of the `Site` protocol."""


def as_site(item: object) -> Site:
    """The site instance for ``item``; a clear error for anything else."""
    if isinstance(item, type) and issubclass(item, Site):
        try:
            return item()
        except Exception as exc:
            raise PluginError(f"{exc}", plugin=item.__name__, hook="__init__") from exc
    if isinstance(item, Site):
        return item
    raise TypeError(f"a site must be a newsdump.sites.Site, not {type(item).__name__}")


def check_site(site: Site) -> None:
    """Check a site's attributes against the `Site` protocol.

    Raises:
        PluginError: an attribute has the wrong type or value; ``hook`` names the attribute.
    """
    name = getattr(site, "name", "")
    label = name if isinstance(name, str) and name else type(site).__name__
    if not isinstance(name, str):
        raise PluginError(f"name must be a str, not {_kind(name)}", plugin=label, hook="name")
    _check_hosts(site.hosts, label)
    if site.timezone is not None and not isinstance(site.timezone, str):
        message = f"timezone must be an IANA zone name (a str) or None, not {_kind(site.timezone)}"
        raise PluginError(message, plugin=label, hook="timezone")
    _zone(site)  # an unknown zone is named now
    if site.dayfirst is not None and not isinstance(site.dayfirst, bool):
        message = f"dayfirst must be True, False or None, not {site.dayfirst!r}"
        raise PluginError(message, plugin=label, hook="dayfirst")
    _check_language(getattr(site, "language", None), label)
    _check_validity(site.valid_from, site.valid_until, label)
    for hook in HOOKS:
        if not callable(getattr(site, hook, None)):
            message = f"{hook} must be a method, not {_kind(getattr(site, hook, None))}"
            raise PluginError(message, plugin=label, hook=hook)


def _check_language(language: object, label: str) -> None:
    if language is None or language in languages():
        return
    shown = repr(language)[:60] if isinstance(language, str) else _kind(language)
    message = (
        f"language must be None or a language the dateline reader knows (such as 'de'), not {shown}"
    )
    raise PluginError(message, plugin=label, hook="language")


def _check_hosts(hosts: object, label: str) -> None:
    if isinstance(hosts, str) or not isinstance(hosts, tuple | list) or not hosts:
        message = f"hosts must be a non-empty tuple of host names, not {hosts!r:.60}"
        raise PluginError(message, plugin=label, hook="hosts")
    for host in hosts:
        if not isinstance(host, str):
            message = f"hosts must hold host names (str), not {_kind(host)}"
            raise PluginError(message, plugin=label, hook="hosts")
        bare = _bare(host)
        if not bare or any(c.isspace() or c in "/:@?#" for c in bare):
            message = f"{host!r:.60} is not a host name (such as 'example.com')"
            raise PluginError(message, plugin=label, hook="hosts")


def _check_validity(valid_from: object, valid_until: object, label: str) -> None:
    for hook, day in (("valid_from", valid_from), ("valid_until", valid_until)):
        if day is not None and (type(day) is dt.datetime or not isinstance(day, dt.date)):
            message = f"{hook} must be a datetime.date (a day) or None, not {day!r:.60}"
            raise PluginError(message, plugin=label, hook=hook)
    both = isinstance(valid_from, dt.date) and isinstance(valid_until, dt.date)
    if both and valid_until <= valid_from:  # type: ignore[operator]
        message = f"valid_until ({valid_until}) must come after valid_from ({valid_from})"
        raise PluginError(message, plugin=label, hook="valid_until")


def _kind(value: object) -> str:
    return type(value).__name__


def hooks_of(site: Site) -> frozenset[str]:
    """The hooks ``site`` overrides, on its class or on the instance itself."""
    return frozenset(
        hook
        for hook in HOOKS
        if getattr(type(site), hook, None) is not getattr(Site, hook)
        or hook in getattr(site, "__dict__", ())
    )


def _zone(site: Site) -> dt.tzinfo | None:
    if site.timezone is None:
        return None
    try:
        return zoneinfo.ZoneInfo(site.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        message = f"unknown time zone {site.timezone!r:.60}"
        raise PluginError(message, plugin=site.label, hook="timezone") from exc


RENAMED = {"bavaria": "br24"}
"""The old names of built-in sites, selected by name until 0.2: ``{old: new}``."""

_SEEN_HOSTS = 4096
"""Hosts whose sites a registry remembers (a dump has few hosts; the memo is bounded)."""


class Registry:
    """A fixed set of sites, checked and indexed by host, their zones and hooks read once.

    Raises:
        PluginError: a site's attribute is malformed (see `check_site`) or its zone unknown.
        TypeError: an item is not a site.
    """

    __slots__ = ("_by_host", "_seen", "hooks", "sites", "zones")

    def __init__(self, sites: Iterable[SiteLike]) -> None:
        self.sites = tuple(as_site(item) for item in sites)
        for site in self.sites:
            check_site(site)
        self.zones: dict[int, dt.tzinfo | None] = {id(s): _zone(s) for s in self.sites}
        # Per instance, at registration: a hook set on the instance counts, and a class
        # changed later does not carry a stale table into a new registry.
        self.hooks: dict[int, frozenset[str]] = {id(s): hooks_of(s) for s in self.sites}
        self._by_host: dict[str, list[Site]] = {}
        self._seen: dict[str, list[Site]] = {}  # host as written -> its sites
        for site in self.sites:
            for host in site.hosts:
                self._by_host.setdefault(_bare(host), []).append(site)

    def select(self, site: str) -> list[Site]:
        """The sites whose ``name`` is ``site``, or else those for the host ``site``.

        A built-in site's old name (`RENAMED`) still selects it, with a warning, unless a
        site of the registry has that name.
        """
        named = [each for each in self.sites if each.name == site]
        if not named and site in RENAMED:
            # stacklevel 6: the line that called loads() or Parser.loads()
            warn_deprecated(f"the site name {site!r}", repr(RENAMED[site]), stacklevel=6)
            named = [each for each in self.sites if each.name == RENAMED[site]]
        return named or self.candidates(site)

    def candidates(self, host: str | None) -> list[Site]:
        """The sites for ``host`` or its closest parent domain that has any."""
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
