"""The exception hierarchy: everything the CLI turns into exit code 2."""

from __future__ import annotations

from licensecheck.visible import visible


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
