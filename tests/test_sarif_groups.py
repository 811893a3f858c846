"""SARIF written from a judgement whose datasets are not named yet (report/sarif_groups.py):
its results come in the order and groups of the named findings, each dataset is named
only where its shape's entry cannot serve, and the log is byte for byte the one written
from each dataset judged on its own, fingerprints and lines included."""

from __future__ import annotations

import dataclasses
import json

import pytest

from licensecheck import manifest as manifest_mod
from licensecheck.finding import Finding
from licensecheck.manifest import Manifest
from licensecheck.report import jsontext, render_check, sarif, shapes
from licensecheck.report.ci import reported
from licensecheck.report.sarif_groups import Copy, groups, named
from licensecheck.result import Deferred, Result, Stamp, SubjectResult, defer
from tests.conftest import WriteManifest, loaded_modules
from tests.test_deferred import _alone, _judged, _names, _text

# Beyond test_deferred's names: names whose order is not their texts' ("a" sorts before
# "a!", but "a. The" after "a!. The"), a trailing space (no other subject in lower case,
# one once stripped), braces, a final sigma (lower case by context), a dotted capital I
# (two characters in lower case). Each falls on the next shape of SHAPES; the third's (MIT,
# nothing reported) stays out of the log.
MORE = [
    "data/a.jsonl!",
    "data/a.jsonl ",
    "data/mit.jsonl",
    "data/ΟΔΟΣ.jsonl",
    "data/{x}.jsonl",
    "data/İZMİR.jsonl",
]


def _parsed(manifest: WriteManifest) -> Manifest:
    return manifest_mod.load(manifest(_text(_names() + MORE)))


def _classic(result: Result) -> list[tuple[tuple[str, str, int, str], str, list[int]]]:
    """sarif.py's groups read from the named findings: (subject, role, line, rule), what the
    first finding's generator wrote, and the findings by identity, in order."""
    wrote = {id(f): s.wrote or "" for s in result.subjects for f in s.findings}
    out: dict[tuple[str, str, int, str], list[Finding]] = {}
    for f in result.findings:
        if reported(f):
            out.setdefault((f.subject.lower(), f.role.value, f.line or 1, sarif.rule_id(f)), []).append(f)
    return [(at, wrote[id(group[0])], [id(f) for f in group]) for at, group in out.items()]


def test_the_groups_are_the_named_findings_groups_in_their_order(manifest: WriteManifest) -> None:
    result = _judged(_parsed(manifest))
    plan = result.deferred()
    assert plan is not None
    found = groups(plan, sarif.rule_id)
    assert result.deferred() is not None  # grouping named nothing
    made = [(g.at, g.wrote, [id(named(plan, m)) for m in g.members]) for g in found]
    assert made == _classic(result)  # (the same records: the plan names each dataset once)
    # The comparison is not empty: most results stand for copies, and the names' order
    # decided between copies of one generator's findings.
    copies = [g for g in found if g.copied is not None]
    assert len(copies) >= len(found) - 2
    for g in found:  # `copied`: the one dataset record all a group's findings copy
        places = {(id(m.stamp), m.record) if isinstance(m, Copy) else None for m in g.members}
        one = g.copied is not None and places == {(id(g.copied[0]), g.copied[1])}
        assert one or (g.copied is None and len(places) + (None in places) > 1)
    generators = [g.wrote for g in found if g.at[:2] == ("openai:gpt-4o", "generator")]
    assert len(generators) > len(_names()) // 2
    assert generators.index("data/a.jsonl!") < generators.index("data/a.jsonl")


def test_sarif_of_a_deferred_judgement_names_no_dataset_it_need_not(manifest: WriteManifest) -> None:
    parsed = _parsed(manifest)
    result = _judged(parsed)
    log = render_check("sarif", [result])
    assert result.deferred() is not None and "subjects" not in vars(result)
    assert log == render_check("sarif", [_alone(parsed)])
    results = json.loads(log)["runs"][0]["results"]
    subjects = {r["properties"]["subject"] for r in results}
    messages = " ".join(r["message"]["text"] for r in results)
    shown = [name for name in MORE if name in subjects or f"the dataset {name}." in messages]
    assert shown == [name for name in MORE if name != "data/mit.jsonl"]


