"""The parser: one module per region of a dump file."""
