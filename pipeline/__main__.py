"""``python -m pipeline`` is the ``nianbao`` command."""

import sys

from pipeline.cli import main

sys.exit(main())
