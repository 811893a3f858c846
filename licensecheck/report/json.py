"""The contract's JSON (section 4), plus extra keys the contract allows."""

from __future__ import annotations

import json
from typing import Any

from licensecheck.engine import Result
from licensecheck.verdict import Finding


def finding_to_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "subject": f.subject,
        "role": f.role.value,
        "verdict": f.verdict.value,
        "terms": f.terms,
        "reasons": list(f.reasons),
        "obligations": list(f.obligations),
        "citations": [c.to_json() for c in f.citations],
        "rules": list(f.rules),
        "line": f.line,
        "lineage": list(f.lineage),
    }
    if f.via:
        out["via"] = f.via
    if f.waiver is not None:
        out["waiver"] = {
            "status": f.waiver_status,
            "approved_by": f.waiver.approved_by,
            "reason": f.waiver.reason,
            "expires": f.waiver.expires,
        }
        if f.original_verdict is not None:
            out["waiver"]["original_verdict"] = f.original_verdict.value
    return out


def result_to_json(result: Result) -> dict[str, Any]:
    return {
        "licensecheck": 1,
        "verdict": result.verdict.value,
        "manifest": result.manifest,
        "project": result.project,
        "as_of": result.as_of.isoformat(),
        "policy": result.policy,
        "registry_version": result.registry_version,
        "findings": [finding_to_json(f) for f in result.findings],
        "unused_waivers": [w.subject for w in result.unused_waivers],
    }


def render(result: Result) -> str:
    return json.dumps(result_to_json(result), indent=2, ensure_ascii=False) + "\n"
