"""The dateline's share of ``loads``, in every language the dateline reader knows.

Run with ``python benchmarks/bench_dates.py`` (Babel, of the ``test`` extra, writes the
datelines). For each language, ``--files`` invented dumps of about 5 KB (the synthetic
dumps of the other benchmarks) each get a dateline of their own, a distinct day and time
written by Babel in the language's full, long, medium or short date form, every other one
with the short time form. Two runs are timed in CPU time, best of ``--repeat``, in turns
so that both see the same load on a shared machine (with the floor's, below), both first
readings only:

- ``loads`` of every dump, the parser's memos (datelines, bylines) emptied before each
  file, so that every file's dateline and byline is read for the first time (the
  tokenizer's table of pieces already seen, numbers and names such as ``2023`` and
  ``July``, is kept, as in a dump whose datelines share their words);
- what the header does for the dateline: ``split_label`` and ``read_date`` of each
  dateline line, the same memos emptied before each line (the same calls, without the
  rest of the parse; emptying them costs the same on both sides, about 0.1 us).

The share is the second over the first; the target is at most 5% in every language. The
last line reads the shared corpus the same way (its datelines as they are written there),
when it is present. The floor column times, the same way, the cheapest reading of each
dateline that a reader on these tables could make (see `floor_work`): the share no such
reader in Python can go below.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Callable, Sequence

from _corpus import corpus_texts, synthetic_dumps
from babel import Locale
from babel import dates as babel_dates
from bench_parse import best_time

import newsdump
from newsdump._model.lines import Lines
from newsdump._parse import _cldr, byline
from newsdump._parse.context import Context
from newsdump._parse.dateline import DateReading, read_date, reader, split_label, tables, tokens
from newsdump._parse.header import read_header

FORMS = ("full", "long", "medium", "short")
_HEAD_DATE = re.compile(r"\n\nJuly [0-9]+, 2023\n\n")
TARGET = 0.05


def datelines(lang: str, count: int, rng: random.Random) -> list[str]:
    """``count`` distinct datelines in ``lang``, in its four date forms, half with a time."""
    locale = Locale.parse(lang)
    out: list[str] = []
    for index in range(count):
        moment = dt.datetime(1990, 1, 1) + dt.timedelta(minutes=rng.randrange(21_000_000))
        form = FORMS[index % 4]
        pattern = locale.date_formats[form].pattern
        pattern = pattern.replace("yy", "y") if "yyy" not in pattern else pattern  # 4 digits
        if index % 2:
            time_pattern = locale.time_formats["short"].pattern
            both = str(locale.datetime_formats[form]).replace("{1}", pattern)
            pattern = both.replace("{0}", time_pattern)
        out.append(babel_dates.format_datetime(moment, pattern, locale=lang))
    return out


def with_datelines(dumps: Sequence[str], lines: Sequence[str]) -> list[str]:
    """The dumps with their dateline replaced by ``lines``, one each."""
    return [
        _HEAD_DATE.sub(lambda _m, line=line: f"\n\n{line}\n\n", text, count=1)  # type: ignore[misc]
        for text, line in zip(dumps, lines, strict=True)
    ]


def _forget() -> None:
    """Empty the parser's memos of datelines and bylines."""
    reader.forget()
    byline.forget()


def loads_work(texts: Sequence[str]) -> Callable[[], object]:
    """``loads`` of each text, every one a first reading (the memos emptied before it)."""

    def run() -> object:
        out = []
        for text in texts:
            _forget()
            out.append(newsdump.loads(text))
        return out

    return run


def dateline_work(lines: Sequence[str]) -> Callable[[], object]:
    """What the header does for each dateline line: its label split off, its date read,
    every one a first reading (the memos emptied before it)."""

    def run() -> object:
        out = []
        for line in lines:
            _forget()
            out.append(read_date(split_label(line)[1].strip()))
        return out

    return run


def floor_work(lines: Sequence[str]) -> Callable[[], object]:
    """The cheapest reading of each line a reader on the tables could make: the memos
    emptied, the label split off, the text normalized and split at its spaces, each word
    looked up once in the table of names, a ``date`` made and its reading kept in a memo.
    Nothing is told apart or checked: no reader on the tables can do less."""
    table = tables.names()
    memo: dict[str, DateReading] = {}

    def run() -> object:
        out = []
        for line in lines:
            _forget()
            memo.clear()
            text = split_label(line)[1].strip()
            looked = [table.get(word.casefold()) for word in tokens.normalize(text).split()]
            reading = memo[text] = DateReading(dt.date(2023, 7, 16), None)
            out.append((looked, reading))
        return out

    return run


def share(texts: Sequence[str], lines: Sequence[str], repeat: int) -> tuple[float, float, float]:
    """``loads``' time per file (us), the dateline's share of it and the floor's share."""
    total = part = floor = float("inf")
    for _ in range(repeat):  # in turns: all see the same load
        total = min(total, best_time(loads_work(texts), 1))
        part = min(part, best_time(dateline_work(lines), 1))
        floor = min(floor, best_time(floor_work(lines), 1))
    return total / len(texts) * 1e6, part / total, floor / total


def corpus_datelines(texts: Sequence[str]) -> list[str]:
    """The dateline line of each corpus text that has one, as the parser finds it."""
    found = []
    for text in texts:
        lines = Lines(text)
        date = read_header(lines, len(lines), Context(lines, strict=False)).date
        if date is not None:
            found.append(lines.content[date.start])
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; the exit code is the number of languages over the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    rng = random.Random(18)
    dumps = synthetic_dumps(args.files)
    print(f"{args.files} dumps of about 5 KB per language, best of {args.repeat} (CPU time)")
    print(f"  {'lang':6} {'loads us/file':>14} {'dateline share':>15} {'floor':>6}  example")
    over = 0
    for lang in _cldr.LANGUAGES:
        lines = datelines(lang, args.files, rng)
        texts = with_datelines(dumps, lines)
        unread = sum(newsdump.loads(t).published is None for t in texts)
        per_file, ratio, floor = share(texts, lines, args.repeat)
        mark = " OVER" if ratio > TARGET else "     "
        over += ratio > TARGET
        note = f"  ({unread} unread)" if unread else ""
        print(f"  {lang:6} {per_file:14.1f} {ratio:10.1%}{mark} {floor:6.1%}  {lines[1]}{note}")
    texts = corpus_texts()
    if texts:
        lines = corpus_datelines(texts)
        per_file, ratio, floor = share(texts, lines, args.repeat)
        line = f"  {'corpus':6} {per_file:14.1f} {ratio:10.1%}      {floor:6.1%}"
        print(f"{line}  ({len(lines)} datelines)")
    print(f"target: at most {TARGET:.0%} in every language; {over} over")
    return over


if __name__ == "__main__":
    sys.exit(main())
