"""The audit as Markdown (CommonMark with GitHub tables and task lists), for merge requests.

Every piece of text from the manifest or the registry goes through `text()` (or `code()`,
`link()`), so a name with `|`, `*` or `<` can neither break a table nor inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from licensecheck import auditstamps
from licensecheck.audit import MEANING, OBLIGATION_KINDS, Audit, AuditFinding, Subject, timestamp
from licensecheck.finding import Citation
from licensecheck.report import groups, lineage_svg
from licensecheck.report.subjects import Told, headline, sections, verdict_words
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def text(value: object) -> str:
    """Plain text inside a line: a paragraph, heading or table cell."""
    flat = visible(" ".join(str(value).split()))
    return _SPECIAL.sub(r"\\\1", flat)


def item(value: object) -> str:
    """A list item: text that also begins a block, where `1.` or `-` would start a list."""
    return "- " + _LEADING.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text(value)
    )


def code(value: object) -> str:
    """An inline code span; `|` is escaped, as GitHub tables split cells on it even in code."""
    flat = visible(" ".join(str(value).split())).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def link(label: str, url: str) -> str:
    """A link for http(s) URLs only; anything else is shown as text, never followed."""
    if not _URL.match(url):
        return text(f"{label} ({url})")
    return f"[{text(label)}](<{url}>)"


def render(audit: Audit, *, svg_href: str | None = None) -> str:
    """The report; `svg_href` names a separate SVG file for the lineage diagram instead of
    inlining it (GitHub shows an image file, not inline SVG)."""
    out: list[str] = []
    p = audit.project
    out += [
        f"# Licence audit: {text(p.name)}",
        "",
        f"**Verdict: {audit.verdict.value.upper()}**: {text(MEANING[audit.verdict])}.",
        "",
        f"Judged as of {audit.as_of.isoformat()} under the terms in force on that date;"
        f" manifest {code(audit.manifest)}, policy {code(audit.provenance.policy)}.",
        "",
        f"Generated at {timestamp(audit)}.",
        "",
    ]
    if audit.contact and audit.failed:
        out += [f"Contact for the failing findings: {text(audit.contact)}.", ""]
    arranged = groups.arrange(audit)
    out += _summary(audit, arranged)
    out += _context(audit)
    out += ["## Lineage", ""]
    if svg_href is not None:
        alt = "Lineage: the student, its base model, teachers, datasets and generators"
        out += [f"![{alt}]({code_path(svg_href)})", ""]
    else:
        out += [lineage_svg.for_audit(audit, groups.drawn(audit, arranged)), ""]
    out += ["## Findings", ""]
    for one in arranged:
        if isinstance(one, groups.Group):
            out += _group(one, audit.manifest)
        else:
            out += _subject(one[0], one[1], audit.manifest)
    if not audit.any_subject:
        out += ["No teachers, base model or datasets are declared: nothing to judge.", ""]
    out += [item(f"Needs review: {gap}") for gap in audit.gaps] + ([""] if audit.gaps else [])
    out += _obligations(audit)
    out += _waivers(audit)
    out += _overlays(audit)
    out += _review(audit)
    out += _provenance(audit)
    return "\n".join(out).rstrip("\n") + "\n"


def render_many(audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> str:
    """Several manifests: the overall verdict and a table of them, then each report."""
    if len(audits) == 1:
        return render(audits[0], svg_href=svg_hrefs[0] if svg_hrefs else None)
    worst = Verdict.worst(a.verdict for a in audits)
    rows = [
        [code(a.manifest), text(a.project.name), f"**{a.verdict.value}**", "yes" if a.failed else "no"]
        for a in audits
    ]
    out = [
        f"# Licence audits: {len(audits)} manifests",
        "",
        f"**Overall verdict: {worst.value.upper()}**: {text(MEANING[worst])}.",
        "",
        *_table(["Manifest", "Project", "Verdict", "Fails the run"], rows),
    ]
    hrefs = list(svg_hrefs) or [None] * len(audits)
    reports = [_one_level_down(render(a, svg_href=href)) for a, href in zip(audits, hrefs, strict=True)]
    return "\n".join(out) + "\n---\n\n" + "\n---\n\n".join(reports)


def _one_level_down(report: str) -> str:
    """A report's headings one level deeper, under the document's own title. Text from
    outside is escaped (a `#` never begins a line of it), so only headings begin with `#`;
    fenced code is left alone."""
    out, fence = [], ""
    for line in report.split("\n"):
        if fence:
            fence = "" if line.startswith(fence) else fence
        elif line.startswith("```"):
            fence = line[: len(line) - len(line.lstrip("`"))]
        elif line.startswith("#"):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def code_path(path: str) -> str:
    """A relative file name as a link destination."""
    return "<" + path.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _summary(audit: Audit, arranged: Sequence[groups.Item | groups.Group]) -> list[str]:
    rows = []
    for one in arranged:
        if isinstance(one, groups.Group):  # a row for the group, and one per generator
            first = one.first
            rows.append([text(one.label), first.role.value, f"**{first.label}**", _terms(first)])
            wrote = f"{text(first.ref)} and the {one.others:,} more"
            rows += [
                [text(g.ref), f"{g.role.value} of {wrote}", f"**{g.label}**", _terms(g)]
                for g in one.generators
            ]
            continue
        for s in (one[0], *one[1]):
            role = s.role.value + (f" of {text(s.wrote)}" if s.wrote else "")
            rows.append([text(s.ref), role, f"**{s.label}**", _terms(s)])
    out = ["## Summary", "", text(audit.summary), ""]
    if rows:
        out += _table(["Subject", "Role", "Verdict", "Governing terms"], rows)
    return out


def _terms(s: Subject) -> str:
    return "; ".join(
        dict.fromkeys(text(af.terms.title) if af.terms else "no known terms" for af in s.findings)
    )


def _context(audit: Audit) -> list[str]:
    p = audit.project
    rows = [
        ["Project", text(p.name)],
        ["Use", p.use],
        ["Release", p.release],
        ["Model kind", p.model_kind],
        ["Monthly active users", f"{p.monthly_active_users:,}"],
        ["Organisation and affiliates", text(p.organization())],
        ["Domicile", text(p.domicile or "not declared")],
        ["Student", text(p.student or "not declared")],
        ["Base model", text(p.base_model or "none (trained from scratch)")],
        ["Teachers", str(p.teachers)],
        ["Datasets", str(p.datasets)],
    ]
    return ["## Project context", "", *_table(["Field", "Value"], rows)]


def _subject(s: Subject, generators: list[Subject], manifest: str) -> list[str]:
    """One block: the subject, where it is declared, its waiver, what each terms version
    said for its part of the use (each reason and clause once), then its generators."""
    where = f"{manifest}:{s.line}" if s.line else manifest
    level = "####" if s.wrote else "###"
    role = f"{s.role.value} that wrote {text(s.wrote)}" if s.wrote else s.role.value
    through = f", through its generator {text(s.through)}" if s.through else ""
    out = [f"{level} {text(s.ref)} ({role}): {s.label}{through}", "", f"Declared at {code(where)}.", ""]
    out += _waiver(s)
    for af, told in s.told():
        out += _finding(af, told)
    for g in generators:
        out += _subject(g, [], manifest)
    return out


def _group(group: groups.Group, manifest: str) -> list[str]:
    """The group's findings, shown once in its first dataset's block, then every dataset of the
    group with where it and its generators are declared (groups.py)."""
    first = group.first
    count = len(group.members)
    out = [
        f"**{count:,} datasets judged alike: {first.label}.** The same licence, generators and periods"
        f" gave each of them the same findings. They are shown once, for the first of them,"
        f" {code(first.ref)}; each other dataset in the table after them has these findings with its"
        " own name in place of the first\u2019s.",
        "",
        *_subject(first, group.generators, manifest),
    ]
    rows = []
    names = [text(g.ref) for g in group.generators]
    for b in group.members:
        line, lines = b.line, auditstamps.generator_lines(b)
        writers = "; ".join(
            f"{name} at {code(f'{manifest}:{at}' if at else manifest)}"
            for name, at in zip(names, lines, strict=True)
        )
        rows.append([text(b.ref), code(f"{manifest}:{line}" if line else manifest), writers or "none"])
    return out + _table([f"Dataset ({count:,})", "Declared at", "Its generators, declared at"], rows)


def _waiver(s: Subject) -> list[str]:
    """Said once for the subject: not "permitted", since the terms say otherwise and a
    person decided to accept it."""
    if s.waiver is None:
        return []
    w, was = s.waiver
    a = w.waiver
    if not w.waived:
        expired = f"Waiver expired on {a.expires.isoformat()} (approved by {text(a.approved_by)})"
        return [f"{expired}: it changes nothing.", ""]
    on = f" on {a.approved_on.isoformat()}" if a.approved_on else ""
    return [
        f"**Waived**: the rules gave **{was.value}** ({text(MEANING[was])}); approved by"
        f" {text(a.approved_by)}{on} until {a.expires.isoformat()}: {text(a.reason)}.",
        "",
    ]


def _finding(af: AuditFinding, told: Told) -> list[str]:
    f = af.finding
    t = af.terms
    where = sections(f)
    head = f"**{text(headline(f, af.period))}: {verdict_words(f)}**" + (f" ({text(where)})" if where else "")
    if t is None:
        facts = "Terms: none the registry holds; rules"
    elif told.new_terms:
        publisher = f", published by {text(t.publisher)}" if t.publisher else ""
        source = link("source", t.source)
        facts = f"Terms {code(t.full_id)}, effective {t.effective.isoformat()}{publisher} ({source}); rules"
    else:
        facts = "Rules"
    facts += " that fired: " + (", ".join(code(r) for r in f.rules) or "none (fail closed)")
    if len(f.lineage) > 1:
        facts += "; through its lineage: " + " \u2190 ".join(text(x) for x in f.lineage)
    out = [head, "", facts + ".", ""]
    items = [item(r) for r in told.reasons] + [item(f"Obligation: {o}") for o in told.obligations]
    out += [*items, ""] if items else []
    for c in told.citations:
        out += _quote(c)
    return out


def _quote(c: Citation) -> list[str]:
    return [
        f"> \u201c{text(c.quote)}\u201d",
        ">",
        f"> \u2014 {code(c.terms)} {text(c.where)}, {link('source', c.url)}",
        "",
    ]


def _obligations(audit: Audit) -> list[str]:
    out = ["## Obligations checklist", ""]
    if not audit.obligations:
        return [*out, "No obligations bind this project.", ""]
    out += ["What the team must do for this release, with the subject and clause behind each.", ""]
    for kind, heading in OBLIGATION_KINDS.items():
        items = [o for o in audit.obligations if o.kind == kind]
        if not items:
            continue
        out += [f"### {heading}", ""]
        for o in items:
            clauses = "; ".join(
                f"{code(c.terms)} {text(c.where)} ({link('source', c.url)})" for c in o.clauses
            )
            waived = " (its finding is waived)" if o.waived else ""
            out.append(
                f"- [ ] {text(o.text)}{waived}. For: {', '.join(text(s) for s in o.subjects)}."
                + (f" Clause: {clauses}." if clauses else "")
            )
        out.append("")
    return out


def _waivers(audit: Audit) -> list[str]:
    out = ["## Waivers", ""]
    if not audit.waivers:
        return [*out, "The manifest declares no waivers.", ""]
    rows = [
        [
            text(w.subject),
            text(w.approval),
            text(w.reason),
            w.expires.isoformat(),
            "yes" if w.valid else "**no**",
            f"**{w.status}**",
            "; ".join(text(a) for a in w.applies_to) or "no finding (matches no subject)",
        ]
        for w in audit.waivers
    ]
    header = ["Subject", "Approved by", "Reason", "Expires", f"Valid on {audit.as_of.isoformat()}"]
    return [*out, *_table([*header, "Status", "Applies to"], rows)]


def _overlays(audit: Audit) -> list[str]:
    """Where the organisation's overlays change what a built-in registry entry allows."""
    if not audit.overlays:
        return []
    rows = [
        [
            text(o.subject),
            o.role.value,
            text(o.label),
            code(o.where),
            code(o.builtin),
            o.was.value,
            f"**{o.now.value}**",
        ]
        for o in audit.overlays
    ]
    header = ["Subject", "Role", "Overlay", "Where", "Built-in terms", "Built-in verdict", "Now"]
    intro = "These organisation overlays change what the built-in registry allows; review each."
    return ["## Organisation overlays", "", intro, "", *_table(header, rows)]


