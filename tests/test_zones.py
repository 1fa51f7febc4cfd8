"""Local times a site's zone skips or repeats, and the JSON round trip of zoned datetimes."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdump
from newsdump import Article, Severity
from newsdump._parse.dateline import read_date
from newsdump.sites import Site

UTC = dt.UTC
# Zones with daylight saving, negative daylight saving (Dublin), a half-hour change (Lord
# Howe), a two-hour change (Troll), a skipped day (Apia, 2011), large offsets either side
# of UTC, a historical local mean time with seconds (every zone in year 1), and none.
ZONES = [
    "Europe/Berlin",
    "America/Toronto",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "Antarctica/Troll",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Pacific/Niue",
    "America/St_Johns",
    "Asia/Tokyo",
    "UTC",
]


def _article(host: str, dateline: str) -> str:
    return f"\n\n# Clocks Change\n\n{dateline}\n\nThe clocks changed.\n\nOriginal url: https://{host}/a"


def _diagnostic(article: Article) -> tuple[str, int, int, Severity]:
    (found,) = article.diagnostics
    return found.code, found.line, found.column, found.severity


def _json_round_trip(article: Article) -> Article:
    return newsdump.from_dict(json.loads(json.dumps(newsdump.to_dict(article))))


def test_time_the_zone_skips_is_reported_and_round_trips() -> None:
    """02:30 on the spring-forward day in Berlin: nonexistent-time, kept as read, exact JSON."""
    article = newsdump.loads(_article("br.de", "Stand: 2023-03-26 02:30"))
    assert _diagnostic(article) == ("nonexistent-time", 5, 8, Severity.WARNING)
    assert "Europe/Berlin" in article.diagnostics[0].message
    published = article.published
    assert isinstance(published, dt.datetime)
    assert (published.hour, published.minute, published.fold) == (2, 30, 0)
    assert published.utcoffset() == dt.timedelta(hours=1)  # the offset before the change
    again = _json_round_trip(article)
    assert again == article
    assert again.published.isoformat() == "2023-03-26T02:30:00+01:00"  # type: ignore[union-attr]


def test_time_the_zone_repeats_is_reported_with_its_fold() -> None:
    """02:30 on the fall-back day in Berlin: ambiguous-time, the first one (fold 0)."""
    article = newsdump.loads(_article("br.de", "2023-10-29 02:30"))
    assert _diagnostic(article) == ("ambiguous-time", 5, 1, Severity.WARNING)
    assert "first" in article.diagnostics[0].message
    assert article.published.fold == 0  # type: ignore[union-attr]
    assert article.published.utcoffset() == dt.timedelta(hours=2)  # type: ignore[union-attr]
    assert _json_round_trip(article) == article


def test_strict_mode_keeps_the_warning_and_does_not_raise() -> None:
    """The time is read: strict parsing records the warning rather than raising."""
    article = newsdump.loads(_article("br.de", "2023-03-26 02:30"), strict=True)
    assert [d.code for d in article.diagnostics] == ["nonexistent-time"]


class SecondFold(Site):
    """A quirk whose date hook picks the second of a repeated hour."""

    hosts = ("fold-news.test",)
    timezone = "America/Toronto"

    def date(self, text: str) -> dt.date | None:
        return dt.datetime.fromisoformat(text).replace(fold=1)


def test_fold_a_date_hook_gives_is_kept_and_round_trips() -> None:
    """fold=1 from the hook stays, is named in the diagnostic, and survives the JSON trip."""
    article = newsdump.loads(_article("fold-news.test", "2023-11-05 01:30"), sites=[SecondFold])
    assert _diagnostic(article)[0] == "ambiguous-time"
    assert "second" in article.diagnostics[0].message
    published = article.published
    assert isinstance(published, dt.datetime)
    assert published.fold == 1
    assert published.utcoffset() == dt.timedelta(hours=-5)
    again = _json_round_trip(article).published
    assert isinstance(again, dt.datetime)
    assert (again.fold, again.utcoffset()) == (1, dt.timedelta(hours=-5))


def test_last_half_hour_of_year_9999_round_trips() -> None:
    """9999-12-31 23:30 in Toronto is after year 9999 in UTC: from_dict must not convert."""
    article = newsdump.loads(_article("nationalpost.com", "9999-12-31 23:30"))
    assert article.diagnostics == ()
    assert _json_round_trip(article) == article


def test_record_whose_offset_the_zone_never_gives_is_converted() -> None:
    """A record from elsewhere (noon UTC, Berlin) reads as that instant in the zone."""
    record = newsdump.to_dict(Article(headline="H"))
    record.update(published="2023-07-01T12:00:00+00:00", timezone="Europe/Berlin")
    published = newsdump.from_dict(record).published
    assert isinstance(published, dt.datetime)
    assert published.isoformat() == "2023-07-01T14:00:00+02:00"


def _local(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> dt.datetime:
    return zone.fromutc(instant.replace(tzinfo=zone))


def _transition(zone: zoneinfo.ZoneInfo, start: dt.datetime) -> dt.datetime | None:
    """The first instant (to the second) within 400 days after ``start`` where the offset
    changes, or ``None``."""
    offset = _local(zone, start).utcoffset()
    low, high = start, start
    for _ in range(400):
        high = low + dt.timedelta(days=1)
        if _local(zone, high).utcoffset() != offset:
            break
        low = high
    else:
        return None
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _local(zone, middle).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return high


@st.composite
def near_transitions(draw: st.DrawFn) -> dt.datetime:
    """A wall time within three hours of a change of offset (in a gap or a fold, often)."""
    zone = zoneinfo.ZoneInfo(draw(st.sampled_from(ZONES)))
    start = dt.datetime(draw(st.integers(1900, 2037)), 1, 1) + dt.timedelta(
        days=draw(st.integers(0, 365))
    )
    change = _transition(zone, start) or start
    before = _local(zone, change - dt.timedelta(seconds=1)).replace(tzinfo=None)
    wall = before + dt.timedelta(minutes=draw(st.integers(-180, 180)))
    return wall.replace(second=0, microsecond=0, tzinfo=zone, fold=draw(st.sampled_from([0, 1])))


EDGES = [
    dt.datetime(1, 1, 1, 0, 0),
    dt.datetime(1, 1, 1, 0, 0, 0, 1),
    dt.datetime(9999, 12, 31, 23, 30),
    dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
]


@st.composite
def calendar_edges(draw: st.DrawFn) -> dt.datetime:
    """The first and last moments of the calendar, in any zone, either fold."""
    zone = zoneinfo.ZoneInfo(draw(st.sampled_from(ZONES)))
    return draw(st.sampled_from(EDGES)).replace(tzinfo=zone, fold=draw(st.sampled_from([0, 1])))


ANY_ZONED = st.datetimes(
    min_value=dt.datetime(1, 1, 1),
    max_value=dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
    timezones=st.sampled_from(ZONES).map(zoneinfo.ZoneInfo),
    allow_imaginary=True,
)


@settings(max_examples=400, deadline=None)
@given(
    moment=st.one_of(near_transitions(), calendar_edges(), ANY_ZONED),
    fold=st.sampled_from([0, 1]),
    assumed=st.booleans(),
)
def test_json_round_trip_of_any_zoned_datetime_is_exact(
    moment: dt.datetime, fold: int, assumed: bool
) -> None:
    """from_dict(to_dict(a)) == a: the same wall time, zone, offset and (where it matters) fold."""
    moment = moment.replace(fold=fold)
    article = Article(headline="H", published=moment, tz_assumed=assumed)
    again = _json_round_trip(article)
    assert again == article
    back = again.published
    assert isinstance(back, dt.datetime)
    assert back.replace(tzinfo=None) == moment.replace(tzinfo=None)
    assert back.tzinfo is moment.tzinfo
    assert back.utcoffset() == moment.utcoffset()
    if moment.replace(fold=1 - fold).utcoffset() != moment.utcoffset():
        assert back.fold == fold


def _exists(wall: dt.datetime, zone: zoneinfo.ZoneInfo) -> list[dt.timedelta]:
    """The offsets of the instants that show ``wall`` in ``zone``, found through UTC."""
    offsets = []
    for fold in (0, 1):
        moment = wall.replace(tzinfo=zone, fold=fold)
        shown = moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        offset = moment.utcoffset()
        if shown == wall and offset is not None and offset not in offsets:
            offsets.append(offset)
    return offsets


@settings(max_examples=300, deadline=None)
@given(moment=near_transitions())
def test_reported_problem_matches_what_the_zone_does_with_the_wall_time(
    moment: dt.datetime,
) -> None:
    """read_date with a zone: nonexistent-time iff no instant shows the wall time,
    ambiguous-time iff two do, and no problem iff one does."""
    zone = moment.tzinfo
    assert isinstance(zone, zoneinfo.ZoneInfo)
    wall = moment.replace(tzinfo=None, fold=0)
    reading = read_date(wall.isoformat(" ", "minutes"), tz=zone)
    expected = {0: "nonexistent-time", 1: None, 2: "ambiguous-time"}[len(_exists(wall, zone))]
    assert reading.problem == expected
    assert reading.value == wall.replace(tzinfo=zone)
    assert reading.tz_assumed


@pytest.mark.parametrize(
    ("dateline", "code"),
    [("2023-03-12 02:30", "nonexistent-time"), ("2023-11-05 01:30", "ambiguous-time")],
)
def test_toronto_changes_are_reported_on_a_postmedia_site(dateline: str, code: str) -> None:
    """The built-in Postmedia quirk (America/Toronto) reports both kinds of change."""
    article = newsdump.loads(_article("nationalpost.com", dateline))
    assert [d.code for d in article.diagnostics] == [code]
    assert _json_round_trip(article) == article
