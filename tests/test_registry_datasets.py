"""The dataset catalogue, judged through `licensecheck check`: generators are judged under the
terms in force when they wrote the data, a licence the registry knows but does not encode cannot
be replaced by a declared one, incomplete generator lists need review, renamed ids keep their
facts, and data written by a licensed model carries that model's rules. Each case asserts the
verdict and, where a clause decides it, the section cited."""

from __future__ import annotations

from typing import Any

import pytest

from licensecheck.registry import Registry
from tests.conftest import SMALL_ORG, WriteManifest, findings, project_yaml, run_cli

ORDER = ["permitted", "conditional", "needs-review", "prohibited"]
NOT_OPEN = "mistralai/Mistral-7B-v0.1"  # an Apache-2.0 student base outside every restricted family


def judge(manifest: WriteManifest, datasets: str, **project: Any) -> dict[str, Any]:
    path = manifest(project_yaml(**{**SMALL_ORG, **project}) + "datasets:\n" + datasets)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


def one(dataset: str, licence: str | None = None) -> str:
    return f"  - id: {dataset}\n" + (f"    license: {licence}\n" if licence else "")


def worst(found: list[dict[str, Any]]) -> str:
    assert found, "no finding"
    return max((str(f["verdict"]) for f in found), key=ORDER.index)


def sections(found: list[dict[str, Any]]) -> set[str]:
    return {c["section"] for f in found for c in f["citations"]}


def reasons(found: list[dict[str, Any]]) -> str:
    return " ".join(r for f in found for r in f["reasons"])


def generator(report: dict[str, Any], ref: str) -> list[dict[str, Any]]:
    found = findings(report, ref, "generator")
    assert found, f"{ref} is not judged as a generator"
    return found


def dataset_gap(report: dict[str, Any], name: str) -> str:
    return reasons([f for f in findings(report, name, "dataset") if f["verdict"] == "needs-review"])


def lineage_ends(found: list[dict[str, Any]]) -> set[str]:
    """The datasets the findings' licences come through (the last step of each lineage)."""
    return {f["lineage"][-1] for f in found if f["lineage"]}


