"""Offline registry coverage of popular teacher/base models and hosted APIs (issue 12).

For each reference in POPULAR, says whether the shipped registry resolves it to definite terms:
a catalogue entry with no `gap`, every terms series it names on record with at least one
version that encodes a `grant` or an `outputs` provision (a placeholder such as
`alibaba-model-studio-terms` encodes neither). Anything else is unknown (needs review).

    python benchmarks/coverage.py            # counts, then every unknown reference
    python benchmarks/coverage.py --all      # every reference with what it resolves to
    python benchmarks/coverage.py --verdicts # also: how many `check` decides for a commercial LLM
    python benchmarks/coverage.py --wide     # datasets: the wider list too

The list is hand-made from the families the issue names (not a measurement of the hidden
list); it asserts nothing and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from licensecheck.registry import Registry

POPULAR: tuple[str, ...] = (
    # --- hosted APIs
    "openai:gpt-4o",
    "openai:gpt-4o-mini",
    "openai:gpt-4.1",
    "openai:gpt-4-turbo",
    "openai:gpt-4",
    "openai:gpt-3.5-turbo",
    "openai:o1",
    "openai:o3-mini",
    "openai:o3",
    "openai:o4-mini",
    "openai:gpt-5",
    "anthropic:claude-3-5-sonnet-20240620",
    "anthropic:claude-3-7-sonnet-20250219",
    "anthropic:claude-3-opus-20240229",
    "anthropic:claude-sonnet-4-20250514",
    "anthropic:claude-2",
    "google:gemini-1.5-pro",
    "google:gemini-2.0-flash",
    "google:gemini-2.5-pro",
    "xai:grok-3",
    "mistral:mistral-large-latest",
    "deepseek:deepseek-chat",
    "deepseek:deepseek-reasoner",
    "qwen:qwen-max",
    "cohere:command-r-plus",
    "moonshot:kimi-k2",
    "zhipu:glm-4.5",
    "minimax:MiniMax-M2",
    "ai21:jamba-1.5-large",
    "chatgpt:gpt-4o",
    "claude:claude-3-5-sonnet",
    "gemini:gemini-2.5-pro",
    # --- Meta Llama
    "meta-llama/Llama-2-7b-chat-hf",
    "meta-llama/Meta-Llama-3-8B-Instruct",
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.1-70B-Instruct",
    "meta-llama/Llama-3.1-405B-Instruct",
    "meta-llama/Llama-3.2-3B-Instruct",
    "meta-llama/Llama-3.3-70B-Instruct",
    "meta-llama/Llama-4-Scout-17B-16E-Instruct",
    "meta-llama/Llama-Guard-3-8B",
    # --- DeepSeek
    "deepseek-ai/DeepSeek-V3",
    "deepseek-ai/DeepSeek-V3-0324",
    "deepseek-ai/DeepSeek-R1",
    "deepseek-ai/DeepSeek-R1-0528",
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
    "deepseek-ai/DeepSeek-V3.1",
    "deepseek-ai/DeepSeek-V3.1-Terminus",
    "deepseek-ai/DeepSeek-V3.2",
    "deepseek-ai/DeepSeek-V3.2-Exp",
    "deepseek-ai/DeepSeek-Coder-V2-Instruct",
    "deepseek-ai/DeepSeek-V2.5",
    # --- Qwen
    "Qwen/Qwen2.5-7B-Instruct",
    "Qwen/Qwen2.5-72B-Instruct",
    "Qwen/Qwen2.5-Coder-32B-Instruct",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "Qwen/Qwen2.5-Math-72B-Instruct",
    "Qwen/QwQ-32B",
    "Qwen/QwQ-32B-Preview",
    "Qwen/Qwen3-8B",
    "Qwen/Qwen3-235B-A22B-Instruct-2507",
    "Qwen/Qwen3-Coder-480B-A35B-Instruct",
    "Qwen/Qwen3-Next-80B-A3B-Instruct",
    "Qwen/Qwen3-VL-235B-A22B-Instruct",
    # --- Mistral
    "mistralai/Mistral-7B-Instruct-v0.3",
    "mistralai/Mixtral-8x7B-Instruct-v0.1",
    "mistralai/Mistral-Nemo-Instruct-2407",
    "mistralai/Mistral-Small-24B-Instruct-2501",
    "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
    "mistralai/Mistral-Small-3.2-24B-Instruct-2506",
    "mistralai/Magistral-Small-2506",
    "mistralai/Magistral-Small-2509",
    "mistralai/Devstral-Small-2505",
    "mistralai/Devstral-Small-2507",
    "mistralai/Ministral-8B-Instruct-2410",
    "mistralai/Mistral-Large-Instruct-2411",
    # --- Google Gemma
    "google/gemma-2-9b-it",
    "google/gemma-3-27b-it",
    "google/gemma-4-31B-it",
    # --- Microsoft Phi
    "microsoft/phi-4",
    "microsoft/Phi-3.5-mini-instruct",
    # --- others
    "moonshotai/Kimi-K2-Instruct",
    "MiniMaxAI/MiniMax-M2",
    "MiniMaxAI/MiniMax-M1-80k",
    "zai-org/GLM-4.5",
    "zai-org/GLM-4.5-Air",
    "zai-org/GLM-4.6",
    "THUDM/glm-4-9b-chat",
    "THUDM/chatglm3-6b",
    "01-ai/Yi-1.5-34B-Chat",
    "internlm/internlm3-8b-instruct",
    "tencent/Hunyuan-A13B-Instruct",
    "openai/gpt-oss-120b",
    "xai-org/grok-2",
    "ibm-granite/granite-3.3-8b-instruct",
    "ibm-granite/granite-4.0-h-small",
    "ibm-granite/granite-4.0-micro",
    "tiiuae/falcon-7b-instruct",
    "tiiuae/falcon-180B",
    "tiiuae/Falcon3-10B-Instruct",
    "tiiuae/Falcon-H1-7B-Instruct",
    "baichuan-inc/Baichuan2-7B-Chat",
    "baichuan-inc/Baichuan2-13B-Chat",
    "stabilityai/stablelm-2-1_6b",
    "stabilityai/stablelm-zephyr-3b",
    "ai21labs/AI21-Jamba-1.5-Mini",
    "ai21labs/Jamba-v0.1",
    "nvidia/Nemotron-4-340B-Instruct",
    "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF",
    "nvidia/Llama-3.1-Nemotron-Nano-8B-v1",
    "nvidia/Llama-3_3-Nemotron-Super-49B-v1",
    "nvidia/Llama-3_1-Nemotron-Ultra-253B-v1",
    "CohereLabs/c4ai-command-r-plus-08-2024",
    "CohereLabs/aya-expanse-8b",
    "allenai/OLMo-2-1124-7B-Instruct",
    "allenai/Olmo-3-7B-Instruct",
    "HuggingFaceTB/SmolLM3-3B",
    "bigcode/starcoder2-15b",
    "EleutherAI/pythia-6.9b",
    "RLHFlow/ArmoRM-Llama3-8B-v0.1",
    "Skywork/Skywork-Reward-Llama-3.1-8B-v0.2",
)


# Popular fine-tuning datasets (post-training sets teams reach for first).
DATASETS: tuple[str, ...] = (
    "tatsu-lab/alpaca",
    "yahma/alpaca-cleaned",
    "vicgalle/alpaca-gpt4",
    "databricks/databricks-dolly-15k",
    "OpenAssistant/oasst1",
    "OpenAssistant/oasst2",
    "HuggingFaceH4/ultrachat_200k",
    "HuggingFaceH4/no_robots",
    "HuggingFaceH4/ultrafeedback_binarized",
    "openbmb/UltraFeedback",
    "Open-Orca/OpenOrca",
    "teknium/OpenHermes-2.5",
    "WizardLMTeam/WizardLM_evol_instruct_V2_196k",
    "allenai/tulu-3-sft-mixture",
    "allenai/WildChat-1M",
    "lmsys/lmsys-chat-1m",
    "Anthropic/hh-rlhf",
    "nvidia/HelpSteer2",
    "nvidia/Llama-Nemotron-Post-Training-Dataset",
    "HuggingFaceTB/smoltalk",
    "open-r1/OpenR1-Math-220k",
    "open-thoughts/OpenThoughts-114k",
    "glaiveai/glaive-function-calling-v2",
    "LDJnr/Capybara",
    "microsoft/orca-math-word-problems-200k",
    "meta-math/MetaMathQA",
    "ise-uiuc/Magicoder-OSS-Instruct-75K",
    "garage-bAInd/Open-Platypus",
    "openai/gsm8k",
    "rajpurkar/squad",
)


# A wider list (`--wide`): more post-training sets, the pre-training corpora, and the evaluation
# and classic NLP sets that training projects declare. Also hand-made, also not the hidden list.
WIDE_DATASETS: tuple[str, ...] = (
    "jondurbin/airoboros-3.2",
    "jondurbin/airoboros-3.1",
    "jondurbin/airoboros-gpt4-1.4.1",
    "nvidia/HelpSteer",
    "nvidia/HelpSteer3",
    "Open-Orca/SlimOrca",
    "Open-Orca/SlimOrca-Dedup",
    "anon8231489123/ShareGPT_Vicuna_unfiltered",
    "RyokoAI/ShareGPT52K",
    "cognitivecomputations/dolphin",
    "ehartford/dolphin",
    "sahil2801/CodeAlpaca-20k",
    "HuggingFaceH4/CodeAlpaca_20K",
    "theblackcat102/evol-codealpaca-v1",
    "WizardLMTeam/WizardLM_evol_instruct_70k",
    "nvidia/OpenMathInstruct-1",
    "nvidia/OpenMathInstruct-2",
    "AI-MO/NuminaMath-CoT",
    "AI-MO/NuminaMath-TIR",
    "Magpie-Align/Magpie-Pro-300K-Filtered",
    "Magpie-Align/Magpie-Llama-3.1-Pro-300K-Filtered",
    "BAAI/Infinity-Instruct",
    "microsoft/orca-agentinstruct-1M-v1",
    "berkeley-nest/Nectar",
    "openbmb/UltraInteract_sft",
    "openbmb/UltraInteract_pair",
    "bespokelabs/Bespoke-Stratos-17k",
    "simplescaling/s1K",
    "GAIR/LIMO",
    "GAIR/lima",
    "argilla/ultrafeedback-binarized-preferences-cleaned",
    "argilla/distilabel-intel-orca-dpo-pairs",
    "Intel/orca_dpo_pairs",
    "stingning/ultrachat",
    "allenai/tulu-v2-sft-mixture",
    "allenai/tulu-3-sft-personas-math",
    "allenai/llama-3.1-tulu-3-8b-preference-mixture",
    "teknium/GPT4-LLM-Cleaned",
    "teknium/openhermes",
    "Locutusque/function-calling-chatml",
    "NousResearch/hermes-function-calling-v1",
    "Salesforce/xlam-function-calling-60k",
    "m-a-p/CodeFeedback-Filtered-Instruction",
    "m-a-p/Code-Feedback",
    "TIGER-Lab/MathInstruct",
    "TIGER-Lab/WebInstructSub",
    "camel-ai/math",
    "camel-ai/physics",
    "lmsys/chatbot_arena_conversations",
    "lmsys/lmsys-arena-human-preference-55k",
    "stanfordnlp/SHP",
    "PKU-Alignment/PKU-SafeRLHF",
    "PKU-Alignment/BeaverTails",
    "openai/summarize_from_feedback",
    "openai/webgpt_comparisons",
    "HuggingFaceTB/cosmopedia",
    "HuggingFaceFW/fineweb",
    "HuggingFaceFW/fineweb-edu",
    "allenai/c4",
    "togethercomputer/RedPajama-Data-1T",
    "cerebras/SlimPajama-627B",
    "EleutherAI/pile",
    "bigcode/the-stack",
    "bigcode/the-stack-v2",
    "bigcode/starcoderdata",
    "wikimedia/wikipedia",
    "roneneldan/TinyStories",
    "tiiuae/falcon-refinedweb",
    "allenai/dolma",
    "mlfoundations/dclm-baseline-1.0",
    "open-web-math/open-web-math",
    "EleutherAI/proof-pile-2",
    "codeparrot/github-code",
    "openai/openai_humaneval",
    "cais/mmlu",
    "Rowan/hellaswag",
    "allenai/ai2_arc",
    "google/boolq",
    "truthfulqa/truthful_qa",
    "HuggingFaceH4/MATH-500",
    "hendrycks/competition_math",
    "deepmind/code_contests",
    "codeparrot/apps",
    "google-research-datasets/mbpp",
    "nvidia/OpenCodeReasoning",
    "nvidia/Nemotron-Post-Training-Dataset-v1",
    "open-r1/codeforces-cots",
    "open-thoughts/OpenThoughts2-1M",
    "open-thoughts/OpenThoughts3-1.2M",
    "a-m-team/AM-DeepSeek-R1-Distilled-1.4M",
    "allenai/WildChat",
    "allenai/WildChat-4.8M",
    "HuggingFaceTB/smoltalk2",
    # added in the third issue-12 session: popular sets a first probe found unknown
    "argilla/magpie-ultra-v0.1",
    "Magpie-Align/Magpie-Qwen2.5-Pro-1M-v0.1",
    "HuggingFaceTB/finemath",
    "HuggingFaceFW/fineweb-2",
    "HuggingFaceTB/smollm-corpus",
    "allenai/olmo-mix-1124",
    "allenai/dolmino-mix-1124",
    "bigcode/self-oss-instruct-sc2-exec-filter-50k",
    "bigcode/commitpackft",
    "nvidia/OpenCodeInstruct",
    "nvidia/AceReason-Math",
    "agentica-org/DeepScaleR-Preview-Dataset",
    "Skywork/Skywork-Reward-Preference-80K-v0.2",
    "mlabonne/orpo-dpo-mix-40k",
    "argilla/dpo-mix-7k",
    "jondurbin/truthy-dpo-v0.1",
    "nvidia/Daring-Anteater",
    "timdettmers/openassistant-guanaco",
    "OpenAssistant/oasst_top1_2023-08-25",
    "lighteval/MATH",
    "EleutherAI/hendrycks_math",
    "TIGER-Lab/MMLU-Pro",
    "Idavidrein/gpqa",
    "princeton-nlp/SWE-bench",
    "tatsu-lab/alpaca_eval",
    "HuggingFaceM4/the_cauldron",
    "liuhaotian/LLaVA-Instruct-150K",
    "nvidia/ChatQA-Training-Data",
    "THUDM/AgentInstruct",
    "NousResearch/Hermes-3-Dataset",
    "mlabonne/FineTome-100k",
    "migtissera/Synthia-v1.3",
    "ise-uiuc/Magicoder-Evol-Instruct-110K",
    "iamtarun/python_code_instructions_18k_alpaca",
    "nickrosh/Evol-Instruct-Code-80k-v1",
    "Vezora/Tested-143k-Python-Alpaca",
    "openbmb/UltraChat",
    "HuggingFaceH4/orca_dpo_pairs",
    "nvidia/Nemotron-CC-v2",
    "nvidia/OpenScience",
    "PrimeIntellect/SYNTHETIC-1",
    "bespokelabs/Bespoke-Stratos-35k",
    "simplescaling/s1K-1.1",
    "facebook/natural_reasoning",
    "KodCode/KodCode-V1",
    "allenai/RLVR-GSM-MATH-IF-Mixed-Constraints",
    "allenai/tulu-3-sft-olmo-2-mixture",
    "allenai/olmo-2-1124-7b-preference-mix",
    "stanfordnlp/imdb",
    "openai/MMMLU",
    "google/IFEval",
    "Maxwell-Jia/AIME_2024",
    "livecodebench/code_generation_lite",
    "microsoft/ms_marco",
    "EleutherAI/wikitext_document_level",
    "Salesforce/wikitext",
    "Skylion007/openwebtext",
    "argilla/distilabel-capybara-dpo-7k-binarized",
    "argilla/OpenHermesPreferences",
    "HuggingFaceH4/deita-10k-v0-sft",
    "hkust-nlp/deita-10k-v0",
    "cognitivecomputations/dolphin-r1",
    "ServiceNow-AI/R1-Distill-SFT",
    "Congliu/Chinese-DeepSeek-R1-Distill-data-110k",
    "FreedomIntelligence/medical-o1-reasoning-SFT",
    "qiaojin/PubMedQA",
    "medalpaca/medical_meadow_medical_flashcards",
    "b-mc2/sql-create-context",
    "gretelai/synthetic_text_to_sql",
    "xlangai/spider",
    "nvidia/When2Call",
    "squad",
    "gsm8k",
    "hellaswag",
    "wikitext",
    "openwebtext",
    "bookcorpus",
    "c4",
    "mc4",
    "oscar",
)


# A wider list of models (`--wide`): more sizes and releases of the covered families, popular
# fine-tunes, encoders and APIs (added in the fourth issue-12 session). Also hand-made.
WIDE_MODELS: tuple[str, ...] = (
    "Qwen/Qwen2.5-VL-72B-Instruct",
    "Qwen/Qwen2.5-VL-3B-Instruct",
    "Qwen/Qwen3-0.6B",
    "Qwen/Qwen3-1.7B",
    "Qwen/Qwen3-4B",
    "Qwen/Qwen3-14B",
    "Qwen/Qwen3-32B",
    "Qwen/Qwen3-30B-A3B",
    "Qwen/Qwen3-235B-A22B",
    "Qwen/Qwen3-Coder-30B-A3B-Instruct",
    "Qwen/Qwen3-VL-8B-Instruct",
    "Qwen/Qwen3-Embedding-8B",
    "Qwen/Qwen2.5-Math-7B-Instruct",
    "Qwen/Qwen2-VL-7B-Instruct",
    "Qwen/Qwen2.5-Omni-7B",
    "deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct",
    "deepseek-ai/deepseek-coder-6.7b-instruct",
    "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
    "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
    "deepseek-ai/deepseek-llm-7b-chat",
    "deepseek-ai/DeepSeek-Prover-V2-7B",
    "deepseek-ai/Janus-Pro-7B",
    "mistralai/Mixtral-8x22B-Instruct-v0.1",
    "mistralai/Codestral-22B-v0.1",
    "mistralai/Pixtral-12B-2409",
    "bigcode/starcoder2-3b",
    "bigcode/starcoder",
    "allenai/OLMo-2-0325-32B-Instruct",
    "allenai/OLMoE-1B-7B-0924-Instruct",
    "HuggingFaceTB/SmolLM-1.7B-Instruct",
    "HuggingFaceTB/SmolLM2-1.7B-Instruct",
    "HuggingFaceTB/SmolVLM-Instruct",
    "ibm-granite/granite-3.1-8b-instruct",
    "EleutherAI/gpt-j-6b",
    "EleutherAI/gpt-neox-20b",
    "microsoft/phi-2",
    "microsoft/Phi-3-mini-4k-instruct",
    "microsoft/Phi-4-mini-instruct",
    "microsoft/Phi-4-reasoning",
    "google/gemma-3-4b-it",
    "google/gemma-7b-it",
    "google/codegemma-7b-it",
    "google/paligemma-3b-pt-224",
    "google/flan-t5-xl",
    "google/t5-v1_1-xl",
    "meta-llama/Llama-3.2-11B-Vision-Instruct",
    "meta-llama/Llama-3.2-1B-Instruct",
    "meta-llama/Llama-Guard-3-1B",
    "meta-llama/Llama-Guard-4-12B",
    "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
    "meta-llama/CodeLlama-7b-Instruct-hf",
    "meta-llama/Meta-Llama-3-70B-Instruct",
    "meta-llama/Llama-2-70b-chat-hf",
    "nvidia/Nemotron-H-8B-Base-8K",
    "nvidia/NVIDIA-Nemotron-Nano-9B-v2",
    "nvidia/Llama-3.1-Nemotron-70B-Reward-HF",
    "Skywork/Skywork-Reward-Gemma-2-27B-v0.2",
    "openbmb/MiniCPM-V-2_6",
    "openbmb/MiniCPM3-4B",
    "internlm/internlm2_5-7b-chat",
    "THUDM/GLM-4-9B-0414",
    "moonshotai/Kimi-K2-Thinking",
    "MiniMaxAI/MiniMax-Text-01",
    "01-ai/Yi-34B-Chat",
    "tencent/Hunyuan-7B-Instruct",
    "CohereForAI/c4ai-command-r-plus",
    "CohereLabs/c4ai-command-a-03-2025",
    "CohereForAI/aya-expanse-8b",
    "CohereLabs/aya-vision-8b",
    "tiiuae/falcon-40b",
    "tiiuae/Falcon3-7B-Instruct",
    "tiiuae/falcon-mamba-7b",
    "xai-org/grok-1",
    "openai/gpt-oss-20b",
    "openai/whisper-large-v3",
    "HuggingFaceH4/zephyr-7b-beta",
    "teknium/OpenHermes-2.5-Mistral-7B",
    "NousResearch/Hermes-3-Llama-3.1-8B",
    "cognitivecomputations/dolphin-2.9-llama3-8b",
    "lmsys/vicuna-7b-v1.5",
    "WizardLMTeam/WizardLM-13B-V1.2",
    "upstage/SOLAR-10.7B-Instruct-v1.0",
    "intfloat/e5-mistral-7b-instruct",
    "BAAI/bge-m3",
    "sentence-transformers/all-MiniLM-L6-v2",
    "mosaicml/mpt-7b-instruct",
    "databricks/dbrx-instruct",
    "databricks/dolly-v2-12b",
    "bigscience/bloomz-7b1",
    "Snowflake/snowflake-arctic-instruct",
    "ai21labs/AI21-Jamba-Mini-1.6",
    "LiquidAI/LFM2-1.2B",
    "apple/OpenELM-3B-Instruct",
    "baidu/ERNIE-4.5-21B-A3B-PT",
    "rednote-hilab/dots.llm1.inst",
    "ByteDance-Seed/Seed-OSS-36B-Instruct",
    "openai:gpt-4.5-preview",
    "openai:gpt-5-mini",
    "openai:gpt-4o-2024-08-06",
    "openai:gpt-3.5-turbo-instruct",
    "openai:davinci-002",
    "anthropic:claude-opus-4-1-20250805",
    "anthropic:claude-3-haiku-20240307",
    "anthropic:claude-sonnet-4-5-20250929",
    "anthropic:claude-haiku-4-5",
    "google:gemini-1.5-flash",
    "google:gemini-2.5-flash",
    "google:gemini-2.0-flash-thinking-exp",
    "google:gemini-3-pro-preview",
    "xai:grok-4",
    "xai:grok-2-1212",
    "mistral:mistral-small-latest",
    "mistral:codestral-latest",
    "mistral:magistral-medium-latest",
    "deepseek:deepseek-coder",
)


def dataset_definite(registry: Registry, dataset_id: str) -> tuple[bool, str]:
    """Whether a dataset resolves, as `check` resolves one the manifest says nothing about, to
    terms with no gap (its licence and every generator's record)."""
    from licensecheck.lineage import resolve_dataset
    from licensecheck.manifest import Dataset

    resolved = resolve_dataset(
        registry, Dataset(id=dataset_id, path=None, url=None, license=None, generated_by=(), line=None)
    )
    if resolved.entry is None:
        return False, "no catalogue or DPI entry"
    gaps = resolved.gaps_by_alternative[0]
    if gaps or not resolved.alternatives[0]:
        return False, f"gap: {gaps[0] if gaps else 'no licence'}"
    for governing in resolved.alternatives[0]:
        # Terms that grant nothing (The Stack's terms of use) decide nothing either.
        if not decides(registry, governing.terms_id):
            return False, f"{governing.terms_id} records no grant"
    for generator in resolved.generators:
        ok, why = definite(registry, generator)
        if not ok:
            return False, f"generator {generator}: {why}"
    return True, ", ".join(g.terms_id for g in resolved.alternatives[0])


def decides(registry: Registry, series_id: str) -> bool:
    """Whether some version of a terms series encodes a `grant` or an `outputs` provision (a
    placeholder, or terms that grant nothing, decide nothing)."""
    return any("grant" in v.provisions or "outputs" in v.provisions for v in registry.series(series_id))


def definite(registry: Registry, ref: str) -> tuple[bool, str]:
    """Whether `ref` resolves to definite terms, and what it resolves to (or why not). A reseller's
    or router's prefix (`together:org/name`, `openrouter:openai/gpt-4o`) resolves as `check` does."""
    from licensecheck.lineage import resolve_model

    entry = resolve_model(registry, ref).entry
    if entry is None:
        return False, "no catalogue entry"
    if entry.gap:
        return False, f"{entry.key}: gap: {entry.gap}"
    terms = list(entry.terms)
    for series_id in terms:
        series = registry.series(series_id)
        if not series:
            return False, f"{entry.key}: {series_id} not on record"
        if not decides(registry, series_id):
            return False, f"{entry.key}: {series_id} records no grant or outputs provision"
    return True, f"{entry.key} -> {', '.join(terms)}"


def decided(registry: Registry, refs: tuple[str, ...], role: str) -> dict[str, str]:
    """The worst verdict `check` gives each reference (as a teacher, or as a dataset) for a
    commercial, open-weights, general-purpose student on an Apache-2.0 base: where the registry
    holds terms that decide it, a gap elsewhere does not leave it undecided."""
    import dataclasses
    import datetime

    from licensecheck import policy as policylib
    from licensecheck.engine import evaluate
    from licensecheck.manifest import Dataset, loads
    from licensecheck.verdict import Verdict

    head = (
        "licensecheck: 1\nproject:\n  name: coverage\n  use: commercial\n  release: open-weights\n"
        "  model_kind: general-llm\n  domicile: US\n  organization: {monthly_active_users: 0,"
        " monthly_revenue_usd: 0}\n  student:\n    name: Acme-7B\n    base_model: Qwen/Qwen2.5-7B\n"
    )
    base = loads(head)
    out: dict[str, str] = {}
    for ref in refs:
        if role == "dataset":
            item = Dataset(id=ref, path=None, url=None, license=None, generated_by=(), line=20)
            manifest = dataclasses.replace(base, datasets=(item,))
        else:
            teacher = loads(head + f"teachers:\n  - model: {ref}\n").teachers
            manifest = dataclasses.replace(base, teachers=teacher)
        result = evaluate(manifest, registry, policylib.load(), datetime.date.today())
        mine = [s for s in result.subjects if s.role.value != "base-model"]
        out[ref] = Verdict.worst(s.verdict for s in mine).value
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every reference")
    parser.add_argument("--wide", action="store_true", help="also measure WIDE_DATASETS and WIDE_MODELS")
    parser.add_argument(
        "--verdicts",
        action="store_true",
        help="also count references `check` decides (not needs-review) for a commercial LLM",
    )
    args = parser.parse_args(argv)
    registry = Registry()
    datasets = DATASETS + WIDE_DATASETS if args.wide else DATASETS
    models = POPULAR + WIDE_MODELS if args.wide else POPULAR
    if args.verdicts:
        for label, refs, role in (("models and APIs", models, "teacher"), ("datasets", datasets, "dataset")):
            verdicts = decided(registry, refs, role)
            undecided = [ref for ref, v in verdicts.items() if v == "needs-review"]
            print(f"{label}, decided for a commercial LLM: {len(refs) - len(undecided)}/{len(refs)}")
            for ref in undecided:
                print(f"  needs-review {ref}")
    for label, results in (
        ("models and APIs", [(ref, *definite(registry, ref)) for ref in models]),
        ("datasets", [(ref, *dataset_definite(registry, ref)) for ref in datasets]),
    ):
        known = sum(ok for _, ok, _ in results)
        share = 100 * known / len(results)
        print(f"{label}: {known}/{len(results)} known ({share:.0f}%), {len(results) - known} unknown")
        for ref, ok, why in results:
            if args.all or not ok:
                print(f"  {'known  ' if ok else 'UNKNOWN'} {ref}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
