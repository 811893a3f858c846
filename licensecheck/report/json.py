"""The contract's JSON (section 4), plus extra keys the contract allows.

One manifest renders as the contract's object. Several give `{"licensecheck": 1,
"verdict": <worst>, "failed": <any failed>, "manifests": [<the object of each>]}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from licensecheck.finding import Finding
from licensecheck.report import jsontext
from licensecheck.report.subjects import overlaid
from licensecheck.result import Result
from licensecheck.verdict import Verdict
from licensecheck.visible import json_text


def finding_to_json(f: Finding, contact: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "subject": f.subject,
        "role": f.role.value,
        "verdict": f.verdict.value,
        "terms": f.terms,
        "reasons": list(f.reasons),
        "obligations": list(f.obligation_texts),
        "citations": [c.to_json() for c in f.citations],
        "rules": list(f.rules),
        "line": f.line,
        "lineage": list(f.lineage),
        # Beside the contract's keys: each obligation's kind, clauses and subject, and the part
        # of the period of use the terms version governed.
        "obligation_details": [o.to_json() for o in f.obligations],
        "period": _period(f),
    }
    if f.via:
        out["via"] = f.via
    if f.found_in:
        out["found_in"] = list(f.found_in)
    if f.org is not None:  # the organisation's policy list or overlay behind it, with file and line
        out["organisation"] = f.org.to_json()
    if contact is not None:
        out["contact"] = contact
    if f.waiver is not None:
        w = f.waiver.waiver
        out["waiver"] = {
            "status": f.waiver.state.value,
            "approved_by": w.approved_by,
            "reason": w.reason,
            "expires": w.expires.isoformat(),
        }
        if w.approved_on is not None:
            out["waiver"]["approved_on"] = w.approved_on.isoformat()
        if f.waiver.waived:
            out["waiver"]["original_verdict"] = f.waiver.original.value
    return out


def _period(f: Finding) -> dict[str, Any] | None:
    g = f.governed
    if g is None:
        return None
    return {"from": g.start.isoformat(), "until": g.end.isoformat(), "on_record": g.on_record}


def result_to_json(result: Result) -> dict[str, Any]:
    out: dict[str, Any] = {
        "licensecheck": 1,
        "verdict": result.verdict.value,
        "manifest": result.manifest,
        "project": result.project,
        "as_of": result.as_of.isoformat(),
        "policy": result.policy,
        "registry_version": result.registry_version,
        "findings": [
            finding_to_json(f, result.contact if result.fail_on <= f.verdict else None)
            for f in result.findings
        ],
        "unused_waivers": [w.subject for w in result.unused_waivers],
        "gaps": list(result.gaps),  # needs review for the whole run, apart from any subject
    }
    if result.contact is not None:
        out["contact"] = result.contact
    changed = overlaid(result)
    if changed:  # overlays that change what a built-in registry entry allows, for a reviewer
        out["overlays"] = [
            {"subject": f.subject, "role": f.role.value, **f.org.to_json()} for f in changed if f.org
        ]
    return out


def results_to_json(results: Sequence[Result]) -> dict[str, Any]:
    if len(results) == 1:
        return result_to_json(results[0])
    return {
        "licensecheck": 1,
        "verdict": Verdict.worst(r.verdict for r in results).value,
        "failed": any(r.failed for r in results),
        "manifests": [result_to_json(r) for r in results],
    }


def render(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str:
    return json_text(jsontext.dumps(results_to_json(results))) + "\n"
