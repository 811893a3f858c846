"""benchmarks/coverage.py runs on the shipped registry and prints its counts: a smoke test of the
script (its lists are hand-made; the shares themselves are not asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO


def test_the_coverage_script_counts_every_list() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "coverage.py"), "--wide"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    counts = {
        m.group(1): (int(m.group(2)), int(m.group(3)))
        for m in re.finditer(r"^(models and APIs|datasets): (\d+)/(\d+) known", proc.stdout, re.M)
    }
    assert set(counts) == {"models and APIs", "datasets"}, proc.stdout
    # --wide adds the wider dataset list to the core 30; every reference is counted once.
    assert counts["datasets"][1] > 30
    assert all(0 < known <= total for known, total in counts.values()), counts
    # Each unknown reference is listed with why.
    unknown = [line for line in proc.stdout.splitlines() if line.startswith("  UNKNOWN ")]
    assert len(unknown) == sum(total - known for known, total in counts.values())
