"""What the Data Provenance Initiative's labels mean in the registry's terms.

The DPI annotates each dataset with licence names ("CC BY-NC 4.0", "OpenAI") and the
models that wrote it ("OpenAI GPT-3", "Anthropic Internal Models"). Its labels are
coarse, so each is mapped here by hand, with care:

- a licence label becomes an SPDX id when it names exactly one licence; anything else
  (a family, "Custom", "Various", an agreement the registry does not hold) becomes a
  `LicenseRef-dpi-…` that no terms map to, so the dataset needs review;
- a label naming a provider's terms ("OpenAI") is no data licence: it says the provider's
  model wrote the data, and that provider's terms govern it as a generator;
- a model label becomes a registry reference: a specific model where the label names one,
  a provider-level `provider:unspecified` where it names only a provider or product (judged
  under that provider's terms for the period the data was written), and nothing where the
  label is too vague to say whose terms apply (the dataset then needs review).

Release days (`since`) are general knowledge, NOT VERIFIED from a stored text: the earliest
day a model could have written data, so a generation window starts no later than the truth.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

UNSPECIFIED = "unspecified"  # the DPI found no licence


@dataclass(frozen=True)
class ModelLabel:
    refs: tuple[str, ...]  # registry references; () = unmappable (needs review)
    provider: str  # whose model it is ("unnamed": the DPI does not say)
    since: datetime.date | None = None  # released (NOT VERIFIED); None: unknown


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _model(refs: tuple[str, ...], provider: str, since: str | None = None) -> ModelLabel:
    return ModelLabel(refs, provider, _day(since) if since else None)


_OPENAI_API_LAUNCH = "2020-06-11"

# Licence labels that name one licence exactly.
SPDX: dict[str, str] = {
    "Apache License 2.0": "Apache-2.0",
    "Apache 2.0": "Apache-2.0",
    "MIT License": "MIT",
    "CC BY 4.0": "CC-BY-4.0",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
    "CC BY-NC 4.0": "CC-BY-NC-4.0",
    "CC BY-NC-SA 4.0": "CC-BY-NC-SA-4.0",
    "CC BY-ND 4.0": "CC-BY-ND-4.0",
    "CC BY-NC-ND 4.0": "CC-BY-NC-ND-4.0",
    "CC BY 3.0": "CC-BY-3.0",
    "CC BY-SA 3.0": "CC-BY-SA-3.0",
    "CC BY-NC 3.0": "CC-BY-NC-3.0",
    "CC BY-NC-SA 3.0": "CC-BY-NC-SA-3.0",
    "CC BY-NC-ND 3.0": "CC-BY-NC-ND-3.0",
    "CC BY 2.5": "CC-BY-2.5",
    "CC BY 2.0": "CC-BY-2.0",
    "CC BY-SA 2.0": "CC-BY-SA-2.0",
    "CC BY-NC 2.0": "CC-BY-NC-2.0",
    "CC0 1.0": "CC0-1.0",
    "ODC BY 1.0": "ODC-By-1.0",
    "BSD 2-Clause License": "BSD-2-Clause",
    "BSD 3-Clause License": "BSD-3-Clause",
    # GitHub's names for its gpl-*/lgpl-* keys; whether "or later" was offered is not recorded,
    # and the registry encodes neither, so the choice changes no verdict.
    "GNU General Public License v3.0": "GPL-3.0-only",
    "GNU General Public License v2.0": "GPL-2.0-only",
    "LGPL 2.1": "LGPL-2.1-only",
    "LGPL 3.0": "LGPL-3.0-only",
    "MPL 2.0": "MPL-2.0",
    "ISC License": "ISC",
    "EPL 1.0": "EPL-1.0",
    "Artistic License 2.0": "Artistic-2.0",
    "Academic Free License v3.0": "AFL-3.0",
    "CDLA Sharing 1.0": "CDLA-Sharing-1.0",
    "CDLA-Sharing-1.0": "CDLA-Sharing-1.0",
    "CDLA Permissive 1.0": "CDLA-Permissive-1.0",
    # Model licences the registry holds, under the LicenseRef ids its licence map uses.
    "Llama 2": "LicenseRef-llama-2-community-license",
    "Meta Llama3 Community License": "LicenseRef-llama-3-community-license",
    "BigScience OpenRAIL-M": "LicenseRef-bigscience-openrail-m",
}

# Licence labels that name a provider's terms: no data licence, but a sign that the
# provider's models wrote the data. Where the DPI names no model of that provider, the
# label stands for one (provider level: that provider's terms for the period).
PROVIDER_TERMS: dict[str, ModelLabel] = {
    "OpenAI": _model(("openai:unspecified",), "openai", _OPENAI_API_LAUNCH),
    "Anthropic": _model(("anthropic:unspecified",), "anthropic"),
    "Google Cloud Translation API": _model((), "google"),
}

# Labels that say no licence was found.
NO_LICENCE = frozenset({"Unspecified", ""})

# Labels deliberately left unmapped (LicenseRef-dpi-…): a family without a version, a
# custom or unnamed grant, or an agreement whose text the registry does not hold.
UNMAPPED_LICENCES = frozenset(
    {
        "Custom",
        "Various",
        "Non Commercial",
        "No License",
        "Academic Research Purposes Only",
        "Request Form",
        "Open Access",
        "Public Domain",
        "CC BY-SA",
        "OANC",
        "OGL 3.0",
        "C-UDA",
        "Microsoft Data Licensing Agreement",
        "LDC User Agreement",
        "CSLU Agreement",
        "AI2 ImpACT License - Low Risk",
        "LMSYS-Chat-1M Dataset License",
    }
)

MODELS: dict[str, ModelLabel] = {
    # --- OpenAI: API models, judged under OpenAI's terms for the period ---
    "OpenAI GPT-4": _model(("openai:gpt-4",), "openai", "2023-03-14"),
    "OpenAI GPT-4-Turbo": _model(("openai:gpt-4-turbo",), "openai", "2023-11-06"),
    "OpenAI GPT-3.5-Turbo": _model(("openai:gpt-3.5-turbo",), "openai", "2023-03-01"),
    "OpenAI GPT-3.5-turbo-instruct": _model(("openai:gpt-3.5-turbo-instruct",), "openai", "2023-09-18"),
    # A GPT-3-series completion model (davinci, text-davinci-00x); the DPI also gives this label
    # to some GPT-3.5 data. `openai:gpt-3` (catalogue/services.yaml) ends with the series.
    "OpenAI GPT-3": _model(("openai:gpt-3",), "openai", _OPENAI_API_LAUNCH),
    "OpenAI Codex": _model(("openai:codex",), "openai", "2021-08-10"),
    # The ChatGPT app or its API: both are judged (the worse wins), each under its own terms.
    "OpenAI ChatGPT": _model(("chatgpt:unspecified", "openai:unspecified"), "openai", "2022-11-30"),
    # The API's web console: the API terms; the model is not named.
    "OpenAI Playground": _model(("openai:unspecified",), "openai", _OPENAI_API_LAUNCH),
    # Open weights (Hub ids); not in the registry, so they need review until catalogued.
    "OpenAI GPT-2": _model(("openai-community/gpt2",), "openai", "2019-02-14"),
    "OpenAI GPT-1": _model(("openai-community/openai-gpt",), "openai", "2018-06-11"),
    # --- Anthropic ---
    # Claude through the API in chat logs (lmsys); Anthropic's own research models in its own
    # release (hh-rlhf), which the project's catalogue records as Anthropic's release.
    "Anthropic Internal Models": _model(("anthropic:unspecified",), "anthropic"),
    "Claude 2.1": _model(("anthropic:claude-2.1",), "anthropic", "2023-11-21"),
    # --- Google: a translation service whose terms the registry does not hold; open T5 weights
    # whose size or fine-tune is not named ---
    "Google Translate": _model((), "google"),
    "Google Cloud Translation API": _model((), "google"),
    "T5": _model((), "google"),
    "T5-XXL": _model((), "google"),
    "flan-t5": _model((), "google"),
    "Flan-T5": _model((), "google"),
    "BERT": _model((), "google"),
    # --- open models named exactly enough ---
    "Llama-2-70b-chat-hf": _model(("meta-llama/Llama-2-70b-chat-hf",), "meta", "2023-07-18"),
    "LLaMA-2-chat-70b": _model(("meta-llama/Llama-2-70b-chat-hf",), "meta", "2023-07-18"),
    "LLama-2-7B-chat": _model(("meta-llama/Llama-2-7b-chat-hf",), "meta", "2023-07-18"),
    "Llama-3-70B-Instruct": _model(("meta-llama/Meta-Llama-3-70B-Instruct",), "meta", "2024-04-18"),
    "Llama-3.1-405B-Instruct": _model(("meta-llama/Llama-3.1-405B-Instruct",), "meta", "2024-07-23"),
    "Mistral-7B-Instruct-v0.2": _model(("mistralai/Mistral-7B-Instruct-v0.2",), "mistral", "2023-12-11"),
    # Version not named; every Mistral-7B-Instruct release is under one catalogue pattern.
    "Mistral-7B-Instruct": _model(("mistralai/Mistral-7B-Instruct-v0.1",), "mistral", "2023-09-27"),
    "Mixtral-8x7B": _model(("mistralai/Mixtral-8x7B-v0.1",), "mistral", "2023-12-11"),
    "Nous-Hermes-2-Yi-34B": _model(("NousResearch/Nous-Hermes-2-Yi-34B",), "nous-research"),
    "StarCoder": _model(("bigcode/starcoder",), "bigcode", "2023-05-04"),
    # --- too vague to say whose terms apply: needs review ---
    "Llama 13B": _model((), "meta"),  # LLaMA 1 (no Hub release of its own)
    "BX LLaMa": _model((), "mbzuai"),
    "Vicuna": _model((), "lmsys"),
    "Vicuna 7b": _model((), "lmsys"),
    "Vicuna 13b": _model((), "lmsys"),
    "alpaca": _model((), "stanford"),
    "dolly": _model((), "databricks"),
    "SeaLLM": _model((), "damo"),
    "IndicTrans2": _model((), "ai4bharat"),
    "Instruct-GPT-J": _model((), "other"),
    "Command R+": _model((), "cohere"),
    "Bing Chat": _model((), "microsoft"),
    "Character AI": _model((), "character-ai"),
    "DeepL": _model((), "deepl"),
    "Gretel Navigator": _model((), "gretel"),
    "In-House Glaive AI": _model((), "glaive"),
    "BART": _model((), "meta"),
    "RoBERTa": _model((), "meta"),
    "XLM": _model((), "meta"),
    "xlm": _model((), "meta"),
    "fairseq-fconv": _model((), "meta"),
    "XLNet": _model((), "other"),
    "Transformer_xl": _model((), "other"),
    "transformer_xl": _model((), "other"),
    "ELMO": _model((), "allenai"),
    "Grover": _model((), "allenai"),
    "CTRL": _model((), "salesforce"),
    "pplm_distil": _model((), "other"),
    "ESIM": _model((), "other"),
    "DecAtt": _model((), "other"),
    "DIIN": _model((), "other"),
    "SBERT": _model((), "other"),
    "NBC": _model((), "other"),
    "SVM": _model((), "other"),
    "WMT": _model((), "other"),
    "wmt": _model((), "other"),
    "wikisql": _model((), "other"),
    "Other": _model((), "unnamed"),  # a model the DPI does not name
}

# Not a model: template-filled data has no generator.
NOT_MODELS = frozenset({"templates", "Templates"})

_FOLDED_SPDX = {k.casefold(): v for k, v in SPDX.items()}
_FOLDED_MODELS = {k.casefold(): v for k, v in MODELS.items()}
_FOLDED_TERMS = {k.casefold(): v for k, v in PROVIDER_TERMS.items()}


def spdx(label: str) -> str | None:
    return _FOLDED_SPDX.get(" ".join(label.split()).casefold())


def model(label: str) -> ModelLabel | None:
    return _FOLDED_MODELS.get(" ".join(label.split()).casefold())


def provider_terms(label: str) -> ModelLabel | None:
    return _FOLDED_TERMS.get(" ".join(label.split()).casefold())


def license_ref(label: str) -> str:
    """The LicenseRef that records a label no terms map to (needs review)."""
    slug = re.sub(r"[^a-z0-9.]+", "-", label.lower()).strip("-.") or "unnamed"
    return f"LicenseRef-dpi-{slug}"
