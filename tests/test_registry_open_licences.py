"""The common open licences of catalogue/licenses-open.yaml, judged through `licensecheck check`:
permissive software licences leave training free and bind notices to released weights; copyleft
licences bind a released model as CC BY-SA does (the AGPL any networked use); the CDLA and PDDL
leave trained models free; the CC 2.x licences follow their 4.0 siblings, except that the NoDerivs
texts grant no derivative works at all. Hub licence tags resolve to the same terms, family tags do
not, and the Data Provenance Initiative's datasets under these licences now reach definite terms.
Each case asserts the verdict and, where a clause decides it, the section cited."""

from __future__ import annotations

import re
from typing import Any

import pytest

from licensecheck.registry import Registry, data_root
from licensecheck.yamlio import load_file
from tests.conftest import WriteManifest, findings, project_yaml, run_cli, write_hub_lock

AS_OF = "2026-11-23"
OPEN_CATALOGUE = data_root() / "registry" / "catalogue" / "licenses-open.yaml"
OTHER = "Qwen/Qwen2.5-7B"  # an Apache-2.0 student base outside every restricted family


def _report(run_args: list[str]) -> dict[str, Any]:
    run = run_cli("check", *run_args, "--format", "json", "--as-of", AS_OF)
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


def judge(manifest: WriteManifest, body: str, **project: Any) -> dict[str, Any]:
    return _report([str(manifest(project_yaml(**project) + body))])


def judge_hub(
    manifest: WriteManifest, body: str, records: list[dict[str, Any]], **project: Any
) -> dict[str, Any]:
    """Check a manifest whose Hub ids resolve from a lock written by the tool's own lock module
    (`--offline`: the endpoint below is recorded, never contacted)."""
    path = manifest(project_yaml(**project) + body)
    write_hub_lock(path, records)
    return _report([str(path), "--offline"])


def the(report: dict[str, Any], subject: str, role: str, terms: str) -> dict[str, Any]:
    found = [f for f in findings(report, subject, role) if (f["terms"] or "").startswith(terms)]
    assert len(found) == 1, [(f["terms"], f["verdict"]) for f in findings(report, subject)]
    return found[0]


def sections(f: dict[str, Any]) -> list[str]:
    return [c["section"] for c in f["citations"]]


def data(expression: str) -> str:
    return f"datasets:\n  - path: data.jsonl\n    license: {expression}\n"


RESEARCH = {"use": "research", "release": "internal"}
RESEARCH_OPEN = {"use": "research"}
HOSTED = {"release": "hosted"}
INTERNAL = {"release": "internal"}

