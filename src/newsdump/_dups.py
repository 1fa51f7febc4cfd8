"""Syndicated copies: the same story on many sites, found and grouped (`find_copies`).

Two articles are *exact copies* when their body texts (`Article.text`) are equal once
normalised: Unicode NFKC, case folded, punctuation and symbols dropped, whitespace
collapsed. They are *near copies* when the Jaccard similarity of their sets of word
shingles (runs of ``shingle`` words) reaches ``threshold``, as estimated by MinHash
signatures; locality-sensitive hashing (LSH) finds the candidate pairs without comparing
every pair. Both come from datasketch, the optional ``dups`` extra, imported only when
near copies are asked for. Groups are the connected components of the copy pairs.

Words are runs of letters and digits; a character of a script written without spaces
(Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar) is a word of its own.

Which member a group keeps (`CopyGroup.kept`): the earliest published (a day counts as
its midnight, a time without a zone as UTC; no date after every date), then the one with
the most words (the fullest text), then the shortest name, then the first in the input.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs
from attrs import frozen

from newsdump._dump._reader import DumpEntry, map_dump
from newsdump._wording import install_hint
from newsdump.errors import NewsdumpError, Severity
from newsdump.model import Article
from newsdump.sites._registry import SiteLike

__all__ = [
    "DEFAULT_SHINGLE",
    "DEFAULT_THRESHOLD",
    "MISSING_DATASKETCH",
    "CopyGroup",
    "CopyMember",
    "SignOptions",
    "Signature",
    "find_copies",
    "group_copies",
    "sign",
]

DEFAULT_THRESHOLD = 0.5
"""The least estimated Jaccard similarity of two near copies (see docs/performance.md)."""
DEFAULT_SHINGLE = 3
"""Words per shingle."""
DEFAULT_NUM_PERM = 128
MISSING_DATASKETCH = (
    f"near copies need datasketch: {install_hint('dups')}; exact copies work without it"
)

_UNSPACED = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U00020000-\U0003134f"
)
_WORDS = re.compile(f"[{_UNSPACED}]|[^\\W_{_UNSPACED}]+")
_ASCII_WORDS = re.compile("[a-z0-9]+")
StrPath = str | os.PathLike[str]
Match = Literal["kept", "exact", "near"]


def words(text: str) -> list[str]:
    """The normalised words of a text: NFKC, case folded, without punctuation."""
    if text.isascii():  # NFKC and case folding are lower() here: 3x faster, same words
        return _ASCII_WORDS.findall(text.lower())
    return _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())


@frozen
class CopyMember:
    """One article of a `CopyGroup`.

    Attributes:
        name: the file's name (for several dumps on the command line, the dump's path,
            then the name in it); for articles given without a name, ``#`` and their
            position from 1 (``#1``, ``#2`` ...), as `assert_no_regressions` names them.
        index: the article's position in the input, from 0 (failed files count too).
        site: the article's `Article.site`.
        published: the ISO form of `Article.published`, or ``None``.
        similarity: the estimated Jaccard similarity of its shingles to the kept
            member's (1.0 for the kept member and its exact copies). A near copy joined
            to the group through another member can be below the threshold.
        match: ``kept`` (the member the group keeps), ``exact`` (its normalised body text
            equals the kept member's) or ``near``.
    """

    name: str
    index: int
    site: str | None
    published: str | None
    similarity: float
    match: Match


@frozen
class CopyGroup:
    """Articles that are copies of one another, the kept one first.

    Attributes:
        id: the group's number, from 1, in the input order of the kept members.
        members: the kept member, then the others in input order.
    """

    id: int
    members: tuple[CopyMember, ...]

    @property
    def kept(self) -> CopyMember:
        """The member a deduplicated export keeps."""
        return self.members[0]

    @property
    def copies(self) -> tuple[CopyMember, ...]:
        """The members a deduplicated export leaves out."""
        return self.members[1:]

    @property
    def exact(self) -> bool:
        """Whether every member is an exact copy of the kept one."""
        return all(member.match != "near" for member in self.members)


@frozen
class SignOptions:
    """How articles are signed: shingle size, MinHash size, and whether to sign at all."""

    shingle: int = DEFAULT_SHINGLE
    num_perm: int = DEFAULT_NUM_PERM
    near: bool = True


@frozen
class Signature:
    """What grouping needs of one file: small enough to travel back from a worker.

    ``key`` is the digest of the normalised body text (``None`` for an unreadable file or
    an empty body, which are never copies); ``minhash`` is its `LeanMinHash` (near only).
    ``problems`` are the codes of the article's error diagnostics: such a file *failed*
    (as in ``check``) but, read, it is grouped like any other.
    """

    name: str
    error: NewsdumpError | None
    site: str | None = None
    published: str | None = None
    when: float | None = None
    size: int = 0
    key: bytes | None = None
    minhash: Any = None
    problems: tuple[str, ...] = ()


def sign(options: SignOptions, entry: DumpEntry) -> Signature:
    """The signature of a dump entry (run where the file is parsed)."""
    article = entry.article
    if article is None:
        return Signature(entry.name, entry.error)
    signature = sign_article(options, entry.name, article)
    problems = tuple(d.code for d in article.diagnostics if d.severity is Severity.ERROR)
    return attrs.evolve(signature, problems=problems) if problems else signature


def sign_article(options: SignOptions, name: str, article: Article) -> Signature:
    """The signature of an article."""
    found = words(article.text)
    published = article.published
    iso = None if published is None else published.isoformat()
    if not found:
        return Signature(name, None, article.site, iso, _instant(published))
    key = hashlib.blake2b(" ".join(found).encode("utf-8", "surrogatepass"), digest_size=16)
    minhash = _minhash(found, options.shingle, options.num_perm) if options.near else None
    when = _instant(published)
    return Signature(name, None, article.site, iso, when, len(found), key.digest(), minhash)


def _instant(published: dt.date | None) -> float | None:
    """Seconds since the epoch: a day at its midnight, a time without zone as UTC."""
    if published is None:
        return None
    if not isinstance(published, dt.datetime):
        published = dt.datetime(published.year, published.month, published.day)
    if published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    try:
        return published.timestamp()
    except (OverflowError, ValueError):  # a zone whose offset cannot be worked out
        return None


def _minhash(found: list[str], shingle: int, num_perm: int) -> Any:
    """The MinHash of a text's shingles (runs of ``shingle`` words)."""
    import numpy as np
    from datasketch import LeanMinHash

    # Each word is hashed once (and remembered: words recur), and a shingle's hash is a sum
    # of its words' hashes times a constant per position, in numpy: 0.25 ms an article
    # where hashing each joined shingle's text cost 0.58 ms (400 words, one process).
    if len(_WORD_HASHES) > 1_000_000:  # memory stays bounded
        _WORD_HASHES.clear()
    hashes = np.array([_WORD_HASHES[word] for word in found], np.uint64)
    count = max(1, len(found) - shingle + 1)
    combined = np.zeros(count, np.uint64)
    for position in range(min(shingle, len(found))):
        combined += hashes[position : position + count] * np.uint64(_MULTIPLIERS[position % 8])
    minhash = _template(num_perm).copy()
    minhash.update_batch((combined & np.uint64(0xFFFFFFFF)).tolist())
    return LeanMinHash(minhash)


# Odd constants (from SplitMix64's), one per word position in a shingle.
_MULTIPLIERS = (
    0x9E3779B1,
    0x85EBCA77,
    0xC2B2AE3D,
    0x27D4EB2F,
    0x165667B1,
    0xD3A2646C | 1,
    0xFD7046C5,
    0xB55A4F09,
)


@functools.cache
def _template(num_perm: int) -> Any:
    """An empty MinHash whose permutations are made once per process (0.09 ms each)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, hashfunc=int)  # shingles come hashed


class _WordHashes(dict[str, int]):
    """The CRC-32 of each word's UTF-8, computed on first use (stable across processes)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
        return value


_WORD_HASHES = _WordHashes()


def has_datasketch() -> bool:
    """Whether datasketch can be imported."""
    return importlib.util.find_spec("datasketch") is not None


def find_copies(
    source: StrPath | Iterable[DumpEntry | Article | tuple[str, Article]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    near: bool = True,
    shingle: int = DEFAULT_SHINGLE,
    num_perm: int = DEFAULT_NUM_PERM,
    workers: int = 1,
    pattern: str = "*.txt",
    sites: Iterable[SiteLike] | None = None,
) -> list[CopyGroup]:
    """Groups of syndicated copies among a dump's articles (see docs/dumps.md).

    Exact copies have the same normalised body text; near copies (``near=True``, the
    ``dups`` extra) reach ``threshold`` in the estimated Jaccard similarity of their
    word shingles. Failed files and empty bodies belong to no group.

    Args:
        source: a dump's path (read with `map_dump`), or articles: `DumpEntry` objects,
            `Article` objects (named ``#1``, ``#2`` ... by their position) or
            ``(name, article)`` pairs.
        threshold: the least similarity of near copies, above 0 and at most 1.
        near: look for near copies too; ``False`` needs no datasketch.
        shingle: words per shingle.
        num_perm: MinHash permutations (more: a closer estimate, slower).
        workers: processes that parse, as for `read_dump`, when ``source`` is a path.
        pattern: the file names to read in folders and archives, as for `read_dump`.
        sites: the sites to parse with, as for `read_dump` (``None``: the built-in ones).

    Returns:
        The groups of two or more members, in the input order of their kept members.

    Raises:
        ImportError: ``near`` is true and datasketch is not installed.
        ValueError: an argument is out of range.
        OSError, DumpError: as for `read_dump`.

    Examples:
        >>> import newsdump
        >>> text = "\\n\\n# Flood Warning\\n\\nThe river rose two metres overnight."
        >>> copy = text.replace("# Flood Warning", "# River Rises").upper()
        >>> groups = newsdump.find_copies(
        ...     [newsdump.loads(text), newsdump.loads(copy)], near=False
        ... )
        >>> [(m.name, m.match) for m in groups[0].members]
        [('#1', 'kept'), ('#2', 'exact')]
    """
    options = check_options(threshold, shingle, num_perm, near)
    if isinstance(source, str | os.PathLike):
        func = functools.partial(sign, options)
        found: Iterable[Signature] = map_dump(
            func, source, workers=workers, pattern=pattern, sites=sites
        )
    else:
        found = _sign_all(options, source)
    return group_copies(found, threshold)


def check_options(threshold: float, shingle: int, num_perm: int, near: bool) -> SignOptions:
    """The signing options, checked; raises ValueError or (near) ImportError."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be above 0 and at most 1, not {threshold}")
    if shingle < 1:
        raise ValueError(f"shingle must be 1 or more, not {shingle}")
    if num_perm < 2:
        raise ValueError(f"num_perm must be 2 or more, not {num_perm}")
    if near and not has_datasketch():
        raise ImportError(MISSING_DATASKETCH)
    return SignOptions(shingle, num_perm, near)


def _sign_all(
    options: SignOptions, items: Iterable[DumpEntry | Article | tuple[str, Article]]
) -> Iterator[Signature]:
    for number, item in enumerate(items, 1):
        if isinstance(item, DumpEntry):
            yield sign(options, item)
        elif isinstance(item, Article):
            yield sign_article(options, f"#{number}", item)
        else:
            name, article = item
            yield sign_article(options, name, article)


def group_copies(signatures: Iterable[Signature], threshold: float) -> list[CopyGroup]:
    """Group signed articles: same key, or (with MinHashes) similar enough."""
    kept: list[Signature] = []
    parent: list[int] = []
    first: dict[bytes, int] = {}  # each key's first index
    lsh = None
    for index, signature in enumerate(signatures):
        parent.append(index)
        key = signature.key
        if key is not None and key in first:
            _union(parent, first[key], index)
            signature = attrs.evolve(signature, minhash=None)  # its key's first one serves
        kept.append(signature)
        if key is None or key in first:
            continue
        first[key] = index
        if signature.minhash is not None:
            lsh = lsh or _index(threshold, len(signature.minhash))
            for other in lsh.query(signature.minhash):
                if signature.minhash.jaccard(kept[other].minhash) >= threshold:
                    _union(parent, other, index)
            lsh.insert(index, signature.minhash)
    return _groups(kept, parent, first)


def _index(threshold: float, num_perm: int) -> Any:
    from datasketch import MinHashLSH

    # Weighted toward recall: a false candidate costs one comparison, a missed pair a copy.
    # Candidates are checked against the threshold itself; at 0.9 and above, LSH would
    # need fewer than two bands.
    lowest = min(threshold, 0.85)
    return MinHashLSH(threshold=lowest, num_perm=num_perm, weights=(0.2, 0.8))


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _union(parent: list[int], one: int, other: int) -> None:
    one, other = _find(parent, one), _find(parent, other)
    if one != other:
        parent[max(one, other)] = min(one, other)


def _groups(found: list[Signature], parent: list[int], first: dict[bytes, int]) -> list[CopyGroup]:
    components: dict[int, list[int]] = {}
    for index, signature in enumerate(found):
        if signature.key is not None:
            components.setdefault(_find(parent, index), []).append(index)
    members = (indexes for indexes in components.values() if len(indexes) > 1)
    groups = [_group(found, indexes, first) for indexes in members]
    groups.sort(key=lambda group: group.kept.index)
    return [CopyGroup(number, group.members) for number, group in enumerate(groups, 1)]


def _group(found: list[Signature], indexes: list[int], first: dict[bytes, int]) -> CopyGroup:
    kept = min(indexes, key=lambda index: _keep_order(found[index], index))
    best = found[kept]
    assert best.key is not None
    members = [_member(best, kept, "kept", 1.0)]
    for index in indexes:
        signature = found[index]
        if index == kept:
            continue
        assert signature.key is not None
        if signature.key == best.key:
            members.append(_member(signature, index, "exact", 1.0))
            continue
        # A member's MinHash is its key's first one (exact copies are not signed twice).
        mine, theirs = found[first[signature.key]].minhash, found[first[best.key]].minhash
        members.append(_member(signature, index, "near", float(mine.jaccard(theirs))))
    return CopyGroup(0, tuple(members))


def _keep_order(signature: Signature, index: int) -> tuple[bool, float, int, int, int]:
    """Earliest published (no date last), most words, shortest name, input order."""
    when = signature.when
    return (when is None, when or 0.0, -signature.size, len(signature.name), index)


def _member(signature: Signature, index: int, match: Match, similarity: float) -> CopyMember:
    return CopyMember(signature.name, index, signature.site, signature.published, similarity, match)
