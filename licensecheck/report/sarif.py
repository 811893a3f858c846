"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one run, every manifest.

Each subject with findings that are not plainly permitted gets one result per rule,
located at the manifest line of the subject. A rule is a verdict under one terms version
(`prohibited/<terms>`), so its help can quote the clauses and link to them; findings of
one subject under one rule (parts of the period of use) are one result. Levels follow
the verdict: prohibited is `error`, needs-review `warning`, conditional `note`. Permitted
findings are left out; a waived finding stays in at the level it had, marked as suppressed
with the waiver as justification, so code scanning shows it as dismissed, not lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from licensecheck import __version__
from licensecheck.finding import Finding, section_mark
from licensecheck.report import jsontext, sarif_groups, shapes
from licensecheck.report.ci import approval, base_dir, message, relative, reported
from licensecheck.result import NAME_SLOT, Deferred, Fanout, Result, Stamp, SubjectResult
from licensecheck.verdict import Verdict
from licensecheck.visible import json_text

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

LEVELS = {
    Verdict.PROHIBITED: "error",
    Verdict.NEEDS_REVIEW: "warning",
    Verdict.CONDITIONAL: "note",
    Verdict.PERMITTED: "none",
}

MEANING = {
    Verdict.PROHIBITED: (
        "The governing terms forbid this use, or the manifest shows one of their obligations unmet."
    ),
    Verdict.NEEDS_REVIEW: (
        "licensecheck cannot decide this use: the subject, its licence or the clause that applies is"
        " unknown or ambiguous. A person must review it."
    ),
    Verdict.CONDITIONAL: "The use is permitted provided the listed obligations are met.",
    Verdict.PERMITTED: "Nothing in the governing terms restricts this use.",
}

_WAIVER_HINT = (
    "After review, a waiver in licensecheck.yaml (subject, approved_by, reason, expires) accepts a finding."
)


def rule_id(f: Finding) -> str:
    return f"{f.shown_verdict.value}/{f.terms or 'unknown-terms'}"


