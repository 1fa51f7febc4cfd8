"""``python -m newsdump``: the command line."""

import sys

from newsdump.cli import main

sys.exit(main())
