"""Read the dateline of a news dump file: the date as the site displayed it.

One table-driven reader (`reader`) over tokens (`tokens`) looked up in tables built from
CLDR data (`tables`, from the generated ``_cldr`` module), with its memo; relative
datelines (`relative`), labels and the cheap "is this a date" test (`labels`); dateutil as
the fallback for what the tables do not cover (`fallback`).
"""

from newsdump._parse.dateline.labels import looks_like_date, split_label
from newsdump._parse.dateline.reader import read_date
from newsdump._parse.dateline.reading import (
    AMBIGUOUS_TIME,
    NONEXISTENT_TIME,
    RELATIVE,
    DateReading,
    in_zone,
)

__all__ = [
    "AMBIGUOUS_TIME",
    "NONEXISTENT_TIME",
    "RELATIVE",
    "DateReading",
    "in_zone",
    "looks_like_date",
    "read_date",
    "split_label",
]
