"""The DPI's annotations at run time: a fallback after the project's own catalogue, cited in
every finding it decides; the project's entries win and `explain` shows where the DPI differs;
and, over the shipped data, no dataset an OpenAI, Anthropic or Google model wrote passes for a
commercial general-purpose student unless the provider itself released it."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from licensecheck import dpi, dpi_import, dpi_labels
from licensecheck import policy as policylib
from licensecheck.engine import evaluate
from licensecheck.lineage import resolve_dataset
from licensecheck.manifest import Dataset, loads
from licensecheck.refs import ModelRef
from licensecheck.registry import Registry
from licensecheck.result import SubjectResult
from licensecheck.terms import TermsKind
from licensecheck.verdict import Verdict
from tests.conftest import (
    AS_OF,
    EXAMPLES,
    WriteManifest,
    check_json,
    findings,
    loaded_modules,
    project_yaml,
    run_cli,
)

FIXTURE = Path(__file__).resolve().parent / "data" / "dpi"
REGISTRY_ROOT = Path(__file__).resolve().parent.parent / "registry"
BIG_THREE = frozenset({"openai", "anthropic", "google"})


@functools.lru_cache(maxsize=1)
def shipped() -> tuple[Registry, dict[str, Any]]:
    registry = Registry()
    doc = dpi.document(registry)
    assert doc is not None, "registry/provenance/dpi.json is shipped"
    return registry, doc


def dpi_only(key: str) -> str:
    """A dataset the DPI annotates and the project's own catalogue does not list."""
    registry, doc = shipped()
    found = registry.dataset(key)
    assert found is not None and found.provenance, key
    return str(doc["datasets"][key]["id"])


def one(dataset: str, licence: str | None = None) -> str:
    return f"  - id: {dataset}\n" + (f"    license: {licence}\n" if licence else "")


def check(manifest: WriteManifest, datasets: str) -> dict[str, Any]:
    _, report = check_json(manifest(project_yaml() + "datasets:\n" + datasets))
    return report


def reasons(found: list[dict[str, Any]]) -> str:
    return " ".join(r for f in found for r in f["reasons"])


# --- fallback and citation ---------------------------------------------------------------------


def test_a_dpi_only_dataset_is_judged_through_check_and_cites_its_record(manifest: WriteManifest) -> None:
    dataset = dpi_only("camel-ai/biology")
    report = check(manifest, one(dataset))
    own = findings(report, dataset, "dataset")
    assert own and "Data Provenance Initiative" in reasons(own) and "Camel-AI Science" in reasons(own)
    assert {f["terms"] for f in own} == {"cc-by-nc-4.0@4.0"}
    gpt4 = findings(report, "openai:gpt-4", "generator")
    assert "prohibited" in {f["verdict"] for f in gpt4}
    assert any((f["terms"] or "").startswith("openai-terms-of-use@") for f in gpt4)
    assert report["verdict"] == "prohibited"


def test_a_licence_the_dpi_did_not_find_needs_review_until_declared(manifest: WriteManifest) -> None:
    dataset = dpi_only("allenai/scitldr")  # the DPI: "Unspecified", no model
    found = findings(check(manifest, one(dataset)), dataset, "dataset")
    assert [f["verdict"] for f in found] == ["needs-review"]
    assert "record no licence for allenai/scitldr" in reasons(found)
    declared = findings(check(manifest, one(dataset, "CC-BY-4.0")), dataset, "dataset")
    assert {f["verdict"] for f in declared} == {"conditional"}


def test_a_licence_no_terms_map_stays_a_gap_whatever_is_declared(manifest: WriteManifest) -> None:
    _, doc = shipped()
    custom = next(
        key
        for key, rec in sorted(doc["datasets"].items())
        if rec["license"] == "LicenseRef-dpi-custom" and "/" in key and not rec["generated_by"]
    )
    dataset = dpi_only(custom)
    found = findings(check(manifest, one(dataset, "MIT")), dataset, "dataset")
    assert "needs-review" in {f["verdict"] for f in found}
    assert "LicenseRef-dpi-custom" in reasons(found)


def test_check_of_catalogued_datasets_never_reads_the_dpi_data() -> None:
    modules = loaded_modules("check", str(EXAMPLES / "alpaca-commercial" / "licensecheck.yaml"))
    assert "licensecheck.engine" in modules
    assert "licensecheck.dpi" not in modules


