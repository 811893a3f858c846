"""Catalogue entries read from Hub cards (registry/catalogue/models-hub-cards.yaml), judged
through `licensecheck check`: a model's licence as its card states it, and lineage through the
data its card says it was trained on, offline as online. Data the registry does not know, or
whose writers are not all on record, needs review; a known writer's terms bind."""

from __future__ import annotations

from pathlib import Path

import yaml

from licensecheck.registry import Registry
from tests.conftest import REPO, WriteManifest, findings, run_cli
from tests.test_registry_families_2026 import OTHER, base_finding, judge, teacher, the

CARDS = REPO / "registry" / "catalogue" / "models-hub-cards.yaml"


def test_vicuna_carries_the_chatgpt_conversations_it_was_trained_on(manifest: WriteManifest) -> None:
    # Llama 2 lets its outputs improve a Llama 2 student, but Vicuna's data was written by
    # ChatGPT (ShareGPT), whose terms bar developing competing models.
    report = judge(
        manifest,
        teacher("lmsys/vicuna-13b-v1.5"),
        base="meta-llama/Llama-2-13b-hf",
        use="research",
        release="internal",
    )
    own = the(report, "lmsys/vicuna-13b-v1.5", "teacher", "llama-2-community-license")
    assert own["verdict"] == "permitted", own["reasons"]
    writers = findings(report, "chatgpt:gpt-3.5-turbo", "generator")
    assert any(f["verdict"] == "prohibited" for f in writers)
    assert any("lmsys/vicuna-13b-v1.5" in r for f in writers for r in f["reasons"])
    assert report["verdict"] == "prohibited"


def test_incompletely_recorded_training_data_needs_review(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("NousResearch/Hermes-2-Pro-Mistral-7B"), base=OTHER, use="research")
    gaps = [f for f in findings(report, "NousResearch/Hermes-2-Pro-Mistral-7B", "teacher") if not f["terms"]]
    assert gaps and all(f["verdict"] == "needs-review" for f in gaps)
    assert any(
        "teknium/OpenHermes-2.5" in f["reasons"][0] and "not every model" in f["reasons"][0] for f in gaps
    )
    assert findings(report, "openai:gpt-4", "generator")


def test_training_data_whose_sources_are_incompletely_recorded_needs_review(manifest: WriteManifest) -> None:
    # The Tulu 3 SFT mixture names its own writers in full, but it re-publishes persona sets whose
    # writer lists are not complete: a model trained on it cannot be cleared on the mixture's list.
    model = "allenai/Llama-3.1-Tulu-3-8B-SFT"
    report = judge(
        manifest, teacher(model), base="meta-llama/Llama-3.1-8B", use="research", release="internal"
    )
    gaps = [f for f in findings(report, model, "teacher") if not f["terms"]]
    upstream = [f for f in gaps if "which derives from" in f["reasons"][0]]
    assert upstream and all(f["verdict"] == "needs-review" for f in upstream)
    # The persona sets are complete since core17; the safety subsets still carry the gap.
    assert "allenai/wildguardmix" in upstream[0]["reasons"][0]


def test_every_catalogued_models_training_data_is_catalogued() -> None:
    # A model's card data the registry lacks would keep every project using the model in review
    # (tests/test_card_provenance.py shows that gap, online); the catalogue names none.
    registry = Registry()
    missing = [(m.key, d) for m in registry.models() for d in m.datasets if registry.dataset(d) is None]
    assert missing == []


def test_human_written_training_data_adds_nothing(manifest: WriteManifest) -> None:
    # Dolly 2.0: MIT weights, trained on databricks-dolly-15k, which employees wrote.
    report = judge(manifest, "", base="databricks/dolly-v2-12b")
    got = findings(report, "databricks/dolly-v2-12b", "base-model")
    assert [f["terms"] for f in got] == ["mit@unversioned"]
    assert report["verdict"] == "conditional"


def test_a_base_model_keeps_its_card_licence_and_the_lineage_of_its_fine_tunes(
    manifest: WriteManifest,
) -> None:
    f = base_finding(manifest, "mosaicml/mpt-7b", "apache-2.0", {})
    assert f["verdict"] == "conditional", f["reasons"]
    # neural-chat v3-3 is fine-tuned from v3-1, whose card lists SlimOrca (GPT-4 completions).
    report = judge(manifest, teacher("Intel/neural-chat-7b-v3-3"), base=OTHER)
    assert any(f["verdict"] == "prohibited" for f in findings(report, "openai:gpt-4", "generator"))


def test_every_entry_cites_a_pinned_card_copy() -> None:
    entries = yaml.safe_load(CARDS.read_text(encoding="utf-8"))["models"]
    assert len(entries) >= 100
    for e in entries:
        source = e["source"]
        assert source.startswith("https://github.com/YinanWusoymilk/hf-readme/blob/eb4de03"), e["id"]
        assert Path(source).name == e["id"].replace("/", "_", 1) + ".md", e["id"]
        assert e["note"].startswith("Card: license "), e["id"]


def test_explain_names_the_training_data_along_the_lineage() -> None:
    run = run_cli("explain", "Intel/neural-chat-7b-v3-3")
    assert run.exit_code == 0, run.stderr
    # v3-3's own card lists no data; its base v3-1's lists SlimOrca.
    assert "trained on: Open-Orca/SlimOrca" in run.stdout
    payload = run_cli("explain", "Intel/neural-chat-7b-v3-3", "--format", "json").json
    assert payload["trained_on"] == ["Open-Orca/SlimOrca"]
