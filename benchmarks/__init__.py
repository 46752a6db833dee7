"""Benchmarks of the template, run with `uv run python -m benchmarks` (not part of the tests).

The machine they run on is shared and noisy, so every figure is a median of
repeated runs and is reported next to a floor measured in the same run: the
ratio is what to compare between runs and machines, never the seconds.
One module per measurement; `common` holds the shared plumbing.

Run from the repository root: tests/helpers.py, which builds projects and venvs
exactly as the template's tests do, is imported as `tests.helpers`.
"""
