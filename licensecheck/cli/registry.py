"""`licensecheck registry list|show`: what the tool knows, with its evidence."""

from __future__ import annotations

import sys
from typing import Any

import click

from licensecheck.cli.common import EXIT_INPUT, emit, emit_json, handles_errors, output_option, report_error
from licensecheck.finding import section_mark


@click.group()
def registry() -> None:
    """Inspect the registry of licences and terms of service."""


@registry.command("list")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@output_option("the list")
@handles_errors
def list_terms(output_format: str, output: str | None) -> None:
    """List every licence and terms version in the registry."""
    from licensecheck.registry import Registry

    reg = Registry()
    rows = [t for sid in reg.series_ids() for t in reg.series(sid)]
    if output_format == "json":
        payload = {
            "registry_version": reg.version,
            "terms": [
                {
                    "id": t.full_id,
                    "name": t.name,
                    "kind": t.kind.value,
                    "effective": t.effective.isoformat(),
                    "spdx": t.spdx,
                    "source": t.source,
                }
                for t in rows
            ],
        }
        emit_json(payload, output)
        return
    width = max((len(t.full_id) for t in rows), default=10)
    emit(
        "".join(
            f"{t.full_id:<{width}}  {t.kind.value:<13}  {t.effective.isoformat()}  {t.name}\n" for t in rows
        ),
        output,
    )


@registry.command("show")
@click.argument("terms_id")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@output_option("the terms")
@handles_errors
def show(terms_id: str, output_format: str, output: str | None) -> None:
    """Show TERMS_ID (id@version, or id for the latest version): clauses, quotes and provisions."""
    from licensecheck.provisions import to_data
    from licensecheck.registry import Registry

    reg = Registry()
    terms = reg.terms(terms_id)
    if terms is None:
        near = [n for n in reg.near(terms_id.partition("@")[0]) if n in reg.series_ids()]
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        report_error(f"no terms '{terms_id}' in the registry{hint}")
        sys.exit(EXIT_INPUT)
    versions = [t.full_id for t in reg.series(terms.id)]
    if output_format == "json":
        payload: dict[str, Any] = {
            "id": terms.full_id,
            "name": terms.name,
            "kind": terms.kind.value,
            "publisher": terms.publisher,
            "effective": terms.effective.isoformat(),
            "source": terms.source,
            "spdx": terms.spdx,
            "inherited": terms.inherited,
            "summary": terms.summary,
            "versions": versions,
            "clauses": [
                {"id": c.id, "section": c.section, "quote": c.quote, "url": c.url}
                for c in terms.clauses.values()
            ],
            "provisions": {kind: to_data(p) for kind, p in terms.provisions.items()},
        }
        emit_json(payload, output)
        return
    lines = [f"{terms.full_id}: {terms.name}"]
    lines.append(
        f"  kind: {terms.kind.value}   publisher: {terms.publisher}"
        f"   effective: {terms.effective.isoformat()}"
    )
    lines.append(f"  source: {terms.source}")
    lines.append(f"  spdx: {terms.spdx}   binds derivatives: {'yes' if terms.inherited else 'no'}")
    lines.append(f"  versions: {', '.join(versions)}")
    lines.append(f"  summary: {terms.summary}")
    lines.append("  what the engine reads:")
    for kind, provision in terms.provisions.items():
        data = to_data(provision)
        params = ", ".join(f"{k}={v}" for k, v in data.items() if k != "clause")
        lines.append(f"    {kind}: {params or '(no parameters)'}  [clause {data.get('clause')}]")
    lines.append("  clauses:")
    for c in terms.clauses.values():
        lines.append(f"    [{c.id}] {section_mark(c.section)} <{c.url}>")
        lines.append(f"      \u201c{c.quote}\u201d")
    emit("".join(f"{line}\n" for line in lines), output)
