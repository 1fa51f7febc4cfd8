"""Time read_date on the common dateline forms against datetime.fromisoformat.

Run with ``python benchmarks/bench_dates.py``. Every form is timed with timeit in CPU time
(``time.process_time``), best of many repeats, against the baseline, ``datetime.fromisoformat``
on an ISO string; a form's cold passes take turns with the baseline's, so that both see the
same load on a shared machine:

- cold: one pass over distinct texts of the form with read_date's memo emptied first, so every
  call really reads; the baseline reads as many distinct ISO strings the same way;
- warm: one text read again and again, so read_date answers from its memo (what a dump that
  repeats a dateline costs); the baseline reads one ISO string again and again.

The ratio is read_date's time over the baseline's; the target for common forms is at most 10.
The dateutil fallback is timed the same way, for comparison.

Last, the floor: a function that reads only ``Saturday, 13 January 2001 00:00`` and does no
more than any reader built on the tables must (memo look-up and store, the split, one table
look-up per token, the ``datetime`` constructor, the weekday check, the reading), with no
work to find out the form. What read_date costs above it is the price of telling the forms
apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from newsdump._parse import dates
from newsdump._parse.dates import DateReading, read_date

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _dateforms import fill  # the date tests' writer of forms

REPEATS = 60  # many short timings: their minimum filters out noise from other processes
DISTINCT = 400  # texts per cold pass; fewer than the memo holds, so none is evicted mid-pass
BASELINE_FORM = "{Y}-{m}-{dd}T{H}:{M}:{S}+03:00"
COMMON_FORMS = (
    "{month} {d}, {Y}",
    "{d} {month} {Y}",
    "{mon}. {d}, {Y} {h12}:{M} {ampm}",
    "{mon} {d}, {Y}, {h12}:{M} {AMPM}",
    "{mon}. {d}, {Y}",
    "{Y}-{m}-{dd}",
    "{Y}-{m}-{dd} {H}:{M}",
    "{Y}-{m}-{dd}T{H}:{M}:{S}+03:00",
    "{Y}-{m}-{dd}T{H}:{M}:{S}Z",
    "{Y}-{m}-{dd}T{H}:{M}:{S}.123456",
    "{dd}.{m}.{Y}",
    "{dd}.{m}.{Y} {H}:{M}",
    "{dd}. {monat_umlaut} {Y}",
    "{weekday}, {month} {d}, {Y} - {H}:{M}",
    "{weekday}, {d} {month} {Y} {H}:{M}",
    "{H}:{M} JST, {month} {d}, {Y}",
    "{month} {d}, {Y} {H}:{M} GMT",
    "{dd}/{m}/{Y}",
    "{m}/{dd}/{Y}",
)
FLOOR_FORM = "{weekday}, {d} {month} {Y} {H}:{M}"
FALLBACK_FORMS = ("{Y}/{m}/{dd}", "{wd} {mon} {d} {H}:{M}:{S} {Y}")


def distinct_texts(form: str) -> list[str]:
    """Texts of one form for DISTINCT moments, all on days 13 to 28 (never ambiguous)."""
    moments = (
        dt.datetime(2001 + i // 192, i // 16 % 12 + 1, 13 + i % 16, i % 24, i * 7 % 60, 7)
        for i in range(DISTINCT)
    )
    return [fill(form, moment) for moment in moments]


def forget() -> None:
    """Empty read_date's memo so that the next calls really read."""
    for memo in dates._MEMOS.values():
        memo.clear()


def cold_microseconds(call: Callable[[str], object], texts: list[str]) -> float:
    """Best per-call time over distinct texts, memo emptied before each pass."""
    return cold_pair(call, texts, call, texts)[0]


