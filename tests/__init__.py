"""The template's own tests: a package, so that pytest puts the repo's root on
sys.path (its first folder without an __init__.py) and the tests, like the
benchmarks (`python -m benchmarks`, run from the root), import `tests.helpers`."""
