"""What a change to a scraper did to its output: two dumps compared article by article.

Articles are paired by URL, then by their name in the dump, then by headline; each
pair is compared field by field, and what is left over was removed or added. Only a
pair whose body blocks differ has its plain text worked out (the costly part of an
article) and its similarity measured.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from attrs import frozen

from newsdump._wording import plural
from newsdump.errors import NewsdumpError
from newsdump.model import Article, Author, Block, Link, Related

__all__ = [
    "DIFF_FIELDS",
    "ArticleDiff",
    "Change",
    "DumpDiff",
    "FieldChange",
    "FieldCounts",
    "Snapshot",
    "compare_snapshots",
    "similarity",
    "snapshot",
]

DIFF_FIELDS = (
    "headline",
    "authors",
    "date",
    "precision",
    "zone",
    "date_text",
    "credit",
    "related",
    "body",
    "url",
    "article",
)
"""What `diff_dumps` reports on, in report order: the article's fields (``date`` is the
published day and time, ``precision`` whether a time is known, ``zone`` its offset and
whether it was assumed) and ``article`` itself (removed: lost; added: gained)."""


class Change(enum.StrEnum):
    """How a field changed: a value replaced, a value gone, or a value that is new."""

    CHANGED = "changed"
    LOST = "lost"
    GAINED = "gained"


@frozen
class FieldChange:
    """One thing that changed in one field of one article.

    Attributes:
        field: one of `DIFF_FIELDS`.
        kind: `Change.CHANGED`, `Change.LOST` or `Change.GAINED`.
        old: the old value as text (``None`` when there was none); for the body, the
            first paragraph that differs.
        new: the new value as text, likewise.
        note: what happened in words: the names lost or gained, ``reordered``, ``moved
            by +1 day``, ``markup only`` ...
        similarity: for the body, the share of words the two texts have in common
            (0 to 1; see `similarity`).
        paragraph: for the body, the number of the first paragraph that differs (from 1).
    """

    field: str
    kind: Change
    old: str | None = None
    new: str | None = None
    note: str = ""
    similarity: float | None = None
    paragraph: int | None = None


@frozen
class ArticleDiff:
    """An article whose output changed, was removed or was added.

    Attributes:
        old: its name in the old dump (``None`` when added).
        new: its name in the new dump (``None`` when removed).
        url: its URL (the new one when it has one).
        headline: its headline (the new one when it has one).
        paired_by: ``url``, ``name`` or ``headline``; ``None`` when removed or added.
        changes: what changed, in `DIFF_FIELDS` order.
    """

    old: str | None
    new: str | None
    url: str | None
    headline: str | None
    paired_by: str | None
    changes: tuple[FieldChange, ...]


@frozen
class FieldCounts:
    """How many articles changed, lost or gained a field (a row of the summary table)."""

    field: str
    changed: int = 0
    lost: int = 0
    gained: int = 0


@frozen
class DumpDiff:
    """Two dumps compared: the articles that differ, and counts per field.

    Attributes:
        old: the old dump's name.
        new: the new dump's name.
        old_count: entries read from the old dump.
        new_count: entries read from the new dump.
        paired: entries paired between them (the rest were removed or added).
        articles: the articles that changed, were removed or added: paired ones and
            removed ones in the old dump's order, then added ones in the new dump's.
        summary: one row per field of `DIFF_FIELDS`, zeros included.
    """

    old: str
    new: str
    old_count: int
    new_count: int
    paired: int
    articles: tuple[ArticleDiff, ...]
    summary: tuple[FieldCounts, ...]

    @property
    def unchanged(self) -> int:
        """Paired articles with no change."""
        return self.paired - sum(1 for a in self.articles if a.paired_by is not None)

    @property
    def removed(self) -> int:
        """Articles of the old dump with no partner in the new one."""
        return sum(1 for a in self.articles if a.new is None)

    @property
    def added(self) -> int:
        """Articles of the new dump with no partner in the old one."""
        return sum(1 for a in self.articles if a.old is None)

    def changes(self, kind: Change | None = None) -> Iterator[tuple[ArticleDiff, FieldChange]]:
        """Every change (of ``kind``, if given) with its article."""
        for article in self.articles:
            for change in article.changes:
                if kind is None or change.kind is kind:
                    yield article, change


@frozen
class Snapshot:
    """What the comparison needs of one dump entry (the article without its layout)."""

    index: int
    name: str
    error: str | None
    headline: str | None = None
    authors: tuple[Author, ...] = ()
    published: dt.date | None = None
    date_text: str | None = None
    credit: str | None = None
    tz_assumed: bool = False
    body: tuple[Block, ...] = ()
    url: str | None = None


def snapshot(index: int, name: str, item: Article | NewsdumpError | None) -> Snapshot:
    """The `Snapshot` of an article, or of the error that stands for an entry."""
    if not isinstance(item, Article):
        error = "unreadable" if item is None else f"{_code(item)}: {item}"
        return Snapshot(index, name, error)
    return Snapshot(
        index,
        name,
        None,
        item.headline,
        item.authors,
        item.published,
        item.date_text,
        item.credit,
        item.tz_assumed,
        item.body,
        item.url,
    )


def _code(error: NewsdumpError) -> str:
    code = getattr(error, "code", None)
    return code if isinstance(code, str) else type(error).__name__


def similarity(old: str, new: str) -> float:
    """The share of words two texts have in common, 0 to 1: ``2 * common / (len + len)``.

    Words are counted as multisets, so a moved paragraph costs nothing and a lost one
    costs its words. Linear in the texts' length (difflib's ``ratio`` is quadratic at
    worst, and its ``quick_ratio`` counts characters, which barely move when words do).

    >>> similarity("the ferry leaves at nine", "the ferry leaves at ten")
    0.8
    """
    old_words, new_words = old.split(), new.split()
    total = len(old_words) + len(new_words)
    if total == 0:
        return 1.0
    common = sum((Counter(old_words) & Counter(new_words)).values())
    return round(2 * common / total, 3)


# --- pairing ---------------------------------------------------------------------------

_KEYS: tuple[tuple[str, Callable[[Snapshot], str | None]], ...] = (
    ("url", lambda s: s.url),
    ("name", lambda s: s.name),
    ("headline", lambda s: s.headline),
)

Pair = tuple[Snapshot, Snapshot, str]


def pair(
    old: Sequence[Snapshot], new: Sequence[Snapshot]
) -> tuple[list[Pair], list[Snapshot], list[Snapshot]]:
    """Pairs by URL, then name, then headline; and the old and new entries left over.

    Within one key, entries that share a value pair in dump order.
    """
    pairs: list[Pair] = []
    old_left, new_left = list(old), list(new)
    for how, key in _KEYS:
        waiting: dict[str, list[Snapshot]] = {}
        for snap in reversed(old_left):  # reversed: pop() hands out the first
            value = key(snap)
            if value:
                waiting.setdefault(value, []).append(snap)
        unpaired: list[Snapshot] = []
        taken: set[int] = set()
        for snap in new_left:
            value = key(snap)
            bucket = waiting.get(value) if value else None
            if bucket:
                partner = bucket.pop()
                taken.add(partner.index)
                pairs.append((partner, snap, how))
            else:
                unpaired.append(snap)
        old_left = [s for s in old_left if s.index not in taken]
        new_left = unpaired
    return pairs, old_left, new_left


def compare_snapshots(
    old: Sequence[Snapshot], new: Sequence[Snapshot], names: tuple[str, str] = ("old", "new")
) -> DumpDiff:
    """Pair two dumps' snapshots and compare each pair field by field."""
    pairs, removed, added = pair(old, new)
    found: list[tuple[int, int, ArticleDiff]] = []
    for before, after, how in pairs:
        changes = tuple(compare_pair(before, after))
        if changes:
            found.append((before.index, 0, _article(before, after, how, changes)))
    for snap in removed:
        gone = FieldChange("article", Change.LOST, snap.name, None, "removed")
        found.append((snap.index, 0, _article(snap, None, None, (gone,))))
    for snap in added:
        new_one = FieldChange("article", Change.GAINED, None, snap.name, "added")
        found.append((len(old), snap.index, _article(None, snap, None, (new_one,))))
    found.sort(key=lambda item: item[:2])
    articles = tuple(item[2] for item in found)
    return DumpDiff(
        names[0], names[1], len(old), len(new), len(pairs), articles, _summary(articles)
    )