def test_a_registry_without_dpi_data_has_no_fallback(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(REGISTRY_ROOT, root, ignore=shutil.ignore_patterns("provenance"))
    assert Registry(root).dataset("camel-ai/biology") is None
    assert Registry().dataset("camel-ai/biology") is not None


# --- the project's entry wins; explain shows the DPI's record ----------------------------------


def explain(ref: str) -> dict[str, Any]:
    run = run_cli("explain", ref, "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    payload: dict[str, Any] = run.json
    return payload


def test_the_projects_entry_wins_and_explain_shows_the_disagreement(manifest: WriteManifest) -> None:
    payload = explain("stingning/ultrachat")
    assert payload["catalogue"] == "project" and payload["license"] == "MIT"
    assert "CC BY-NC 4.0" in payload["dpi"]["licenses"]
    assert payload["dpi"]["records"][0]["file"] == "data_summaries/UltraChat.json"
    assert payload["dpi"]["commit"] == shipped()[1]["source"]["commit"]
    assert any(d.startswith("licence:") for d in payload["disagreement"])
    text = run_cli("explain", "stingning/ultrachat").stdout
    assert "matched dataset id 'stingning/ultrachat' in the catalogue" in text
    assert "DPI record: UltraChat (data_summaries/UltraChat.json" in text
    assert "the DPI differs on the licence: the catalogue records MIT; the DPI records CC BY-NC 4.0" in text
    # `check` judges the project's licence, not the DPI's.
    found = findings(check(manifest, one("stingning/ultrachat")), "stingning/ultrachat", "dataset")
    assert {f["terms"] for f in found} == {"mit@unversioned"}
    assert "Data Provenance Initiative" not in reasons(found)


def test_explain_of_a_dpi_only_dataset_names_its_source() -> None:
    payload = explain(dpi_only("camel-ai/biology"))
    assert payload["catalogue"] == "dpi" and payload["disagreement"] == []
    assert payload["source"].startswith(
        "https://github.com/Data-Provenance-Initiative/Data-Provenance-Collection/blob/"
    )
    assert payload["dpi"]["models"] == ["OpenAI ChatGPT", "OpenAI GPT-4"]
    text = run_cli("explain", "camel-ai/biology").stdout
    assert "in the Data Provenance Initiative's annotations" in text
    assert "DPI models: OpenAI ChatGPT, OpenAI GPT-4 (mapped to chatgpt:unspecified" in text


def test_hh_rlhf_is_anthropics_own_release_and_explain_says_so(manifest: WriteManifest) -> None:
    payload = explain("Anthropic/hh-rlhf")
    assert payload["released_by"] == "anthropic" and payload["generated_by"] == []
    assert payload["dpi"]["models"] == ["Anthropic Internal Models", "Other"]
    assert any(d.startswith("generators:") for d in payload["disagreement"])
    text = run_cli("explain", "Anthropic/hh-rlhf").stdout
    assert "released by anthropic itself, whose models wrote it, under MIT" in text
    report = check(manifest, one("Anthropic/hh-rlhf"))
    assert findings(report, role="generator") == []
    assert {f["verdict"] for f in findings(report, "Anthropic/hh-rlhf", "dataset")} <= {
        "permitted",
        "conditional",
    }


# --- importer output -> run time, end to end on the fixture ------------------------------------


@pytest.fixture
def fixture_registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(REGISTRY_ROOT, root, ignore=shutil.ignore_patterns("provenance"))
    out = root / "provenance" / "dpi.json"
    assert dpi_import.main([str(FIXTURE), "--commit", "0" * 40, "-o", str(out)]) == 0
    return root


def resolve(registry: Registry, dataset_id: str, licence: str | None = None) -> tuple[Any, ...]:
    from licensecheck import licenses

    declared = licenses.parse(licence) if licence else None
    found = resolve_dataset(
        registry, Dataset(id=dataset_id, path=None, url=None, license=declared, generated_by=(), line=None)
    )
    return tuple(g.terms_id for g in found.alternatives[0]), found.gaps_by_alternative[0], found


def test_imported_entries_resolve_to_registry_terms(fixture_registry: Path) -> None:
    registry = Registry(fixture_registry)
    terms, gaps, found = resolve(registry, "ACME/alpha")
    assert sorted(terms) == ["cc-by-nc-4.0", "mit"] and gaps == ()
    assert found.generators == ("chatgpt:unspecified", "openai:gpt-3", "openai:unspecified")
    assert found.generated == (datetime.date(2020, 6, 11), datetime.date(2023, 3, 10))
    assert found.entry.provenance and "Acme Instructions" in found.entry.provenance
    _, gaps, _ = resolve(registry, "acme/beta", "MIT")
    assert any("LicenseRef-dpi-custom" in g for g in gaps)
    _, gaps, found = resolve(registry, "legacyname")
    assert any("record no licence for legacyname" in g for g in gaps)
    assert any("Not every model that wrote legacyname" in g for g in gaps)


def test_an_own_entry_wins_over_the_imported_one(fixture_registry: Path) -> None:
    (fixture_registry / "catalogue" / "zz-test.yaml").write_text(
        "datasets:\n  - id: acme/alpha\n    terms: [apache-2.0]\n    license: Apache-2.0\n    source: test\n"
    )
    registry = Registry(fixture_registry)
    own = registry.dataset("acme/alpha")
    assert own is not None and own.terms == ("apache-2.0",) and own.provenance is None
    rec = dpi.record(registry, "acme/alpha")
    assert rec is not None
    assert dpi.disagreement(own, rec) == [
        "licence: the catalogue records Apache-2.0; the DPI records CC BY-NC 4.0, MIT License, OpenAI",
        "generators: the catalogue records none; the DPI records OpenAI ChatGPT, OpenAI GPT-3, templates",
    ]


def test_licence_families_and_providers() -> None:
    assert dpi.family("CC-BY-NC-4.0") == dpi.family("cc-by-nc-3.0") == "cc-by-nc"
    assert dpi.family("LicenseRef-llama-2-community-license") == dpi.family("llama-3.1-community-license")
    assert dpi.family("GPL-3.0-only") == "gpl"
    assert dpi.family("CC-BY-4.0") != dpi.family("CC-BY-SA-4.0")
    assert dpi.provider("chatgpt:gpt-4") == dpi.provider("openai:gpt-3") == "openai"
    assert dpi.provider("claude:x") == "anthropic" and dpi.provider("meta-llama/Llama-2-7b-chat-hf") == "meta"
    assert (
        dpi.provider("openai-community/gpt2") == "openai" and dpi.provider("bigcode/starcoder") == "bigcode"
    )


# --- the shipped data ---------------------------------------------------------------------------


def test_the_shipped_data_is_the_importers_rendering() -> None:
    """Written by the importer and not edited by hand: re-rendering gives the same bytes."""
    path = REGISTRY_ROOT / "provenance" / "dpi.json"
    text = path.read_text(encoding="utf-8")
    assert dpi_import.render(json.loads(text)) == text
    assert shipped()[1]["format"] == dpi_import.FORMAT


def test_every_api_reference_in_the_shipped_data_reaches_provider_terms() -> None:
    registry, doc = shipped()
    refs = {g for rec in doc["datasets"].values() for g in rec["generated_by"] if ModelRef(g).is_api}
    assert refs and all(registry.model(r) is not None for r in refs), sorted(refs)


def _label_provider(label: str) -> str:
    found = dpi_labels.model(label) or dpi_labels.provider_terms(label)
    return found.provider if found else "unnamed"


def test_the_catalogue_covers_the_dpi_ids_and_agrees_with_the_dpi() -> None:
    """Over every Hub id the importer recorded: a catalogue entry (the project's or the DPI's) for
    at least 80%, and the same licence family and generator providers as the DPI for at least 90%
    of those. Definite terms (a licence the registry holds, no gap) is lower by design: the DPI
    itself found no licence for about a third of these datasets, and those stay needs-review."""
    registry, doc = shipped()
    keys = sorted(doc["datasets"])
    covered = agreed = definite = 0
    for key in keys:
        rec = doc["datasets"][key]
        found = registry.dataset(rec["id"])
        if found is None:
            continue
        covered += 1
        ours = {dpi.provider(g) for g in found.generated_by}
        if found.provenance:  # the DPI's own entry: its unmapped labels still name providers
            ours |= {_label_provider(label) for label in rec["unmapped_models"]}
        same_providers = ours - {"unnamed"} == dpi.dpi_providers(rec)
        agreed += dpi.own_families(found) == dpi.dpi_families(rec) and same_providers
        terms, gaps, _ = resolve(registry, rec["id"])
        definite += bool(terms) and not gaps
    assert len(keys) > 800
    assert covered / len(keys) >= 0.8
    assert agreed / covered >= 0.9
    # A floor against regressions, not the target: 450 of 845 with the open licences mapped.
    assert definite / len(keys) >= 0.53


def _provider_written() -> list[dict[str, Any]]:
    _, doc = shipped()
    return [rec for _, rec in sorted(doc["datasets"].items()) if BIG_THREE & set(rec["providers"])]


def test_no_dataset_an_openai_anthropic_or_google_model_wrote_passes_for_a_commercial_llm() -> None:
    """Every DPI dataset some OpenAI, Anthropic or Google model wrote, judged as `check` judges it
    (legacy ids without an organisation included, which a manifest cannot name): never permitted
    or conditional for a commercial, open-weights, general-purpose student, unless the project's
    own entry records that the provider released the data itself (and explain says so)."""
    registry, _ = shipped()
    written = _provider_written()
    assert len(written) > 80
    base = loads(project_yaml() + "datasets:\n  - id: acme/placeholder\n")
    datasets = tuple(
        Dataset(id=rec["id"], path=None, url=None, license=None, generated_by=(), line=i)
        for i, rec in enumerate(written)
    )
    result = evaluate(
        dataclasses.replace(base, datasets=datasets),
        registry,
        policylib.load(),
        datetime.date.fromisoformat(AS_OF),
    )
    by_dataset: dict[str, list[SubjectResult]] = {}
    for subject in result.subjects:
        by_dataset.setdefault(subject.wrote or subject.ref, []).append(subject)
    released = []
    open_weights = []
    for rec in written:
        verdict = Verdict.worst(s.verdict for s in by_dataset[rec["id"]])
        if verdict in (Verdict.PERMITTED, Verdict.CONDITIONAL):
            own = registry.dataset(rec["id"])
            assert own is not None, (rec["id"], verdict)
            if own.released_by in BIG_THREE & set(rec["providers"]):
                released.append(rec["id"])
                continue
            # Else every writer is one of their open-weight models (GPT-2 under MIT), whose
            # licence, not a service's terms, governs its outputs.
            writers = [registry.model(g) for g in own.generated_by]
            assert writers and all(w is not None for w in writers), rec["id"]
            kinds = {registry.series(t)[0].kind for w in writers if w is not None for t in w.terms}
            assert TermsKind.SERVICE_TERMS not in kinds, (rec["id"], verdict, own.generated_by)
            open_weights.append(rec["id"])
    # OpenAI's summaries of Reddit posts, released by OpenAI under its modified MIT (licences12).
    assert released == ["Anthropic/hh-rlhf", "openai/summarize_from_feedback"]
    assert len(open_weights) <= 5, open_weights
    assert "released by anthropic itself" in run_cli("explain", released[0]).stdout


def test_a_datasets_new_hub_name_finds_the_dpi_record_of_its_former_name(manifest: WriteManifest) -> None:
    # The DPI records "sciq"; the Hub now serves it as allenai/sciq, the name a manifest uses.
    report = check(manifest, one("allenai/sciq"))
    own = findings(report, "allenai/sciq", "dataset")
    assert {f["terms"] for f in own} == {"cc-by-nc-3.0@3.0"}
    assert "under its former Hub name sciq (provenance/hub-renames.yaml)" in reasons(own)
    assert report["verdict"] == "prohibited"  # non-commercial data, commercial project
    assert Registry().dataset("nobody/sciq") is None  # only the listed renames, never a guess


def test_every_rename_names_a_dpi_record_and_no_name_twice() -> None:
    registry, doc = shipped()
    renames = dpi.former_names(registry)
    assert len(renames) > 50
    assert all(old in doc["datasets"] for old in renames.values())
    assert not set(renames) & set(doc["datasets"])  # a new name the DPI already records is not renamed
