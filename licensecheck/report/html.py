"""The audit as one self-contained HTML file: inline style and SVG, no scripts, fonts or
images from elsewhere, so it can be filed as it is and printed to PDF from a browser.

Every piece of text from the manifest or the registry goes through `escape()`; links are
made only for http(s) URLs.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from licensecheck import auditstamps
from licensecheck.audit import (
    MEANING,
    OBLIGATION_KINDS,
    Audit,
    AuditFinding,
    Subject,
    TermsInfo,
    anchor,
    timestamp,
)
from licensecheck.finding import Citation, Role
from licensecheck.report import groups, lineage_svg
from licensecheck.report.lineage_svg import COLORS, escape
from licensecheck.report.shapes import slotted
from licensecheck.report.subjects import Told, cited_sections, headline
from licensecheck.result import NAME_SLOT
from licensecheck.verdict import Verdict

_DATASET = Role.DATASET.value
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")

_STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 14px;
  line-height: 1.45; color: #1a1a1a; background: #ffffff; max-width: 1100px; margin: 24px auto;
  padding: 0 24px; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #d0d0d0; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
h4 { font-size: 14px; margin: 14px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; }
th, td { border: 1px solid #cfcfcf; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12.5px;
  overflow-wrap: anywhere; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; border: 1px solid;
  font-weight: bold; white-space: nowrap; }
.banner { font-size: 18px; padding: 10px 14px; border: 2px solid; border-radius: 6px; margin: 12px 0; }
.meta { color: #444444; margin: 2px 0; }
.subject { border-top: 1px solid #e0e0e0; margin-top: 18px; }
.finding { margin-left: 12px; break-inside: avoid-page; }
.generator { margin-left: 18px; }
.finding-head { margin: 10px 0 4px; }
blockquote.quote { margin: 8px 0 12px; padding: 6px 12px; border-left: 4px solid #9a9a9a;
  background: #f7f7f7; break-inside: avoid; }
blockquote.quote p { margin: 0 0 4px; }
blockquote.quote footer { font-size: 12px; color: #444444; overflow-wrap: anywhere; }
ul.checklist { list-style: none; padding-left: 4px; }
ul.checklist li { margin: 6px 0; break-inside: avoid; }
.box { font-size: 16px; margin-right: 6px; }
.small { font-size: 12px; color: #444444; overflow-wrap: anywhere; }
figure { margin: 8px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
@page { margin: 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; }
  figure { overflow: visible; break-inside: avoid; }
  a { color: inherit; }
}
""".strip()


def _verdict_style(verdict: Verdict | None) -> str:
    fill, stroke = COLORS[verdict]
    return f"background:{fill};border-color:{stroke};color:{stroke}"


# Four badges, drawn once or twice per finding of a large audit: made once, found by the
# verdict's value (a member hashes in Python, its value in C).
_BADGES = {
    v.value: f'<span class="verdict v-{v.value}" style="{_verdict_style(v)}">{escape(v.value)}</span>'
    for v in Verdict
}


def _badge(verdict: Verdict) -> str:
    return _BADGES[verdict._value_]


def _waived_badge() -> str:
    return '<span class="verdict v-waived" style="background:#6a1b9a;color:#ffffff">waived</span>'


def _label(s: Subject) -> str:
    """The subject's badge: its verdict, or `waived` when a person accepted it."""
    return _waived_badge() if s.label == "waived" else _badge(s.verdict)


def _link(label: str, url: str) -> str:
    if not _URL.match(url):
        return escape(f"{label} ({url})")
    return f'<a href="{escape(url)}">{escape(label)}</a>'


def render(audit: Audit, *, svg_href: str | None = None) -> str:
    """The page; the lineage diagram is always inline (`svg_href` is for Markdown)."""
    return "".join(parts(audit))


def parts(audit: Audit) -> Iterator[str]:
    """The page in pieces of about 64 KB, made as they are written: a large audit's page
    (68 MB at 10,000 datasets) is never held whole."""
    title = f"Licence audit: {audit.project.name}"
    return _joined(_page(title, _report(audit)))


