"""cli/entry.py turns the collector off while a plain check starts (what start-up makes lives
to the end, and the run itself is short and acyclic: console.guarded) and sets everything
aside before exit; a command that Click runs starts with the collector as Python does (an
audit, which holds every subject to the end, also sets everything aside before exit)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import EXAMPLES

PROBE = """
import gc, json, sys
from licensecheck import engine
from licensecheck.cli.entry import main

seen = {}
evaluate = engine.evaluate

def recording(*args, **kwargs):
    seen["judging"] = gc.isenabled()
    return evaluate(*args, **kwargs)

engine.evaluate = recording
sys.argv = ["licensecheck", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
seen["after"] = gc.isenabled()
seen["frozen"] = gc.get_freeze_count()
print(json.dumps(seen), file=sys.stderr)
"""


def probe(*args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    return dict(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_a_plain_check_runs_without_the_collector_and_freezes_before_exit() -> None:
    seen = probe("check", str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml"))
    assert seen["judging"] is False and seen["after"] is False
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 10_000  # the modules' objects


def test_a_command_that_click_runs_has_the_collector_on() -> None:
    seen = probe("check", "--help")
    assert "judging" not in seen and seen["after"] is True and seen["frozen"] == 0


def test_an_audit_sets_everything_aside_before_exit() -> None:
    """An audit runs through Click (the collector on), judges and writes without it
    (console.guarded), and freezes what it holds before exit, as a plain check does."""
    seen = probe("audit", str(EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml"), "--format", "html")
    assert seen["judging"] is False and seen["after"] is True
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 10_000
