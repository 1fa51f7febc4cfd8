"""newsdump: read, write and test scraped news dump files.

>>> import newsdump
>>> article = newsdump.loads("\\n\\n# Hello\\n\\nBy Ann Lee\\n\\nBody.")
>>> article.headline
'Hello'
"""

from newsdump._api import Parser, dump, dumps, format_text, load, loads
from newsdump._serialize import from_dict, to_dict
from newsdump._version import __version__
from newsdump.errors import Diagnostic, NewsdumpError, ParseError, PluginError, Severity
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
    "Diagnostic",
    "Heading",
    "Image",
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
    "format_text",
    "from_dict",
    "load",
    "loads",
    "to_dict",
]
