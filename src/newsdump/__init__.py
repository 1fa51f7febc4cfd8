"""newsdump: read, write and test scraped news dump files.

>>> import newsdump
>>> article = newsdump.loads("\\n\\n# Hello\\n\\nBy Ann Lee\\n\\nBody.")
>>> article.headline
'Hello'
"""

from newsdump._api import Parser, dump, dumps, format_text, load, loads
from newsdump._dump._filter import where
from newsdump._dump._reader import DumpEntry, map_dump, read_dump
from newsdump._dump._writer import DumpWriter, write_dump
from newsdump._dups import CopyGroup, CopyMember, find_copies
from newsdump._export.columns import schema
from newsdump._export.dicts import from_dict, to_dict
from newsdump._limits import Limits
from newsdump._version import __version__
from newsdump.arrow import to_arrow
from newsdump.errors import (
    Diagnostic,
    DumpError,
    NewsdumpError,
    ParseError,
    PluginError,
    Severity,
)
from newsdump.model import (
    Article,
    Author,
    Block,
    Boilerplate,
    Heading,
    Image,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Related,
    Rule,
    Verbatim,
)

__all__ = [
    "Article",
    "Author",
    "Block",
    "Boilerplate",
    "CopyGroup",
    "CopyMember",
    "Diagnostic",
    "DumpEntry",
    "DumpError",
    "DumpWriter",
    "Heading",
    "Image",
    "Limits",
    "Link",
    "ListBlock",
    "NewsdumpError",
    "Paragraph",
    "ParseError",
    "Parser",
    "PluginError",
    "Quote",
    "Related",
    "Rule",
    "Severity",
    "Verbatim",
    "__version__",
    "dump",
    "dumps",
    "find_copies",
    "format_text",
    "from_dict",
    "load",
    "loads",
    "map_dump",
    "read_dump",
    "schema",
    "to_arrow",
    "to_dict",
    "where",
    "write_dump",
]
