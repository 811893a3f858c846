"""Issue 12's popular-teacher pass (models13), judged through `licensecheck check`.

Two licence texts are new: Meta's OPT-175B licence (the OPT weights, and BLIP-2 on OPT-2.7B through
its lineage, whatever that card's MIT tag says) is non-commercial research only, outputs included;
Apple's sample code licence (OpenELM) is permissive and silent on outputs. Z.AI's API is judged
under a placeholder that records no clause (needs review, naming the agreement), where it was
unknown before. Classic models keep their cards' licences under both their organisation ids and the
legacy single names the Hub moved (gpt2 -> openai-community/gpt2). What could not be verified stays a
gap: Orca 2's Microsoft Research License, CLIP (no licence on its card), GLM-4-0414, Aya Vision and
Jamba2 (secondary sources only) and the WizardLMTeam re-upload of WizardLM-2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from licensecheck.registry import Registry
from tests.conftest import WriteManifest, findings
from tests.test_registry_datasets import COMMERCIAL, RESEARCH_INTERNAL, reasons, worst
from tests.test_registry_families_2026 import base_finding, cited, judge, judged_teacher, teacher

CATALOGUE = Path(__file__).resolve().parent.parent / "registry" / "catalogue" / "models-models13.yaml"


def entries() -> list[dict[str, Any]]:
    models: list[dict[str, Any]] = yaml.safe_load(CATALOGUE.read_text())["models"]
    return models


# --- the file itself ------------------------------------------------------------------------------


def test_every_entry_cites_a_source_and_states_its_modality() -> None:
    for e in entries():
        key = e.get("id") or e.get("pattern")
        assert e["source"].startswith("https://"), key
        assert e.get("note"), key
        if "pattern" not in e:
            assert "multimodal" in e, key


SECONDARY_ONLY = {
    "WizardLMTeam/WizardLM-2-8x22B",
    "CohereLabs/aya-vision-8b",
    "CohereLabs/aya-vision-32b",
    "CohereForAI/aya-vision-8b",
    "CohereForAI/aya-vision-32b",
    "ai21labs/AI21-Jamba2-3B",
    "ai21labs/AI21-Jamba2-Mini",
}


def test_every_entry_without_terms_or_read_only_in_secondary_sources_keeps_a_gap() -> None:
    ids = {e.get("id") for e in entries()}
    assert ids >= SECONDARY_ONLY
    for e in entries():
        key = e.get("id") or e.get("pattern")
        if not e["terms"] or key in SECONDARY_ONLY:
            assert e.get("gap"), key
        if key in SECONDARY_ONLY:
            assert "NOT VERIFIED" in e["note"], key


LEGACY = {
    "gpt2": "openai-community/gpt2",
    "gpt2-medium": "openai-community/gpt2-medium",
    "gpt2-xl": "openai-community/gpt2-xl",
    "distilgpt2": "distilbert/distilgpt2",
    "bert-base-uncased": "google-bert/bert-base-uncased",
    "bert-base-multilingual-cased": "google-bert/bert-base-multilingual-cased",
    "roberta-base": "FacebookAI/roberta-base",
    "xlm-roberta-large": "FacebookAI/xlm-roberta-large",
    "distilbert-base-uncased": "distilbert/distilbert-base-uncased",
    "t5-small": "google-t5/t5-small",
    "t5-11b": "google-t5/t5-11b",
}


@pytest.mark.parametrize(("legacy", "current"), sorted(LEGACY.items()))
def test_a_legacy_single_name_id_carries_its_moved_repositorys_terms(legacy: str, current: str) -> None:
    registry = Registry()
    old, new = registry.model(legacy), registry.model(current)
    assert old is not None and new is not None and not old.gap, legacy
    assert set(old.terms) == set(new.terms) and old.terms, legacy
    assert current in old.base_models


def test_a_single_name_the_hub_never_had_stays_unknown() -> None:
    assert Registry().model("gpt3") is None
    assert Registry().model("bert-huge-uncased") is None


# --- OPT and what is built on it ------------------------------------------------------------------


def test_opt_as_teacher_bars_commercial_use_of_its_outputs(manifest: WriteManifest) -> None:
    _, f = judged_teacher(manifest, "facebook/opt-6.7b", "opt-175b-license@", COMMERCIAL)
    assert f["verdict"] == "prohibited" and cited(f, "2.a")


def test_opt_as_teacher_for_non_commercial_research_is_conditional(manifest: WriteManifest) -> None:
    _, f = judged_teacher(manifest, "facebook/opt-6.7b", "opt-175b-license@", RESEARCH_INTERNAL)
    assert f["verdict"] == "conditional" and cited(f, "2.a")
    assert "non-commercial research" in reasons([f])


def test_opt_as_base_carries_its_notice(manifest: WriteManifest) -> None:
    f = base_finding(manifest, "facebook/opt-1.3b", "opt-175b-license@", {"use": "research"})
    assert f["verdict"] == "conditional" and cited(f, "3")


@pytest.mark.parametrize(
    ("project", "verdict"),
    [(COMMERCIAL, "prohibited"), (RESEARCH_INTERNAL, "conditional")],
    ids=["commercial", "research"],
)
def test_blip2_on_opt_is_bound_by_opt_despite_its_mit_tag(
    manifest: WriteManifest, project: dict[str, Any], verdict: str
) -> None:
    f = base_finding(manifest, "Salesforce/blip2-opt-2.7b", "opt-175b-license@", project)
    assert f["verdict"] == verdict and cited(f, "2.a")
    blip2 = Registry().model("Salesforce/blip2-opt-2.7b")
    assert blip2 is not None and "facebook/opt-2.7b" in blip2.base_models


def test_opt_iml_is_not_taken_for_opt() -> None:
    assert Registry().model("facebook/opt-iml-30b") is None


# --- OpenELM under the Apple sample code licence --------------------------------------------------


def test_openelm_as_teacher_is_permitted_by_the_apple_licence(manifest: WriteManifest) -> None:
    report, f = judged_teacher(manifest, "apple/OpenELM-3B", "apple-sample-code-license@", COMMERCIAL)
    assert f["verdict"] == "permitted" and cited(f, "paragraph 2")
    assert report["verdict"] == "permitted"


def test_openelm_instruct_brings_the_writers_of_its_preference_data(manifest: WriteManifest) -> None:
    # Tuned on a copy of UltraFeedback (datasets-lineage14.yaml), whose completions GPT-4 rated.
    report = judge(manifest, teacher("apple/OpenELM-270M-Instruct"), **COMMERCIAL)
    writers = findings(report, "openai:gpt-4", "generator")
    assert writers and any(f["verdict"] == "prohibited" for f in writers)
    assert "csarron/argilla-ultrafeedback-binarized-preferences-cleaned" in reasons(writers)
    assert report["verdict"] == "prohibited"


def test_openelm_as_base_carries_the_name_restriction(manifest: WriteManifest) -> None:
    f = base_finding(manifest, "apple/OpenELM-1_1B", "apple-sample-code-license@", COMMERCIAL)
    assert f["verdict"] == "conditional"
    assert any("Apple's name" in o for o in f["obligations"])


def test_an_openelm_id_not_listed_keeps_the_older_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("apple/OpenELM-3B-Instruct-GGUF"), **RESEARCH_INTERNAL)
    assert worst(findings(report, "apple/OpenELM-3B-Instruct-GGUF", "teacher")) == "needs-review"


# --- Z.AI's API -----------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["zhipu:glm-4.5", "zai:glm-4.6"])
def test_the_zai_api_needs_review_naming_its_agreement(manifest: WriteManifest, ref: str) -> None:
    report = judge(manifest, teacher(ref), **RESEARCH_INTERNAL)
    got = findings(report, ref, "teacher")
    assert [f["terms"] for f in got] == ["zai-developer-agreement@undated"]
    assert worst(got) == "needs-review"
    assert "Z.AI Developer Agreement and Policy" in reasons(got)


def test_the_open_glm_weights_stay_under_their_own_licence(manifest: WriteManifest) -> None:
    _, f = judged_teacher(manifest, "zai-org/GLM-4.5", "mit@", COMMERCIAL)
    assert f["verdict"] == "permitted"


# --- fine-tunes -----------------------------------------------------------------------------------


def test_orca_2_keeps_its_licence_gap_and_the_llama_2_bar(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("microsoft/Orca-2-13b"), **RESEARCH_INTERNAL)
    got = findings(report, "microsoft/Orca-2-13b", "teacher")
    assert "Microsoft Research License" in reasons(got)
    llama = [f for f in got if (f["terms"] or "").startswith("llama-2-community-license@")]
    assert worst(llama) == "prohibited" and any(cited(f, "1.b.v") for f in llama)


def test_wizardlm_2_release_is_apache_on_a_mixtral_base(manifest: WriteManifest) -> None:
    _, f = judged_teacher(manifest, "alpindale/WizardLM-2-8x22B", "apache-2.0@", COMMERCIAL)
    assert f["verdict"] == "permitted"
    entry = Registry().model("microsoft/WizardLM-2-8x22B")
    assert entry is not None and entry.base_models == ("mistral-community/Mixtral-8x22B-v0.1",)


def test_wizardlm_2_re_upload_whose_card_was_not_read_needs_review(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("WizardLMTeam/WizardLM-2-8x22B"), **COMMERCIAL)
    got = findings(report, "WizardLMTeam/WizardLM-2-8x22B", "teacher")
    assert "was not read" in reasons(got) and worst(got) == "needs-review"


def test_llava_1_5_brings_llama_2_and_its_gpt_4_data(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("llava-hf/llava-1.5-7b-hf"), **RESEARCH_INTERNAL)
    own = findings(report, "llava-hf/llava-1.5-7b-hf", "teacher")
    assert any(cited(f, "1.b.v") and f["verdict"] == "prohibited" for f in own)
    assert worst(findings(report, "openai:gpt-4", "generator")) == "prohibited"


def test_stable_code_is_under_the_stability_community_licence(manifest: WriteManifest) -> None:
    _, f = judged_teacher(
        manifest, "stabilityai/stable-code-3b", "stability-ai-community-license@", COMMERCIAL
    )
    assert f["verdict"] == "prohibited" and cited(f, "IV(b)")
    instruct = Registry().model("stabilityai/stable-code-instruct-3b")
    assert instruct is not None and instruct.base_models == ("stabilityai/stable-code-3b",)


def test_bart_large_cnn_carries_its_base_and_its_own_mit(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("facebook/bart-large-cnn"), **COMMERCIAL)
    got = findings(report, "facebook/bart-large-cnn", "teacher")
    assert {f["terms"].split("@")[0] for f in got} == {"mit", "apache-2.0"}
    assert report["verdict"] == "permitted"


# --- named, but unverified: gaps ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("openai/clip-vit-large-patch14", "declares no licence"),
        ("THUDM/GLM-4-9B-0414", "GLM-4-0414"),
        ("zai-org/GLM-Z1-32B-0414", "GLM-4-0414"),
        ("ai21labs/AI21-Jamba2-Mini", "secondary sources"),
    ],
)
def test_an_unverified_licence_needs_review(manifest: WriteManifest, ref: str, words: str) -> None:
    report = judge(manifest, teacher(ref), **RESEARCH_INTERNAL)
    got = findings(report, ref, "teacher")
    assert words in reasons(got) and worst(got) == "needs-review"
    assert not any((f["terms"] or "").startswith("glm-4-license@") for f in got)


def test_aya_vision_is_non_commercial_and_keeps_its_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("CohereLabs/aya-vision-8b"), **COMMERCIAL)
    got = findings(report, "CohereLabs/aya-vision-8b", "teacher")
    assert worst(got) == "prohibited"
    assert any(cited(f, "2(a)(1)") for f in got)
    assert "was not read on its own card" in reasons(got)
    research = judge(manifest, teacher("CohereLabs/aya-vision-8b"), **RESEARCH_INTERNAL)
    assert research["verdict"] == "needs-review"


# --- ERNIE 4.5 and Kimi-Dev -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "multimodal"),
    [
        ("baidu/ERNIE-4.5-0.3B-PT", False),
        ("baidu/ERNIE-4.5-300B-A47B-Base-Paddle", False),
        ("baidu/ERNIE-4.5-VL-424B-A47B-PT", True),
    ],
)
def test_ernie_4_5_sizes_are_apache(manifest: WriteManifest, ref: str, multimodal: bool) -> None:
    _, f = judged_teacher(manifest, ref, "apache-2.0@", COMMERCIAL)
    assert f["verdict"] == "permitted"
    entry = Registry().model(ref)
    assert entry is not None and entry.family == "ernie-4.5" and entry.multimodal is multimodal


def test_an_ernie_release_whose_card_was_not_read_stays_unknown() -> None:
    assert Registry().model("baidu/ERNIE-4.5-21B-A3B-Thinking") is None


def test_kimi_dev_brings_the_qwen_licence_of_its_base(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("moonshotai/Kimi-Dev-72B"), **COMMERCIAL)
    got = findings(report, "moonshotai/Kimi-Dev-72B", "teacher")
    assert {f["terms"].split("@")[0] for f in got} == {"mit", "qwen-license"}
    assert "Built with Qwen" in reasons(got)
    assert report["verdict"] == "needs-review"


# --- classic encoders, seq2seq and vision models --------------------------------------------------


def test_a_fine_tuned_encoder_carries_its_bases_licence(manifest: WriteManifest) -> None:
    report = judge(manifest, "", base="dslim/bert-base-NER", **COMMERCIAL)
    got = findings(report, "dslim/bert-base-NER", "base-model")
    assert {f["terms"].split("@")[0] for f in got} == {"mit", "apache-2.0"}
    assert "google-bert/bert-base-cased" in reasons(got)


@pytest.mark.parametrize(
    ("base", "terms", "section"),
    [
        ("microsoft/layoutlmv3-base", "cc-by-nc-sa-4.0@", "2(a)(1)"),
        ("facebook/nllb-200-distilled-600M", "cc-by-nc-4.0@", "2(a)(1)"),
    ],
)
def test_non_commercial_cards_bar_a_commercial_student(
    manifest: WriteManifest, base: str, terms: str, section: str
) -> None:
    f = base_finding(manifest, base, terms, COMMERCIAL)
    assert f["verdict"] == "prohibited" and cited(f, section)


def test_t0pp_brings_the_writers_of_p3(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("bigscience/T0pp"), **COMMERCIAL)
    got = findings(report, "bigscience/T0pp", "teacher")
    assert "bigscience/P3" in reasons(got)
    assert report["verdict"] in ("needs-review", "prohibited")


def test_roberta_squad2_attribution_and_its_base(manifest: WriteManifest) -> None:
    f = base_finding(manifest, "deepset/roberta-base-squad2", "cc-by-4.0@", COMMERCIAL)
    assert f["verdict"] == "conditional" and cited(f, "3(a)(1)")
    entry = Registry().model("albert-base-v2")
    assert entry is not None and entry.base_models == ("albert/albert-base-v2",)


# --- community fine-tunes -------------------------------------------------------------------------


def test_dolphin_on_llama_3_1_carries_the_naming_rule(manifest: WriteManifest) -> None:
    f = base_finding(
        manifest,
        "cognitivecomputations/dolphin-2.9.4-llama3.1-8b",
        "llama-3.1-community-license@",
        COMMERCIAL,
    )
    assert cited(f, "1.b.i")


def test_mistral_openorca_brings_openais_terms(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("Open-Orca/Mistral-7B-OpenOrca"), **COMMERCIAL)
    own = findings(report, "Open-Orca/Mistral-7B-OpenOrca", "teacher")
    assert [f["verdict"] for f in own] == ["permitted"]
    assert worst(findings(report, "openai:gpt-4", "generator")) == "prohibited"
    assert report["verdict"] == "prohibited"


def test_starling_rm_alpha_is_a_llama_2_chat_derivative(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("berkeley-nest/Starling-RM-7B-alpha"), **RESEARCH_INTERNAL)
    got = findings(report, "berkeley-nest/Starling-RM-7B-alpha", "teacher")
    assert any((f["terms"] or "").startswith("llama-2-community-license@") for f in got)
    assert "meta-llama/Llama-2-7b-chat-hf" in reasons(got)


def test_gpt_oss_safeguard_is_apache_on_its_gpt_oss_base(manifest: WriteManifest) -> None:
    _, f = judged_teacher(manifest, "openai/gpt-oss-safeguard-20b", "apache-2.0@", COMMERCIAL)
    assert f["verdict"] == "permitted" and cited(f, "2")
    entry = Registry().model("openai/gpt-oss-safeguard-120b")
    assert entry is not None and entry.base_models == ("openai/gpt-oss-120b",)


def test_tulu_3_70b_carries_its_dpo_gap_and_sft_writers_down_the_chain(manifest: WriteManifest) -> None:
    report = judge(manifest, teacher("allenai/Llama-3.1-Tulu-3-70B"), **RESEARCH_INTERNAL)
    own = findings(report, "allenai/Llama-3.1-Tulu-3-70B", "teacher")
    assert "allenai/Llama-3.1-Tulu-3-70B-DPO was not read" in reasons(own)
    assert worst(own) == "needs-review"
    writers = findings(report, role="generator")
    assert any("allenai/tulu-3-sft-mixture" in " ".join(f["reasons"]) for f in writers)
    assert report["verdict"] == "prohibited"
