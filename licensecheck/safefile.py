"""Reading a file the user or the cache names, safely: only a regular file (a FIFO would
block, a device such as /dev/zero never ends, a directory is no document), never more
than a size cap, and every failure an InputError naming the file."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from licensecheck.errors import InputError

# Policies and registry files are kilobytes; a manifest of 100,000 datasets with every field
# set is about 15 MB. More than 32 MiB is no real one.
MAX_FILE_BYTES = 32 * 1024 * 1024


def read_regular_file(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`: a FIFO would block, a device
    (/dev/zero) never ends and a directory is no document, so none of them is read."""
    fd = _open(str(path))
    try:
        _check_regular(str(path), os.fstat(fd), max_bytes)
    except InputError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(max_bytes + 1)  # the file may have grown since fstat
        except OSError as exc:
            raise InputError(str(path), None, f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise InputError(str(path), None, _too_big(max_bytes))
    return data


def _open(file: str) -> int:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
        return os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(file, None, "file not found") from None
    except OSError as exc:
        if exc.errno in (errno.EISDIR, errno.EACCES) and os.path.isdir(file):  # Windows
            raise InputError(file, None, "cannot read: it is a directory, not a file") from None
        raise InputError(file, None, f"cannot read: {exc.strerror}") from None


def _check_regular(file: str, info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise InputError(file, None, f"cannot read: it is {_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise InputError(file, None, _too_big(max_bytes))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket or other special file"


def _too_big(max_bytes: int) -> str:
    return f"file too large: more than {max_bytes} bytes (the limit is {max_bytes // (1024 * 1024)} MiB)"


def parse_json(text: str) -> Any:
    """JSON from a file or an answer the tool did not write; nesting too deep for the parser
    is a ValueError like any other malformed document, never a RecursionError traceback."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
