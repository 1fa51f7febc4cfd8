"""Sites: teach newsdump how one website's dumps differ.

A site is a `Site` subclass (see its hooks). The parser uses the built-in
sites by default, matched by the trailer URL's host; give others with
``newsdump.loads(text, sites=[...])`` or ``newsdump.Parser(sites=[...])``.

Installed third-party sites (site packages) register under the entry-point group
``newsdump.sites`` and are loaded only by an explicit call: `load_sites` imports
and returns sites (``load_sites()``: the installed ones, then the built-in ones;
``plugins=False`` or ``builtin=False`` leaves either out), and `list_sites` lists
what is installed (with versions) without importing anything. Importing newsdump or
this package loads no site. (``builtin``, ``discover``, ``installed`` and
``available`` are their deprecated older names.)

>>> from newsdump.sites import Site
>>> class Example(Site):
...     hosts = ("example-news.test",)
...     timezone = "Europe/Berlin"
>>> import newsdump
>>> text = "\\n\\n# Hi\\n\\n2024-05-02 10:45\\n\\nBody.\\n\\nOriginal url: https://example-news.test/a"
>>> article = newsdump.loads(text, sites=[Example])
>>> str(article.published), article.tz_assumed
('2024-05-02 10:45:00+02:00', True)
"""

from __future__ import annotations

from newsdump.sites._base import Site
from newsdump.sites._discovery import (
    ENTRY_POINT_GROUP,
    SiteInfo,
    available,
    builtin,
    discover,
    installed,
    list_sites,
    load_sites,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Site",
    "SiteInfo",
    "available",
    "builtin",
    "discover",
    "installed",
    "list_sites",
    "load_sites",
]