def of_terms(found: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    return [f for f in found if (f["terms"] or "").startswith(prefix)]


CATALOGUE = Registry()


def openai_generated() -> list[str]:
    """Every catalogued dataset some OpenAI model (API or ChatGPT app) wrote."""
    return sorted(
        d.id
        for d in CATALOGUE.datasets()
        if any(g.startswith(("openai:", "chatgpt:")) for g in d.generated_by)
    )


# --- F2: generation dates pick the generator's terms ---------------------------------------


@pytest.mark.parametrize("dataset", openai_generated())
def test_no_openai_written_dataset_gets_todays_exception(manifest: WriteManifest, dataset: str) -> None:
    """Every OpenAI-written set was written under the Terms of Use, before the Services Agreement
    and its exception for internal classifiers, or (the Tulu 3 persona sets, written from 2024)
    under a Services Agreement older than the earliest version on record: the generator is never
    simply permitted."""
    report = judge(manifest, one(dataset), kind="classifier", release="internal")
    gens = [f for f in findings(report, role="generator") if f["subject"].startswith(("openai:", "chatgpt:"))]
    assert worst(gens) in ("needs-review", "prohibited"), [(f["terms"], f["verdict"]) for f in gens]
    if not of_terms(gens, "openai-terms-of-use@"):  # written from 2023-11-14 on
        assert "before the earliest version of OpenAI Services Agreement on record" in reasons(gens)


def test_alpaca_generator_falls_before_the_earliest_terms_on_record(manifest: WriteManifest) -> None:
    report = judge(manifest, one("tatsu-lab/alpaca"), kind="classifier", release="internal")
    gen = findings(report, "openai:text-davinci-003", "generator")
    assert [f["terms"] for f in gen] == ["openai-terms-of-use@2023-03-14"]
    assert worst(gen) == "needs-review"
    assert "before the earliest version of OpenAI Terms of Use on record (2023-03-14)" in reasons(gen)


def test_ultrachat_is_judged_under_the_2023_terms_only(manifest: WriteManifest) -> None:
    report = judge(manifest, one("HuggingFaceH4/ultrachat_200k"))
    gen = findings(report, "openai:gpt-3.5-turbo", "generator")
    assert {f["terms"] for f in gen} == {"openai-terms-of-use@2023-03-14"}  # written by April 2023
    assert worst(gen) == "prohibited" and "2(c)(iii)" in sections(gen)


def test_internal_classifier_on_2023_openai_data_needs_review(manifest: WriteManifest) -> None:
    data = one("HuggingFaceH4/ultrachat_200k") + one("Open-Orca/OpenOrca")
    report = judge(manifest, data, kind="classifier", release="internal")
    assert report["verdict"] == "needs-review"
    tou = of_terms(findings(report, role="generator"), "openai-terms-of-use@2023-03-14")
    assert "2(c)(iii)" in sections(tou)


def test_window_across_the_switch_to_business_terms_judges_both(manifest: WriteManifest) -> None:
    report = judge(manifest, one("ise-uiuc/Magicoder-OSS-Instruct-75K"))
    gen = findings(report, "openai:gpt-3.5-turbo-1106", "generator")
    assert {f["terms"].split("@")[0] for f in gen} == {"openai-terms-of-use", "openai-services-agreement"}
    assert worst(gen) == "prohibited" and "2(c)(iii)" in sections(gen)


def test_magicoder_oss_seed_snippets_are_a_named_gap_as_for_self_oss_instruct(
    manifest: WriteManifest,
) -> None:
    """Both code sets keep The Stack seed code in their rows: a classifier no OpenAI term forbids
    needs review naming the seeds, while a general LLM stays prohibited by OpenAI's terms."""
    name = "ise-uiuc/Magicoder-OSS-Instruct-75K"
    classifier = judge(manifest, one(name), kind="classifier", **RESEARCH_INTERNAL)
    assert classifier["verdict"] == "needs-review"
    assert "seed code snippets" in dataset_gap(classifier, name)
    llm = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert llm["verdict"] == "prohibited" and "seed code snippets" in dataset_gap(llm, name)


# --- F4 / F8: a known but unencoded licence is not replaced by a declared one ---------------

UNENCODED = [
    # lmsys/lmsys-chat-1m: its licence agreement is recorded since issue 12 (tests/test_registry_evals12.py).
    ("nvidia/OpenMathInstruct-1", "MIT", "LicenseRef-nvidia-license"),
    (
        "anon8231489123/ShareGPT_Vicuna_unfiltered",
        "Apache-2.0",
        "LicenseRef-sharegpt-unlicensed-conversations",
    ),
    ("RyokoAI/ShareGPT52K", "CC0-1.0", "LicenseRef-sharegpt-unlicensed-conversations"),
    ("jondurbin/airoboros-3.2", "CC0-1.0", "LicenseRef-airoboros-3.2-licence-not-verified"),
    ("teknium/OpenHermes-2.5", "MIT", "LicenseRef-openhermes-2.5-no-licence-declared"),
]


@pytest.mark.parametrize(("dataset", "declared", "placeholder"), UNENCODED, ids=[u[0] for u in UNENCODED])
@pytest.mark.parametrize("licence", ["declared", "none"])
def test_declared_licence_cannot_replace_an_unencoded_one(
    manifest: WriteManifest, dataset: str, declared: str, placeholder: str, licence: str
) -> None:
    data = one(dataset, declared if licence == "declared" else None)
    report = judge(manifest, data, release="internal", base=NOT_OPEN)
    mine = findings(report, dataset, "dataset")
    gap = f"The licence {placeholder} of {dataset} is not in the registry."
    assert [f["verdict"] for f in mine if gap in f["reasons"]] == ["needs-review"]
    # Worse only where an upstream licence decides (OpenHermes-2.5's CC BY-NC sources, issue 12).
    assert worst(mine) in ("needs-review", "prohibited")
    assert report["verdict"] != "permitted"


def test_openmathinstruct1_with_a_declared_mit_no_longer_passes(manifest: WriteManifest) -> None:
    report = judge(manifest, one("nvidia/OpenMathInstruct-1", "MIT"), release="internal", base=NOT_OPEN)
    # Mixtral (Apache-2.0) frees the generator; the unencoded licence still needs review.
    assert report["verdict"] == "needs-review"
    gen = findings(report, "mistralai/Mixtral-8x7B-v0.1", "generator")
    assert worst(gen) == "permitted"


def test_sharegpt52k_cc0_tag_is_not_taken_at_its_word(manifest: WriteManifest) -> None:
    report = judge(manifest, one("RyokoAI/ShareGPT52K"), kind="classifier", release="internal")
    mine = findings(report, "RyokoAI/ShareGPT52K", "dataset")
    assert "permitted" not in [f["verdict"] for f in mine]
    assert not of_terms(mine, "cc0-1.0")


# --- F5: incomplete generator lists -------------------------------------------------------

INCOMPLETE = [
    "argilla/distilabel-capybara-dpo-7k-binarized",
    # glaiveai/glaive-code-assistant now names its one writer, Glaive's platform, whose models are a
    # named gap (tests/test_registry_tools12.py).
    # ise-uiuc/Magicoder-Evol-Instruct-110K now derives from theblackcat102/evol-codealpaca-v1, whose
    # writers are on record (issue 12, code12: tests/test_registry_code12.py).
    "jondurbin/airoboros-3.2",
    "lmsys/lmsys-chat-1m",
    "m-a-p/CodeFeedback-Filtered-Instruction",
    # openbmb/UltraFeedback and HuggingFaceH4/ultrafeedback_binarized were completed in issue 12's
    # writers pass (tests/test_registry_writers12.py).
    # allenai/tulu-3-sft-mixture now names the subsets whose writers are unknown
    # (tests/test_registry_tulu12.py).
    "berkeley-nest/Nectar",
]


@pytest.mark.parametrize("dataset", INCOMPLETE)
def test_incomplete_generator_list_needs_review(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset, "MIT"), kind="classifier", release="internal")
    mine = findings(report, dataset, "dataset")
    assert worst(mine) in ("needs-review", "prohibited")
    assert f"Not every model that wrote {dataset} is on record" in reasons(mine)
    assert report["verdict"] != "permitted"


