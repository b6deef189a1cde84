"""`python -m tools.mutants`: run the mutation campaign (see run.py)."""

import sys

from tools.mutants.run import main

sys.exit(main())
