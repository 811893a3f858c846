"""Several manifests in one run: text and JSON documents that hold them all.

One manifest renders exactly as the single-manifest formats do (the contract's JSON
object). Several give, in JSON, `{"licensecheck": 1, "verdict": <worst>, "failed":
<any failed>, "manifests": [<the single-manifest object of each>]}`, and in text
one report per manifest followed by the overall verdict.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from licensecheck.engine import Result
from licensecheck.report import text
from licensecheck.report.json import result_to_json
from licensecheck.verdict import Verdict


def to_json(results: Sequence[Result]) -> dict[str, Any]:
    return {
        "licensecheck": 1,
        "verdict": Verdict.worst([r.verdict for r in results]).value,
        "failed": any(r.failed for r in results),
        "manifests": [result_to_json(r) for r in results],
    }


def render_json(results: Sequence[Result]) -> str:
    return json.dumps(to_json(results), indent=2, ensure_ascii=False) + "\n"


def render_text(results: Sequence[Result], *, color: bool = False) -> str:
    reports = [text.render(r, color=color) for r in results]
    worst = Verdict.worst([r.verdict for r in results])
    failing = [r.manifest for r in results if r.failed]
    summary = f"Overall verdict ({len(results)} manifests): {worst.value}"
    if failing:
        summary += f"; failing: {', '.join(failing)}"
    return "\n".join(reports) + "\n" + summary + "\n"