def _article(
    old: Snapshot | None, new: Snapshot | None, how: str | None, changes: tuple[FieldChange, ...]
) -> ArticleDiff:
    url = (new.url if new else None) or (old.url if old else None)
    headline = (new.headline if new else None) or (old.headline if old else None)
    return ArticleDiff(
        old.name if old else None, new.name if new else None, url, headline, how, changes
    )


def _summary(articles: Iterable[ArticleDiff]) -> tuple[FieldCounts, ...]:
    counts = Counter((c.field, c.kind) for a in articles for c in a.changes)
    return tuple(
        FieldCounts(
            field,
            counts[field, Change.CHANGED],
            counts[field, Change.LOST],
            counts[field, Change.GAINED],
        )
        for field in DIFF_FIELDS
    )


# --- comparing one pair ----------------------------------------------------------------


def compare_pair(old: Snapshot, new: Snapshot) -> Iterator[FieldChange]:
    """What changed from ``old`` to ``new``, in `DIFF_FIELDS` order."""
    if old.error is not None or new.error is not None:
        yield from _readable(old, new)
        return
    yield from _value("headline", old.headline, new.headline)
    if old.authors != new.authors:
        names = [a.name for a in old.authors], [a.name for a in new.authors]
        yield from _members("authors", *names, "author links changed")
    dated = list(_dates(old, new))
    yield from dated
    if not dated:  # a moved date changes its text too: said once, by the date
        yield from _value("date_text", old.date_text, new.date_text)
    yield from _value("credit", old.credit, new.credit)
    if old.body != new.body:  # else the related links are the same: they are blocks
        yield from _related(_links(old.body), _links(new.body))
        yield _body(old.body, new.body)
    yield from _value("url", old.url, new.url)


