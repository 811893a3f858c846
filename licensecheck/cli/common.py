"""What every command shares: error handling, exit codes, colour and dates (the parts that
need no Click live in console.py, for `check`'s path without it)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from licensecheck.cli.console import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_OK,
    guarded,
    load_all,
    refuse_overwriting_inputs,
    report_error,
    say,
    use_color,
    write_report,
)
from licensecheck.visible import json_text, visible

if TYPE_CHECKING:
    pass

__all__ = [
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_OK",
    "as_of_option",
    "emit",
    "emit_json",
    "handles_errors",
    "load_all",
    "locked_option",
    "offline_option",
    "output_option",
    "parse_date",
    "policy_option",
    "refuse_overwriting_inputs",
    "registry_option",
    "report_error",
    "say",
    "show",
    "show_json",
    "use_color",
    "write_report",
]

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """Turn the tool's own errors, and a file or stream that cannot be read or written, into a
    message on stderr and exit code 2: never a traceback (console.guarded)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return guarded(lambda: func(*args, **kwargs))

    return wrapper  # type: ignore[return-value]


def show(text: str, *, nl: bool = True) -> None:
    """Text on stdout that quotes the Hub, the registry or the user: its own line breaks
    stay, anything active inside a value is shown escaped."""
    click.echo(visible(text, keep_newlines=True), nl=nl)


def show_json(payload: object) -> None:
    """JSON on stdout, inert on a terminal (visible.json_text)."""
    import json

    click.echo(json_text(json.dumps(payload, indent=2, ensure_ascii=False)))


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


def output_option(what: str = "the output") -> Callable[[F], F]:
    """-o/--output FILE, as every command that prints a report offers it ('-': stdout)."""
    return click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(dir_okay=False, allow_dash=True),
        metavar="FILE",
        help=f"Write {what} to FILE instead of standard output ('-': standard output).",
    )


def emit(text: str, output: str | None) -> None:
    """A command's text: to FILE whole (or not at all), or to stdout; shown inert either way."""
    inert = visible(text, keep_newlines=True)
    if output is None or output == "-":
        click.echo(inert, nl=False)
    else:
        write_report(output, inert)


def emit_json(payload: object, output: str | None) -> None:
    """A command's JSON, inert on a terminal (visible.json_text), to FILE or stdout."""
    import json

    text = json_text(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
    if output is None or output == "-":
        click.echo(text, nl=False)
    else:
        write_report(output, text)
