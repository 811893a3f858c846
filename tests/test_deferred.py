"""A judgement whose datasets are named only when read (result.Deferred) and the text
report's blocks stamped from each shape's (report/stamping.py): every format writes, byte
for byte, what judging and rendering each dataset on its own writes, and the datasets that
cannot be stamped (a name another subject holds, waivers, organisation policies) are
named and rendered one by one."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest

from licensecheck import audit as audit_mod
from licensecheck import engine
from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.finding import Role
from licensecheck.manifest import Manifest
from licensecheck.registry import Registry
from licensecheck.report import AUDIT_FORMATS, CHECK_FORMATS, render_audit, render_check
from licensecheck.report.subjects import Stamped, blocks
from licensecheck.result import NAME_SLOT, Deferred, Result, Stamp
from licensecheck.verdict import Verdict
from licensecheck.visible import visible
from tests.conftest import WriteManifest, loaded_modules

# Names that need escaping in every format, names inside other names, two names that are one
# subject (case), and names other subjects hold: a teacher's, and the data a model's card
# says its training data is (which the engine names after the model).
TEACHER = "OpenAI:GPT-4o"  # the manifest's teacher, as a dataset's name
NAMES = [
    'data/"quoted".jsonl',
    "data/<b>&amp;</b>.jsonl",
    "données/ünïcode “curly” — §.jsonl",
    "data/a.jsonl",
    "data/a.jsonl.bak",
    "x/data/a.jsonl",
    "data/tab\there.jsonl",
    "data/it's & <it>.jsonl",
    "DATA/A.JSONL",  # one subject with data/a.jsonl (and so with each suffix, below)
    TEACHER,
]
SHAPES = [
    ("MIT", []),
    ("CC-BY-NC-4.0", ["meta-llama/Llama-3.3-70B-Instruct"]),
    ("Apache-2.0", ["openai:gpt-4o"]),
    ("CC-BY-4.0", ["deepseek-ai/DeepSeek-R1", "openai:gpt-4o"]),
]
AS_OF = datetime.date(2026, 6, 1)
WHEN = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)


def _text(names: list[str], waiver: str | None = None, *, listed: bool = False) -> str:
    """The manifest; `listed`: each generator on a line of its own (a line apart from its dataset's)."""
    lines = [
        "licensecheck: 1",
        "project:",
        "  name: deferred",
        "  use: commercial",
        "  release: hosted",
        "  domicile: US",
        "  student:",
        "    name: Llama-Deferred-8B",
        "    base_model: meta-llama/Llama-3.1-8B",
        "teachers:",
        "  - model: openai:gpt-4o",
        "datasets:",
    ]
    for i, name in enumerate(names):
        licence, generators = SHAPES[i % len(SHAPES)]
        lines.append(f"  - path: {json.dumps(name)}\n    license: {licence}")
        if generators and listed:
            lines += ["    generated_by:", *(f"      - {g}" for g in generators)]
        elif generators:
            lines.append(f"    generated_by: [{', '.join(generators)}]")
    if waiver is not None:
        lines += [
            "waivers:",
            f"  - subject: {json.dumps(waiver)}",
            "    approved_by: legal@acme.example",
            "    reason: Separate agreement",
            "    expires: 2027-01-01",
        ]
    return "\n".join(lines) + "\n"


def _names() -> list[str]:
    return [n if k == 0 else f"{n}.{k}" for k in range(3) for n in NAMES]


# Names the audit page escapes in every place it shows one: a line break, runs of spaces,
# a name longer than a diagram box (a bidirectional control is refused by the manifest).
HOSTILE = [
    "data/line\nbreak.jsonl",
    "data/runs   of   spaces.jsonl",
    "data/" + "long-" * 30 + ".jsonl",
]


def _parsed(
    manifest: WriteManifest, waiver: str | None = None, *, listed: bool = False, hostile: bool = False
) -> Manifest:
    names = _names() + [n if k == 0 else f"{n}.{k}" for k in range(2) for n in HOSTILE] * hostile
    return manifest_mod.load(manifest(_text(names, waiver, listed=listed)))


REGISTRY = Registry()  # one for every judgement: records compare equal only under one


def _judged(parsed: Manifest) -> Result:
    return engine.evaluate(parsed, REGISTRY, policy_mod.load(), AS_OF)


def _alone(parsed: Manifest) -> Result:
    """Each dataset judged under its own name, and every subject rendered on its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            engine._Judge,
            "named",
            lambda self, stamp: tuple(self._dataset(stamp.dataset, stamp.dataset.name)),
        )
        result = engine.evaluate(parsed, REGISTRY, policy_mod.load(), AS_OF)
        return dataclasses.replace(result, fanouts={})  # (reads every subject, so named now)


def test_the_text_report_names_only_the_datasets_it_cannot_stamp(manifest: WriteManifest) -> None:
    result = _judged(_parsed(manifest))
    plan = result.deferred()
    assert plan is not None
    stamps = [e for e in plan.entries if isinstance(e, Stamp)]
    assert len(stamps) == len(_names())
    assert all(NAME_SLOT in s.judged[0].ref for s in stamps)  # each shape judged once, unnamed
    assert len({id(s.judged) for s in stamps}) == len(SHAPES)

    top = blocks(result, stamped=True)
    stamped = {b.ref for b in top if isinstance(b, Stamped)}
    named = {b.ref for b in top if b.role is Role.DATASET and not isinstance(b, Stamped)}
    merged = {n for n in _names() if n.lower().startswith("data/a.jsonl") and n[12:] in ("", ".1", ".2")}
    assert len(merged) == 6
    # Two datasets one subject: one block, under the first one's name.
    assert named == {"data/a.jsonl", "data/a.jsonl.1", "data/a.jsonl.2", TEACHER}
    assert stamped == set(_names()) - merged - {TEACHER}
    render_check("text", [result])
    assert result.deferred() is not None  # the text report asked for no subject's records
    assert "subjects" not in vars(result)


def test_reading_the_subjects_gives_each_dataset_judged_on_its_own(manifest: WriteManifest) -> None:
    parsed = _parsed(manifest)
    result, alone = _judged(parsed), _alone(parsed)
    assert result.deferred() is not None
    assert result.verdict == alone.verdict is Verdict.PROHIBITED  # from the shapes, before naming
    assert result.subjects == alone.subjects
    assert result.findings == alone.findings
    assert result.deferred() is None  # named once read; the same records every time
    assert result.subjects is result.subjects


@pytest.mark.parametrize("fmt", sorted(CHECK_FORMATS))
@pytest.mark.parametrize("detail", ["summary", "normal", "verbose"])
def test_check_formats_write_the_same_bytes_as_each_dataset_alone(
    manifest: WriteManifest, fmt: str, detail: str
) -> None:
    parsed = _parsed(manifest)
    deferred = render_check(fmt, [_judged(parsed)], detail=detail)
    assert deferred == render_check(fmt, [_alone(parsed)], detail=detail)
    assert NAME_SLOT not in deferred and "\0" not in deferred
    if fmt == "text" and detail != "summary":  # every dataset has its block, stamped or not
        shown = [n for n in _names() if not n.startswith("DATA/")]  # (merged into data/a.jsonl's)
        assert all(f" {visible(n)} [dataset]  (" in deferred for n in shown)


@pytest.mark.parametrize(("listed", "hostile"), [(False, False), (True, False), (True, True)])
@pytest.mark.parametrize("fmt", sorted(AUDIT_FORMATS))
def test_audit_formats_write_the_same_bytes_as_each_dataset_alone(
    manifest: WriteManifest, fmt: str, listed: bool, hostile: bool
) -> None:
    parsed = _parsed(manifest, listed=listed, hostile=hostile)
    deferred = render_audit(fmt, audit_mod.build(_judged(parsed), REGISTRY, when=WHEN))
    assert deferred == render_audit(fmt, audit_mod.build(_alone(parsed), REGISTRY, when=WHEN))
    assert NAME_SLOT not in deferred


@pytest.mark.parametrize(("listed", "hostile"), [(False, False), (True, True)])
def test_the_audit_page_names_only_the_datasets_it_cannot_stamp(
    manifest: WriteManifest, listed: bool, hostile: bool
) -> None:
    """The HTML page reads each stamped dataset's subject, checklist and lineage from its
    shape; the subjects, once their findings are read, are those judged one by one."""
    parsed = _parsed(manifest, listed=listed, hostile=hostile)
    result = _judged(parsed)
    audit = audit_mod.build(result, REGISTRY, when=WHEN)
    alone = audit_mod.build(_alone(parsed), REGISTRY, when=WHEN)
    assert audit.obligations == alone.obligations and audit.lineage == alone.lineage
    assert audit.counts == alone.counts
    render_audit("html", audit)
    plan = result.deferred()
    assert plan is not None and "subjects" not in vars(result)  # no reader asked for every subject
    named = _named_by(plan)
    text = _judged(parsed)
    blocks(text, stamped=True)
    text_plan = text.deferred()
    assert text_plan is not None
    assert named == _named_by(text_plan)  # the datasets the text report cannot stamp either
    assert TEACHER in named and "data/a.jsonl" in named and len(named) < len(_names()) // 2
    pending = [s for s in audit.subjects if "findings" not in vars(s)]
    assert {s.ref for s in pending if s.role is Role.DATASET} == {d.name for d in parsed.datasets} - named
    assert any(s.role is Role.GENERATOR for s in pending)
    assert [s.line for s in audit.subjects] == [s.line for s in alone.subjects]
    assert audit.subjects == alone.subjects  # (reads every finding: each dataset named now)
    assert not [s for s in audit.subjects if "findings" not in vars(s)]


def _named_by(plan: Deferred) -> set[str]:
    """The datasets a reader has named so far."""
    return {e.dataset.name for e in plan.entries if isinstance(e, Stamp) and id(e) in plan._made}


def test_a_waiver_or_an_organisation_policy_names_every_dataset_at_once(
    manifest: WriteManifest, tmp_path: Path
) -> None:
    """Either may change a dataset's records after judging: no judgement is deferred then."""
    waived = _judged(_parsed(manifest, waiver=NAMES[1]))
    assert waived.deferred() is None and "subjects" in vars(waived)
    org = tmp_path / "policy.yaml"
    org.write_text("policy: 1\nname: acme\ndeny:\n  teachers:\n    - other/*\n", encoding="utf-8")
    governed = engine.evaluate(_parsed(manifest), REGISTRY, policy_mod.load(str(org)), AS_OF)
    assert governed.deferred() is None and "subjects" in vars(governed)
    assert _judged(_parsed(manifest)).deferred() is not None


def test_a_deferred_judgement_of_no_dataset_still_fails_closed(manifest: WriteManifest) -> None:
    text = "licensecheck: 1\nproject:\n  name: empty\n  use: commercial\n  release: hosted\n"
    result = _judged(manifest_mod.load(manifest(text)))
    assert result.gaps and result.verdict is Verdict.NEEDS_REVIEW
    assert result.subjects == () and result.findings == ()


def test_check_stamps_the_text_report_and_loads_no_other_format(manifest: WriteManifest) -> None:
    """The module table of a `check` of datasets: the stamping module loads (the text report
    stamped the blocks), no other format does, and the summary, which names every dataset,
    does without it."""
    path = str(manifest(_text(_names())))
    modules = loaded_modules("check", "--as-of", "2026-06-01", path)
    assert {"licensecheck.engine", "licensecheck.report.text", "licensecheck.report.stamping"} <= modules
    for name in ("licensecheck.report.json", "licensecheck.report.sarif", "licensecheck.audit"):
        assert name not in modules, name
    summary = loaded_modules("check", "--summary", "--as-of", "2026-06-01", path)
    assert "licensecheck.engine" in summary and "licensecheck.report.stamping" not in summary
