"""Articles in other shapes: plain dicts (`to_dict`/`from_dict`), the typed columns of
every tabular output, and their rows."""