def test_a_dataset_whose_name_does_not_fit_its_shape_is_named(
    manifest: WriteManifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback, forced: a name said not to fit is named and written from its findings."""
    parsed = _parsed(manifest)
    result = _judged(parsed)
    plan = result.deferred()
    assert plan is not None
    fit = shapes.Names.fit
    monkeypatch.setattr(shapes.Names, "fit", lambda self, name: name != MORE[0] and fit(self, name))
    asked: list[str] = []
    records = plan.records

    def spied(stamp: Stamp) -> tuple[SubjectResult, ...]:
        asked.append(stamp.dataset.name)
        return records(stamp)

    monkeypatch.setattr(plan, "records", spied)
    log = render_check("sarif", [result])
    assert set(asked) == {MORE[0]}
    assert log == render_check("sarif", [_alone(parsed)])


def test_a_result_of_records_and_copies_is_written_from_named_findings(manifest: WriteManifest) -> None:
    """A group that is not one record of one dataset (here each dataset's records stand
    beside it too: every group holds a record and a copy) is written from the findings."""
    result = _judged(_parsed(manifest))
    plan = result.deferred()
    assert plan is not None
    entries: list[SubjectResult | Stamp] = []
    for entry in plan.entries:
        entries.append(entry)
        if isinstance(entry, Stamp):
            entries += plan.records(entry)
    both = Deferred(tuple(entries), plan.records, {})
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    del fields["subjects"], fields["findings"], fields["fanouts"]
    doubled = defer(both, fanouts={}, **fields)
    found = groups(both, sarif.rule_id)
    assert all(g.copied is None for g in found)
    assert sum(isinstance(m, Copy) for g in found for m in g.members) > len(_names())
    log = render_check("sarif", [doubled])
    assert doubled.deferred() is not None
    named_all = defer(both, fanouts={}, **fields)
    assert named_all.subjects  # every dataset named: written from Result.findings
    assert log == render_check("sarif", [named_all])


def test_several_manifests_share_the_fingerprints_as_named_ones_do(manifest: WriteManifest) -> None:
    """A fingerprint repeated in an earlier manifest's results is told apart the same way."""
    first, second = _parsed(manifest), _parsed(manifest)
    log = render_check("sarif", [_judged(first), _judged(second)])
    assert log == render_check("sarif", [_alone(first), _alone(second)])
    prints = [
        r["partialFingerprints"]["licensecheckFinding/v1"] for r in json.loads(log)["runs"][0]["results"]
    ]
    assert len(prints) == len(set(prints))


def test_each_copy_stands_for_its_named_finding(manifest: WriteManifest) -> None:
    """A copy's shape finding is the one the named finding was made from: the same place."""
    result = _judged(_parsed(manifest))
    plan = result.deferred()
    assert plan is not None
    for group in groups(plan, sarif.rule_id):
        for m in group.members:
            if isinstance(m, Copy):
                made = named(plan, m)
                assert (made.verdict, made.terms, made.citations) == (
                    m.shaped.verdict,
                    m.shaped.terms,
                    m.shaped.citations,
                )
                assert made.line == group.at[2] or (made.line is None and group.at[2] == 1)


def test_a_name_is_filled_into_an_entry_as_replacing_each_slot_does() -> None:
    entry = {"a": "x\0dataset\0y", "line": jsontext.Raw(sarif._LINE), "b": ["\0dataset\0", "{}"]}
    entry["print"] = jsontext.Raw(sarif._PRINT)
    rendered = jsontext.dumps(entry, None, "\n", "\0dataset\0")
    for name in ['"{0}"', "\\u0000", "", "a\\\\b"]:
        replaced = rendered.replace("\0dataset\0", name).replace(sarif._LINE, "7", 1)
        replaced = replaced.replace(sarif._PRINT, '"f"', 1)
        assert sarif._filled(sarif._pattern(rendered), name, 7, "f") == replaced


def test_only_a_sarif_check_loads_the_grouping(manifest: WriteManifest) -> None:
    """The module table: the text report's `check` loads neither SARIF module."""
    path = str(manifest(_text(_names())))
    text = loaded_modules("check", "--as-of", "2026-06-01", path)
    assert not {"licensecheck.report.sarif", "licensecheck.report.sarif_groups"} & text
    log = loaded_modules("check", "--format", "sarif", "--as-of", "2026-06-01", path)
    assert {"licensecheck.report.sarif", "licensecheck.report.sarif_groups"} <= log