# (case id, licence expression, project, verdict, terms id prefix, a section that must be cited or "")
# The default project is commercial, open weights, a general LLM.
DATASETS = [
    # --- permissive software licences: training on the data redistributes no copy of it ---
    ("bsd-2", "BSD-2-Clause", {}, "permitted", "bsd-2-clause@", "paragraph 1"),
    ("bsd-3", "BSD-3-Clause", {}, "permitted", "bsd-3-clause@", "paragraph 1"),
    ("isc", "ISC", {}, "permitted", "isc@", "paragraph 1"),
    ("unlicense", "Unlicense", {}, "permitted", "unlicense@", "paragraph 2"),
    ("apache-1.1", "Apache-1.1", {}, "permitted", "apache-1.1@", "paragraph 1"),
    ("afl-3.0", "AFL-3.0", {}, "permitted", "afl-3.0@", "1"),
    ("ecl-2.0", "ECL-2.0", {}, "permitted", "ecl-2.0@", "2"),
    # --- copyleft: bound when the weights are conveyed; free while private or merely hosted ---
    ("gpl-3-open", "GPL-3.0-only", {}, "conditional", "gpl-3.0@", "5(c)"),
    ("gpl-3-or-later", "GPL-3.0-or-later", {}, "conditional", "gpl-3.0@", "5(c)"),
    ("gpl-3-plus", "GPL-3.0+", {}, "conditional", "gpl-3.0@", "5(c)"),
    ("gpl-3-hosted", "GPL-3.0-only", HOSTED, "permitted", "gpl-3.0@", "2"),
    ("gpl-3-internal", "GPL-3.0-only", INTERNAL, "permitted", "gpl-3.0@", "2"),
    ("gpl-2-open", "GPL-2.0-only", {}, "conditional", "gpl-2.0@", "2(b)"),
    ("gpl-2-hosted", "GPL-2.0-or-later", HOSTED, "permitted", "gpl-2.0@", "2"),
    ("lgpl-2.1-open", "LGPL-2.1-only", {}, "conditional", "lgpl-2.1@", "2(c)"),
    ("lgpl-3-open", "LGPL-3.0-or-later", {}, "conditional", "lgpl-3.0@", "GPL-3.0 5(c) (incorporated)"),
    ("lgpl-3-hosted", "LGPL-3.0-only", HOSTED, "permitted", "lgpl-3.0@", "GPL-3.0 2 (incorporated)"),
    # The AGPL's network clause reaches everyone interacting with the model, staff included.
    ("agpl-hosted", "AGPL-3.0-only", HOSTED, "conditional", "agpl-3.0@", "13"),
    ("agpl-internal", "AGPL-3.0-or-later", INTERNAL, "conditional", "agpl-3.0@", "13"),
    ("mpl-open", "MPL-2.0", {}, "conditional", "mpl-2.0@", "3.2(a)"),
    ("mpl-hosted", "MPL-2.0", HOSTED, "permitted", "mpl-2.0@", "2.1(a)"),
    ("epl-1-open", "EPL-1.0", {}, "conditional", "epl-1.0@", "3"),
    ("epl-2-open", "EPL-2.0", {}, "conditional", "epl-2.0@", "3.1(a)"),
    # The Artistic License's "Distribute" includes making the package accessible to others.
    ("artistic-hosted", "Artistic-2.0", HOSTED, "conditional", "artistic-2.0@", "(4)"),
    ("artistic-internal", "Artistic-2.0", INTERNAL, "permitted", "artistic-2.0@", "(1)"),
    # --- data licences: a trained model is a Result (CDLA) or the data is public domain (PDDL) ---
    ("cdla-permissive-1", "CDLA-Permissive-1.0", {}, "permitted", "cdla-permissive-1.0@", "2.1"),
    ("cdla-permissive-2", "CDLA-Permissive-2.0", {}, "permitted", "cdla-permissive-2.0@", "1.1"),
    ("cdla-sharing", "CDLA-Sharing-1.0", {}, "permitted", "cdla-sharing-1.0@", "2.1"),
    ("pddl", "PDDL-1.0", {}, "permitted", "pddl-1.0@", "3.1"),
    # --- Creative Commons 2.0 / 2.5: as their 3.0 and 4.0 siblings ---
    ("cc-by-2.0-open", "CC-BY-2.0", {}, "conditional", "cc-by-2.0@", "4(b)"),
    ("cc-by-2.0-internal", "CC-BY-2.0", INTERNAL, "permitted", "cc-by-2.0@", "3"),
    ("cc-by-2.5-open", "CC-BY-2.5", {}, "conditional", "cc-by-2.5@", "4(b)"),
    ("cc-by-sa-2.0", "CC-BY-SA-2.0", {}, "conditional", "cc-by-sa-2.0@", "4(b)"),
    ("cc-by-sa-2.5", "CC-BY-SA-2.5", {}, "conditional", "cc-by-sa-2.5@", "4(c)"),
    ("cc-by-nc-2.0-commercial", "CC-BY-NC-2.0", {}, "prohibited", "cc-by-nc-2.0@", "4(b)"),
    ("cc-by-nc-2.0-research", "CC-BY-NC-2.0", RESEARCH, "conditional", "cc-by-nc-2.0@", "4(b)"),
    ("cc-by-nc-2.5-commercial", "CC-BY-NC-2.5", {}, "prohibited", "cc-by-nc-2.5@", "4(b)"),
    ("cc-by-nc-sa-2.0-commercial", "CC-BY-NC-SA-2.0", {}, "prohibited", "cc-by-nc-sa-2.0@", "4(c)"),
    ("cc-by-nc-sa-2.5-research", "CC-BY-NC-SA-2.5", RESEARCH_OPEN, "conditional", "cc-by-nc-sa-2.5@", "4(b)"),
    # --- NoDerivs 2.x / 3.0: no right to make derivative works at all, so no use is recorded as granted ---
    ("cc-by-nd-2.0-open", "CC-BY-ND-2.0", {}, "needs-review", "cc-by-nd-2.0@", "3 (closing paragraph)"),
    ("cc-by-nd-2.5-internal", "CC-BY-ND-2.5", INTERNAL, "needs-review", "cc-by-nd-2.5@", ""),
    ("cc-by-nd-3.0-open", "CC-BY-ND-3.0", {}, "needs-review", "cc-by-nd-3.0@", "3 (closing paragraph)"),
    ("cc-by-nc-nd-2.0-commercial", "CC-BY-NC-ND-2.0", {}, "prohibited", "cc-by-nc-nd-2.0@", "4(b)"),
    ("cc-by-nc-nd-3.0-research", "CC-BY-NC-ND-3.0", RESEARCH, "needs-review", "cc-by-nc-nd-3.0@", ""),
    ("cc-by-nc-nd-3.0-commercial", "CC-BY-NC-ND-3.0", {}, "prohibited", "cc-by-nc-nd-3.0@", "4(b)"),
    # --- still unknown: a licence no terms map to ---
    ("osl-unmapped", "OSL-3.0", {}, "needs-review", "", ""),
]


