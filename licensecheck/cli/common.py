"""What every command shares: error handling, exit codes, colour and dates."""

from __future__ import annotations

import datetime
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from licensecheck.errors import LicensecheckError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """Turn the tool's own errors into a message on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LicensecheckError as exc:
            click.echo(f"licensecheck: error: {exc}", err=True)
            sys.exit(EXIT_INPUT)

    return wrapper  # type: ignore[return-value]


def use_color(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


# Options several commands share, defined once so their names and help stay in step.
policy_option = click.option(
    "--policy",
    "policy_path",
    type=click.Path(dir_okay=False),
    help="A policy file to use instead of the default.",
)
offline_option = click.option(
    "--offline", is_flag=True, help="Ask the Hub nothing: use licensecheck.lock and the cache."
)
locked_option = click.option(
    "--locked", is_flag=True, help="Fail (exit 2) unless licensecheck.lock matches the manifest."
)
registry_option = click.option(
    "--registry",
    "registry_path",
    type=click.Path(file_okay=False),
    hidden=True,
    help="Use another registry directory.",
)


def as_of_option(help_text: str = "Judge as of this date (YYYY-MM-DD); default today.") -> Callable[[F], F]:
    return click.option("--as-of", "as_of", callback=parse_date, metavar="DATE", help=help_text)


def write_report(path: str | Path, text: str) -> None:
    """Write a report the user asked for with -o/--output; failing to is an input error (exit 2)."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LicensecheckError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
