"""``python -m checker`` is the ``check`` command."""

import sys

from checker.cli import main

sys.exit(main())
