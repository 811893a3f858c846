"""Output formats: one module per format, one table per report family.

`check` formats render the results of every manifest of a run:
`render(results, *, color=False, detail="normal") -> str`. Audit formats render one audit,
`render(audit, *, svg_href=None) -> str`, and several (one per manifest) in one document,
`render_many(audits, *, svg_hrefs=()) -> str`; a format may also give its text in pieces
(`parts`, `parts_many`) and, for the audit, its page encoded to UTF-8 in pieces
(`encoded_parts_many`), so a large report is written as it is made. The tables below are
the only place a format is named; the CLI's choices come from them. Adding a format is
adding a module and a table entry. Modules are imported only when their format is asked
for, so `check` loads what it prints and nothing else.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from licensecheck.audit import Audit
    from licensecheck.result import Result


class CheckRenderer(Protocol):
    def __call__(self, results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str: ...


class AuditRenderer(Protocol):
    def __call__(self, audit: Audit, *, svg_href: str | None = None) -> str: ...


class AuditsRenderer(Protocol):
    def __call__(self, audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> str: ...


@dataclass(frozen=True)
class Format:
    """An output format: the module that renders it and its help text."""

    module: str  # holds `render`
    help: str


CHECK_FORMATS: Mapping[str, Format] = {
    "text": Format("licensecheck.report.text", "the human report"),
    "json": Format("licensecheck.report.json", "the contract's JSON"),
    "sarif": Format("licensecheck.report.sarif", "SARIF 2.1.0 for code scanning"),
    "github": Format("licensecheck.report.github", "GitHub Actions annotations"),
    "junit": Format("licensecheck.report.junit", "JUnit XML test reports"),
}

AUDIT_FORMATS: Mapping[str, Format] = {
    "markdown": Format("licensecheck.report.markdown", "Markdown, for merge requests"),
    "html": Format("licensecheck.report.html", "one self-contained HTML file"),
    "json": Format("licensecheck.report.audit_json", "everything the audit shows, as JSON"),
}


def describe(table: Mapping[str, Format]) -> str:
    """The formats of a table for a --format help text."""
    return "; ".join(f"{name}: {f.help}" for name, f in table.items())


def render_check(name: str, results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str:
    """`detail` (summary, normal, verbose) is for the text report; the others always say all."""
    renderer: CheckRenderer = importlib.import_module(_module(CHECK_FORMATS, name)).render
    return renderer(results, color=color, detail=detail)


def check_parts(
    name: str, results: Sequence[Result], *, color: bool = False, detail: str = "normal"
) -> Iterable[str]:
    """`render_check`'s text in pieces, for a format that can make it so (a module's `parts`);
    a large report is then written as it is made, never held whole."""
    module = importlib.import_module(_module(CHECK_FORMATS, name))
    if hasattr(module, "parts"):
        pieces: Iterable[str] = module.parts(results, color=color, detail=detail)
        return pieces
    return [render_check(name, results, color=color, detail=detail)]


def render_audit(name: str, audit: Audit, *, svg_href: str | None = None) -> str:
    renderer: AuditRenderer = importlib.import_module(_module(AUDIT_FORMATS, name)).render
    return renderer(audit, svg_href=svg_href)


def render_audits(name: str, audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> str:
    renderer: AuditsRenderer = importlib.import_module(_module(AUDIT_FORMATS, name)).render_many
    return renderer(audits, svg_hrefs=svg_hrefs)


def audit_parts(name: str, audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> Iterable[str]:
    """`render_audits`'s text in pieces, for a format that can make it so (a module's
    `parts_many`): a large page is then written as it is made, never held whole."""
    module = importlib.import_module(_module(AUDIT_FORMATS, name))
    if hasattr(module, "parts_many"):
        pieces: Iterable[str] = module.parts_many(audits, svg_hrefs=svg_hrefs)
        return pieces
    return [render_audits(name, audits, svg_hrefs=svg_hrefs)]


def audit_encoded(
    name: str, audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = (), errors: str = "strict"
) -> Iterable[bytes] | None:
    """`audit_parts`' pieces encoded to UTF-8 with `errors`, for a format that can encode its
    page faster than encoding its text (a module's `encoded_parts_many`); else None."""
    module = importlib.import_module(_module(AUDIT_FORMATS, name))
    if not hasattr(module, "encoded_parts_many"):
        return None
    pieces: Iterable[bytes] = module.encoded_parts_many(audits, svg_hrefs=svg_hrefs, errors=errors)
    return pieces


def _module(table: Mapping[str, Format], name: str) -> str:
    if name not in table:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(table)}")
    return table[name].module
