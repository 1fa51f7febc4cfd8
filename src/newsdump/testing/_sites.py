"""The sites the kit parses with: those the command line uses, unless told otherwise.

``newsdump show`` and ``newsdump check`` parse with the built-in sites and every
installed one (`newsdump.sites.load_sites`); so do the golden files, the assertions,
the pytest plugin and `diff_dumps` by default. ``parser=`` or ``sites=`` chooses others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from newsdump._api import Parser
from newsdump.sites import Site, load_sites
from newsdump.sites._registry import SiteLike

__all__ = ["choose_parser", "default_parser", "reading_sites"]

# Looking the entry points up costs about 3 ms, forty times a small dump's parse
# (bench_testing): the default parser is made once per sys.path. Installing a site
# package into a folder put on sys.path (pip install, monkeypatch.syspath_prepend)
# changes the key, so it is seen.
_DEFAULT: dict[tuple[str, ...], Parser] = {}


def default_parser() -> Parser:
    """A parser with the built-in sites and the installed ones (`newsdump.sites.load_sites`).

    Raises:
        PluginError: an installed site package cannot be loaded.
    """
    key = tuple(sys.path)
    parser = _DEFAULT.get(key)
    if parser is None:
        parser = Parser(sites=load_sites())
        _DEFAULT.clear()
        _DEFAULT[key] = parser
    return parser


def choose_parser(parser: Parser | None = None, sites: Iterable[SiteLike] | None = None) -> Parser:
    """``parser``, else a parser with ``sites``, else `default_parser`.

    Raises:
        TypeError: both are given.
        PluginError: the default is needed and an installed site package is broken.
    """
    if parser is not None and sites is not None:
        raise TypeError("give parser= or sites=, not both")
    if parser is not None:
        return parser
    if sites is not None:
        return Parser(sites=sites)
    return default_parser()


def reading_sites() -> tuple[Site, ...] | None:
    """The sites to give `read_dump` for the default: ``None`` (the built-in ones) when
    nothing is installed, else the built-in and the installed ones.

    ``read_dump(sites=...)`` makes the site registry anew for every file (half the
    time of a diff of two dumps, bench_diff); ``None`` uses the one made once.
    """
    key = tuple(sys.path)
    if key not in _INSTALLED:
        _INSTALLED.clear()
        _INSTALLED[key] = bool(load_sites(builtin=False))
    return default_parser().sites if _INSTALLED[key] else None


_INSTALLED: dict[tuple[str, ...], bool] = {}
