"""What the Hub says about one repository, as a record: read from the Hub's JSON answer
(a field of the wrong shape is a problem the record carries, never ignored), and written
to and read back from the lock and the cache (strictly: a wrong type raises)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from licensecheck.refs import normalise

Kind = Literal["model", "dataset"]
Signal = Literal["generator", "synthetic", "human"]
SIGNALS: tuple[Signal, ...] = ("generator", "synthetic", "human")
KINDS: tuple[Kind, ...] = ("model", "dataset")
RELATIONS = ("adapter", "finetune", "merge", "quantized")
# A Hub id: an optional namespace and a name of word characters, dots and dashes (as the Hub
# validates them); anything else would change the request's path or query.
_REPO_ID = re.compile(r"^(?:[\w.-]{1,96}/)?[\w.-]{1,96}$", re.ASCII)
_SHA = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class Wanted:
    """A repository to look up, as the manifest or a card names it."""

    kind: Kind
    ref: str
    # Asked only to add to a record the registry already has (a DPI record without a
    # licence): where it cannot be answered, as under --locked, that record stands.
    optional: bool = field(default=False, compare=False)

    @property
    def key(self) -> tuple[Kind, str]:
        return (self.kind, normalise(self.ref))


@dataclass(frozen=True)
class Evidence:
    """A signal in a card of who wrote the data (read by cardprovenance.py)."""

    signal: Signal
    generator: str | None  # a registry reference (signal "generator"), else None
    where: str  # "tags", "annotations_creators", "README.md line 42"
    text: str  # the card's words (cut)

    def to_json(self) -> dict[str, Any]:
        return {"signal": self.signal, "generator": self.generator, "where": self.where, "text": self.text}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Evidence:
        signal, generator, where, text = data["signal"], data["generator"], data["where"], data["text"]
        if signal not in SIGNALS or not isinstance(where, str) or not isinstance(text, str):
            raise TypeError("provenance evidence of the wrong shape")
        if not (generator is None or isinstance(generator, str)):
            raise TypeError("provenance generator of the wrong shape")
        return Evidence(signal, generator, where, text)

    @property
    def said(self) -> str:
        """ "README.md line 42: “…generated with GPT-4…”" """
        return f"{self.where}: \u201c{self.text}\u201d"


@dataclass(frozen=True)
class HubRecord:
    """What the Hub said about one repository, at one revision."""

    kind: Kind
    ref: str  # as requested
    id: str  # as the Hub spells it (it follows renames)
    licenses: tuple[str, ...]  # the card's `license:` (a list on some dataset cards)
    license_name: str | None
    license_link: str | None
    base_models: tuple[str, ...]
    relation: str | None  # adapter | finetune | merge | quantized, when the card says
    datasets: tuple[str, ...]
    gated: str | None
    sha: str | None
    last_modified: str | None
    resolved: str  # when it was asked (UTC, ISO 8601)
    # What in the answer could not be read or was cut short: each a needs-review gap.
    problems: tuple[str, ...] = ()
    # What the card says of who wrote the data (cardprovenance.py), read at `sha`.
    provenance: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "ref": self.ref,
            "id": self.id,
            "license": list(self.licenses),
            "license_name": self.license_name,
            "license_link": self.license_link,
            "base_models": list(self.base_models),
            "relation": self.relation,
            "datasets": list(self.datasets),
            "gated": self.gated,
            "sha": self.sha,
            "last_modified": self.last_modified,
            "resolved": self.resolved,
        }
        if self.problems:  # absent when there are none, so clean locks keep their shape
            data["problems"] = list(self.problems)
        if self.provenance:
            data["provenance"] = [e.to_json() for e in self.provenance]
        return data


@dataclass(frozen=True)
class HubFailure:
    """A lookup that gave no answer, and why (one clause: "404 not found on the Hub")."""

    kind: Kind
    ref: str
    reason: str
    resolved: str

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "error": self.reason, "resolved": self.resolved}


Lookup = HubRecord | HubFailure


def lookup_from_json(kind: Kind, data: Mapping[str, Any]) -> Lookup:
    """The inverse of to_json, strict: a value of the wrong type raises TypeError/KeyError.

    The lock and the cache validate their files against a schema first; this check is the
    last line, so a record that slipped past it is refused rather than coerced.
    """
    ref, resolved = _text(data, "ref"), _text(data, "resolved")
    if "error" in data:
        return HubFailure(kind, ref, _text(data, "error"), resolved)
    return HubRecord(
        kind=kind,
        ref=ref,
        id=_text(data, "id"),
        licenses=_texts(data, "license"),
        license_name=_opt_text(data, "license_name"),
        license_link=_opt_text(data, "license_link"),
        base_models=_texts(data, "base_models"),
        relation=_opt_text(data, "relation"),
        datasets=_texts(data, "datasets"),
        gated=_opt_text(data, "gated"),
        sha=_opt_text(data, "sha"),
        last_modified=_opt_text(data, "last_modified"),
        resolved=resolved,
        problems=_texts(data, "problems") if "problems" in data else (),
        provenance=_evidence(data.get("provenance", [])),
    )


def _evidence(value: Any) -> tuple[Evidence, ...]:
    if not isinstance(value, list):
        raise TypeError("provenance is not a list")
    return tuple(Evidence.from_json(e) for e in value)


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string")
    return value


def _opt_text(data: Mapping[str, Any], key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _texts(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{key} must be a list of strings")
    return tuple(value)


def valid_repo_id(ref: str) -> bool:
    return bool(_REPO_ID.match(ref)) and ".." not in ref and "--" not in ref and not ref.endswith(".git")


# --- reading a card --------------------------------------------------------------


def card_record(wanted: Wanted, data: Mapping[str, Any], resolved: str) -> HubRecord:
    """A HubRecord from the Hub's JSON; a field of the wrong shape is a problem, never ignored."""
    problems: list[str] = []
    card = data.get("cardData")
    if not isinstance(card, dict):
        if card is not None:
            problems.append(_shape("cardData", card, "a mapping"))
        card = {}
    repo_id = data.get("id")
    if not isinstance(repo_id, str) or not valid_repo_id(repo_id):
        raise ValueError(f"the repository id is {_shown(repo_id)}")
    tags = _strings(data.get("tags"), "tags", problems)
    tag_bases, tag_relation = _bases_from_tags(tags)
    bases = _strings(card.get("base_model"), "base_model", problems) or tag_bases
    # A card that names itself as its own base says nothing about its lineage.
    bases = tuple(b for b in bases if normalise(b) not in (normalise(repo_id), normalise(wanted.ref)))
    relation = _optional(card.get("base_model_relation"), "base_model_relation", problems) or tag_relation
    if relation is None and len(bases) > 1:
        relation = "merge"
    licenses = _strings(card.get("license"), "license", problems) or tuple(
        t[8:] for t in tags if t.startswith("license:")
    )
    sources = card.get("datasets") or card.get("source_datasets")
    return HubRecord(
        kind=wanted.kind,
        ref=wanted.ref,
        id=repo_id,
        licenses=licenses,
        license_name=_optional(card.get("license_name"), "license_name", problems),
        license_link=_optional(card.get("license_link"), "license_link", problems),
        base_models=bases if wanted.kind == "model" else (),
        relation=relation if wanted.kind == "model" and bases else None,
        datasets=_strings(sources, "datasets", problems),
        gated=_gated(data.get("gated"), problems),
        sha=_sha(data.get("sha"), problems),
        last_modified=_optional(data.get("lastModified"), "lastModified", problems),
        resolved=resolved,
        problems=tuple(problems),
    )