@pytest.mark.parametrize(
    ("expression", "project", "verdict", "terms", "section"),
    [c[1:] for c in DATASETS],
    ids=[c[0] for c in DATASETS],
)
def test_dataset_licence(
    manifest: WriteManifest, expression: str, project: dict[str, Any], verdict: str, terms: str, section: str
) -> None:
    f = the(judge(manifest, data(expression), **project), "data.jsonl", "dataset", terms)
    assert f["verdict"] == verdict, f["reasons"]
    if section:
        assert section in sections(f), sections(f)
    if not terms:
        assert f["terms"] is None and "is not in the registry" in f["reasons"][0]


def test_a_copyleft_release_names_the_licence_and_the_source_duty(manifest: WriteManifest) -> None:
    f = the(judge(manifest, data("GPL-3.0-only")), "data.jsonl", "dataset", "gpl-3.0@3.0")
    [duty] = f["obligation_details"]
    assert duty["kind"] == "share-alike"
    assert "under GPL-3.0" in duty["text"] and "Corresponding Source" in duty["text"]
    assert duty["clauses"][0]["quote"].startswith("c) You must license the entire work, as a whole")


def test_cdla_permissive_2_quotes_that_models_are_unrestricted_results() -> None:
    terms = Registry().terms("cdla-permissive-2.0")
    assert terms is not None
    quotes = {c.section: c.quote for c in terms.clauses.values()}
    assert "machine learning models" in quotes["5.4"]
    assert "does not impose any restriction or obligations" in quotes["3.1"]


def test_cdla_sharing_binds_the_data_not_the_model(manifest: WriteManifest) -> None:
    # Share-alike (3.1) is quoted but binds republishing the data; Results (3.5) are free.
    terms = Registry().terms("cdla-sharing-1.0")
    assert terms is not None
    assert {c.section for c in terms.clauses.values()} >= {"3.1(a)", "3.5"}
    report = judge(manifest, data("CDLA-Sharing-1.0"), release="open-weights")
    f = the(report, "data.jsonl", "dataset", "cdla-sharing-1.0@1.0")
    assert f["verdict"] == "permitted" and f["obligations"] == []