def test_capybara_alone_is_no_longer_permitted(manifest: WriteManifest) -> None:
    report = judge(manifest, one("LDJnr/Capybara"), release="internal", base=NOT_OPEN)
    mine = findings(report, "LDJnr/Capybara", "dataset")
    apache = of_terms(mine, "apache-2.0@")
    assert apache and "2" in sections(apache)
    # Its seed sources' CC BY-NC 4.0 (the DPI's record) governs a commercial project too.
    nc = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and nc[0]["lineage"][-1].startswith(
        "its seed sources as the DPI records"
    )
    assert report["verdict"] == "prohibited"


def generator_subjects(report: dict[str, Any]) -> set[str]:
    return {f["subject"] for f in findings(report, role="generator")}


COMMERCIAL: dict[str, Any] = {}  # project_yaml's defaults: commercial, open weights, general-llm
RESEARCH_INTERNAL: dict[str, Any] = {"use": "research", "release": "internal"}


def test_capybara_generators_are_complete_from_the_dpi_record(manifest: WriteManifest) -> None:
    """Every source subset the DPI records names its models (GPT-4, GPT-3.5-Turbo); the Dove
    subset's ShareGPT conversations add the ChatGPT app: no incomplete-list gap remains."""
    for project in (COMMERCIAL, RESEARCH_INTERNAL):
        report = judge(manifest, one("LDJnr/Capybara"), **project)
        mine = findings(report, "LDJnr/Capybara", "dataset")
        assert "Not every model that wrote" not in reasons(mine)
        assert generator_subjects(report) == {"openai:gpt-4", "openai:gpt-3.5-turbo", "chatgpt:gpt-4"}
        # A general-purpose student competes with OpenAI, research or not (Terms of Use 2(c)(iii)).
        gpt4 = findings(report, "openai:gpt-4", "generator")
        assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
        assert report["verdict"] == "prohibited"
    commercial = judge(manifest, one("LDJnr/Capybara"), **COMMERCIAL)
    assert worst(of_terms(findings(commercial, "LDJnr/Capybara", "dataset"), "cc-by-nc-4.0@")) == "prohibited"
    research = judge(manifest, one("LDJnr/Capybara"), **RESEARCH_INTERNAL)
    assert worst(of_terms(findings(research, "LDJnr/Capybara", "dataset"), "cc-by-nc-4.0@")) == "conditional"


