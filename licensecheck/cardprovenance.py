"""Who wrote the data, as a Hub card tells it: the signals of model-written content in a
card's tags, metadata and text.

A licence tag says what the publisher allows; it says nothing of the terms the data was
made under. A dataset that GPT-4 wrote carries OpenAI's terms whatever its tag says, so
the card is read for:

- tags: `synthetic`, distilabel, and model names (`gpt-4`);
- metadata: `annotations_creators` / `language_creators` of `machine-generated`;
- the text (README.md): model names on a line that says the data was generated, written,
  distilled or answered by them, or anywhere in a section on how the data was made;
  a pipeline's model settings in code blocks (`model="gpt-4o-mini"`, `"model_name": …`);
- statements of human authorship ("written by human annotators").

Each finding is `Evidence`: the generator (a registry reference, from the names table
`registry/generators.yaml`), or none when the card says the data is model-written but
names no model; where the card says it; and its words. Nothing is guessed silently: the
reports show every inferred generator with this evidence. Human authorship counts only
when nothing in the card says a model wrote the data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from licensecheck.hubrecord import Evidence, Signal
from licensecheck.registry import data_root

MAX_EVIDENCE = 24  # per card: enough to show, bounded for a hostile card
QUOTE_CHARS = 200
MAX_LINES = 20_000  # a card longer than this is read only this far

_GENERATION = re.compile(
    r"\b(generat\w*|synthes[iz]\w*|distill\w*|produc\w*|written|wrote|writ(?:e|ing)|rewrit\w*|"
    r"paraphras\w*|translat\w* (?:by|with|using)|creat\w*|complet(?:ions?|ed) (?:by|from|with)|"
    r"respon(?:ses|se|ded) (?:from|by|of)|answer(?:s|ed)? (?:from|by)|outputs? (?:of|from)|"
    r"annotat\w* (?:by|with|using)|label(?:l)?ed (?:by|with|using)|prompt(?:ed|ing)|"
    r"(?:collected|sampled|obtained|drawn|taken|comes?|came|made) (?:from|with|by|using))\b",
    re.IGNORECASE,
)
_EVALUATION = re.compile(
    r"\b(evaluat\w*|benchmark\w*|compar\w*|baseline|leaderboard|outperform\w*|judged?|"
    r"score[sd]?|win[- ]?rate|vs\.?|versus|license|licence|terms of (?:use|service))\b",
    re.IGNORECASE,
)
_CREATION_HEADING = re.compile(
    r"(creat|collect|generat|curat|source|annotat|pipeline|distil|construct|method|process|"
    r"how .*(?:made|built)|provenance|synthes)",
    re.IGNORECASE,
)
_SYNTHETIC = re.compile(
    r"\b(synthetic(?:ally)?[- ]generated|synthetic (?:data|dataset|conversations?|dialogues?|"
    r"instructions?|responses?)|machine[- ]generated|model[- ]generated|ai[- ]generated|"
    r"llm[- ]generated|generated (?:by|with|using) (?:an? )?(?:llms?|large language models?|"
    r"language models?|ai models?))\b",
    re.IGNORECASE,
)
_HUMAN = re.compile(
    r"\b((?:written|authored|created|composed|annotated) (?:entirely |exclusively |only |solely )?"
    r"by (?:humans?|people|(?:human |expert |professional |native[- ]speaker )?(?:annotators|"
    r"writers|experts|volunteers|crowd ?workers|contractors))|human[- ](?:written|authored)|"
    r"no (?:synthetic|model[- ]generated|machine[- ]generated|ai[- ]generated) (?:data|content|text))\b",
    re.IGNORECASE,
)
# "no model-generated text", "without synthetic data": a denial, not a signal.
_DENIED = re.compile(
    r"\b(?:no|not|never|without|free of|rather than)\s+(?:\w+\s+){0,2}?"
    r"(?:synthetic\w*|model[- ]generated|machine[- ]generated|ai[- ]generated|llm[- ]generated)",
    re.IGNORECASE,
)
# A pipeline's model setting: `model="gpt-4o"`, `model_name: gpt-4o`, `"model_id": "org/name"`.
_SETTING = re.compile(
    r"""\b(?:model|model_name|model_id|llm|generator|teacher)["']?\s*[:=]\s*["']?([\w./:-]{2,100})""",
    re.IGNORECASE,
)
_HUB_ID = re.compile(r"^[\w.-]{1,96}/[\w.-]{1,96}$")
_MACHINE = {"machine-generated"}
_HUMAN_CREATORS = {"crowdsourced", "expert-generated", "found"}


@dataclass(frozen=True)
class Name:
    pattern: re.Pattern[str]
    ref: str
    context_only: bool  # too common a word to count without a generation verb beside it


@functools.lru_cache(maxsize=1)
def names() -> tuple[Name, ...]:
    from licensecheck.yamlio import load_file

    data = load_file(data_root() / "registry" / "generators.yaml").data
    return tuple(
        Name(
            # A dated snapshot ("gpt-3.5-turbo-0125", "claude-3-5-sonnet-20240620") is its model.
            re.compile(rf"(?<![\w.-])(?:{n['pattern']})(?:-\d[\w.-]*)?(?![\w-])", re.IGNORECASE),
            n["ref"],
            bool(n.get("context_only")),
        )
        for n in data["names"]
    )


