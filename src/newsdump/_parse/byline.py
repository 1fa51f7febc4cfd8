"""The byline: ``By`` and the names of the authors, linked or plain.

Names are separated by ``,``, ``;``, ``&`` and the word *and* (in a few
languages); a separator inside a link's text stays in the name, so
``[AFP, MANILA](#)`` is one author. A plain part that only names a role
(``Moscow correspondent``) is not an author.
"""

from __future__ import annotations

import re

from newsdump.model import Author, new_author

__all__ = ["BYLINE", "format_byline", "split_authors"]

BYLINE = re.compile(r"[ \t]{0,3}[Bb][Yy][ \t\xa0]+(?=\S)")
"""``By `` at the start of a line; the names follow."""

# [text](target): the text's loop unrolled and possessive, which the regex engine runs
# several times faster than an alternation repeated per character
_LINK = re.compile(r"\[([^\[\]\\\n]*+(?:\\.[^\[\]\\\n]*+)*+)\]\(([^()\s]*+)\)")
# A separator: , ; or & with any spaces around, or a joining word between spaces. Written
# so that the engine does little at each position: no alternative starts with an
# optional run of spaces, and a run of spaces is tried from its first space only (the
# look-behind) and never given back (possessive), so that a long run costs its length,
# not its square (`\s*(?:[,;&]|\s(?:and|...)\s)\s*` took 5 ms on 390 spaces)
_SEPARATOR = re.compile(r"[,;&]\s*+|\s(?<!\s\s)\s*+(?:[,;&]\s*+|(?i:and|und|et|y|og|och)\s++)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ROLES = (
    "correspondent", "reporter", "editor", "writer", "columnist", "contributor", "producer",
    "staff", "analyst", "journalist", "photographer", "bureau chief", "chief",
)  # fmt: skip
_PLACEHOLDER = "\x00"
_ROLE_ENDS = frozenset("trfsTRFS.")
"""What a role can end with (its word's last letter, a plural's s, a dot): others skip the test."""
_COMMON_SEPARATORS = frozenset((", ", " and ", "; ", " & ", " und ", " et "))
"""Separators between two links that need no regular expression (each one `_SEPARATOR` matches)."""


_MEMO_SIZE = 4096
"""Bylines remembered; the memo is emptied when full. Staff names recur across a dump."""
_MEMO: dict[str, tuple[Author, ...]] = {}


def forget() -> None:
    """Empty the memo of bylines read (for benchmarks that measure first readings)."""
    _MEMO.clear()


def split_authors(names: str) -> tuple[Author, ...]:
    """The authors named in the text after ``By``, in order.

    Authors are immutable, so a byline read before is answered from a bounded memo.
    """
    found = _MEMO.get(names)
    if found is None:
        found = _split(names)
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[names] = found
    return found


def _split(names: str) -> tuple[Author, ...]:
    if "](" not in names:  # plain names; the other common kind, links only, is below
        authors = []
        for part in _SEPARATOR.split(names.strip()):
            author = _plain_author(part)
            if author is not None:
                authors.append(author)
        return tuple(authors)
    linked = _all_links(names)
    return _split_mixed(names) if linked is None else linked


def _split_mixed(names: str) -> tuple[Author, ...]:
    """Links and plain names mixed: links are hidden behind placeholders while splitting."""
    links: list[tuple[str, str]] = []

    def hide(match: re.Match[str]) -> str:
        links.append((match.group(1), match.group(2)))
        return f"{_PLACEHOLDER}{len(links) - 1}{_PLACEHOLDER}"

    hidden = _LINK.sub(hide, names.replace(_PLACEHOLDER, " "))
    authors: list[Author] = []
    for part in _SEPARATOR.split(hidden.strip()):
        author = _author(part.strip(), links)
        if author is not None:
            authors.append(author)
    return tuple(authors)


def _all_links(names: str) -> tuple[Author, ...] | None:
    """The common byline of links and separators only, read without placeholders."""
    parts = _LINK.split(names)  # text before the links, then each link's text, target
    if parts[0].strip() or parts[-1].strip():  # and the text after it
        return None
    for between in parts[3:-1:3]:
        if between not in _COMMON_SEPARATORS and not _SEPARATOR.fullmatch(between):
            return None
    authors = []
    rest = iter(parts)
    next(rest)
    for text, href, _ in zip(rest, rest, rest, strict=True):
        name = " ".join((_ESCAPE.sub(r"\1", text) if "\\" in text else text).split())
        if not name:
            return None
        authors.append(new_author(name, None if href in ("", "#") else href))
    return tuple(authors)


def _author(part: str, links: list[tuple[str, str]]) -> Author | None:
    if not part:
        return None
    if not links:  # a NUL in the text is a character, not a placeholder
        return _plain_author(part)
    if part.startswith(_PLACEHOLDER) and part.count(_PLACEHOLDER) == 2:
        number, _, rest = part[1:].partition(_PLACEHOLDER)
        text, href = links[int(number)]
        name = " ".join(_ESCAPE.sub(r"\1", text).split())
        if not rest.strip() and name:
            return new_author(name, None if href in ("", "#") else href)
    if _PLACEHOLDER in part:
        part = re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))][0], part)
    return _plain_author(part)


def _plain_author(part: str) -> Author | None:
    name = " ".join(part.split())
    if not name or _is_role(name):
        return None
    return new_author(name, None)


def _is_role(name: str) -> bool:
    """A plain part such as ``Moscow correspondent`` or ``staff writer`` names no one.

    The name ends with a role word, in any case, maybe plural, maybe with a dot; a
    name whose last character cannot end one is told at once.
    """
    if name[-1:] not in _ROLE_ENDS:
        return False
    tail = name[-16:].lower()
    if tail.endswith("."):
        tail = tail[:-1]
    if not tail.endswith(_ROLES) and not (tail.endswith("s") and tail[:-1].endswith(_ROLES)):
        return False
    return name[:1].islower() or " " in name


_NEEDS_ESCAPE = re.compile(r"([\\\[\]])")


def _escape(name: str) -> str:
    return _NEEDS_ESCAPE.sub(r"\\\1", name)


def format_byline(authors: tuple[Author, ...]) -> str:
    """The canonical byline: ``By [A](#), [B](#) and [C](url)``."""
    names = [f"[{_escape(a.name)}]({a.url or '#'})" for a in authors]
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"