def _links(body: tuple[Block, ...]) -> tuple[Link, ...]:
    # Read only for bodies that differ: a callout's link is parsed Markdown (reading
    # every article's was a third of the diff's own time, bench_diff).
    return tuple(block.link for block in body if isinstance(block, Related))


def _related(old: tuple[Link, ...], new: tuple[Link, ...]) -> Iterator[FieldChange]:
    if old != new:
        titles = [link.text for link in old], [link.text for link in new]
        yield from _members("related", *titles, "link targets changed")


def _readable(old: Snapshot, new: Snapshot) -> Iterator[FieldChange]:
    if old.error is None:
        yield FieldChange("article", Change.LOST, old.name, None, f"unreadable: {new.error}")
    elif new.error is None:
        yield FieldChange("article", Change.GAINED, None, new.name, f"readable (was {old.error})")


def _value(field: str, old: str | None, new: str | None) -> Iterator[FieldChange]:
    if old == new:
        return
    if not new:
        yield FieldChange(field, Change.LOST, old, new)
    elif not old:
        yield FieldChange(field, Change.GAINED, old, new)
    else:
        yield FieldChange(field, Change.CHANGED, old, new)


def _members(field: str, old: list[str], new: list[str], same_names: str) -> Iterator[FieldChange]:
    """Names lost and gained (as multisets), else the same names reordered or relinked."""
    shown = ", ".join(old) or None, ", ".join(new) or None
    lost = Counter(old) - Counter(new)
    gained = Counter(new) - Counter(old)
    if lost:
        yield FieldChange(field, Change.LOST, *shown, ", ".join(lost.elements()))
    if gained:
        yield FieldChange(field, Change.GAINED, *shown, ", ".join(gained.elements()))
    if not lost and not gained:
        yield FieldChange(field, Change.CHANGED, *shown, "reordered" if old != new else same_names)