def render(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str:
    return "".join(parts(results, color=color, detail=detail))


def parts(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> Iterator[str]:
    """The log in pieces, in order (`render` joins them): a large log is written a piece at a
    time, never joined whole (its help text is not ASCII: a joined log would take twice the
    memory of its 10,000 mostly ASCII results)."""
    # json_text on each string, not on the whole log: the same text (it works character by
    # character, on what only strings hold), and the shapes' entries are escaped once.
    yield from jsontext.pieces(_log(results, templated=True), post=json_text)
    yield "\n"


def to_sarif(results: Sequence[Result]) -> dict[str, Any]:
    """The log as plain data (every result a dict)."""
    return _log(results, templated=False)


# Where a result sits in the log (runs[0].results[n]): the indent its entries are written at.
_ENTRY_NEWLINE = "\n" + " " * 8
# The slots of a shape's entry a dataset's line and fingerprint fill (raw NULs: see shapes.py).
_LINE = "\0line\0"
_PRINT = "\0fingerprint\0"


def _log(results: Sequence[Result], *, templated: bool) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any] | jsontext.Raw] = []
    seen: set[str] = set()
    for result in results:
        uri = relative(result.manifest)
        log = _Results(rules, out, seen, uri, result)
        plan = result.deferred() if templated else None
        if plan is not None:  # datasets not named yet: named only where a shape cannot serve
            log.deferred(plan)
        else:
            log.named(templated)
        for gap in result.gaps:
            rules.setdefault(RUN_RULE, _run_rule())
            entry = _gap_result(gap, list(rules).index(RUN_RULE), log.location, result)
            entry["partialFingerprints"] = {
                "licensecheckFinding/v1": _unique("\0".join((uri, "run", gap)), seen)
            }
            out.append(entry)
    for rule in rules.values():
        _finish_help(rule)
    root = base_dir().as_uri().rstrip("/") + "/"
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "licensecheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": list(rules.values()),
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": root}},
        "columnKind": "unicodeCodePoints",
        "results": out,
        "properties": {
            "verdict": Verdict.worst([r.verdict for r in results]).value,
            "manifests": [
                {
                    "uri": relative(r.manifest),
                    "project": r.project,
                    "verdict": r.verdict.value,
                    "failed": r.failed,
                    "fail_on": r.fail_on.value,
                    "policy": r.policy,
                    "as_of": r.as_of.isoformat(),
                    "registry_version": r.registry_version,
                }
                for r in results
            ],
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


RUN_RULE = "needs-review/run"


def _run_rule() -> dict[str, Any]:
    return {
        "id": RUN_RULE,
        "shortDescription": {"text": "the run needs review"},
        "fullDescription": {"text": MEANING[Verdict.NEEDS_REVIEW]},
        "defaultConfiguration": {"level": LEVELS[Verdict.NEEDS_REVIEW]},
        "properties": {"tags": ["licence", Verdict.NEEDS_REVIEW.value], "terms": None, "citations": []},
    }


class _Results:
    """One manifest's results, appended to the log's (`out`), their rules to `rules`."""

    def __init__(
        self,
        rules: dict[str, dict[str, Any]],
        out: list[dict[str, Any] | jsontext.Raw],
        seen: set[str],
        uri: str,
        result: Result,
    ) -> None:
        self.rules, self.out, self.seen, self.uri, self.result = rules, out, seen, uri, result
        self.location = _location(uri)
        # A shape's entry, rendered once (`_pattern`).
        self.entries: dict[tuple[object, ...], tuple[list[str], list[str], list[str]]] = {}
        self.escaped: dict[str, str] = {}  # a dataset's name as a JSON string holds it

    def named(self, templated: bool) -> None:
        """From `Result.findings`: every dataset named (a copy of a shape still rendered once)."""
        result = self.result
        wrote = {id(f): s.wrote or "" for s in result.subjects for f in s.findings}
        copies = shapes.positions(result) if templated else {}
        names: dict[int, shapes.Names | None] = {}
        groups: dict[tuple[str, str, int, str], list[Finding]] = {}
        for f in result.findings:  # worst first: so are the groups
            if reported(f):
                at = (f.subject.lower(), f.role.value, f.line or 1, rule_id(f))
                groups.setdefault(at, []).append(f)
        for group in groups.values():
            rid = rule_id(group[0])
            first = group[0]
            about = (self.uri, first.subject.lower(), first.role.value, wrote.get(id(first), ""), rid)
            shape = _shape(group, copies, names)
            if shape is None:
                self.plain(group, rid, about)
            else:
                fan, template = shape
                self.shaped(fan.template, template, rid, fan.name, group[0].line or 1, about)

    def deferred(self, plan: Deferred) -> None:
        """From the shapes' judgements (sarif_groups.py): a dataset is named only for a result
        its shape's entry cannot give."""
        names: dict[int, shapes.Names | None] = {}
        fits: dict[int, bool] = {}
        for group in sarif_groups.groups(plan, rule_id):
            subject, role, line, rid = group.at
            about = (self.uri, subject, role, group.wrote, rid)
            copied = _copied(group, names, fits)
            if copied is None:
                self.plain([sarif_groups.named(plan, m) for m in group.members], rid, about)
            else:
                stamp, template = copied
                self.shaped(stamp.judged, template, rid, stamp.dataset.name, line, about)

    def plain(self, group: list[Finding], rid: str, about: tuple[str, ...]) -> None:
        """A result written from its findings."""
        rule = self._rule(rid, group[0])
        for f in group:
            _add_citations(rule, f)
        entry = _result(group, rid, list(self.rules).index(rid), self.location, self.result)
        entry["partialFingerprints"] = {"licensecheckFinding/v1": _unique("\0".join(about), self.seen)}
        self.out.append(entry)

    def shaped(
        self,
        judged: tuple[SubjectResult, ...],
        template: list[Finding],
        rid: str,
        name: str,
        line: int,
        about: tuple[str, ...],
    ) -> None:
        """A dataset's result: its shape's entry (`template`: the shape's findings it copies,
        in order), rendered once, with its name, line and fingerprint filled in."""
        key = (id(judged), tuple(map(id, template)), rid)
        pattern = self.entries.get(key)
        if pattern is None:  # the rule and the citations it gathers are the shape's: added once
            rule = self._rule(rid, template[0])
            for f in template:
                _add_citations(rule, f)
            entry = _result(template, rid, list(self.rules).index(rid), self.location, self.result)
            entry["locations"][0]["physicalLocation"]["region"]["startLine"] = jsontext.Raw(_LINE)
            entry["partialFingerprints"] = {"licensecheckFinding/v1": jsontext.Raw(_PRINT)}
            rendered = jsontext.dumps(entry, json_text, _ENTRY_NEWLINE, NAME_SLOT)
            pattern = self.entries[key] = _pattern(rendered)
        escaped = self.escaped.get(name)
        if escaped is None:  # (a dataset has a result per rule and record: its name escaped once)
            escaped = self.escaped[name] = jsontext.dumps(name, json_text)[1:-1]
        print_ = _unique("\0".join(about), self.seen)
        self.out.append(jsontext.Raw(_filled(pattern, escaped, line, print_)))

    def _rule(self, rid: str, f: Finding) -> dict[str, Any]:
        """The rule `rid`, added when first seen (what it says holds no name: `f` may be a shape's)."""
        rule = self.rules.get(rid)
        if rule is None:
            rule = self.rules[rid] = _rule(rid, f)
        return rule


def _pattern(rendered: str) -> tuple[list[str], list[str], list[str]]:
    """A shape's entry split at its slots (the line's and the fingerprint's, one each, in that
    order; the name's around them), for `_filled`."""
    head, rest = rendered.split(_LINE)
    middle, tail = rest.split(_PRINT)
    return head.split(NAME_SLOT), middle.split(NAME_SLOT), tail.split(NAME_SLOT)


def _filled(pattern: tuple[list[str], list[str], list[str]], name: str, line: int, print_: str) -> str:
    """The entry with a dataset's escaped name, its line and its fingerprint in the slots: what
    shapes.fill and then replacing each slot once give (the escaped name holds no raw NUL, so
    no slot), in one copy."""
    head, middle, tail = pattern
    return "".join((name.join(head), str(line), name.join(middle), f'"{print_}"', name.join(tail)))


def _shape(
    group: list[Finding], copies: dict[int, tuple[Fanout, int, int]], names: dict[int, shapes.Names | None]
) -> tuple[Fanout, list[Finding]] | None:
    """The shape's findings `group` copies, in its order, when its entry can be rendered once:
    every finding from one record of one dataset's copy, whose name fits the shape."""
    first = copies.get(id(group[0]))
    if first is None:
        return None
    fan, i, _ = first
    where = [copies.get(id(f)) for f in group]
    if any(w is None or w[0] is not fan or w[1] != i for w in where):
        return None
    texts = shapes.judged_once(fan, names)
    if texts is None or not texts.fit(fan.name):
        return None
    return fan, [fan.template[i].findings[w[2]] for w in where if w is not None]


def _copied(
    group: sarif_groups.Group, names: dict[int, shapes.Names | None], fits: dict[int, bool]
) -> tuple[Stamp, list[Finding]] | None:
    """The dataset and the shape's findings `group` copies, in order, when its entry can be
    rendered once: every finding from one record of one dataset not named yet, whose name
    fits the shape (as `_shape` asks of a named dataset; `fits` keeps the answer by stamp)."""
    if group.copied is None:
        return None
    stamp = group.copied[0]
    fit = fits.get(id(stamp))
    if fit is None:
        key = id(stamp.judged)
        if key not in names:  # (as shapes.judged_once, keyed by the shape's judgement)
            findings = [f for s in stamp.judged for f in s.findings]
            names[key] = shapes.Names(findings) if shapes.clean(findings) else None
        texts = names[key]
        fit = fits[id(stamp)] = texts is not None and texts.fit(stamp.dataset.name)
    return (stamp, [m.shaped for m in group.members if isinstance(m, sarif_groups.Copy)]) if fit else None


def _location(uri: str) -> dict[str, Any]:
    """The manifest in a result: outside the repository there is nothing to be relative to,
    so an absolute file URI. (Worked out once per manifest: `Path` is not free.)"""
    if Path(uri).is_absolute():
        return {"uri": Path(uri).as_uri()}
    return {"uri": quote(uri, safe="/"), "uriBaseId": "SRCROOT"}


def _gap_result(gap: str, index: int, location: dict[str, Any], result: Result) -> dict[str, Any]:
    """A reason the whole run needs review (e.g. nothing declared), at the manifest's top."""
    return {
        "ruleId": RUN_RULE,
        "ruleIndex": index,
        "level": LEVELS[Verdict.NEEDS_REVIEW],
        "message": {"text": gap},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": {"startLine": 1}}}],
        "properties": {"project": result.project, "fails_run": result.fail_on <= Verdict.NEEDS_REVIEW},
    }


def _rule(rid: str, f: Finding) -> dict[str, Any]:
    verdict = f.shown_verdict
    terms = f.terms or "no known terms"
    rule: dict[str, Any] = {
        "id": rid,
        "shortDescription": {"text": f"{verdict.value} under {terms}"},
        "fullDescription": {"text": f"{MEANING[verdict]} Governing terms: {terms}."},
        "defaultConfiguration": {"level": LEVELS[verdict]},
        "properties": {
            "tags": ["licence", verdict.value],
            "terms": f.terms,
            "citations": [],
        },
    }
    _add_citations(rule, f)
    return rule


def _add_citations(rule: dict[str, Any], f: Finding) -> None:
    cited: list[dict[str, str]] = rule["properties"]["citations"]
    for c in f.citations:
        if c.to_json() not in cited:
            cited.append(c.to_json())


def _finish_help(rule: dict[str, Any]) -> None:
    """help text and helpUri from every clause the rule's results cite."""
    cited: list[dict[str, str]] = rule["properties"]["citations"]
    meaning = rule["fullDescription"]["text"]
    text = [meaning]
    markdown = [meaning]
    if cited:
        text.append("\nClauses:")
        markdown.append("\n**Clauses**\n")
        for c in cited:
            where = section_mark(c["section"])
            text.append(f"- {c['terms']} {where}: \u201c{c['quote']}\u201d <{c['url']}>")
            markdown.append(f"- [{c['terms']} {where}]({c['url']}): \u201c{c['quote']}\u201d")
        rule["helpUri"] = cited[0]["url"]
    text.append("\n" + _WAIVER_HINT)
    markdown.append("\n" + _WAIVER_HINT)
    rule["help"] = {"text": "\n".join(text), "markdown": "\n".join(markdown)}


def _result(
    group: list[Finding], rid: str, index: int, location: dict[str, Any], result: Result
) -> dict[str, Any]:
    """One subject under one rule: every part of the period it covers, said once."""
    f = group[0]
    out: dict[str, Any] = {
        "ruleId": rid,
        "ruleIndex": index,
        "level": LEVELS[f.shown_verdict],
        "message": {"text": " ".join(dict.fromkeys(message(g) for g in group))},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": f.line or 1},
                }
            }
        ],
        "properties": {
            "subject": f.subject,
            "role": f.role.value,
            "verdict": f.verdict.value,
            "terms": f.terms,
            "rules": list(dict.fromkeys(r for g in group for r in g.rules)),
            "obligations": list(dict.fromkeys(o for g in group for o in g.obligation_texts)),
            "citations": [c.to_json() for c in dict.fromkeys(c for g in group for c in g.citations)],
            "periods": [_period(g) for g in group if g.governed is not None],
            "lineage": list(f.lineage),
            "project": result.project,
            "fails_run": result.fail_on <= f.verdict,
        },
    }
    if f.waiver is not None:
        w = f.waiver.waiver
        out["properties"]["waiver"] = {
            "status": f.waiver.state.value,
            "approved_by": w.approved_by,
            "approved_on": w.approved_on.isoformat() if w.approved_on else None,
            "reason": w.reason,
            "expires": w.expires.isoformat(),
        }
        if f.waiver.waived:
            out["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": f"Waived: {approval(w)}",
                }
            ]
    return out


def _period(f: Finding) -> dict[str, Any]:
    g = f.governed
    assert g is not None
    return {"from": g.start.isoformat(), "until": g.end.isoformat(), "on_record": g.on_record}


def _unique(key: str, seen: set[str]) -> str:
    """A fingerprint of what the result is about (manifest, subject, role, the dataset a
    generator wrote, rule), never its line or dates: it survives edits that move lines and
    the passing days of an undated use. Code scanning merges results that share one, so a
    repeat (the same subject declared twice) is told apart by its place in the run."""
    n = 0
    while True:
        digest = hashlib.sha256(f"{key}\0{n}".encode() if n else key.encode()).hexdigest()[:32]
        if digest not in seen:
            seen.add(digest)
            return digest
        n += 1
