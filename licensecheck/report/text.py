"""The human report: one block per subject, worst first. A block gives the subject, its
role and the verdict that reaches it, then what each terms version says for its part of
the period of use ("OpenAI Terms of Use 2023-03-14, used 2023-03-13 to 2023-11-13:
prohibited, §2(c)(iii)"), its reasons said once, obligations and clauses; a dataset's
generators sit inside it. `summary` is one line per subject (what pre-commit shows);
`verbose` quotes every clause in full. Several manifests give one report each, then the
overall verdict.

Every line that quotes a value goes through `visible()`: a name with a line break or a
terminal escape in it is shown escaped, so it can neither start a line of its own (a
forged CI workflow command) nor act on the terminal."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from licensecheck.finding import Citation, Role
from licensecheck.report.shapes import fill, slotted
from licensecheck.report.subjects import (
    Block,
    Told,
    blocks,
    counts,
    headline,
    overlaid,
    period,
    sections,
    told_once,
    verdict_words,
)
from licensecheck.result import Result, training_data
from licensecheck.verdict import Verdict
from licensecheck.visible import visible

_COLORS = {
    "prohibited": "\033[1;31m",
    "needs-review": "\033[1;33m",
    "conditional": "\033[1;36m",
    "permitted": "\033[1;32m",
    "waived": "\033[1;35m",
}
_RESET = "\033[0m"
QUOTE_LIMIT = 160  # characters of a quoted clause in the normal report; verbose gives all
DETAILS = ("summary", "normal", "verbose")


def render(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> str:
    return "".join(parts(results, color=color, detail=detail))


def parts(results: Sequence[Result], *, color: bool = False, detail: str = "normal") -> Iterator[str]:
    """The report in pieces, in order (`render` joins them): a large one is written as it is made."""
    for i, result in enumerate(results):
        if i:
            yield "\n"
        yield from _lines(result, color=color, detail=detail)
    if len(results) > 1:
        worst = Verdict.worst(r.verdict for r in results)
        failing = [r.manifest for r in results if r.failed]
        summary = f"Overall verdict ({len(results)} manifests): {worst.value}"
        if failing:
            summary += f"; failing: {', '.join(failing)}"
        yield "\n" + visible(summary) + "\n"


def render_one(result: Result, *, color: bool = False, detail: str = "normal") -> str:
    return "".join(_lines(result, color=color, detail=detail))


def _lines(result: Result, *, color: bool = False, detail: str = "normal") -> Iterator[str]:
    """Each line of one manifest's report, with its line break."""

    def paint(label: str, text: str) -> str:
        return f"{_COLORS[label]}{text}{_RESET}" if color else text

    yield (
        visible(
            f"licensecheck: {result.manifest} (project {result.project}, judged as of"
            f" {result.as_of.isoformat()}, registry {result.registry_version}, policy {result.policy})"
        )
        + "\n"
    )
    # The one-line summary quotes each dataset's reasons: that needs its records.
    top = blocks(result, stamped=detail != "summary")
    if not top:
        yield "No teachers, base model or datasets are declared: nothing to judge.\n"
    width = max((len(b.label) for b in top), default=0)
    for block in top:
        if detail == "summary":
            yield (
                paint(block.label, f"{block.label:<{width}}") + " " + visible(_summary(block, result)) + "\n"
            )
            continue
        head = paint(block.label, block.label.upper()) + " " + visible(_head(block, result.manifest))
        yield "\n" + head + "\n" + _body_text(block, result, detail)
        if result.contact and result.fail_on <= block.verdict:
            yield visible(f"  contact: {result.contact}") + "\n"
    for gap in result.gaps:
        yield "\n" + paint("needs-review", "NEEDS-REVIEW") + " the run\n" + visible(f"  - {gap}") + "\n"
    for f in overlaid(result):
        note = (
            (
                f"note: the overlay {f.org.where} ({f.org.label}) changes what the built-in registry allows"
                f" for {f.subject} [{f.role.value}]: {f.org.original.value} under {f.org.builtin}, now"
                f" {f.verdict.value}."
            )
            if f.org is not None and f.org.original is not None
            else ""
        )
        yield "\n" + visible(note) + "\n"
    if result.contact and result.failed:
        yield "\n" + visible(f"Contact for the failing findings: {result.contact}") + "\n"
    for w in result.unused_waivers:
        yield "\n" + visible(f"note: the waiver for {w.subject} (line {w.line}) matches no subject.") + "\n"
    yield "\n"
    if top:
        tally = ", ".join(f"{n} {label}" for label, n in counts(top).items())
        yield f"{len(top)} subject{'s' * (len(top) != 1)}: {tally}\n"
    yield f"Verdict: {paint(result.verdict.value, result.verdict.value)}\n"


