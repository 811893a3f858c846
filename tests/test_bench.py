"""benchmarks/bench.py runs (tiny sizes, one run each) and prints a line for every target of
issue 15. A smoke test only: the figures themselves are never asserted (no timed tests)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

TARGETS = [
    "entries, edited / import yaml,click",
    "entries, unchanged / import yaml,click",
    "entries, first run / import yaml,click",
    "datasets / bare CSafeLoader parse",
    "datasets / check ",
    "datasets, peak RSS / bare parse's",
    "sarif ",
    "audit html ",
    "hub: 5 uncached ids, 50 ms each",
    "hub: check with a fresh lock (requests)",
]


def test_the_benchmark_prints_every_target() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    for target in TARGETS:
        assert any(target in line for line in lines), (target, proc.stdout)
    assert "note:" not in proc.stdout  # every run ended as a check ends (0 or 1), none refused
