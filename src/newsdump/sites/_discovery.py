"""Built-in sites and the ones installed through the ``newsdump.sites`` entry points."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from importlib import metadata

from attrs import frozen

from newsdump._deprecated import warn_deprecated
from newsdump._version import __version__
from newsdump.errors import PluginError
from newsdump.sites._base import Site
from newsdump.sites._registry import as_site, check_site

__all__ = [
    "ENTRY_POINT_GROUP",
    "SiteInfo",
    "available",
    "builtin",
    "discover",
    "installed",
    "list_sites",
    "load_sites",
]

ENTRY_POINT_GROUP = "newsdump.sites"
"""The entry-point group third-party packages register their sites under."""

_BUILTIN_MODULES = (
    "themoscowtimes",
    "salzburg",
    "br24",
    "asahi",
    "postmedia",
    "funke",
    "afp_factcheck",
)


@frozen
class SiteInfo:
    """One site entry that is installed, as `list_sites` lists it.

    Attributes:
        name: the entry point's name (for a built-in site, its module's name).
        target: what the entry point loads, ``module:attribute``.
        distribution: the package that installs it (``newsdump`` for a built-in one).
        version: that package's version.
        builtin: whether it ships with newsdump.
    """

    name: str
    target: str
    distribution: str
    version: str
    builtin: bool = False


def load_sites(*, builtin: bool = True, plugins: bool = True) -> tuple[Site, ...]:
    """Import and return sites: the installed ones, then the built-in ones.

    ``load_sites()`` is what the command line parses with: an installed site for a
    host wins over a built-in one, because the parser takes the first site valid for
    an article's host and day. ``load_sites(plugins=False)`` gives the built-in sites
    alone (what `newsdump.loads` uses by default), ``load_sites(builtin=False)`` the
    installed ones alone.

    Installed sites are those registered under the ``newsdump.sites`` entry-point
    group; an entry point may name a `Site` subclass, a `Site` instance, or a list or
    tuple of them (the versions of one site). Built-in sites are imported on this call,
    one module per site.

    Args:
        builtin: include the sites that ship with newsdump.
        plugins: include the sites installed through entry points.

    Raises:
        PluginError: an entry point cannot be imported, names something else, or names a
            site that cannot be made or whose attributes are malformed (the message names
            the entry point and the attribute).
    """
    return (_plugins() if plugins else ()) + (_builtin() if builtin else ())


def list_sites() -> list[SiteInfo]:
    """What is installed, built-in sites first, with versions, importing no site."""
    found = [
        SiteInfo(name, f"newsdump.sites.{name}:SITES", "newsdump", __version__, builtin=True)
        for name in _BUILTIN_MODULES
    ]
    for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = entry.dist
        found.append(
            SiteInfo(
                entry.name,
                entry.value,
                dist.name if dist is not None else "?",
                dist.version if dist is not None else "?",
            )
        )
    return found


def builtin() -> tuple[Site, ...]:
    """Deprecated: use ``load_sites(plugins=False)``."""
    warn_deprecated("newsdump.sites.builtin()", "newsdump.sites.load_sites(plugins=False)")
    return _builtin()


def discover() -> tuple[Site, ...]:
    """Deprecated: use ``load_sites(builtin=False)``."""
    warn_deprecated("newsdump.sites.discover()", "newsdump.sites.load_sites(builtin=False)")
    return _plugins()


def installed() -> tuple[Site, ...]:
    """Deprecated: use ``load_sites()``."""
    warn_deprecated("newsdump.sites.installed()", "newsdump.sites.load_sites()")
    return load_sites()


def available() -> list[SiteInfo]:
    """Deprecated: use ``list_sites()``."""
    warn_deprecated("newsdump.sites.available()", "newsdump.sites.list_sites()")
    return list_sites()


def _builtin() -> tuple[Site, ...]:
    """The sites that ship with newsdump, one module per site (imported on this call)."""
    sites: list[Site] = []
    for name in _BUILTIN_MODULES:
        module = importlib.import_module(f"newsdump.sites.{name}")
        sites.extend(_as_sites(module.SITES, name))
    return tuple(sites)


def _plugins() -> tuple[Site, ...]:
    """The sites installed under the ``newsdump.sites`` entry-point group, by name."""
    sites: list[Site] = []
    for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            target = entry.load()
        except Exception as exc:
            message = f"cannot load {entry.value}: {type(exc).__name__}: {exc}"
            raise PluginError(message, plugin=entry.name, hook="entry point") from exc
        sites.extend(_as_sites(target, entry.name))
    return tuple(sites)


def _as_sites(target: object, name: str) -> list[Site]:
    """The sites an entry point (or a built-in module) gives, each checked as a registry
    checks it, so that a broken installed site is named here and not deep in a parse."""
    items: Iterable[object] = target if isinstance(target, list | tuple) else (target,)
    sites: list[Site] = []
    for item in items:
        if not (isinstance(item, Site) or (isinstance(item, type) and issubclass(item, Site))):
            message = f"expected a Site subclass or instance, got {type(item).__name__}"
            raise PluginError(message, plugin=name, hook="entry point")
        try:
            site = as_site(item)
            check_site(site)
        except PluginError as exc:
            message = f"{exc.plugin}.{exc.hook}: {exc.message}"
            raise PluginError(message, plugin=name, hook="entry point") from exc
        sites.append(site)
    return sites