def _where(block: Block, manifest: str) -> str:
    return f"{manifest}:{block.line}" if block.line else manifest


def _head(block: Block, manifest: str) -> str:
    head = f"{block.ref} [{block.role.value}]  ({_where(block, manifest)})"
    # A copy of a shape's block has the shape's generators, verdicts and all: asking the
    # shape's makes no dataset's records (subjects.Stamped).
    through = (block.template.block if block.template is not None else block).through
    if through is not None:
        how = "its generator" if block.role is Role.DATASET else "the model that wrote its training data,"
        head += f": {through.verdict.value} through {how} {through.ref}"
    return head


def _summary(block: Block, result: Result) -> str:
    """One line: the subject, its role, where, and the first reason behind its verdict."""
    worst = max(block.findings, key=lambda f: f.shown_verdict.rank, default=None)
    reason = worst.reasons[0] if worst is not None and worst.reasons else ""
    if worst is not None and worst.org is not None and worst.org.original is not None:
        reason = f"({worst.org.label}) {worst.reasons[-1]}"  # the overlay's sentence, not the terms'
    through = block.through
    if through is not None:
        reason = f"through its generator {through.ref}: " + (
            through.findings[0].reasons[0] if through.findings else ""
        )
    waiver = next((f.waiver for f in block.findings if f.waiver is not None and f.waiver.waived), None)
    if block.label == "waived" and waiver is not None:
        was = Verdict.worst(f.shown_verdict for f in block.findings).value
        w = waiver.waiver
        reason = f"was {was}; approved by {w.approved_by} until {w.expires.isoformat()}: {w.reason}"
    return f"{block.ref} [{block.role.value}]  ({_where(block, result.manifest)})  {_cut(reason, 120)}"


def _body_text(block: Block, result: Result, detail: str) -> str:
    """The block's lines under its head; a dataset shape's are made once and take each
    dataset's name (shapes.py)."""
    template = block.template
    if template is None:
        return "".join(visible(line) + "\n" for line in _body(block, result, detail, indent="  "))
    text: str | None = template.rendered.get(("text", detail))
    if text is None:
        lines = _body(template.block, result, detail, indent="  ")
        text = template.rendered[("text", detail)] = "".join(slotted(visible, line) + "\n" for line in lines)
    return fill(text, visible(block.ref))


def _body(block: Block, result: Result, detail: str, indent: str) -> list[str]:
    out: list[str] = []
    waiver = next((f.waiver for f in block.findings if f.waiver is not None), None)
    if waiver is not None:
        w = waiver.waiver
        if waiver.waived:
            approved = f" on {w.approved_on.isoformat()}" if w.approved_on else ""
            worst = Verdict.worst(f.shown_verdict for f in block.findings)
            out.append(
                f"{indent}waived: was {worst.value}; approved by {w.approved_by}{approved}"
                f" until {w.expires.isoformat()}: {w.reason}"
            )
        else:
            out.append(f"{indent}waiver expired on {w.expires.isoformat()} (approved by {w.approved_by})")
    for told in told_once(block.findings):
        out += _finding(told, block, result, detail, indent)
    for generator in block.generators:
        if block.role is Role.DATASET or generator.wrote == training_data(block.ref):
            wrote = block.ref if block.role is Role.DATASET else str(generator.wrote)
        else:
            wrote = f"{generator.wrote}, which {block.ref} was trained on"
        out.append(f"{indent}{generator.label} {generator.ref} [{generator.role.value}] wrote {wrote}")
        out += _body(generator, result, detail, indent + "  ")
    return out


def _finding(told: Told, block: Block, result: Result, detail: str, indent: str) -> list[str]:
    f = told.finding
    where = sections(f)
    out = [
        f"{indent}{headline(f, period(f, block, result.as_of))}: {verdict_words(f)}"
        + (f", {where}" if where else "")
    ]
    out += [f"{indent}  - {reason}" for reason in told.reasons]
    out += [f"{indent}  obligation: {text}" for text in told.obligations]
    out += [f"{indent}  {_citation(c, detail)[1]}" for c in told.citations]
    return out


@functools.lru_cache(maxsize=4096)  # a large manifest cites the same clauses again and again
def _citation(c: Citation, detail: str) -> tuple[str, str]:
    """What says a clause once in a block, and its line (without the indent)."""
    quote = " ".join(c.quote.split()) if detail == "verbose" else _cut(c.quote, QUOTE_LIMIT)
    return f"{c.terms} {c.where}", f"cites {c.terms} {c.where}: \u201c{quote}\u201d <{c.url}>"


@functools.lru_cache(maxsize=4096)  # a large manifest quotes the same clauses again and again
def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
