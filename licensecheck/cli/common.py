"""What every command shares: error handling, exit codes, colour and dates."""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from licensecheck.errors import InputError, LicensecheckError
from licensecheck.visible import json_text, visible

if TYPE_CHECKING:
    from licensecheck.manifest import Manifest

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """Turn the tool's own errors, and a file or stream that cannot be read or written, into a
    message on stderr and exit code 2: never a traceback. Values in the message are shown
    with visible escapes (a path or name may hold a line break or a terminal escape)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            # Several problems are one per line, each already shown inert (errors.InputError).
            _fail(str(exc), keep_newlines=True)
        except LicensecheckError as exc:
            _fail(str(exc))
        except OSError as exc:  # e.g. standard output on a full device
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}")

    return wrapper  # type: ignore[return-value]


def _fail(message: str, *, keep_newlines: bool = False) -> None:
    report_error(message, keep_newlines=keep_newlines)
    sys.exit(EXIT_INPUT)


def report_error(message: str, *, keep_newlines: bool = False) -> None:
    """`licensecheck: error: …` on stderr, every value in it shown, never acting; with
    `keep_newlines`, a message that lists several problems keeps one per line."""
    say(f"licensecheck: error: {message}", keep_newlines=keep_newlines)


def say(message: str, *, keep_newlines: bool = False) -> None:
    """A line for the user on stderr (notes, errors, "wrote …"), with visible escapes."""
    with contextlib.suppress(OSError):  # stderr may be gone: the exit code still says it
        click.echo(visible(message, keep_newlines=keep_newlines), err=True)


def show(text: str, *, nl: bool = True) -> None:
    """Text on stdout that quotes the Hub, the registry or the user: its own line breaks
    stay, anything active inside a value is shown escaped."""
    click.echo(visible(text, keep_newlines=True), nl=nl)


def show_json(payload: object) -> None:
    """JSON on stdout, inert on a terminal (visible.json_text)."""
    import json

    click.echo(json_text(json.dumps(payload, indent=2, ensure_ascii=False)))


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

    emit_text = json_text(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
    if output is None or output == "-":
        click.echo(emit_text, nl=False)
    else:
        write_report(output, emit_text)


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


def load_all(paths: Iterable[str], load: Callable[[str], Manifest]) -> list[Manifest]:
    """Parse every manifest before any is judged, reporting each bad one; exit 2 if any was
    bad (one bad manifest means nothing is reported)."""
    parsed, bad = [], 0
    for path in paths:
        try:
            parsed.append(load(path))
        except LicensecheckError as exc:
            report_error(str(exc), keep_newlines=isinstance(exc, InputError))
            bad += 1
    if bad:
        sys.exit(EXIT_INPUT)
    return parsed


def write_report(path: str | Path, text: str) -> None:
    """Write a report the user asked for with -o/--output, whole or not at all (a temporary
    file renamed into place); failing to is an input error (exit 2)."""
    target = Path(path)
    partial = target.with_name(f".licensecheck-{os.getpid()}-{target.name}.tmp")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except OSError as exc:
        raise LicensecheckError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)


def refuse_overwriting_inputs(
    outputs: Iterable[str | Path | None], inputs: Iterable[str | Path | None]
) -> None:
    """Stop before anything is written if an output would replace a file the run reads (a
    `--output licensecheck.yaml` typo must not destroy the manifest)."""
    read = {_identity(Path(p)) for p in inputs if p is not None}
    for out in outputs:
        if out is not None and str(out) != "-" and _identity(Path(out)) in read:
            raise LicensecheckError(f"{out}: is an input of this run; refusing to overwrite it")


def _identity(path: Path) -> tuple[int, int] | str:
    """The same file however it is named: device and inode when it exists, else its real path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return str(path.resolve())
