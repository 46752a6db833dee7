"""Benchmarks of the template, run with `uv run python -m benchmarks` (not part of the tests).

The machine they run on is shared and noisy, so every figure is a median of
repeated runs and is reported next to a floor measured in the same run: the
ratio is what to compare between runs and machines, never the seconds.
One module per measurement; `common` holds the shared plumbing.
"""

import sys
from pathlib import Path

# tests/helpers.py builds projects and venvs exactly as the template's tests do;
# the tests folder is not a package, so it goes on the path (as pytest puts it).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
