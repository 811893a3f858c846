"""What the CycloneDX and SPDX 3 documents say beyond SPDX 2.3's packages: each input's
verdict, obligations and governing terms as `licensecheck:` properties (docs/sbom.md names
them), and the terms a format lists one by one as an input's licences.

Both formats read these from the same `sbom.Inputs`, so they name the same terms versions
as the SPDX 2.3 document and as `check`.
"""

from __future__ import annotations

from licensecheck.finding import Finding, Obligation
from licensecheck.result import Result
from licensecheck.sbom import Inputs, Package
from licensecheck.terms import Terms
from licensecheck.verdict import Verdict

PREFIX = "licensecheck:"
NOASSERTION = "NOASSERTION"

Property = tuple[str, str]


def run_properties(result: Result) -> list[Property]:
    """The run as `check --format json` states it: what was judged, when, under what."""
    project = result.inputs.project
    props = [
        ("verdict", result.verdict.value),
        ("as-of", result.as_of.isoformat()),
        ("use", project.use.value),
        ("release", project.release.value),
        ("policy", result.policy),
        ("registry-version", result.registry_version),
        ("manifest", result.manifest),
    ]
    props += [("gap", gap) for gap in result.gaps]
    return _named(props)


def package_properties(pkg: Package) -> list[Property]:
    """One input: its roles, and for a judged one the worst verdict, the terms versions
    applied (`id@version`), the licence concluded from them, obligations and waivers."""
    props = [("role", role) for role in pkg.roles]
    if pkg.judged:
        props.append(("verdict", Verdict.worst(s.verdict for s in pkg.judged).value))
        props += [("terms", full_id) for full_id in dict.fromkeys(g.full_id for g in pkg.governed)]
        # Fail closed: unknown terms are said to be unknown, never left to look permissive.
        props.append(("concluded-licence", pkg.concluded or NOASSERTION))
        props += [("obligation", text) for text in dict.fromkeys(o.text for o in obligations(pkg.findings))]
        props += [("waiver", waiver) for waiver in _waivers(pkg.findings)]
    return _named(props)


def student_properties(result: Result) -> list[Property]:
    """The student: the run's verdict is whether it may be trained on these inputs."""
    return _named([("role", "student"), ("verdict", result.verdict.value)])


def obligations(findings: tuple[Finding, ...]) -> tuple[Obligation, ...]:
    """Every obligation of `findings` once, in the order found."""
    return tuple(dict.fromkeys(o for f in findings for o in f.obligations))


def licence_terms(inputs: Inputs, pkg: Package) -> tuple[tuple[Terms, ...], bool]:
    """The terms a format lists as an input's licences, and whether `check` concluded them:
    a judged input's own governing terms; a lineage model's terms as the registry records
    them (declared, not judged); nothing for the student, whose licence is not declared."""
    if pkg.judged:
        return pkg.own_terms, True
    if pkg.kind == "model":
        return inputs.recorded_terms(pkg), False
    return (), False


def _waivers(findings: tuple[Finding, ...]) -> list[str]:
    out = []
    for f in findings:
        if f.waiver is not None:
            w = f.waiver.waiver
            out.append(
                f"{f.waiver.state.value} ({f.terms or 'no terms'}): approved by {w.approved_by},"
                f" expires {w.expires.isoformat()}; the rules gave {f.waiver.original.value}"
            )
    return list(dict.fromkeys(out))


def _named(props: list[tuple[str, str]]) -> list[Property]:
    return [(PREFIX + name, value) for name, value in props]
