"""`licensecheck check` without importing Click, for the arguments a hook or CI job passes.

Importing Click costs a pre-commit hook more than judging a small manifest does. This
reads only plain uses of `check`'s options (each at most once, every value valid) into
exactly the arguments Click would give the command; anything else (help, an unknown or
repeated option, a bad value, `--output`, both --summary and --verbose) returns None, and
the Click command runs instead, with its own messages. tests/test_fastcheck.py checks the
two readings agree.
"""

from __future__ import annotations

import codecs
import datetime
import gc
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing costs a hook's start-up more than it is worth at run time
    from collections.abc import Callable
    from typing import Any

FORMATS = ("text", "json", "sarif", "github", "junit")  # report.CHECK_FORMATS, checked by the tests
FAIL_ON = ("prohibited", "needs-review", "conditional")
FLAGS = {"--all": "all_manifests", "--offline": "offline", "--locked": "locked"}
DETAILS = {"--summary": "summary", "--verbose": "verbose"}
VALUES = {
    "--exclude": "exclude",
    "--format": "output_format",
    "--fail-on": "fail_on",
    "--policy": "policy_path",
    "--as-of": "as_of",
    "--registry": "registry_path",
}


def parse(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `checkrun.run` for `check ARGS`, or None: leave it to Click."""
    if os.name != "posix" or not (plain_stream(sys.stdout) and plain_stream(sys.stderr)):
        return None  # Click rewraps streams it finds misconfigured; let it
    out: dict[str, Any] = {
        "manifests": [],
        "all_manifests": False,
        "exclude": [],
        "output_format": "text",
        "output_path": None,
        "fail_on": None,
        "detail": None,
        "policy_path": None,
        "as_of": None,
        "offline": False,
        "locked": False,
        "registry_path": None,
        "with_scan": False,  # --scan itself goes through Click (an option this does not read)
    }
    if not read_args(
        args, out, flags=FLAGS, values=VALUES, read=read_value, details=DETAILS, repeatable={"--exclude"}
    ):
        return None
    out["manifests"] = tuple(out["manifests"])
    out["exclude"] = tuple(out["exclude"])
    if out["as_of"] is None:
        out["as_of"] = datetime.date.today()
    return out


def read_args(
    args: list[str],
    out: dict[str, Any],
    *,
    flags: dict[str, str],
    values: dict[str, str],
    read: Callable[[dict[str, Any], str, str], bool],
    details: dict[str, str] | None = None,
    repeatable: set[str] | frozenset[str] = frozenset(),
) -> bool:
    """Fill `out` from a command's `args` as Click would read them (manifests, `flags`, options
    with `values` stored by `read`, one of `details`); False: leave the arguments to Click."""
    details = details or {}
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
        if (name in seen and name not in repeatable) or (name in details and seen & set(details)):
            return False  # Click decides which of two wins
        seen.add(name)
        if name in flags and not has_value:
            out[flags[name]] = True
        elif name in details and not has_value:
            out["detail"] = details[name]
        elif name in values:
            if not has_value:
                if not rest:
                    return False
                value = rest.pop(0)
            if not read(out, values[name], value):
                return False
        else:
            return False  # help, --output, or an option Click will name as unknown
    return not any(not m or m.startswith("-") for m in out["manifests"])


def read_value(out: dict[str, Any], key: str, value: str) -> bool:
    """Store an option's value as Click's type would give it; False if Click would refuse it."""
    if value.startswith("-") or not value:
        return False
    if key == "exclude":
        out[key].append(value)
    elif key == "output_format":
        out[key] = value
        return value in FORMATS
    elif key == "fail_on":
        out[key] = value
        return value in FAIL_ON
    elif key == "as_of":
        try:
            out[key] = datetime.date.fromisoformat(value)
        except ValueError:
            return False
    elif key == "policy_path":
        out[key] = value
        return not os.path.isdir(value)  # click.Path(dir_okay=False)
    elif key == "registry_path":
        out[key] = value
        return not os.path.isfile(value)  # click.Path(file_okay=False)
    return True


def plain_stream(stream: Any) -> bool:
    """A text stream Click would use as it is: present, with an encoding that is not ASCII."""
    encoding = getattr(stream, "encoding", None)
    if stream is None or not encoding:
        return False
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False


def run(options: dict[str, Any]) -> bool:
    """Run `check` with `options`; returns False (having done nothing) if Click must run it.
    A run whose every input is as it was answers as it did (cli/replay.py)."""
    from licensecheck import readlog
    from licensecheck.cli import replay

    readlog.reset()
    digest = replay.key(options)
    if digest is not None:
        code = replay.answer(digest)
        if code is not None:
            sys.exit(code)
    from licensecheck import classcache, recache

    recache.install()  # judged afresh: regular expressions and the record classes'
    classcache.install()  # methods come compiled
    from licensecheck.cli import checkrun
    from licensecheck.cli.console import echo, guarded
    from licensecheck.huboverlay import current_run

    def judged() -> tuple[int, list[str], bool]:
        code = checkrun.run(**options)
        run = current_run()
        return code, run.absent, run.replayable

    try:
        with replay.recording() as recorded:
            code, absent, replayable = guarded(judged)
    except checkrun.UsageProblem:
        return False  # before anything was written: Click says it, with the usage line
    except (KeyboardInterrupt, EOFError):
        echo("", err=True)  # as Click ends an interrupted command
        echo("Aborted!", err=True)
        sys.exit(1)
    if digest is not None and replayable:
        replay.remember(digest, recorded, code, absent)
    gc.freeze()  # nothing is left to free: the last collection need not walk it all at exit
    sys.exit(code)