def test_and_of_a_permissive_and_a_copyleft_licence_takes_the_copyleft(manifest: WriteManifest) -> None:
    report = judge(manifest, data("BSD-3-Clause AND GPL-2.0-only"))
    assert the(report, "data.jsonl", "dataset", "bsd-3-clause")["verdict"] == "permitted"
    assert the(report, "data.jsonl", "dataset", "gpl-2.0")["verdict"] == "conditional"
    assert report["verdict"] == "conditional"


# --- weights and teachers under these licences (Hub licence tags, through a lock) -------------

# (case id, Hub licence tag, project, verdict, terms id prefix, section)
BASES = [
    ("gpl-3-weights-open", "gpl-3.0", {}, "conditional", "gpl-3.0@", "5(c)"),
    ("gpl-3-weights-hosted", "gpl-3.0", HOSTED, "permitted", "gpl-3.0@", "2"),
    ("agpl-weights-internal", "agpl-3.0", INTERNAL, "conditional", "agpl-3.0@", "13"),
    ("bsd-3-weights-open", "bsd-3-clause", {}, "conditional", "bsd-3-clause@", "condition 2"),
    ("bsd-3-weights-internal", "bsd-3-clause", INTERNAL, "permitted", "bsd-3-clause@", "paragraph 1"),
    ("isc-weights-open", "isc", {}, "conditional", "isc@", "paragraph 1"),
    ("unlicense-weights-open", "unlicense", {}, "permitted", "unlicense@", "paragraph 2"),
    # AFL-3.0 section 6 binds a Derivative Work once created, released or not.
    ("afl-weights-internal", "afl-3.0", INTERNAL, "conditional", "afl-3.0@", "6"),
    ("mpl-weights-open", "mpl-2.0", {}, "conditional", "mpl-2.0@", "3.2(a)"),
    ("cdla-p2-weights-open", "cdla-permissive-2.0", {}, "permitted", "cdla-permissive-2.0@", "1.1"),
    ("cc-by-nc-sa-2.0-weights", "cc-by-nc-sa-2.0", {}, "prohibited", "cc-by-nc-sa-2.0@", "4(c)"),
    # Family tags name no one licence: still unknown.
    ("gpl-family-tag", "gpl", {}, "needs-review", "", ""),
    ("bsd-family-tag", "bsd", {}, "needs-review", "", ""),
    ("bsd-clear-tag", "bsd-3-clause-clear", {}, "needs-review", "", ""),
]


@pytest.mark.parametrize(
    ("tag", "project", "verdict", "terms", "section"), [c[1:] for c in BASES], ids=[c[0] for c in BASES]
)
def test_base_model_under_a_hub_licence_tag(
    manifest: WriteManifest, tag: str, project: dict[str, Any], verdict: str, terms: str, section: str
) -> None:
    base = "open-lab/base-7b"
    report = judge_hub(manifest, "", [{"ref": base, "license": [tag]}], base=base, **project)
    f = the(report, base, "base-model", terms)
    assert f["verdict"] == verdict, f["reasons"]
    if section:
        assert section in sections(f), sections(f)


def test_gpl_copyleft_reaches_a_fine_tune_of_a_fine_tune(manifest: WriteManifest) -> None:
    base, ancestor = "ft-lab/second-generation-7b", "gnu-lab/original-7b"
    records = [
        {"ref": base, "license": ["apache-2.0"], "base_models": [ancestor]},
        {"ref": ancestor, "license": ["gpl-3.0"]},
    ]
    f = the(judge_hub(manifest, "", records, base=base), base, "base-model", "gpl-3.0@3.0")
    assert f["verdict"] == "conditional" and "5(c)" in sections(f)
    assert f["lineage"] == [base, ancestor]