def _bases_from_tags(tags: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """The Hub derives `base_model:<relation>:<id>` and `base_model:<id>` tags from the card."""
    bases: list[str] = []
    relation = None
    for tag in tags:
        if not tag.startswith("base_model:"):
            continue
        rest = tag[len("base_model:") :]
        kind, sep, repo = rest.partition(":")
        if sep and kind in RELATIONS:
            relation = relation or kind
            rest = repo
        if rest not in bases:
            bases.append(rest)
    return tuple(bases), relation


def _strings(value: Any, name: str, problems: list[str]) -> tuple[str, ...]:
    """A string or a list of strings; any other shape is recorded as a problem."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None or not all(isinstance(v, str) for v in items):
        problems.append(_shape(name, value, "a string or a list of strings"))
    kept = [v.strip() for v in items or () if isinstance(v, str) and v.strip()]
    return tuple(dict.fromkeys(kept))


def _optional(value: Any, name: str, problems: list[str]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    problems.append(_shape(name, value, "a string"))
    return None


def _gated(value: Any, problems: list[str]) -> str | None:
    if value is None or value is False:
        return None
    if value is True:
        return "true"
    return _optional(value, "gated", problems)


def _sha(value: Any, problems: list[str]) -> str | None:
    if value is None or (isinstance(value, str) and _SHA.match(value)):
        return value
    problems.append(_shape("sha", value, "a 40-digit revision hash"))
    return None


def _shape(name: str, value: Any, expected: str) -> str:
    return f"`{name}` is {_shown(value)}, not {expected}"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 80 else text[:79] + "\u2026"


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
