"""Writing a moment in a dateline form, as sites spell it, and comparing what was read
(shared by the date tests)."""

from __future__ import annotations

import datetime as dt

from newsdump._parse.dateline import DateReading

ENGLISH = "January February March April May June July August September October November December"
GERMAN = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"


def fill(form: str, moment: dt.datetime, zone: str = "", offset_minutes: int = 0) -> str:
    """Write ``moment`` in ``form``, a `str.format` template of these fields: ``month``,
    ``mon`` (``Sept`` for September), ``monat`` (German, ``ae`` for ``ä``),
    ``monat_umlaut``, ``weekday``, ``wd``, ``d``, ``dd``, ``m``, ``Y``, ``H``, ``M``,
    ``S``, ``h12``, ``ampm``, ``AMPM``, ``a_m_``, ``zone`` and ``offset`` (``+0300``)."""
    month = ENGLISH.split()[moment.month - 1]
    german = GERMAN.split()[moment.month - 1]
    weekday = DAYS.split()[moment.weekday()]
    morning = moment.hour < 12
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return form.format(
        month=month,
        mon="Sept" if moment.month == 9 else month[:3],
        monat=german.replace("ä", "ae"),
        monat_umlaut=german,
        weekday=weekday,
        wd=weekday[:3],
        d=moment.day,
        dd=f"{moment.day:02}",
        m=f"{moment.month:02}",
        Y=moment.year,
        H=f"{moment.hour:02}",
        M=f"{moment.minute:02}",
        S=f"{moment.second:02}",
        h12=moment.hour % 12 or 12,
        ampm="am" if morning else "pm",
        AMPM="AM" if morning else "PM",
        a_m_="a.m." if morning else "p.m.",
        zone=zone,
        offset=f"{sign}{hours:02}{minutes:02}",
    )


def same(reading: DateReading, expected: dt.date) -> bool:
    """Whether a reading holds exactly the expected value: same type, value and offset."""
    value = reading.value
    if reading.problem is not None or type(value) is not type(expected) or value != expected:
        return False
    if isinstance(value, dt.datetime) and isinstance(expected, dt.datetime):
        return value.utcoffset() == expected.utcoffset()
    return True