def _dates(old: Snapshot, new: Snapshot) -> Iterator[FieldChange]:
    """The date moved, lost or gained; then its precision and its zone."""
    before, after = old.published, new.published
    if _date_key(before, old.tz_assumed) == _date_key(after, new.tz_assumed):
        return
    if before is None or after is None:
        yield from _value("date", _iso(before), _iso(after))
        return
    timed = isinstance(before, dt.datetime) and isinstance(after, dt.datetime)
    moved = _wall(after, timed) - _wall(before, timed)
    if moved:
        note = f"moved by {_delta(moved)}"
        yield FieldChange("date", Change.CHANGED, _iso(before), _iso(after), note)
    yield from _precision(before, after)
    if isinstance(before, dt.datetime) and isinstance(after, dt.datetime):
        yield from _zone(before, after, old.tz_assumed, new.tz_assumed)


def _precision(old: dt.date, new: dt.date) -> Iterator[FieldChange]:
    had, has = isinstance(old, dt.datetime), isinstance(new, dt.datetime)
    if had and not has:
        yield FieldChange("precision", Change.LOST, _iso(old), _iso(new), "time lost")
    elif has and not had:
        yield FieldChange("precision", Change.GAINED, _iso(old), _iso(new), "time gained")


def _date_key(value: dt.date | None, assumed: bool) -> object:
    """Equal for dates that read the same: wall clock, offset, and whether it was assumed."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), value.utcoffset(), assumed
    return value


def _wall(value: dt.date, timed: bool) -> dt.datetime:
    """The wall-clock time when both dates have one, else the day: what both know."""
    if timed and isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def _zone(
    old: dt.datetime, new: dt.datetime, old_assumed: bool, new_assumed: bool
) -> Iterator[FieldChange]:
    before, after = _offset(old, old_assumed), _offset(new, new_assumed)
    if before == after:
        return
    if after is None:
        yield FieldChange("zone", Change.LOST, before, after)
    elif before is None:
        yield FieldChange("zone", Change.GAINED, before, after)
    else:
        yield FieldChange("zone", Change.CHANGED, before, after)


def _offset(value: dt.datetime, assumed: bool) -> str | None:
    offset = value.utcoffset()
    if offset is None:
        return None
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(offset) // dt.timedelta(minutes=1)
    shown = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{shown} (assumed)" if assumed else shown


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _delta(delta: dt.timedelta) -> str:
    sign = "-" if delta < dt.timedelta(0) else "+"
    delta = abs(delta)
    parts = [plural(delta.days, "day")] if delta.days else []
    hours, rest = divmod(delta.seconds, 3600)
    if hours or rest:
        parts.append(f"{hours}:{rest // 60:02d}" + (f":{rest % 60:02d}" if rest % 60 else ""))
    return sign + " ".join(parts)


def _body(old: tuple[Block, ...], new: tuple[Block, ...]) -> FieldChange:
    """The body's change: only called for bodies whose blocks differ."""
    before, after = Article(body=old).text, Article(body=new).text
    if before == after:
        return FieldChange("body", Change.CHANGED, None, None, "markup only", 1.0)
    number, was, now = _first_difference(before, after)
    score = similarity(before, after)
    if not after:
        return FieldChange("body", Change.LOST, was, now, "", score, number)
    if not before:
        return FieldChange("body", Change.GAINED, was, now, "", score, number)
    return FieldChange("body", Change.CHANGED, was, now, "", score, number)


def _first_difference(old: str, new: str) -> tuple[int, str | None, str | None]:
    """The number (from 1) of the first paragraph that differs, and it in each text."""
    before = old.split("\n\n") if old else []
    after = new.split("\n\n") if new else []
    index = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    was = before[index] if index < len(before) else None
    now = after[index] if index < len(after) else None
    return index + 1, was, now
