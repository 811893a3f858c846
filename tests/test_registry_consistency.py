"""The shipped registry is evidence: every document validates, every provision cites a
clause of its own document, every quote is verbatim in its reference text, every
catalogue entry resolves, and no two patterns claim one id with different terms."""

from __future__ import annotations

import fnmatch
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from licensecheck import quotes
from licensecheck.provisions import terms_schema
from licensecheck.registry import Registry, data_root
from licensecheck.terms import TermsKind
from licensecheck.yamlio import load_file

ROOT = data_root() / "registry"
SHARED = Path(os.environ.get("LICENSECHECK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
REFERENCE = SHARED / "reference" / "terms"
TERMS_FILES = sorted((ROOT / "terms").glob("*/*.yaml"))
CATALOGUE_FILES = sorted((ROOT / "catalogue").glob("*.yaml"))


def schema(name: str) -> Draft202012Validator:
    if name == "registry-terms.schema.json":
        # The document's frame is shipped as JSON; each provision kind's part comes from its table.
        return Draft202012Validator(terms_schema())
    text = resources.files("licensecheck").joinpath(f"schemas/{name}").read_text()
    return Draft202012Validator(json.loads(text))


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def fold(text: str) -> str:
    return " ".join(text.split())


def test_registry_has_content() -> None:
    assert len(TERMS_FILES) >= 10 and CATALOGUE_FILES


@pytest.mark.parametrize("path", TERMS_FILES, ids=ids(TERMS_FILES))
def test_terms_document(path: Path) -> None:
    data: dict[str, Any] = load_file(path).data
    errors = [e.message for e in schema("registry-terms.schema.json").iter_errors(data)]
    assert not errors, errors
    assert path.parent.name == data["id"], "the folder is the terms id"
    assert path.stem == data["version"], "the file name is the version"
    clause_ids = [c["id"] for c in data["clauses"]]
    assert len(clause_ids) == len(set(clause_ids)), "clause ids are unique"
    for kind, provision in data["provisions"].items():
        cited = [provision["clause"]]
        cited += [e["clause"] for e in provision.get("exceptions", [])]
        cited += [o["clause"] for o in provision.get("obligations", [])]
        for clause in cited:
            assert clause in clause_ids, f"provision {kind} cites unknown clause {clause}"


@pytest.mark.parametrize("path", TERMS_FILES, ids=ids(TERMS_FILES))
def test_quotes_are_verbatim(path: Path) -> None:
    """A quote from a shipped text is checked against it; one from a provider's terms (not
    shipped) against the record of its check, and against the text itself where the
    maintainers' copies are at hand (LICENSECHECK_SHARED, or shared/ beside the checkout)."""
    data: dict[str, Any] = load_file(path).data
    record = quotes.read_record()
    mine = [q for q in quotes.quotes() if q.key.startswith(f"{data['id']}@{data['version']}#")]
    for q in mine:
        if q.shipped:
            text = quotes.text_of(q, None, ROOT)
            assert text is not None, f"{q.reference} is named but not shipped in registry/texts"
            assert quotes.fold(q.quote) in quotes.fold(text), f"{q.key} is not verbatim in {q.reference}"
            continue
        checked = record.get(q.reference, {})
        assert checked.get("quotes", {}).get(q.key) == q.digest, (
            f"{q.key} changed since it was checked against {q.reference}: run"
            " `python -m licensecheck.quotes --texts DIR --write` with the texts at hand"
        )
        text = quotes.text_of(q, REFERENCE, ROOT) if REFERENCE.is_dir() else None
        if text is not None:
            assert quotes.fold(q.quote) in quotes.fold(text), f"{q.key} is not verbatim in {q.reference}"
            assert checked["sha256"] == quotes.sha256(quotes.fold(text)), f"{q.reference} changed since"


def test_the_quote_record_holds_no_quote_the_registry_dropped() -> None:
    record = quotes.read_record()
    current = {(q.reference, q.key) for q in quotes.quotes() if not q.shipped}
    recorded = {(name, key) for name, entry in record.items() for key in entry["quotes"]}
    assert recorded == current


def test_the_quote_checker_finds_an_edited_quote(tmp_path: Path) -> None:
    # The maintainers' tool, on a copy of the registry with one quote changed.
    import shutil

    copy = tmp_path / "registry"
    shutil.copytree(ROOT, copy)
    target = copy / "terms" / "apache-2.0" / "2.0.yaml"
    text = target.read_text()
    first = next(q for q in quotes.quotes(copy) if q.key.startswith("apache-2.0@2.0#"))
    words = first.quote.split()
    target.write_text(text.replace(words[-1], words[-1] + " and more", 1))
    problems, _ = quotes.check(tmp_path / "no-texts", copy)
    assert any(p.startswith(first.key) and "not verbatim" in p for p in problems), problems
    assert any("not found" in p for p in problems)  # the unshipped texts are not in that folder


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=ids(CATALOGUE_FILES))
def test_catalogue_file(path: Path) -> None:
    data = load_file(path).data
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in schema("registry-catalogue.schema.json").iter_errors(data)
    ]
    assert not errors, errors[:5]


