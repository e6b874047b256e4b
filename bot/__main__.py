"""`python -m bot` is the same as the `dateline` command."""

import sys

from bot.cli import main

sys.exit(main())
