"""GitHub Actions workflow commands: annotations on the manifest lines of a pull request.

One annotation per subject and line (its findings under every terms version together),
worst first. Levels follow the verdict as in SARIF: prohibited `error`, needs-review
`warning`, conditional `notice`; permitted findings are not annotated, waived ones are a
notice. GitHub shows only so many annotations of a level per step: past that, one
summary annotation names the rest. Plain lines (a summary per manifest) only go to the log.
"""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.finding import Finding
from licensecheck.report.ci import approval, message, relative, reported
from licensecheck.result import Result
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

# GitHub shows at most this many annotations of each level per step.
SHOWN_PER_LEVEL = 10

COMMANDS = {
    Verdict.PROHIBITED: "error",
    Verdict.NEEDS_REVIEW: "warning",
    Verdict.CONDITIONAL: "notice",
    Verdict.PERMITTED: "notice",
}


def render(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str:
    lines: list[str] = []
    for result in results:
        path = relative(result.manifest)
        groups: dict[tuple[str, int], list[Finding]] = {}
        for f in result.findings:  # worst first: so are the groups
            if reported(f):
                groups.setdefault((f.subject.lower(), f.line or 1), []).append(f)
        lines += _within_limits(
            [(_level(g), annotation(g, path), g[0].subject) for g in groups.values()], path
        )
        for gap in result.gaps:
            props = (
                f"file={_escape_property(visible(path))},line=1,title=licensecheck%3A the run needs review"
            )
            lines.append(f"::{COMMANDS[Verdict.NEEDS_REVIEW]} {props}::{_escape_data(visible(gap))}")
        outcome = "fails" if result.failed else "passes"
        # A plain log line: no value may start a line of its own or act as a command.
        lines.append(
            visible(
                f"licensecheck: {path}: {result.verdict.value} ({outcome}; fail-on {result.fail_on.value})"
            )
        )
    return "\n".join(lines) + "\n"


def _level(group: list[Finding]) -> str:
    if all(f.waiver is not None and f.waiver.waived for f in group):
        return "notice"
    return COMMANDS[Verdict.worst(f.shown_verdict for f in group)]


def annotation(group: list[Finding], path: str) -> str:
    """One subject on one line: its worst verdict, then what each finding says, once."""
    first = group[0]
    worst = Verdict.worst(f.shown_verdict for f in group)
    waived = all(f.waiver is not None and f.waiver.waived for f in group)
    title = f"licensecheck: {first.subject} {worst.phrase}" + (" (waived)" if waived else "")
    props = {"file": visible(path), "line": str(first.line or 1), "title": visible(title)}
    text = " ".join(dict.fromkeys(message(f) for f in group))
    w = first.waiver.waiver if waived and first.waiver is not None else None
    if w is not None:
        text += f" Waived: {approval(w)}"
    # The runner encodes line breaks in a message (%0A), so they stay; nothing else active may.
    text = visible(text, keep_newlines=True)
    for cited in dict.fromkeys(f"{c.terms} {c.where}: {c.url}" for f in group for c in f.citations):
        text += "\n" + visible(cited)
    joined = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items())
    return f"::{_level(group)} {joined}::{_escape_data(text)}"


def _within_limits(annotations: list[tuple[str, str, str]], path: str) -> list[str]:
    """At most SHOWN_PER_LEVEL of each level: the last place goes to one that names the rest."""
    out: list[str] = []
    for level in ("error", "warning", "notice"):
        of_level = [(text, subject) for lvl, text, subject in annotations if lvl == level]
        if len(of_level) <= SHOWN_PER_LEVEL:
            out += [text for text, _ in of_level]
            continue
        keep, rest = of_level[: SHOWN_PER_LEVEL - 1], of_level[SHOWN_PER_LEVEL - 1 :]
        out += [text for text, _ in keep]
        names = ", ".join(subject for _, subject in rest)
        props = f"file={_escape_property(visible(path))},line=1,title=licensecheck%3A {len(rest)} more"
        summary = f"{len(rest)} more subjects at this level (see the log or the SARIF report): {names}"
        out.append(f"::{level} {props}::{_escape_data(visible(summary))}")
    return out


def _escape_data(text: str) -> str:
    # The runner's own encoding for a command's message (newlines become real line breaks).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
