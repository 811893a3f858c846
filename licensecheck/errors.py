"""The exception hierarchy: everything the CLI turns into exit code 2."""

from __future__ import annotations

import unicodedata

# Characters a terminal acts on or hides rather than shows: controls (ESC starts escape
# sequences), format characters (zero-width, bidirectional overrides) and line/paragraph
# separators. A message quoting user input shows them as escapes instead.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control, invisible or bidirectional character written as an escape
    (`\\x1b`, `\\u202e`), so a message cannot hide, reorder or colour what it quotes."""
    return "".join(_visible_char(c, keep_newlines) for c in text)


def _visible_char(c: str, keep_newlines: bool) -> str:
    if c == "\n" and keep_newlines:
        return c
    if c.isascii() and c.isprintable():
        return c
    if unicodedata.category(c) not in _HIDDEN_CATEGORIES:
        return c
    code = ord(c)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class LicensecheckError(Exception):
    """Base class: a problem that stops a run before anything is judged."""


class InputError(LicensecheckError):
    """Bad input, located in a file (and a line where one is known)."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{visible(file)}:{line}" if line is not None else visible(file)
        # A problem may list several (one per line); within a line nothing is left raw.
        super().__init__(f"{where}: {visible(problem, keep_newlines=True)}")


class RegistryError(LicensecheckError):
    """The registry or a policy shipped with (or given to) the tool is inconsistent."""
