"""Whole dumps: folders, archives and JSON Lines, read as streams, in parallel if asked.

``_sources`` and ``_archives`` turn a dump into named items, ``_reader`` parses each
into a `DumpEntry` (``_pool`` spreads that over processes, ``_filter`` keeps what a
`newsdump.where` filter asks for), and ``_writer`` writes dumps; the limits that keep
hostile dumps harmless are `newsdump.Limits` (``newsdump/_limits.py``).
"""