def cold_pair(
    call: Callable[[str], object],
    texts: list[str],
    base_call: Callable[[str], object],
    base_texts: list[str],
) -> tuple[float, float]:
    """Best per-call times of a call and of the baseline, their passes taking turns."""

    def one_pass() -> None:
        for text in texts:
            call(text)

    def base_pass() -> None:
        for text in base_texts:
            base_call(text)

    timer = timeit.Timer(one_pass, setup=forget, timer=time.process_time)
    base_timer = timeit.Timer(base_pass, setup=forget, timer=time.process_time)
    best, base_best = float("inf"), float("inf")
    for _ in range(REPEATS):
        best = min(best, timer.timeit(number=1))
        base_best = min(base_best, base_timer.timeit(number=1))
    return best / len(texts) * 1e6, base_best / len(base_texts) * 1e6


def warm_microseconds(call: Callable[[], object]) -> float:
    """Best per-call time for one call made again and again."""
    timer = timeit.Timer(call, timer=time.process_time)
    number = max(1, timer.autorange()[0] // 100)  # loops enough for about 2 ms per repeat
    return min(timer.repeat(repeat=REPEATS, number=number)) / number * 1e6


def floor_weekday_form(text: str) -> DateReading:
    """Read ``Saturday, 13 January 2001 00:00`` and nothing else, as cheaply as the tables allow."""
    memo = dates._MEMOS[None]
    reading = memo.get(text)
    if reading is None:
        if len(memo) >= dates._MEMO_SIZE:
            memo.clear()
        parts = text.split(" ", dates._MAX_TOKENS)
        _, weekday = dates._HEAD[parts[0]]
        day, month = dates._DAY_DOT[parts[1]], dates._MONTH_TOKEN[parts[2]]
        hour, minute = dates._CLOCK[parts[4]]
        value = dt.datetime(dates._YEAR[parts[3]], month, day, hour, minute)
        if weekday != value.weekday():
            raise ValueError(text)
        reading = memo[text] = tuple.__new__(DateReading, (value, None, "", False))
    return reading


def report(form: str, iso_texts: list[str], warm_base: float) -> float:
    """Time one form, print its line and return its cold ratio (to its own baseline passes)."""
    texts = distinct_texts(form)
    problems = {read_date(text).problem for text in texts}
    assert problems == {None}, (form, problems)
    cold, cold_base = cold_pair(read_date, texts, dt.datetime.fromisoformat, iso_texts)
    warm = warm_microseconds(functools.partial(read_date, texts[0]))
    example = repr(texts[0])
    print(f"{example:<36} {cold:8.3f} {cold / cold_base:6.1f} {warm:8.3f} {warm / warm_base:6.1f}")
    return cold / cold_base


def main() -> None:
    """Print per-call microseconds and the ratio to the fromisoformat baseline per form."""
    iso_texts = distinct_texts(BASELINE_FORM)
    cold_base = cold_microseconds(dt.datetime.fromisoformat, iso_texts)
    warm_base = warm_microseconds(functools.partial(dt.datetime.fromisoformat, iso_texts[0]))
    print(f"baseline: datetime.fromisoformat on strings like {iso_texts[0]!r}")
    print(f"  cold {cold_base:.3f} us per call, warm {warm_base:.3f} us per call")
    print(
        f"{'form (first of its texts)':<36} {'cold us':>8} {'ratio':>6} {'warm us':>8} {'ratio':>6}"
    )
    cold_ratios = [report(form, iso_texts, warm_base) for form in COMMON_FORMS]
    print(f"common forms: cold ratio {min(cold_ratios):.1f} to {max(cold_ratios):.1f}")
    print("dateutil fallback, for comparison:")
    for form in FALLBACK_FORMS:
        report(form, iso_texts, warm_base)
    texts = distinct_texts(FLOOR_FORM)
    assert all(floor_weekday_form(text) == read_date(text) for text in texts)
    floor, floor_base = cold_pair(floor_weekday_form, texts, dt.datetime.fromisoformat, iso_texts)
    print(f"floor for {texts[0]!r}: cold {floor:.3f} us, ratio {floor / floor_base:.1f}")


if __name__ == "__main__":
    main()
