"""What the CI formats (SARIF, GitHub annotations, JUnit) share: which findings they
show, at which verdict, in what words, and where the manifest is.

Paths are relative to the repository root, as GitHub maps annotations and
code-scanning alerts by them: the base is `$GITHUB_WORKSPACE` when a manifest lies
inside it, else the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from licensecheck.finding import Finding
from licensecheck.manifest import Waiver
from licensecheck.verdict import Verdict


def base_dir() -> Path:
    workspace = os.environ.get("GITHUB_WORKSPACE")
    return Path(workspace).resolve() if workspace else Path.cwd().resolve()


def relative(manifest: str) -> str:
    """`manifest` relative to the base, with forward slashes; absolute when it lies outside."""
    absolute = Path(manifest).resolve()
    for base in (base_dir(), Path.cwd().resolve()):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


def reported(f: Finding) -> bool:
    """Whether a finding is annotated: anything but a plain (unwaived) permission."""
    return f.verdict is not Verdict.PERMITTED or (f.waiver is not None and f.waiver.waived)


def message(f: Finding) -> str:
    """One paragraph: what, under which terms, why, and what to do."""
    terms = f.terms or "no known terms"
    parts = [f"{f.subject} ({f.role.value}) {f.shown_verdict.phrase} under {terms}."]
    parts += list(f.reasons)
    if f.obligations:
        parts.append("Obligations: " + " ".join(f.obligation_texts))
    return " ".join(parts)


def approval(w: Waiver) -> str:
    """ "approved by legal@… on 2026-01-02 until 2027-01-01: reason": who, when, until, why."""
    on = f" on {w.approved_on.isoformat()}" if w.approved_on else ""
    return f"approved by {w.approved_by}{on} until {w.expires.isoformat()}: {w.reason}"
