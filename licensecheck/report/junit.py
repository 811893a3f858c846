"""JUnit XML for test-report views (GitLab `artifacts:reports:junit`, Jenkins `junit`).

One test suite per manifest, one test case per subject and role (its findings under
every terms version together), permitted ones included so the counts add up to the
subjects. A case fails when its worst verdict fails the run (at or above the fail-on
threshold); the others pass and carry their reasons and obligations in system-out.
Nothing is skipped and nothing is an error: input errors never reach a report (they
exit 2).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from licensecheck.finding import Finding
from licensecheck.report.ci import approval, message, relative
from licensecheck.result import Result
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """Text for an attribute or element: nothing active (a line break in a value included),
    and nothing XML 1.0 cannot carry. The report's own line breaks are added after."""
    return _NOT_XML.sub("\ufffd", visible(text))


def render(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str:
    root = ET.Element("testsuites", name="licensecheck")
    total = failed = 0
    for result in results:
        suite, tests, failures = _suite(result)
        root.append(suite)
        total += tests
        failed += failures
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    root.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(result: Result) -> tuple[ET.Element, int, int]:
    path = relative(result.manifest)
    suite = ET.Element("testsuite", name=_clean(path))
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("project", result.project),
        ("verdict", result.verdict.value),
        ("fail_on", result.fail_on.value),
        ("policy", result.policy),
        ("as_of", result.as_of.isoformat()),
        ("registry_version", result.registry_version),
    ):
        ET.SubElement(props, "property", name=name, value=_clean(value))
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        groups.setdefault((f.role.value, f.subject.lower()), []).append(f)
    cases = [_case(group, result, path) for group in groups.values()]
    cases += [_gap_case(gap, result, path) for gap in result.gaps]
    suite.extend(cases)
    failures = sum(case.find("failure") is not None for case in cases)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite, len(cases), failures


def _gap_case(gap: str, result: Result, path: str) -> ET.Element:
    """A reason the whole run needs review, as one test case of its own."""
    case = ET.Element(
        "testcase",
        classname=_clean(f"{result.project}.run"),
        name="training inputs",
        file=_clean(path),
        line="1",
    )
    case.set("time", "0")
    verdict = Verdict.NEEDS_REVIEW.value
    if result.fail_on <= Verdict.NEEDS_REVIEW:
        ET.SubElement(case, "failure", message=_clean(f"{verdict}: {gap}"), type=verdict).text = _clean(gap)
    else:
        ET.SubElement(case, "system-out").text = _clean(gap)
    return case


def _case(group: list[Finding], result: Result, path: str) -> ET.Element:
    """One subject in one role: it fails when any of its findings reaches the threshold."""
    first = group[0]  # the worst: the engine orders findings worst first
    case = ET.Element(
        "testcase",
        # Jenkins reads classname as package.class: the project, then the role.
        classname=_clean(f"{result.project}.{first.role.value}"),
        name=_clean(first.subject),
        file=_clean(path),
        line=str(first.line or 1),
        time="0",
    )
    text = "\n\n".join(_details(f, path) for f in group)
    if result.fail_on <= first.verdict:
        first_reason = first.reasons[0] if first.reasons else first.verdict.value
        failure = ET.SubElement(
            case,
            "failure",
            message=_clean(f"{first.verdict.value}: {first_reason}"),
            type=first.verdict.value,
        )
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case


def _details(f: Finding, path: str) -> str:
    details = [message(f), f"at {path}:{f.line or 1}"]
    details += [f"cites {c.terms} {c.where}: {c.url}" for c in f.citations]
    if f.waiver is not None:
        w = f.waiver.waiver
        details.append(f"waiver ({f.waiver.state.value}): {approval(w)}")
    return "\n".join(_clean(d) for d in details)
