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

from licensecheck.cli.fastcheck import plain_stream, read_value

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
    seen: set[str] = set()
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            out["manifests"] += rest
            break
        if not arg.startswith("-"):
            out["manifests"].append(arg)
            continue
        name, has_value, value = arg.partition("=")
        if name in seen:
            return None  # Click decides which of two wins
        seen.add(name)
        if name in FLAGS and not has_value:
            out[FLAGS[name]] = True
        elif name in VALUES:
            if not has_value:
                if not rest:
                    return None
                value = rest.pop(0)
            if name == "--format":
                if value not in FORMATS:
                    return None
                out["output_format"] = value
            elif not read_value(out, VALUES[name], value):
                return None
        else:
            return None  # help, --output, --sign-off, or an option Click will name as unknown
    if any(not m or m.startswith("-") for m in out["manifests"]):
        return None
    out["manifests"] = tuple(out["manifests"])
    if out["as_of"] is None:
        out["as_of"] = datetime.date.today()
    return out


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