def test_no_id_or_pattern_is_catalogued_twice() -> None:
    """The registry keeps one entry per id (a later file's silently replaces an earlier one's), so
    two readings of one dataset or model must be merged into one entry, never left side by side."""
    where: dict[tuple[str, str], list[str]] = {}
    for path in CATALOGUE_FILES:
        data = load_file(path).data or {}
        for section in ("models", "datasets"):
            for entry in data.get(section) or []:
                key = str(entry.get("id") or entry.get("pattern")).lower()
                where.setdefault((section, key), []).append(path.name)
    twice = {key: files for key, files in where.items() if len(files) > 1}
    assert not twice, twice


def test_every_catalogue_entry_resolves() -> None:
    registry = Registry()
    series = set(registry.series_ids())
    for model in registry.models():
        missing = set(model.terms) - series
        assert not missing, f"{model.key} names unknown terms {missing}"
        for base in model.base_models:
            assert registry.model(base) is not None, f"{model.key}: base model {base} is not catalogued"
    catalogued = {d.id.lower() for d in registry.datasets() if d.provenance is None}
    for dataset in registry.datasets():
        assert set(dataset.terms) <= series, dataset.id
        for name in dataset.derived_from:  # an upstream the project itself records
            assert name.lower() in catalogued, f"{dataset.id}: derives from {name}, which is not catalogued"
        for generator in dataset.generated_by:
            assert re.match(r"^([^:/\s]+/[^:/\s]+|[a-z0-9][a-z0-9_.-]*:\S+)$", generator), generator
    for key, terms_id in registry.license_map().items():
        assert terms_id in series, f"licence {key} maps to unknown terms {terms_id}"


def test_no_catalogue_licence_ref_is_silently_dropped_by_the_entrys_terms() -> None:
    """Where a dataset entry records its own `terms`, they decide it and its `license` text is not
    read: a `LicenseRef-…` there that none of its own terms stands for would vanish unjudged."""
    registry = Registry()
    mapped = registry.license_map()
    for dataset in registry.datasets():
        own = [t for t in dataset.terms if t not in dict(dataset.upstream_terms)]
        if not own or not dataset.license:
            continue
        for ref in re.findall(r"LicenseRef-[A-Za-z0-9.-]+", str(dataset.license)):
            series = mapped.get(f"spdx:{ref.lower()}") or ref.removeprefix("LicenseRef-")
            assert series in own, f"{dataset.id}: {ref} is in its licence but not its own terms"


def test_a_usage_policy_never_governs_alone() -> None:
    """A usage policy grants nothing: a catalogue entry names a licence beside it, and no
    licence id or Hub tag maps to one (naming it alone must stay unknown)."""
    registry = Registry()

    def policy(terms_id: str) -> bool:
        return registry.series(terms_id)[0].kind is TermsKind.USAGE_POLICY

    for model in registry.models():
        if any(policy(t) for t in model.terms):
            assert not all(policy(t) for t in model.terms), model.key
    for key, terms_id in registry.license_map().items():
        assert not policy(terms_id), f"licence {key} maps to the usage policy {terms_id}"


def test_every_version_has_source_and_effective_date() -> None:
    registry = Registry()
    for series_id in registry.series_ids():
        versions = registry.series(series_id)
        assert versions, series_id
        for terms in versions:
            assert terms.source.startswith("http") and terms.effective.year >= 1980
        assert len({t.version for t in versions}) == len(versions)


def test_no_two_patterns_claim_one_id_with_different_terms() -> None:
    registry = Registry()
    patterns = [m for m in registry.models() if m.is_pattern]
    exact = [m for m in registry.models() if not m.is_pattern]
    # Probe with every catalogued id plus each pattern's own literal text.
    probes = [m.key for m in exact] + [p.key.replace("*", "x") for p in patterns]
    for probe in probes:
        matching = [p for p in patterns if fnmatch.fnmatchcase(probe.lower(), p.key.lower())]
        if not matching:
            continue
        best = max(len(p.key.replace("*", "")) for p in matching)
        top = {p.terms for p in matching if len(p.key.replace("*", "")) == best}
        assert len(top) == 1, f"{probe} is claimed by equally specific patterns with different terms: {top}"
    lowered = [p.key.lower() for p in patterns]
    assert len(lowered) == len(set(lowered)), "a pattern is listed twice"


def test_every_model_under_a_multimodal_only_exclusion_says_whether_it_is_multimodal() -> None:
    """An exclusion that names multimodal models only (Llama 3.2, 3.3, 4) reads the catalogue's
    `multimodal` flag; an entry that leaves it out would be read as text-only: fail open."""
    from licensecheck.provisions import ExcludedDomicile, Models

    registry = Registry()
    scoped = {
        s
        for s in registry.series_ids()
        if any(
            isinstance(p := t.provisions.get("excluded-domicile"), ExcludedDomicile)
            and p.models is Models.MULTIMODAL
            for t in registry.series(s)
        )
    }
    assert {"llama-3.2-community-license", "llama-4-community-license"} <= scoped
    unstated = []
    for path in CATALOGUE_FILES:
        for m in load_file(path).data.get("models") or []:
            terms = {t if isinstance(t, str) else t["id"] for t in m["terms"]}
            if terms & scoped and "multimodal" not in m:
                unstated.append(m.get("id") or m.get("pattern"))
    assert not unstated, unstated