def encoded_parts_many(
    audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = (), errors: str = "strict"
) -> Iterator[bytes]:
    """`parts_many`'s pieces encoded to UTF-8 with `errors`, as a text stream writing them
    would encode them. Each dataset shape's findings are encoded once and joined with each
    copy's encoded name (most of a large page: UTF-8 encoding works character by
    character, so the bytes are those of encoding the whole page)."""
    if len(audits) != 1:
        yield from (piece.encode("utf-8", errors) for piece in parts_many(audits, svg_hrefs=svg_hrefs))
        return
    audit = audits[0]
    title = f"Licence audit: {audit.project.name}"
    yield from _encoded(_page(title, _report(audit, errors)), errors)


def render_many(audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> str:
    """One page for several manifests: the overall verdict and a table of them, then each
    report in an article of its own (its ids prefixed so they stay unique in the page)."""
    return "".join(parts_many(audits, svg_hrefs=svg_hrefs))


def parts_many(audits: Sequence[Audit], *, svg_hrefs: Sequence[str | None] = ()) -> Iterator[str]:
    """`render_many`'s page in pieces (`parts`)."""
    if len(audits) == 1:
        return parts(audits[0])  # (the one report as it is, not in an article)
    worst = Verdict.worst(a.verdict for a in audits)
    rows = [
        [
            f'<a href="#m{i}-verdict"><code>{escape(a.manifest)}</code></a>',
            escape(a.project.name),
            _badge(a.verdict),
            "yes" if a.failed else "no",
        ]
        for i, a in enumerate(audits, 1)
    ]
    lines = [
        f"<h1>Licence audits: {len(audits)} manifests</h1>",
        f'<p id="verdict" class="banner v-{worst.value}" data-verdict="{worst.value}"'
        f' style="{_verdict_style(worst)}">Overall verdict: <strong>{worst.value}</strong>'
        f" \u2014 {escape(MEANING[worst])}.</p>",
        *_table(["Manifest", "Project", "Verdict", "Fails the run"], rows, "manifests-table"),
    ]
    for i, a in enumerate(audits, 1):
        article = "\n".join(_text(_report(a)))
        lines += [f'<article class="manifest" id="m{i}">', _namespaced(article, f"m{i}-"), "</article>"]
    return _joined(_page(f"Licence audits: {len(audits)} manifests", lines))


def _namespaced(html: str, ns: str) -> str:
    """Every id the report gives, and every reference to one, prefixed with `ns`. Values from
    the manifest or registry are escaped (no raw quote), so only our own attributes match."""
    html = re.sub(r'(?<![\w-])id="', f'id="{ns}', html)
    html = html.replace('href="#', f'href="#{ns}').replace("url(#", f"url(#{ns}")
    return re.sub(
        r'aria-labelledby="([^"]*)"',
        lambda m: 'aria-labelledby="' + " ".join(ns + x for x in m.group(1).split()) + '"',
        html,
    )


def _page(title: str, body: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """The page's lines."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
    ]
    return itertools.chain(head, body, ["</body>", "</html>"])


def _text(lines: Iterable[str | bytes]) -> Iterator[str]:
    """Lines as text: a report rendered as text holds no encoded line (`_report` without
    `errors`); one would be decoded."""
    for line in lines:
        yield line if isinstance(line, str) else line.decode()


def _joined(lines: Iterable[str | bytes], size: int = 1 << 16) -> Iterator[str]:
    """Each line followed by a line break, in pieces of about `size` characters."""
    buffer: list[str] = []
    length = 0
    for line in _text(lines):
        buffer.append(line)
        length += len(line)
        if length >= size:
            buffer.append("")  # (the last line's break)
            yield "\n".join(buffer)
            buffer, length = [], 0
    if buffer:
        buffer.append("")
        yield "\n".join(buffer)


def _encoded(lines: Iterable[str | bytes], errors: str, size: int = 1 << 16) -> Iterator[bytes]:
    """`_joined`'s pieces encoded: the text lines between two encoded ones encoded together,
    each encoded line as it is, every line followed by a line break."""
    chunk: list[bytes] = []
    text: list[str] = []  # text lines not encoded yet
    length = 0
    for line in lines:
        if isinstance(line, str):
            text.append(line)
        else:
            if text:
                text.append("")
                chunk.append("\n".join(text).encode("utf-8", errors))
                text = []
            chunk += [line, b"\n"]
        length += len(line)
        if length >= size:
            if text:
                text.append("")
                chunk.append("\n".join(text).encode("utf-8", errors))
                text = []
            yield b"".join(chunk)
            chunk, length = [], 0
    if text:
        text.append("")
        chunk.append("\n".join(text).encode("utf-8", errors))
    if chunk:
        yield b"".join(chunk)


def _report(audit: Audit, errors: str | None = None) -> Iterator[str | bytes]:
    """The report's lines, made as they are read (a large audit's sections are not all held);
    with `errors`, each dataset shape's copies' findings encoded (`encoded_parts_many`)."""
    title = f"Licence audit: {audit.project.name}"
    yield f"<h1>{escape(title)}</h1>"
    yield (
        f'<p id="verdict" class="banner v-{audit.verdict.value}" data-verdict="{audit.verdict.value}"'
        f' style="{_verdict_style(audit.verdict)}">Verdict: <strong>{audit.verdict.value}</strong>'
        f" \u2014 {escape(MEANING[audit.verdict])}.</p>"
    )
    yield (
        f'<p class="meta">Judged as of <strong id="as-of">{audit.as_of.isoformat()}</strong> under the'
        f" terms in force on that date; manifest <code>{escape(audit.manifest)}</code>, policy"
        f" <code>{escape(audit.provenance.policy)}</code>.</p>"
    )
    yield f'<p class="meta" id="generated">Generated at {timestamp(audit)}.</p>'
    if audit.contact and audit.failed:
        yield f'<p id="contact">Contact for the failing findings: {escape(audit.contact)}.</p>'
    arranged = groups.arrange(audit)
    yield from _summary(audit, arranged)
    yield from _context(audit)
    yield from [
        '<h2 id="lineage">Lineage</h2>',
        '<figure id="lineage-figure">',
        lineage_svg.for_audit(audit, groups.drawn(audit, arranged)),
        '<figcaption class="small">Arrows point from what the student learns from towards the'
        " student; colour and words give each subject's verdict.</figcaption>",
        "</figure>",
        '<h2 id="findings">Findings</h2>',
    ]
    copies = _Copies(errors)
    for item in arranged:  # (before the checklist: a group's first dataset is named here)
        if isinstance(item, groups.Group):
            yield from _group(item, audit.manifest, copies)
        else:
            yield from _subject(item[0], item[1], audit.manifest, copies)
    if not audit.any_subject:
        yield "<p>No teachers, base model or datasets are declared: nothing to judge.</p>"
    yield from [f'<p class="gap">Needs review: {escape(gap)}</p>' for gap in audit.gaps]
    yield from _obligations(audit)
    yield from _waivers(audit)
    yield from _overlays(audit)
    yield from _review(audit)
    yield from _provenance(audit)


def _table(header: list[str], rows: list[list[str]], css_id: str | None = None) -> list[str]:
    attr = f' id="{css_id}"' if css_id else ""
    out = [f"<table{attr}>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead>"]
    out.append("<tbody>")
    out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    out.append("</tbody></table>")
    return out


def _summary(audit: Audit, arranged: Sequence[groups.Item | groups.Group]) -> list[str]:
    out = ['<h2 id="summary">Summary</h2>', f"<p>{escape(audit.summary)}</p>"]
    if not audit.any_subject:
        return out
    out += _table(["Subject", "Role", "Verdict", "Governing terms"], [], "summary-table")[:3]
    # What a row of a dataset shape's copy writes after its name (its role, badge and terms:
    # the shape's), by id of the shape's subject; a generator's role names the dataset it
    # wrote, so its row is written around that name.
    shaped: dict[tuple[int, bool, str, str], tuple[str, str]] = {}
    for item in arranged:
        if isinstance(item, groups.Group):  # a row for the group, and one per generator
            out += _group_rows(item)
            continue
        for s in (item[0], *item[1]):  # a row per subject, as _table writes it
            out.append(_row(s, shaped))
    out.append("</tbody></table>")
    return out


def _group_rows(group: groups.Group) -> list[str]:
    """The group's summary rows: its datasets as one, linked to the group, then each generator."""
    first = group.first
    before, after = _row_rest(first, first.findings)
    link = f'<a href="#{group.anchor}">{escape(first.ref)}</a>'
    named = link + group.more
    out = [f"<tr><td>{named}</td><td>{before}{after}"]
    wrote = f"{escape(first.ref)} and the {group.others:,} more"
    for g in group.generators:
        before, after = _row_rest(g, g.findings)
        out.append(f'<tr><td><a href="#{g.anchor}">{escape(g.ref)}</a></td><td>{before}{wrote}{after}')
    return out


def _row(s: Subject, shaped: dict[tuple[int, bool, str, str], tuple[str, str]]) -> str:
    """A subject's summary row."""
    link = f'<tr><td><a href="#{s.anchor}">{escape(s.ref)}</a></td><td>'
    if s.shape is not None:
        shape = s.shape[0]
        key = (id(shape), not s.wrote, s.label, s.verdict._value_)
        rest = shaped.get(key)
        if rest is None:  # (a copy's terms are its shape's: read there, the dataset is not named)
            rest = shaped[key] = _row_rest(s, shape.findings)
    else:
        rest = _row_rest(s, s.findings)
    before, after = rest
    return f"{link}{before}{escape(s.wrote)}{after}" if s.wrote else f"{link}{before}{after}"


def _row_rest(s: Subject, told: Sequence[AuditFinding]) -> tuple[str, str]:
    """A summary row's cells after the subject's link, split where the dataset a generator
    wrote is named: its role (escaped in parts: `escape` works character by character),
    its badge and the terms of its findings."""
    terms = "<br>".join(
        dict.fromkeys(escape(af.terms.title) if af.terms else "no known terms" for af in told)
    )
    role = escape(s.role._value_) + (" of " if s.wrote else "")
    return role, f"</td><td>{_label(s)}</td><td>{terms}</td></tr>"


def _context(audit: Audit) -> list[str]:
    p = audit.project
    rows = [
        ["Project", escape(p.name)],
        ["Use", escape(p.use)],
        ["Release", escape(p.release)],
        ["Model kind", escape(p.model_kind)],
        ["Monthly active users", f"{p.monthly_active_users:,}"],
        ["Organisation and affiliates", escape(p.organization())],
        ["Domicile", escape(p.domicile or "not declared")],
        ["Student", escape(p.student or "not declared")],
        ["Base model", escape(p.base_model or "none (trained from scratch)")],
        ["Teachers", str(p.teachers)],
        ["Datasets", str(p.datasets)],
    ]
    return ['<h2 id="context">Project context</h2>', *_table(["Field", "Value"], rows, "context-table")]


def _subject(s: Subject, generators: list[Subject], manifest: str, copies: _Copies) -> list[str | bytes]:
    """One block: the subject, where it is declared, its waiver, what each terms version
    said for its part of the use (each reason and clause once), then its generators inside."""
    # `escape` works character by character: a text is escaped in parts, each part's escape
    # kept (the manifest's and each name's), never a new text per subject.
    where = f"{escape(manifest)}:{s.line}" if s.line else escape(manifest)
    heading = "h4" if s.wrote else "h3"
    css = "subject generator" if s.wrote else "subject"
    role_value = s.role._value_  # (`.value` is a Python-level property; a large audit reads many)
    role = f"{escape(role_value)} that wrote {escape(s.wrote)}" if s.wrote else escape(role_value)
    through = f" through its generator {escape(s.through)}" if s.through else ""
    ref = escape(s.ref)
    out: list[str | bytes] = [
        f'<section class="{css}" id="{s.anchor}" data-subject="{ref}"'
        f' data-role="{role_value}" data-verdict="{s.verdict._value_}" data-label="{s.label}">',
        f'<{heading}>{ref} <span class="small">({role})</span> {_label(s)}{through}</{heading}>',
        f'<p class="small">Declared at <code>{where}</code>.</p>',
    ]
    if s.waiver is not None:
        out += _waiver(s)
    out += _findings(s, copies)
    for g in generators:
        out += _subject(g, [], manifest, copies)
    out.append("</section>")
    return out


def _group(group: groups.Group, manifest: str, copies: _Copies) -> list[str | bytes]:
    """The group's findings, shown once in its first dataset's block, then every dataset of the
    group with where it and its generators are declared (groups.py)."""
    first = group.first
    count = len(group.members)
    out: list[str | bytes] = [
        f'<div class="group" id="{group.anchor}" data-role="dataset" data-members="{count}"'
        f' data-verdict="{first.verdict._value_}" data-label="{first.label}">',
        f'<p class="group-note">{count:,} datasets judged alike: the same licence, generators and'
        " periods gave each of them the same findings. They are shown once, for the first of them,"
        f" <code>{escape(first.ref)}</code>; each other dataset listed after them has these findings"
        " with its own name in place of the first\u2019s.</p>",
        *_subject(first, group.generators, manifest, copies),
        f'<table class="members"><thead><tr><th>Dataset ({count:,})</th><th>Declared at</th>'
        "<th>Its generators, declared at</th></tr></thead><tbody>",
    ]
    where = escape(manifest)
    code = f"<code>{where}:"
    named = [f"{escape(g.ref)} at " for g in group.generators]
    for n, b in enumerate(group.members):
        # (the first's block has its id; the others' are the ids their own blocks would have)
        row = "<tr>" if n == 0 else f'<tr id="{anchor(_DATASET, b.ref, None)}">'
        line, lines = b.line, auditstamps.generator_lines(b)
        place = f"{code}{line}</code>" if line else f"<code>{where}</code>"
        writers = "; ".join(
            [
                f"{name}{code}{at}</code>" if at else f"{name}<code>{where}</code>"
                for name, at in zip(named, lines, strict=True)
            ]
        )
        out.append(f"{row}<td>{escape(b.ref)}</td><td>{place}</td><td>{writers or 'none'}</td></tr>")
    out += ["</tbody></table>", "</div>"]
    return out


class _Copies:
    """Each dataset shape's findings, rendered once and split at the name's slots (by id of
    the shape's subject); with `errors`, also encoded once."""

    def __init__(self, errors: str | None) -> None:
        self.errors = errors
        self.text: dict[int, list[str]] = {}
        self.encoded: dict[int, list[bytes]] = {}


def _findings(s: Subject, copies: _Copies) -> list[str | bytes]:
    """What each terms version said of the subject; a dataset shape's copy takes the shape's,
    written once, with its own name in the slot (report/shapes.py). The lines are joined as
    the page joins them, and split at the slots once: the name joins the pieces (no search)."""
    if s.shape is None:
        return [line for af, told in s.told() for line in _finding(af, told)]
    shape, name = s.shape
    pieces = copies.text.get(id(shape))
    if pieces is None:
        keep = functools.partial(slotted, escape)
        lines = [line for af, told in shape.told() for line in _finding(af, told, keep)]
        pieces = copies.text[id(shape)] = "\n".join(lines).split(NAME_SLOT)
    if pieces == [""]:
        return []
    errors = copies.errors
    if errors is None:
        return [escape(name).join(pieces)]
    encoded = copies.encoded.get(id(shape))
    if encoded is None:
        encoded = copies.encoded[id(shape)] = [piece.encode("utf-8", errors) for piece in pieces]
    return [escape(name).encode("utf-8", errors).join(encoded)]


def _waiver(s: Subject) -> list[str]:
    """Said once for the subject: not "permitted", since the terms say otherwise and a
    person decided to accept it."""
    if s.waiver is None:
        return []
    w, was = s.waiver
    a = w.waiver
    if not w.waived:
        return [
            f'<p class="waiver">Waiver expired on {a.expires.isoformat()} (approved by'
            f" {escape(a.approved_by)}): it changes nothing.</p>"
        ]
    on = f" on {a.approved_on.isoformat()}" if a.approved_on else ""
    return [
        f'<p class="waiver">{_waived_badge()} the rules gave {_badge(was)} {escape(MEANING[was])};'
        f" approved by {escape(a.approved_by)}{on} until {a.expires.isoformat()}: {escape(a.reason)}.</p>"
    ]


def _finding(af: AuditFinding, told: Told, escape: Callable[[str], str] = escape) -> list[str]:
    f = af.finding
    t = af.terms
    waived = f.waiver is not None and f.waiver.waived
    badge = _badge(f.shown_verdict) + (" " + _waived_badge() if waived else "")
    if not waived and f.org is not None and f.org.original is not None:
        badge += f' <span class="overlay">({escape(f.org.label)}; {escape(f.org.where)})</span>'
    where = cited_sections(f.citations)
    out = [
        f'<div class="finding" data-terms="{escape(f.terms or "")}" data-verdict="{f.verdict._value_}">',
        f'<p class="finding-head"><strong>{escape(headline(f, af.period))}</strong>: {badge}'
        + (f' <span class="section">{escape(where)}</span>' if where else "")
        + "</p>",
        '<ul class="facts">',
    ]
    if t is None:
        out.append("<li>Terms: none the registry holds</li>")
    elif told.new_terms:
        out.append(_terms_item(t))
    out.append(_rules_item(f.rules))
    if len(f.lineage) > 1:
        out.append("<li>Through its lineage: " + " \u2190 ".join(escape(x) for x in f.lineage) + "</li>")
    out.append("</ul>")
    if told.reasons:
        out += ['<ul class="reasons">', *[f"<li>{escape(r)}</li>" for r in told.reasons], "</ul>"]
    if told.obligations:
        out += [
            '<p class="small">Obligations:</p>',
            '<ul class="obligations">',
            *[f"<li>{escape(o)}</li>" for o in told.obligations],
            "</ul>",
        ]
    for c in told.citations:
        out += _quote(c)
    out.append("</div>")
    return out


# A large audit's findings share a few terms versions, rule lists and clause lists (the
# engine judges each dataset shape once and shares them): each is written once.
@functools.lru_cache(maxsize=1024)
def _terms_item(t: TermsInfo) -> str:
    publisher = f", published by {escape(t.publisher)}" if t.publisher else ""
    return (
        f"<li>Terms: <code>{escape(t.full_id)}</code>, effective"
        f' <span class="effective">{t.effective.isoformat()}</span>{publisher};'
        f" {_link('source', t.source)}</li>"
    )


@functools.lru_cache(maxsize=1024)
def _rules_item(rules: tuple[str, ...]) -> str:
    listed = ", ".join(f'<code class="rule">{escape(r)}</code>' for r in rules) or "none (fail closed)"
    return f"<li>Rules that fired: {listed}</li>"


@functools.lru_cache(maxsize=4096)  # a large audit quotes the same clauses many times
def _quote(c: Citation) -> tuple[str, ...]:
    cite = f' cite="{escape(c.url)}"' if _URL.match(c.url) else ""
    url = _link(c.url, c.url)
    return (
        f'<blockquote class="quote"{cite} data-section="{escape(c.section)}">',
        f"<p>\u201c{escape(c.quote)}\u201d</p>",
        f'<footer><code>{escape(c.terms)}</code> <span class="section">{escape(c.where)}</span>'
        f" \u2014 {url}</footer>",
        "</blockquote>",
    )


def _obligations(audit: Audit) -> list[str]:
    out = ['<h2 id="obligations">Obligations checklist</h2>']
    if not audit.obligations:
        return [*out, "<p>No obligations bind this project.</p>"]
    out.append("<p>What the team must do for this release, with the subject and clause behind each.</p>")
    for kind, heading in OBLIGATION_KINDS.items():
        items = [o for o in audit.obligations if o.kind == kind]
        if not items:
            continue
        out += [f"<h3>{escape(heading)}</h3>", f'<ul class="checklist" data-kind="{kind.value}">']
        for o in items:
            clauses = "; ".join(
                f"<code>{escape(c.terms)}</code> {escape(c.where)} ({_link('source', c.url)})"
                for c in o.clauses
            )
            waived = " <em>(its finding is waived)</em>" if o.waived else ""
            out.append(
                f'<li class="obligation"><span class="box" aria-hidden="true">\u2610</span>'
                f"{escape(o.text)}{waived}"
                f'<br><span class="small">For: {escape(", ".join(o.subjects))}.'
                + (f" Clause: {clauses}." if clauses else "")
                + "</span></li>"
            )
        out.append("</ul>")
    return out


def _overlays(audit: Audit) -> list[str]:
    """Where the organisation's overlays change what a built-in registry entry allows."""
    if not audit.overlays:
        return []
    rows = [
        [
            escape(o.subject),
            o.role.value,
            escape(o.label),
            f"<code>{escape(o.where)}</code>",
            f"<code>{escape(o.builtin)}</code>",
            _badge(o.was),
            _badge(o.now),
        ]
        for o in audit.overlays
    ]
    header = ["Subject", "Role", "Overlay", "Where", "Built-in terms", "Built-in verdict", "Now"]
    intro = "<p>These organisation overlays change what the built-in registry allows; review each.</p>"
    return ['<h2 id="overlays">Organisation overlays</h2>', intro, *_table(header, rows, "overlays-table")]


def _waivers(audit: Audit) -> list[str]:
    out = ['<h2 id="waivers">Waivers</h2>']
    if not audit.waivers:
        return [*out, "<p>The manifest declares no waivers.</p>"]
    rows = [
        [
            escape(w.subject),
            escape(w.approval),
            escape(w.reason),
            w.expires.isoformat(),
            "yes" if w.valid else "<strong>no</strong>",
            f'<span class="waiver-status">{w.status}</span>',
            "<br>".join(escape(a) for a in w.applies_to) or "no finding (matches no subject)",
        ]
        for w in audit.waivers
    ]
    header = ["Subject", "Approved by", "Reason", "Expires", f"Valid on {audit.as_of.isoformat()}"]
    return [*out, *_table([*header, "Status", "Applies to"], rows, "waivers-table")]


def _review(audit: Audit) -> list[str]:
    out = ['<h2 id="review">Review</h2>']
    r = audit.sign_off
    if r is None:
        return [
            *out,
            '<p id="sign-off" data-decision="">Not signed off. The reviewer records a decision in a small'
            " YAML file (reviewer, date, decision, notes) and runs <code>licensecheck audit --sign-off"
            " FILE</code>.</p>",
            '<p class="blank">Reviewer: ____________________ Date: __________ Decision: approved /'
            " approved with conditions / rejected</p>",
        ]
    rows = [
        ["Reviewer", escape(r.reviewer)],
        ["Date", r.date.isoformat()],
        [
            "Decision",
            f'<strong id="sign-off" data-decision="{escape(r.decision)}">{escape(r.decision)}</strong>',
        ],
        ["Reference", escape(r.reference or "none")],
        ["Notes", escape(r.notes or "none")],
    ]
    return [*out, *_table(["Sign-off", ""], rows, "sign-off-table")]


def _provenance(audit: Audit) -> list[str]:
    prov = audit.provenance
    rows = [
        ["licensecheck", f"<code>{escape(prov.tool_version)}</code>"],
        ["Registry version", f"<code>{escape(prov.registry_version)}</code>"],
        ["Registry SHA-256", f'<code id="registry-sha256">{escape(prov.registry_sha256)}</code>'],
        ["Policy", f"<code>{escape(prov.policy)}</code>"],
        ["Policy SHA-256", f"<code>{escape(prov.policy_sha256 or 'unknown')}</code>"],
        ["Manifest SHA-256", f"<code>{escape(prov.manifest_sha256 or 'unknown')}</code>"],
        [
            "licensecheck.lock SHA-256",
            f"<code>{escape(prov.lock_sha256)}</code>" if prov.lock_sha256 else "no lock file",
        ],
        ["licensecheck.lock", escape(prov.lock_summary)],
        *(["Overlay SHA-256", f"<code>{escape(line)}</code>"] for line in prov.overlays_sha256),
        [
            "Sign-off SHA-256",
            f"<code>{escape(prov.sign_off_sha256)}</code>" if prov.sign_off_sha256 else "not signed off",
        ],
        ["Judged as of", audit.as_of.isoformat()],
        ["Command", f"<code>{escape(prov.command)}</code>"],
    ]
    return [
        '<h2 id="reproduce">Reproduce this report</h2>',
        *_table(["What", "Value"], rows, "provenance-table"),
        "<p>The same tool, registry, policy and manifest give the same report.</p>",
    ]
