"""`licensecheck audit` without importing Click, for plain arguments (as fastcheck.py does for
`check`): Click and what it imports cost more than writing a small audit does.

This reads only plain uses of `audit`'s options (each at most once, every value valid) into
exactly the arguments Click would give the command; anything else (help, an unknown or
repeated option, a bad value, `--output`, `--sign-off`) returns None, and the Click command
runs instead, with its own checks and messages. tests/test_fastaudit.py checks the two
readings agree.
"""

from __future__ import annotations

import datetime
import os
import sys
from typing import TYPE_CHECKING

from licensecheck.cli.fastcheck import plain_stream, read_args, read_value

if TYPE_CHECKING:
    from typing import Any

FORMATS = ("markdown", "html", "json")  # report.AUDIT_FORMATS, checked by the tests
FLAGS = {"--offline": "offline", "--locked": "locked"}
VALUES = {
    "--format": "output_format",
    "--fail-on": "fail_on",
    "--policy": "policy_path",
    "--as-of": "as_of",
    "--registry": "registry_path",
}


def parse(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `auditrun.run` for `audit ARGS`, or None: leave it to Click."""
    if os.name != "posix" or not (plain_stream(sys.stdout) and plain_stream(sys.stderr)):
        return None  # Click rewraps streams it finds misconfigured; let it
    out: dict[str, Any] = {
        "manifests": [],
        "output_format": "markdown",
        "output": None,  # -o goes through Click (its path checks)
        "fail_on": None,
        "sign_off_path": None,  # likewise
        "as_of": None,
        "policy_path": None,
        "offline": False,
        "locked": False,
        "registry_path": None,
    }
    if not read_args(args, out, flags=FLAGS, values=VALUES, read=_read_value):
        return None
    out["manifests"] = tuple(out["manifests"])
    if out["as_of"] is None:
        out["as_of"] = datetime.date.today()
    return out


def _read_value(out: dict[str, Any], key: str, value: str) -> bool:
    """As fastcheck.read_value, but `--format` takes an audit's formats."""
    if key == "output_format":
        out[key] = value
        return value in FORMATS
    return read_value(out, key, value)


def run(options: dict[str, Any]) -> None:
    """Run `audit` with `options`, as the Click command runs it (console.guarded), and exit."""
    from licensecheck.cli.auditrun import run as audit
    from licensecheck.cli.console import echo, guarded

    try:
        guarded(lambda: audit(**options))
    except (KeyboardInterrupt, EOFError):
        echo("", err=True)  # as Click ends an interrupted command
        echo("Aborted!", err=True)
        sys.exit(1)
    sys.exit(0)  # (as Click ends a command that returns)
