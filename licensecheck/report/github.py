"""GitHub Actions workflow commands: annotations on the manifest lines of a pull request.

Levels follow the verdict as in SARIF: prohibited `error`, needs-review `warning`,
conditional `notice`; permitted findings are not annotated, waived ones are a notice.
Plain lines (a summary per manifest) only go to the log.
"""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.finding import Finding
from licensecheck.report.ci import effective_verdict, message, relative, reported
from licensecheck.result import Result
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

COMMANDS = {
    Verdict.PROHIBITED: "error",
    Verdict.NEEDS_REVIEW: "warning",
    Verdict.CONDITIONAL: "notice",
    Verdict.PERMITTED: "notice",
}


def render(results: Sequence[Result], *, color: bool = False) -> str:
    lines: list[str] = []
    for result in results:
        path = relative(result.manifest)
        for f in result.findings:
            if reported(f):
                lines.append(annotation(f, path))
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


def annotation(f: Finding, path: str) -> str:
    waived = f.waiver is not None and f.waiver.waived
    command = "notice" if waived else COMMANDS[effective_verdict(f)]
    title = f"licensecheck: {f.subject} is {effective_verdict(f).value}" + (" (waived)" if waived else "")
    props = {"file": visible(path), "line": str(f.line or 1), "title": visible(title)}
    text = message(f)
    if waived and f.waiver is not None:
        w = f.waiver.waiver
        text += f" Waived by {w.approved_by} until {w.expires.isoformat()}: {w.reason}"
    # The runner encodes line breaks in a message (%0A), so they stay; nothing else active may.
    text = visible(text, keep_newlines=True)
    for cited in dict.fromkeys(f"{c.terms} {c.where}: {c.url}" for c in f.citations):
        text += "\n" + visible(cited)
    joined = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items())
    return f"::{command} {joined}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    # The runner's own encoding for a command's message (newlines become real line breaks).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
