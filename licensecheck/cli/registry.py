"""`licensecheck registry list|show`: what the tool knows, with its evidence."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from licensecheck.cli.common import EXIT_INPUT, handles_errors, report_error
from licensecheck.finding import section_mark


@click.group()
def registry() -> None:
    """Inspect the registry of licences and terms of service."""


@registry.command("list")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@handles_errors
def list_terms(output_format: str) -> None:
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
        click.echo(json.dumps(payload, indent=2))
        return
    width = max((len(t.full_id) for t in rows), default=10)
    for t in rows:
        click.echo(f"{t.full_id:<{width}}  {t.kind.value:<13}  {t.effective.isoformat()}  {t.name}")


@registry.command("show")
@click.argument("terms_id")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@handles_errors
def show(terms_id: str, output_format: str) -> None:
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
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"{terms.full_id}: {terms.name}")
    click.echo(
        f"  kind: {terms.kind.value}   publisher: {terms.publisher}"
        f"   effective: {terms.effective.isoformat()}"
    )
    click.echo(f"  source: {terms.source}")
    click.echo(f"  spdx: {terms.spdx}   binds derivatives: {'yes' if terms.inherited else 'no'}")
    click.echo(f"  versions: {', '.join(versions)}")
    click.echo(f"  summary: {terms.summary}")
    click.echo("  what the engine reads:")
    for kind, provision in terms.provisions.items():
        data = to_data(provision)
        params = ", ".join(f"{k}={v}" for k, v in data.items() if k != "clause")
        click.echo(f"    {kind}: {params or '(no parameters)'}  [clause {data.get('clause')}]")
    click.echo("  clauses:")
    for c in terms.clauses.values():
        click.echo(f"    [{c.id}] {section_mark(c.section)} <{c.url}>")
        click.echo(f"      \u201c{c.quote}\u201d")
