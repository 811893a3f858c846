"""What the SBOM format tests share: the manifests every format must carry, the real CLI run
that writes a document, and what `check` applied to the same manifest."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.engine import evaluate
from licensecheck.huboverlay import hub_overlay
from licensecheck.refs import normalise
from licensecheck.registry import Registry
from licensecheck.result import Result
from licensecheck.terms import Terms
from tests.conftest import AS_OF, EXAMPLES, run_cli

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Case:
    name: str
    manifest: Path
    as_of: str
    registry: str | None = None

    @property
    def args(self) -> tuple[str, ...]:
        # --offline: an id the registry lacks must not send a test to the Hub.
        extra = ("--registry", self.registry) if self.registry else ()
        return ("--as-of", self.as_of, "--offline", *extra)

    def result(self) -> Result:
        """The Result `check` computes for this case, through the library."""
        parsed = manifest_mod.load(str(self.manifest))
        registry = Registry(Path(self.registry) if self.registry else None)
        registry = hub_overlay(parsed.file, parsed, registry, offline=True, locked=False)
        return evaluate(parsed, registry, policy_mod.load(None), datetime.date.fromisoformat(self.as_of))


CASES = [
    *(
        Case(p.name, p / "licensecheck.yaml", AS_OF)
        for p in sorted(EXAMPLES.iterdir())
        if (p / "licensecheck.yaml").is_file()
    ),
    Case("mixed", DATA / "sbom" / "mixed.yaml", "2025-01-01", str(DATA / "registry")),
]
MIXED = CASES[-1]


def write_sbom(case: Case, out: Path, output_format: str, *extra: str) -> str:
    """Run `licensecheck sbom` on `case` and return the document it wrote."""
    run = run_cli("sbom", str(case.manifest), "--format", output_format, "-o", str(out), *case.args, *extra)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "" and f"wrote {out}" in run.stderr
    return out.read_text(encoding="utf-8")


def check_terms(case: Case) -> set[str]:
    """The terms versions (`id@version`) `check --format json` says it applied."""
    run = run_cli("check", str(case.manifest), "--format", "json", *case.args)
    assert run.exit_code in (0, 1), run.stderr
    return {f["terms"] for f in run.json["findings"] if f["terms"]}


def spdx2_terms(text: str) -> set[str]:
    """The terms versions an SPDX 2.3 document's licence comments say `check` applied."""
    said = re.findall(r"licensecheck judged it under: (.*?)\.\"", text)
    return {m.group(1) for part in said for m in re.finditer(r"([\w.+-]+@[\w.+-]+) \(", part)}


def own_terms(result: Result) -> dict[str, set[Terms]]:
    """Per judged subject (normalised ref), the terms versions that governed it as itself."""
    out: dict[str, set[Terms]] = defaultdict(set)
    for s in result.subjects:
        out[normalise(s.ref)] |= {g.terms for g in s.governed if len(g.path) == 1}
    return out