def test_openthoughts_records_its_api_teacher_and_camel_questions(manifest: WriteManifest) -> None:
    """DeepSeek-R1 through the DeepSeek API (its terms of January 2025 are not on record) wrote
    the traces; the science questions are CAMEL's (GPT-4 and an unnamed ChatGPT, CC BY-NC 4.0); the
    math questions come from NuminaMath-CoT, whose writers (GPT-4, GPT-4o, and GPT-4-Turbo through
    Orca-Math) come along. The gpt-4o judge is no generator; every writer is on record."""
    commercial = judge(manifest, one("open-thoughts/OpenThoughts-114k"), **COMMERCIAL)
    assert generator_subjects(commercial) == {
        "deepseek:deepseek-reasoner",
        "openai:gpt-4",
        "openai:gpt-4o",
        "openai:gpt-4-turbo",
        "chatgpt:unspecified",
    }
    mine = findings(commercial, "open-thoughts/OpenThoughts-114k", "dataset")
    assert "Not every model that wrote" not in reasons(mine)
    nc = of_terms(mine, "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "camel-ai/biology" in nc[0]["lineage"][-1]
    api = findings(commercial, "deepseek:deepseek-reasoner", "generator")
    assert worst(api) == "needs-review" and "before the earliest version" in reasons(api)
    assert commercial["verdict"] == "prohibited"

    research = judge(manifest, one("open-thoughts/OpenThoughts-114k"), **RESEARCH_INTERNAL)
    nc = of_terms(findings(research, "open-thoughts/OpenThoughts-114k", "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "conditional"
    assert worst(findings(research, "deepseek:deepseek-reasoner", "generator")) == "needs-review"
    gpt4 = findings(research, "openai:gpt-4", "generator")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)


def test_llama_nemotron_post_training_judges_the_models_on_record(manifest: WriteManifest) -> None:
    """NVIDIA's list of generating models is recorded where the registry knows them; the Llama
    licences' naming duty binds a commercial open-weights student, Qwen's display duty applies,
    and the models the registry does not know keep it in review."""
    name = "nvidia/Llama-Nemotron-Post-Training-Dataset"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    assert generator_subjects(commercial) == {
        "meta-llama/Llama-3.3-70B-Instruct",
        "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF",
        "nvidia/Llama-3.3-Nemotron-70B-Feedback",  # catalogued in datasets-post-training-2.yaml
        "nvidia/Llama-3.3-Nemotron-70B-Edit",  # catalogued in models-writers12.yaml
        "nvidia/Llama-3.3-Nemotron-70B-Select",  # catalogued in models-writers12.yaml
        "mistralai/Mixtral-8x22B-Instruct-v0.1",
        "deepseek-ai/DeepSeek-R1",
        "Qwen/Qwen2.5-Math-7B-Instruct",
        "Qwen/Qwen2.5-Coder-32B-Instruct",
        "Qwen/Qwen2.5-72B-Instruct",
        "Qwen/QwQ-32B",  # the early OpenMathReasoning data (reason12, that dataset's card)
        "Qwen/Qwen2.5-32B-Instruct",
    }
    llama = findings(commercial, "meta-llama/Llama-3.3-70B-Instruct", "generator")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)
    # The Qwen 2024 output clause is known only from a forum quotation: review.
    assert worst(findings(commercial, "Qwen/Qwen2.5-72B-Instruct", "generator")) == "needs-review"
    assert worst(findings(commercial, "deepseek-ai/DeepSeek-R1", "generator")) == "permitted"
    mine = findings(commercial, name, "dataset")
    assert f"Not every model that wrote {name} is on record" in reasons(mine)
    assert commercial["verdict"] == "prohibited"

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    qwen = "Qwen/Qwen2.5-72B-Instruct"  # its output clause is unverified: review, as above
    # Undated data from a model released before the earliest NVIDIA Open Model License on record.
    nvidia_oml = [f"nvidia/Llama-3.3-Nemotron-70B-{m}" for m in ("Feedback", "Edit", "Select")]
    assert all(
        f["verdict"] == "permitted"
        for f in findings(research, role="generator")
        if f["subject"] not in (qwen, *nvidia_oml)
    )
    assert worst(findings(research, qwen, "generator")) == "needs-review"
    for model in nvidia_oml:
        assert "before the earliest version of NVIDIA Open Model License" in reasons(
            findings(research, model, "generator")
        )
    assert worst(findings(research, name, "dataset")) == "needs-review"
    assert research["verdict"] == "needs-review"


def test_smoltalk_judges_its_pipeline_models_and_taken_subsets(manifest: WriteManifest) -> None:
    """SmolTalk's own pipelines (Qwen2.5-72B-Instruct, Llama-3.1-405B) and the catalogued sets it
    takes subsets of (OpenHermes-2.5, MetaMathQA) are judged; no licence and an incomplete list
    keep the dataset itself in review."""
    name = "HuggingFaceTB/smoltalk"
    commercial = judge(manifest, one(name), **COMMERCIAL)
    gens = generator_subjects(commercial)
    assert {"Qwen/Qwen2.5-72B-Instruct", "meta-llama/Llama-3.1-405B-Instruct-FP8"} <= gens
    assert {"openai:gpt-3.5-turbo", "openai:gpt-4"} <= gens  # through MetaMathQA and OpenHermes-2.5
    llama = findings(commercial, "meta-llama/Llama-3.1-405B-Instruct-FP8", "generator")
    assert worst(llama) == "prohibited" and "1.b.i" in sections(llama)
    # The Qwen 2024 output clause is known only from a forum quotation: review.
    assert worst(findings(commercial, "Qwen/Qwen2.5-72B-Instruct", "generator")) == "needs-review"
    mine = findings(commercial, name, "dataset")
    assert f"Not every model that wrote {name} is on record" in reasons(mine)
    assert f"Not every model that wrote teknium/OpenHermes-2.5, from which {name} derives" in reasons(mine)
    # Its own missing licence is said too, beside what its upstream datasets leave open.
    assert f"The registry records no licence for {name}" in reasons(mine)
    assert worst(mine) != "permitted"

    research = judge(manifest, one(name), **RESEARCH_INTERNAL)
    assert worst(findings(research, "Qwen/Qwen2.5-72B-Instruct", "generator")) == "needs-review"
    assert worst(findings(research, "meta-llama/Llama-3.1-405B-Instruct-FP8", "generator")) == "permitted"
    assert worst(findings(research, name, "dataset")) == "needs-review"
    assert research["verdict"] != "permitted"


def test_lmsys_records_the_served_models(manifest: WriteManifest) -> None:
    report = judge(manifest, one("lmsys/lmsys-chat-1m"), use="research", release="internal", base=NOT_OPEN)
    llama2 = findings(report, "meta-llama/Llama-2-7b-chat-hf", "generator")
    assert worst(llama2) == "prohibited" and "1.b.v" in sections(llama2)
    gpt35 = findings(report, "openai:gpt-3.5-turbo", "generator")
    assert worst(gpt35) == "prohibited" and "2(c)(iii)" in sections(gpt35)
    claude = findings(report, "anthropic:claude-1", "generator")
    # Collected April-August 2023: Anthropic's terms of then are not on record.
    assert worst(claude) == "needs-review" and "before the earliest version" in reasons(claude)
    assert findings(report, "google:palm-2", "generator")


# --- F6: former ids of renamed repositories -----------------------------------------------


@pytest.mark.parametrize(
    "dataset", ["WizardLM/WizardLM_evol_instruct_70k", "WizardLM/WizardLM_evol_instruct_V2_196k"]
)
def test_former_wizardlm_ids_keep_the_catalogue_facts(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset), release="internal")
    nc = of_terms(findings(report, dataset, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)
    assert findings(report, "openai:gpt-3.5-turbo", "generator")
    assert report["verdict"] == "prohibited"


# --- F13: Nectar and the Magpie family ------------------------------------------------------


def test_nectar_conditions_need_review_and_its_openai_answers_are_judged(manifest: WriteManifest) -> None:
    report = judge(manifest, one("berkeley-nest/Nectar", "Apache-2.0"))
    mine = findings(report, "berkeley-nest/Nectar", "dataset")
    conditions = [f for f in mine if len(f["lineage"]) == 1]
    assert worst(conditions) == "needs-review"
    assert "LicenseRef-nectar-card-conditions" in reasons(mine)
    # The earlier cc-by-nc-4.0 tag stays an upstream licence: a commercial project may not.
    assert worst(of_terms(mine, "cc-by-nc-4.0@")) == "prohibited"
    gpt4 = findings(report, "openai:gpt-4", "generator")
    assert worst(gpt4) == "prohibited" and "2(c)(iii)" in sections(gpt4)
    mistral = of_terms(findings(report, "mistralai/Mistral-7B-Instruct-v0.1", "generator"), "apache-2.0@")
    assert worst(mistral) == "permitted"


def test_magpie_llama3_data_cannot_improve_another_llm(manifest: WriteManifest) -> None:
    report = judge(
        manifest,
        one("Magpie-Align/Magpie-Pro-300K-Filtered"),
        use="research",
        release="internal",
        base=NOT_OPEN,
    )
    data = of_terms(
        findings(report, "Magpie-Align/Magpie-Pro-300K-Filtered", "dataset"), "llama-3-community-license@"
    )
    assert worst(data) == "prohibited" and "1.b.v" in sections(data)
    gen = findings(report, "meta-llama/Meta-Llama-3-70B-Instruct", "generator")
    assert worst(gen) == "prohibited" and "1.b.v" in sections(gen)


def test_magpie_llama3_data_into_a_llama3_student_is_allowed_for_research(manifest: WriteManifest) -> None:
    report = judge(
        manifest,
        one("Magpie-Align/Magpie-Pro-300K-Filtered"),
        use="research",
        release="internal",
        base="meta-llama/Meta-Llama-3-8B",
    )
    data = findings(report, "Magpie-Align/Magpie-Pro-300K-Filtered", "dataset")
    assert worst(of_terms(data, "llama-3-community-license@")) in ("permitted", "conditional")
    nc = of_terms(data, "cc-by-nc-4.0@")
    assert worst(nc) == "conditional" and "2(a)(1)" in sections(nc)


@pytest.mark.parametrize(
    "dataset", ["Magpie-Align/Magpie-Reasoning-150K", "Magpie-Align/Magpie-Reasoning-V1-150K"]
)
def test_magpie_reasoning_instructions_carry_the_qwen_licence(manifest: WriteManifest, dataset: str) -> None:
    report = judge(manifest, one(dataset), use="research", release="internal", base=NOT_OPEN)
    qwen = findings(report, "Qwen/Qwen2-72B-Instruct", "generator")
    assert worst(qwen) == "prohibited" and "5.b" in sections(qwen)
    assert worst(findings(report, "meta-llama/Meta-Llama-3-70B-Instruct", "generator")) == "prohibited"


@pytest.mark.parametrize(
    ("student", "verdict"),
    [("Acme-8B", "prohibited"), ("Llama-Acme-8B", "conditional")],
    ids=["unnamed", "named"],
)
def test_magpie_llama31_data_binds_the_naming_rule(
    manifest: WriteManifest, student: str, verdict: str
) -> None:
    dataset = "Magpie-Align/Magpie-Llama-3.1-Pro-MT-300K-Filtered"
    report = judge(manifest, one(dataset), use="research", student=student, base=NOT_OPEN)
    data = of_terms(findings(report, dataset, "dataset"), "llama-3.1-community-license@")
    assert worst(data) == verdict and "1.b.i" in sections(data)
    gen = findings(report, "meta-llama/Llama-3.1-70B-Instruct", "generator")
    assert worst(gen) == verdict and "1.b.i" in sections(gen)


def test_magpie_commercial_use_meets_the_publishers_nc_badge(manifest: WriteManifest) -> None:
    dataset = "Magpie-Align/Magpie-Llama-3.1-Pro-300K-Filtered"
    report = judge(manifest, one(dataset), student="Llama-Acme-8B", base=NOT_OPEN)
    nc = of_terms(findings(report, dataset, "dataset"), "cc-by-nc-4.0@")
    assert worst(nc) == "prohibited" and "2(a)(1)" in sections(nc)


# --- open-weights audit A3: the model that scored CodeFeedback ------------------------------


def test_codefeedback_qwen_scores_bind_a_non_qwen_student(manifest: WriteManifest) -> None:
    dataset = "m-a-p/CodeFeedback-Filtered-Instruction"
    report = judge(manifest, one(dataset), use="research", release="internal", base=NOT_OPEN)
    qwen = findings(report, "Qwen/Qwen-72B-Chat", "generator")
    assert worst(qwen) == "prohibited" and "5.b" in sections(qwen)


def test_codefeedback_qwen_scores_free_a_qwen_student(manifest: WriteManifest) -> None:
    dataset = "m-a-p/CodeFeedback-Filtered-Instruction"
    report = judge(manifest, one(dataset), use="research", release="internal", base="Qwen/Qwen2.5-7B")
    qwen = of_terms(findings(report, "Qwen/Qwen-72B-Chat", "generator"), "qwen-tongyi-qianwen-license@")
    verdicts = {f["verdict"] for f in qwen}
    assert "prohibited" not in verdicts and "permitted" in verdicts
    assert "5.b" in sections([f for f in qwen if f["verdict"] == "permitted"])


# --- datasets audit F15.6: HelpSteer2's only third-party generator is Mixtral ----------------
# (nvidia18: its paper names Mixtral-8x7B-Instruct beside NVIDIA's own models, and its ShareGPT
# prompts bring the unlicensed-conversations gap; tested in full in test_registry_nvidia18.py.)


def test_helpsteer2_has_no_generator_gap(manifest: WriteManifest) -> None:
    report = judge(manifest, one("nvidia/HelpSteer2"), release="internal")
    assert report["verdict"] == "needs-review"
    writers = findings(report, role="generator")
    assert {f["subject"] for f in writers} == {"mistralai/Mixtral-8x7B-Instruct-v0.1"}
    assert worst(writers) == "permitted"
    assert "2(a)(1)" in sections(findings(report, "nvidia/HelpSteer2", "dataset"))


# --- datasets audit F15.4: the Alpaca notices by date --------------------------------------


@pytest.mark.parametrize(
    ("as_of", "version", "section"),
    [
        ("2023-03-20", "stanford-alpaca-data@2023-03-14", "DATA_LICENSE 2(a)(1)"),
        ("2026-11-23", "stanford-alpaca-data@2023-03-25", "README: Usage and License Notices"),
    ],
)
def test_alpaca_research_only_notice_binds_from_its_date(
    manifest: WriteManifest, as_of: str, version: str, section: str
) -> None:
    path = manifest(
        project_yaml(use="research", release="internal") + "datasets:\n" + one("tatsu-lab/alpaca")
    )
    run = run_cli("check", str(path), "--format", "json", "--as-of", as_of)
    assert run.exit_code in (0, 1), run.stderr
    data = findings(run.json, "tatsu-lab/alpaca", "dataset")
    assert [f["terms"] for f in data] == [version]
    assert data[0]["verdict"] == "conditional" and section in sections(data)
