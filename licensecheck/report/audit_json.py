"""The audit as JSON: everything the Markdown and HTML reports show, keys in a fixed order."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from licensecheck.audit import Audit, Subject, WaiverUse, timestamp
from licensecheck.report import jsontext, lineage_svg
from licensecheck.report.json import finding_to_json
from licensecheck.verdict import Verdict
from licensecheck.visible import json_text


def render(audit: Audit, *, svg_href: str | None = None) -> str:
    """The JSON document; the lineage diagram is always inline (`svg_href` is for Markdown)."""
    document = jsontext.dumps(to_json(audit, lineage_svg.for_audit(audit)))
    return json_text(document) + "\n"


def render_many(audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> str:
    """One audit's document as it is; several in one object, as `check --format json` does."""
    if len(audits) == 1:
        return render(audits[0])
    document = {
        "licensecheck": 1,
        "report": "audits",
        "verdict": Verdict.worst(a.verdict for a in audits).value,
        "failed": any(a.failed for a in audits),
        "manifests": [to_json(a, lineage_svg.for_audit(a)) for a in audits],
    }
    return json_text(jsontext.dumps(document)) + "\n"


def to_json(audit: Audit, svg: str | None = None) -> dict[str, Any]:
    """Everything the Markdown and HTML reports show, as JSON (keys in a fixed order)."""
    return {
        "licensecheck": 1,
        "report": "audit",
        "verdict": audit.verdict.value,
        "failed": audit.failed,
        "as_of": audit.as_of.isoformat(),
        "generated_at": timestamp(audit),
        "manifest": audit.manifest,
        "project": dataclasses.asdict(audit.project),
        "counts": dict(audit.counts),
        "gaps": list(audit.gaps),
        "subjects": [_subject_json(s) for s in audit.subjects],
        "obligations": [
            {
                "kind": o.kind.value,
                "text": o.text,
                "subjects": list(o.subjects),
                "clauses": [c.to_json() for c in o.clauses],
                "waived": o.waived,
            }
            for o in audit.obligations
        ],
        "waivers": [_waiver_json(w) for w in audit.waivers],
        "lineage": {
            "nodes": [
                {
                    "id": n.id,
                    "label": n.label,
                    "roles": list(n.roles),
                    "verdict": n.verdict.value if n.verdict else None,
                }
                for n in audit.lineage.nodes
            ],
            "edges": [{"from": e.source, "to": e.target, "label": e.label} for e in audit.lineage.edges],
            "svg": svg,
        },
        "sign_off": _sign_off(audit),
        # Overlays that change what a built-in registry entry allows, and whom to contact.
        "overlays": [
            {
                "subject": o.subject,
                "role": o.role.value,
                "kind": o.kind,
                "ref": o.ref,
                "label": o.label,
                "file": o.file,
                "line": o.line,
                "builtin_terms": o.builtin,
                "builtin_verdict": o.was.value,
                "verdict": o.now.value,
            }
            for o in audit.overlays
        ],
        "contact": audit.contact,
        "provenance": dataclasses.asdict(audit.provenance),
    }


def _waiver_json(w: WaiverUse) -> dict[str, Any]:
    return {
        "subject": w.subject,
        "approved_by": w.approved_by,
        "approved_on": w.approved_on.isoformat() if w.approved_on else None,
        "reason": w.reason,
        "expires": w.expires.isoformat(),
        "status": w.status,
        "valid": w.valid,
        "applies_to": list(w.applies_to),
        "line": w.line,
    }


def _subject_json(s: Subject) -> dict[str, Any]:
    findings = []
    for af in s.findings:
        entry = finding_to_json(af.finding)
        entry["terms_info"] = (
            {
                "id": af.terms.full_id,
                "name": af.terms.name,
                "version": af.terms.version,
                "effective": af.terms.effective.isoformat(),
                "kind": af.terms.kind,
                "publisher": af.terms.publisher,
                "source": af.terms.source,
            }
            if af.terms
            else None
        )
        findings.append(entry)
    return {
        "subject": s.ref,
        "role": s.role.value,
        "verdict": s.verdict.value,
        "label": s.label,
        "wrote": s.wrote,
        "through": s.through,
        "line": s.line,
        "findings": findings,
    }


def _sign_off(audit: Audit) -> dict[str, Any] | None:
    r = audit.sign_off
    if r is None:
        return None
    return {
        "reviewer": r.reviewer,
        "date": r.date.isoformat(),
        "decision": r.decision,
        "reference": r.reference or None,
        "notes": r.notes or None,
        "file": r.file,
    }
