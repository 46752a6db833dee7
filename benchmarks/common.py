"""Shared plumbing: result rows, paired timing, the scratch workspace.

Reuses tests/helpers.py (snapshot_template, render, make_venv, run) so the
benchmarks build projects and venvs exactly the way the template's tests do.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from tests.helpers import snapshot_template

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One line of the table: a case against its floor, both measured in this run.

    `value` replaces the timing columns for rows that are not timings (a count,
    a skipped measurement); `extra` goes into the JSON only.
    """

    key: str
    case: str
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    value: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor_samples) if self.floor_samples else None

    @property
    def ratio(self) -> float | None:
        median, floor = self.median, self.floor_median
        return median / floor if median is not None and floor else None

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "median_s": self.median,
            "floor_median_s": self.floor_median,
            "ratio": self.ratio,
            "samples_s": self.samples,
            "floor_samples_s": self.floor_samples,
            "value": self.value,
            **self.extra,
        }


def timed(action: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired(repeat: int, case: Callable[[], float], floor: Callable[[], float]) -> tuple[list[float], list[float]]:
    """Run case and floor `repeat` times each, alternating which goes first, so
    that a slow spell on the shared machine hits both sides alike."""
    cases: list[float] = []
    floors: list[float] = []
    for i in range(repeat):
        if i % 2:
            cases.append(case())
            floors.append(floor())
        else:
            floors.append(floor())
            cases.append(case())
    return cases, floors


@dataclass
class Context:
    """The run's settings and scratch folder, plus one snapshot of the template
    (a tagged git repo, as the tests use) shared by every measurement."""

    root: Path
    repeat: int
    sizes: list[int]
    template: Path = field(init=False)
    _ids: count[int] = field(default_factory=count, init=False)

    def __post_init__(self) -> None:
        self.template = snapshot_template(self.fresh("template"))

    def fresh(self, name: str) -> Path:
        """A new empty folder under the scratch root."""
        path = self.root / f"{name}-{next(self._ids)}"
        path.mkdir(parents=True)
        return path