@pytest.mark.parametrize(
    ("tag", "verdict", "terms", "section"),
    [
        # The GNU licences cover output that "constitutes a covered work": turns on its content.
        ("gpl-3.0", "needs-review", "gpl-3.0@", "2"),
        ("gpl-2.0", "needs-review", "gpl-2.0@", "0"),
        ("lgpl-2.1", "needs-review", "lgpl-2.1@", "0"),
        # Silent copyleft licences record no outputs clause: needs review, nothing cited.
        ("epl-2.0", "needs-review", "epl-2.0@", ""),
        # Silent permissive licences: the grant makes outputs free, as for MIT and Apache-2.0.
        ("bsd-2-clause", "permitted", "bsd-2-clause@", "paragraph 1"),
        ("afl-3.0", "permitted", "afl-3.0@", "15"),
    ],
)
def test_teacher_outputs(manifest: WriteManifest, tag: str, verdict: str, terms: str, section: str) -> None:
    teacher = "open-lab/teacher-7b"
    body = f"teachers:\n  - model: {teacher}\n"
    report = judge_hub(manifest, body, [{"ref": teacher, "license": [tag]}], base=OTHER)
    f = the(report, teacher, "teacher", terms)
    assert f["verdict"] == verdict, f["reasons"]
    if section:
        assert section in sections(f), sections(f)


def test_a_hub_dataset_tag_resolves_like_its_spdx_id(manifest: WriteManifest) -> None:
    ref = "data-lab/speech-corpus"
    body = f"datasets:\n  - id: {ref}\n"
    records = [{"kind": "dataset", "ref": ref, "license": ["cc-by-nc-2.0"]}]
    f = the(judge_hub(manifest, body, records), ref, "dataset", "cc-by-nc-2.0@2.0")
    assert f["verdict"] == "prohibited" and "4(b)" in sections(f)


# --- the catalogue file itself ------------------------------------------------------------------


def test_every_open_licence_maps_its_own_spdx_id_and_cites_a_shipped_text() -> None:
    registry = Registry()
    entries: list[dict[str, Any]] = load_file(OPEN_CATALOGUE).data["licenses"]
    mapped: dict[str, set[str]] = {}
    for e in entries:
        mapped.setdefault(e["terms"], set()).add(e["spdx"])
        assert registry.terms_for_spdx(e["spdx"]) == e["terms"], e
        for tag in e.get("hf", ()):
            assert registry.terms_for_hub_tag(tag) == e["terms"], tag
    for terms_id, ids in mapped.items():
        terms = registry.terms(terms_id)
        assert terms is not None and terms.spdx in ids, (terms_id, ids)
        assert terms.reference and terms.reference.startswith("texts/"), terms_id
        header = (data_root() / "registry" / terms.reference).read_text(encoding="utf-8").split("\n---\n")[0]
        assert re.search(r"retrieved-from: .*\b[0-9a-f]{40}\b", header), terms.reference
    assert len(mapped) == 34  # one terms document per licence in the file


def test_the_dpi_datasets_under_these_licences_now_reach_their_terms(manifest: WriteManifest) -> None:
    body = "datasets:\n" + "".join(
        f"  - id: {d}\n" for d in ("bazyl/GTSRB", "reazon-research/reazonspeech", "LIUM/tedlium")
    )
    report = judge(manifest, body)
    gtsrb = the(report, "bazyl/GTSRB", "dataset", "gpl-3.0@3.0")
    assert gtsrb["verdict"] == "conditional"
    assert any("Data Provenance Initiative" in r for r in gtsrb["reasons"])
    reazon = the(report, "reazon-research/reazonspeech", "dataset", "cdla-sharing-1.0")
    assert reazon["verdict"] == "permitted"
    assert the(report, "LIUM/tedlium", "dataset", "cc-by-nc-nd-3.0")["verdict"] == "prohibited"