def _review(audit: Audit) -> list[str]:
    out = ["## Review", ""]
    r = audit.sign_off
    if r is None:
        return [
            *out,
            "Not signed off. The reviewer records a decision in a small YAML file (reviewer, date,"
            " decision, notes) and runs `licensecheck audit --sign-off FILE`.",
            "",
            "Reviewer: ____________________ Date: __________ Decision: approved / approved with"
            " conditions / rejected",
            "",
        ]
    rows = [
        ["Reviewer", text(r.reviewer)],
        ["Date", r.date.isoformat()],
        ["Decision", f"**{r.decision}**"],
        ["Reference", text(r.reference or "none")],
        ["Notes", text(r.notes or "none")],
    ]
    return [*out, *_table(["Sign-off", ""], rows)]


def _provenance(audit: Audit) -> list[str]:
    prov = audit.provenance
    rows = [
        ["licensecheck", code(prov.tool_version)],
        ["Registry version", code(prov.registry_version)],
        ["Registry SHA-256", code(prov.registry_sha256)],
        ["Policy", code(prov.policy)],
        ["Policy SHA-256", code(prov.policy_sha256 or "unknown")],
        ["Manifest SHA-256", code(prov.manifest_sha256 or "unknown")],
        ["licensecheck.lock SHA-256", code(prov.lock_sha256) if prov.lock_sha256 else "no lock file"],
        ["licensecheck.lock", text(prov.lock_summary)],
        ["Sign-off SHA-256", code(prov.sign_off_sha256) if prov.sign_off_sha256 else "not signed off"],
        *(["Overlay SHA-256", code(line)] for line in prov.overlays_sha256),
        ["Judged as of", audit.as_of.isoformat()],
    ]
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", prov.command)), default=0))
    return [
        "## Reproduce this report",
        "",
        *_table(["What", "Value"], rows),
        "The same tool, registry, policy and manifest give the same report:",
        "",
        f"{fence}sh",
        visible(prov.command),
        fence,
        "",
    ]
