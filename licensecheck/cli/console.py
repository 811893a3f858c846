"""What every command prints and how it ends, without Click.

`check` runs without importing Click when its arguments are plain (cli/entry.py), and all
commands share these, so both paths write the same bytes and exit with the same codes.
`echo` does what `click.echo` does for text on a POSIX stream: it strips colour codes when
the stream is no terminal and flushes after every write.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from licensecheck.errors import InputError, LicensecheckError
from licensecheck.visible import visible
from licensecheck.yamlio import no_collector

if TYPE_CHECKING:
    from licensecheck.manifest import Manifest

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2

R = TypeVar("R")

# Click's pattern for the escape sequences it strips from output that is not a terminal.
_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if nl:
        text += "\n"
    if not text:
        stream.flush()
        return
    if not isatty(stream) and "\033" in text:  # (a scan in C; the pattern's search is not)
        text = _ANSI.sub("", text)
    stream.write(text)
    stream.flush()


def utf8_stdout() -> tuple[Any, str] | None:
    """Standard output's byte stream and its encoding's error handler, when it writes UTF-8
    (what `echo` would write is then that text encoded so); else None. On POSIX only: a
    text stream elsewhere writes each line break as the system's."""
    if os.name != "posix":
        return None
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None)
    buffer = getattr(stream, "buffer", None)
    errors = getattr(stream, "errors", None)
    if stream is None or buffer is None or not encoding or not isinstance(errors, str):
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    return buffer, errors


def echo_encoded(pieces: Iterable[bytes], buffer: Any, errors: str) -> None:
    """Write pieces of UTF-8 (encoded with `errors`) to standard output's byte stream
    (`utf8_stdout`), as `echo` writes each piece's text: one holding an escape code goes
    through `echo`."""
    stream = sys.stdout
    stream.flush()  # (anything written as text first comes first)
    plain = isatty(stream)
    for piece in pieces:
        if not plain and b"\033" in piece:
            echo(piece.decode("utf-8", errors), nl=False)
            continue
        view = memoryview(piece)
        while view:  # (a raw stream may take part of it; None: it would block, as a text stream's)
            written = buffer.write(view)
            view = view[len(view) if written is None else written :]
        buffer.flush()


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False


def say(message: str, *, keep_newlines: bool = False) -> None:
    """A line for the user on stderr (notes, errors, "wrote …"), with visible escapes."""
    with contextlib.suppress(OSError):  # stderr may be gone: the exit code still says it
        echo(visible(message, keep_newlines=keep_newlines), err=True)


def report_error(message: str, *, keep_newlines: bool = False) -> None:
    """`licensecheck: error: …` on stderr, every value in it shown, never acting; with
    `keep_newlines`, a message that lists several problems keeps one per line."""
    say(f"licensecheck: error: {message}", keep_newlines=keep_newlines)


def report(exc: LicensecheckError) -> None:
    """An error as the user reads it: an InputError's problems one per line (each already
    inert, errors.InputError), any other message on one line."""
    report_error(str(exc), keep_newlines=isinstance(exc, InputError))


def guarded(func: Callable[[], R]) -> R:
    """Run one command: the tool's own errors, and a file or stream that cannot be read or
    written, become a message on stderr and exit code 2, never a traceback. Values in the
    message are shown with visible escapes (a path or name may hold a line break or a
    terminal escape)."""
    from licensecheck.huboverlay import run_scope

    try:
        # A run is short and its records are acyclic: the collector would only rescan them.
        with no_collector(), run_scope():
            return func()
    except LicensecheckError as exc:
        report(exc)
    except OSError as exc:  # e.g. standard output on a full device
        where = f"{exc.filename}: " if exc.filename else ""
        report_error(f"{where}{exc.strerror or exc}")
    sys.exit(EXIT_INPUT)


def use_color(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def write_report(path: str | Path, text: str | Iterable[str]) -> None:
    """Write a report the user asked for with -o/--output, whole or not at all (a temporary
    file renamed into place); failing to is an input error (exit 2)."""
    target = Path(path)
    partial = target.with_name(f".licensecheck-{os.getpid()}-{target.name}.tmp")
    try:
        with open(partial, "w", encoding="utf-8") as f:
            for chunk in [text] if isinstance(text, str) else text:
                f.write(chunk)
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


def chunked(parts: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """`parts` joined into pieces of about `size` characters: a large report is written as it
    is made, without holding it whole, and without a flush for every line."""
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def load_all(paths: Iterable[str], load: Callable[[str], Manifest]) -> list[Manifest]:
    """Parse every manifest before any is judged, reporting each bad one; exit 2 if any was
    bad (one bad manifest means nothing is reported)."""
    parsed, bad = [], 0
    for path in paths:
        try:
            parsed.append(load(path))
        except LicensecheckError as exc:
            report(exc)
            bad += 1
    if bad:
        sys.exit(EXIT_INPUT)
    return parsed