def read(
    tags: Sequence[str], card: Mapping[str, Any], readme: str | None, kind: str = "dataset"
) -> tuple[Evidence, ...]:
    """Every signal the card gives, in the order found, each once, at most MAX_EVIDENCE.

    A model card (`kind` "model") is read for the data the model was trained on: its prose
    ("distilled from GPT-4o", "fine-tuned on synthetic data") and its `synthetic` tags.
    Its code blocks and tags name the model itself and its architecture (`llama`,
    `from_pretrained("org/name")`), not who wrote its data, so they are not read; nor is
    human authorship, which a model card does not state for its data."""
    signals: Iterable[Evidence]
    if kind == "model":
        text = _from_text(readme, code=False) if readme else ()
        signals = (e for e in chain(_from_tags(tags, names=False), text) if e.signal != "human")
    else:
        signals = chain(_from_tags(tags), _from_metadata(card), _from_text(readme) if readme else ())
    found: dict[tuple[Signal, str | None], Evidence] = {}
    for evidence in signals:
        found.setdefault((evidence.signal, evidence.generator), evidence)
        if len(found) >= MAX_EVIDENCE:
            break
    return tuple(found.values())


_PIPELINE_TAGS = ("distilabel", "library:distilabel")


def made_by_pipeline(tags: Sequence[str]) -> bool:
    """A distilabel dataset: its `pipeline.yaml` says which models generated it."""
    return any(t.lower() in _PIPELINE_TAGS for t in tags)


def pipeline(text: str) -> tuple[Evidence, ...]:
    """The models a distilabel pipeline file sets (`model: gpt-4o-mini`, `model_id: org/name`),
    each once, with its line."""
    found: dict[str, Evidence] = {}
    for number, line in enumerate(text.splitlines()[:MAX_LINES], start=1):
        for value in _SETTING.findall(line):
            for ref in _setting_refs(value):
                found.setdefault(ref, Evidence("generator", ref, f"pipeline.yaml line {number}", _cut(line)))
        if len(found) >= MAX_EVIDENCE:
            break
    return tuple(found.values())


def generators(evidence: Sequence[Evidence]) -> dict[str, Evidence]:
    """Each named generator with the first evidence for it."""
    out: dict[str, Evidence] = {}
    for e in evidence:
        if e.signal == "generator" and e.generator and e.generator not in out:
            out[e.generator] = e
    return out


def unnamed(evidence: Sequence[Evidence]) -> Evidence | None:
    """The evidence that a model wrote the data, when the card names none."""
    if generators(evidence):
        return None
    return next((e for e in evidence if e.signal == "synthetic"), None)


def _from_tags(tags: Sequence[str], *, names: bool = True) -> Iterator[Evidence]:
    for tag in tags:
        low = tag.lower()
        if low in ("synthetic", "distilabel", "library:distilabel", "rlaif", "synthetic-data"):
            yield Evidence("synthetic", None, "tags", tag)
        elif names and ":" not in low:
            for ref in _named(tag, strict=True):
                yield Evidence("generator", ref, "tags", tag)


def _from_metadata(card: Mapping[str, Any]) -> Iterator[Evidence]:
    for key in ("annotations_creators", "language_creators"):
        value = card.get(key)
        values = {
            str(v).lower() for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
        }
        if values & _MACHINE:
            yield Evidence("synthetic", None, key, ", ".join(sorted(values)))
        elif values and values <= _HUMAN_CREATORS and key == "language_creators":
            yield Evidence("human", None, key, ", ".join(sorted(values)))


def _from_text(readme: str, *, code: bool = True) -> Iterator[Evidence]:
    lines = readme.splitlines()[:MAX_LINES]
    start = _after_front_matter(lines)
    heading = ""
    fence = ""
    for number in range(start, len(lines)):
        line = lines[number]
        where = f"README.md line {number + 1}"
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if fence:
            if not code:
                continue
            for value in _SETTING.findall(line):
                for ref in _setting_refs(value):
                    yield Evidence("generator", ref, where, _cut(stripped))
            continue
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
            continue
        in_creation = bool(_CREATION_HEADING.search(heading))
        yield from _from_prose(stripped, where, in_creation=in_creation, settings=code)


def _from_prose(line: str, where: str, *, in_creation: bool, settings: bool = True) -> Iterator[Evidence]:
    if not line:
        return
    for value in _SETTING.findall(line) if settings else ():  # inline settings (`model="gpt-4o"`)
        for ref in _setting_refs(value):
            yield Evidence("generator", ref, where, _cut(line))
    says_generated = bool(_GENERATION.search(line))
    evaluating = bool(_EVALUATION.search(line))
    if says_generated or in_creation:
        for ref in _named(line, strict=not says_generated):
            if evaluating and not says_generated:
                continue  # a comparison or judge in the method section is not an author
            yield Evidence("generator", ref, where, _cut(line))
    if _SYNTHETIC.search(_DENIED.sub(" ", line)):
        yield Evidence("synthetic", None, where, _cut(line))
    if _HUMAN.search(line):
        yield Evidence("human", None, where, _cut(line))


def _named(text: str, *, strict: bool) -> list[str]:
    """References named in `text`, one per span (the most specific name wins)."""
    taken: list[tuple[int, int]] = []
    out: list[str] = []
    for name in names():
        if strict and name.context_only:
            continue
        for match in name.pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            if name.ref not in out:
                out.append(name.ref)
    return out


def _setting_refs(value: str) -> list[str]:
    """A pipeline setting's value: a Hub id as it is, else a name from the table."""
    value = value.strip("\"'`,")
    if _HUB_ID.match(value) and not value.lower().startswith(
        ("http", "openai/", "anthropic/", "google/gemini")
    ):
        return [value]
    return _named(value.split("/")[-1], strict=False)


def _after_front_matter(lines: Sequence[str]) -> int:
    """The first line after the YAML metadata block, which the Hub already parsed."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return i + 1
    return 0


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "\u2026"
