"""Which terms govern a model or dataset, resolved over a small registry written for these tests
(so they do not move when the shipped registry's contents change)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from licensecheck import licenses
from licensecheck.lineage import MAX_DEPTH, Governing, resolve_dataset, resolve_model
from licensecheck.manifest import Dataset, Generator
from licensecheck.refs import ModelRef
from licensecheck.registry import DatasetEntry, ModelEntry, Registry

# Terms series written to terms/<id>/1.yaml, and whether each binds derivatives.
TERMS = {
    "copyleft": True,  # binds every model derived from one under it
    "permissive": False,  # does not travel down a lineage
    "own": False,
    "vendor-general": False,
    "vendor-special": False,
    "api-terms": False,
    "mit-terms": False,
    "apache-terms": True,
    "cc-by-terms": False,
    **{f"chain-{i}": True for i in range(MAX_DEPTH + 1)},
}

MODELS = """\
models:
  # Patterns first, shortest first: order in the file must not decide.
  - pattern: "vendor/*"
    terms: [vendor-general]
  - pattern: "vendor/special-*"
    terms: [vendor-special]
  - pattern: "acme:*"
    terms: [api-terms]

  - id: base/copyleft-base
    terms: [copyleft]
    family: fam-copyleft
  - id: base/permissive-base
    terms: [permissive]
    family: fam-permissive
  - id: base/ghost-base
    terms: [ghost]  # no terms document in the registry
  - id: tune/child-of-copyleft
    terms: [permissive]
    base_model: [base/copyleft-base]
  - id: tune/child-of-copyleft-2
    terms: [own]
    base_model: [BASE/Copyleft-Base]
  - id: tune/child-of-permissive
    terms: [own]
    base_model: [base/permissive-base]
  - id: tune/child-of-ghost
    terms: [own]
    base_model: [base/ghost-base]
  - id: tune/grandchild
    terms: [own]
    base_model: [tune/child-of-copyleft]
  - id: tune/own-and-inherited
    terms: [copyleft]
    base_model: [base/copyleft-base]
  - id: tune/orphan
    terms: [own]
    base_model: [nowhere/missing]
  - id: tune/merge
    terms: [own]
    family: fam-merge
    base_model: [base/copyleft-base, base/permissive-base]
  - id: tune/diamond
    terms: [own]
    base_model: [tune/child-of-copyleft, tune/child-of-copyleft-2]

  - id: loop/a
    terms: [permissive]
    base_model: [LOOP/B]
  - id: loop/b
    terms: [copyleft]
    base_model: [Loop/A]
  - id: loop/self
    terms: [own]
    base_model: [loop/self]

  - id: gap/model
    terms: [own]
    gap: "The Hub lookup failed."
  - id: gap/child
    terms: [own]
    base_model: [gap/model]
  - id: noterms/model
    terms: []
  - id: noterms/child
    terms: [own]
    base_model: [noterms/model]

  - id: mm/vision
    terms: [permissive]
    multimodal: true
  - id: mm/child
    terms: [own]
    base_model: [mm/vision]
  - id: mm/child-of-hub
    terms: [own]
    base_model: [hub/unknown-modality]
  - id: mm/child-of-hub-and-vision
    terms: [own]
    base_model: [hub/unknown-modality, mm/vision]

  - id: windowed/model
    terms:
      - {id: copyleft, from: "2024-01-01", until: "2024-06-30"}
      - {id: permissive, domicile: [EU], except_domicile: [FR]}
  - id: windowed/child
    terms: [own]
    base_model: [windowed/model]
"""

# A second catalogue file: an exact id beats every pattern, whichever file it is in.
EXTRA = """\
models:
  - id: vendor/special-exact
    terms: [permissive]
"""

DATASETS = """\
datasets:
  - id: data/termed
    terms: [cc-by-terms]
    generated_by: ["acme:gen-1", Org/Gen-2]
    generated: {from: "2024-01-01", until: "2024-06-30"}
  - id: data/licensed
    license: MIT OR Apache-2.0
  - id: data/both
    terms: [cc-by-terms]
    license: MIT
  - id: data/unmapped
    license: LicenseRef-weird
  - id: data/generators-only
    generated_by: ["acme:gen-1"]
  - id: data/incomplete
    terms: [cc-by-terms]
    generators_complete: false
licenses:
  - {spdx: MIT, hf: [mit], terms: mit-terms}
  - {spdx: Apache-2.0, terms: apache-terms}
  - {spdx: CC-BY-4.0, terms: cc-by-terms}
"""


def chain(prefix: str, length: int) -> str:
    """`prefix/m0` derived from `prefix/m1` ... from `prefix/m{length-1}`, each under its own inherited terms."""
    entries = []
    for i in range(length):
        base = f"\n    base_model: [{prefix}/m{i + 1}]" if i + 1 < length else ""
        entries.append(f"  - id: {prefix}/m{i}\n    terms: [chain-{i}]{base}\n")
    return "models:\n" + "".join(entries)


TERMS_DOC = """\
id: {id}
version: "1"
name: Test terms {id}
kind: model-license
publisher: Test
effective: 2024-01-01
source: https://example.org/{id}
spdx: LicenseRef-{id}
inherited: {inherited}
summary: Terms written for the lineage tests.
clauses:
  - {{id: grant, section: "1", quote: "Granted."}}
provisions:
  grant: {{clause: grant}}
"""


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    root = tmp_path / "registry"
    (root / "catalogue").mkdir(parents=True)
    (root / "registry.yaml").write_text('version: "test"\n', encoding="utf-8")
    catalogue = {
        "models.yaml": MODELS,
        "extra.yaml": EXTRA,
        "datasets.yaml": DATASETS,
        "chain-ok.yaml": chain("ok", MAX_DEPTH),
        "chain-deep.yaml": chain("deep", MAX_DEPTH + 1),
    }
    for name, text in catalogue.items():
        (root / "catalogue" / name).write_text(text, encoding="utf-8")
    for terms_id, inherited in TERMS.items():
        folder = root / "terms" / terms_id
        folder.mkdir(parents=True)
        doc = TERMS_DOC.format(id=terms_id, inherited=str(inherited).lower())
        (folder / "1.yaml").write_text(doc, encoding="utf-8")
    return Registry(root)


def governing(registry: Registry, ref: str) -> dict[str, tuple[str, ...]]:
    """terms id -> the lineage path it was reached along."""
    return {g.terms_id: g.path for g in resolve_model(registry, ref).governing}


def test_the_fixture_terms_say_what_the_tests_assume(registry: Registry) -> None:
    # Guards the fixture itself: inheritance is read from the terms documents.
    copyleft, permissive = registry.terms("copyleft"), registry.terms("permissive")
    assert copyleft is not None and copyleft.inherited
    assert permissive is not None and not permissive.inherited
    assert registry.terms("ghost") is None


# --- catalogue entries and patterns -----------------------------------------------


def test_exact_entry(registry: Registry) -> None:
    r = resolve_model(registry, "base/copyleft-base")
    assert r.ref == "base/copyleft-base"
    assert r.governing == (Governing("copyleft", ("base/copyleft-base",)),)
    assert r.gaps == ()
    assert r.families == frozenset({"fam-copyleft"})
    assert r.matched == "base/copyleft-base"
    assert r.edges == ()
    assert r.multimodal is False


def test_lookup_ignores_case_and_keeps_the_ref_as_written(registry: Registry) -> None:
    r = resolve_model(registry, "BASE/Copyleft-Base")
    assert r.ref == "BASE/Copyleft-Base"
    assert r.matched == "base/copyleft-base"  # the catalogue's spelling
    assert r.governing == (Governing("copyleft", ("BASE/Copyleft-Base",)),)


def test_unknown_model_is_a_gap_with_no_terms(registry: Registry) -> None:
    r = resolve_model(registry, "someone/unknown")
    assert r.governing == ()
    assert r.matched is None
    assert r.gaps == ("someone/unknown is not in the registry; its terms are unknown.",)


@pytest.mark.parametrize(
    ("ref", "matched", "terms"),
    [
        ("vendor/anything", "vendor/*", "vendor-general"),
        # The longer (more specific) pattern wins, though it comes later in the file.
        ("vendor/special-1", "vendor/special-*", "vendor-special"),
        ("VENDOR/Special-2", "vendor/special-*", "vendor-special"),
        # An exact id beats every pattern that also matches it.
        ("vendor/special-exact", "vendor/special-exact", "permissive"),
        ("Vendor/Special-Exact", "vendor/special-exact", "permissive"),
        # `provider:model` references match provider patterns.
        ("acme:model-x", "acme:*", "api-terms"),
        ("ACME:Model-X", "acme:*", "api-terms"),
    ],
)
def test_pattern_and_exact_precedence(registry: Registry, ref: str, matched: str, terms: str) -> None:
    r = resolve_model(registry, ref)
    assert r.matched == matched
    assert [g.terms_id for g in r.governing] == [terms]
    assert r.gaps == ()


@pytest.mark.parametrize("ref", ["vendorx/model", "other/vendor/x", "acme/model", "acmecorp:model"])
def test_pattern_does_not_match_a_lookalike(registry: Registry, ref: str) -> None:
    assert resolve_model(registry, ref).matched is None


# --- lineage ----------------------------------------------------------------------


def test_inherited_terms_of_the_base_govern_the_fine_tune(registry: Registry) -> None:
    r = resolve_model(registry, "tune/child-of-copyleft")
    assert r.governing == (
        Governing("permissive", ("tune/child-of-copyleft",)),
        Governing("copyleft", ("tune/child-of-copyleft", "base/copyleft-base")),
    )
    assert r.edges == (("tune/child-of-copyleft", "base/copyleft-base"),)
    # The base's family travels with it: distilling into it is "same family".
    assert r.families == frozenset({"fam-copyleft"})
    assert r.gaps == ()


def test_non_inherited_terms_of_the_base_stay_behind(registry: Registry) -> None:
    r = resolve_model(registry, "tune/child-of-permissive")
    assert governing(registry, "tune/child-of-permissive") == {"own": ("tune/child-of-permissive",)}
    # The derivation is still recorded, and so is the family.
    assert r.edges == (("tune/child-of-permissive", "base/permissive-base"),)
    assert r.families == frozenset({"fam-permissive"})


def test_terms_without_a_document_travel_down_to_be_safe(registry: Registry) -> None:
    # Unknown inheritance must not fail open: an undocumented series is treated as inherited.
    assert governing(registry, "tune/child-of-ghost") == {
        "own": ("tune/child-of-ghost",),
        "ghost": ("tune/child-of-ghost", "base/ghost-base"),
    }


def test_inherited_terms_travel_through_every_generation(registry: Registry) -> None:
    r = resolve_model(registry, "tune/grandchild")
    # The child's own permissive terms stop at the child; the copyleft base's reach the grandchild.
    assert governing(registry, "tune/grandchild") == {
        "own": ("tune/grandchild",),
        "copyleft": ("tune/grandchild", "tune/child-of-copyleft", "base/copyleft-base"),
    }
    assert r.edges == (
        ("tune/grandchild", "tune/child-of-copyleft"),
        ("tune/child-of-copyleft", "base/copyleft-base"),
    )


def test_own_terms_are_listed_once_before_the_same_inherited_terms(registry: Registry) -> None:
    assert governing(registry, "tune/own-and-inherited") == {"copyleft": ("tune/own-and-inherited",)}


def test_merge_of_several_bases(registry: Registry) -> None:
    r = resolve_model(registry, "tune/merge")
    assert governing(registry, "tune/merge") == {
        "own": ("tune/merge",),
        "copyleft": ("tune/merge", "base/copyleft-base"),
    }
    assert r.families == frozenset({"fam-merge", "fam-copyleft", "fam-permissive"})
    assert r.edges == (("tune/merge", "base/copyleft-base"), ("tune/merge", "base/permissive-base"))


def test_diamond_lineage_lists_terms_once_and_every_edge(registry: Registry) -> None:
    r = resolve_model(registry, "tune/diamond")
    assert [g.terms_id for g in r.governing] == ["own", "copyleft"]
    # The first path found is the one reported.
    assert r.governing[1].path == ("tune/diamond", "tune/child-of-copyleft", "base/copyleft-base")
    assert r.edges == (
        ("tune/diamond", "tune/child-of-copyleft"),
        ("tune/child-of-copyleft", "base/copyleft-base"),
        ("tune/diamond", "tune/child-of-copyleft-2"),
        # Edges keep the base as the catalogue spells it.
        ("tune/child-of-copyleft-2", "BASE/Copyleft-Base"),
    )


def test_unknown_base_model_is_a_gap_naming_the_lineage(registry: Registry) -> None:
    r = resolve_model(registry, "tune/orphan")
    assert governing(registry, "tune/orphan") == {"own": ("tune/orphan",)}
    assert r.gaps == (
        "nowhere/missing is not in the registry (in the lineage tune/orphan <- nowhere/missing);"
        " its terms are unknown.",
    )
    assert r.edges == (("tune/orphan", "nowhere/missing"),)


def test_loop_in_the_lineage_is_a_gap_and_terminates(registry: Registry) -> None:
    r = resolve_model(registry, "loop/a")
    # The loop is caught despite the different spellings (LOOP/B -> Loop/A).
    assert r.gaps == ("The lineage of loop/a loops back to Loop/A; it cannot be followed.",)
    assert governing(registry, "loop/a") == {
        "permissive": ("loop/a",),
        "copyleft": ("loop/a", "LOOP/B"),
    }
    assert r.edges == (("loop/a", "LOOP/B"),)


def test_model_that_is_its_own_base_is_a_gap(registry: Registry) -> None:
    r = resolve_model(registry, "loop/self")
    assert r.gaps == ("The lineage of loop/self loops back to loop/self; it cannot be followed.",)
    assert r.edges == ()
    assert governing(registry, "loop/self") == {"own": ("loop/self",)}


def test_lineage_of_max_depth_models_is_followed_to_the_end(registry: Registry) -> None:
    r = resolve_model(registry, "ok/m0")
    assert r.gaps == ()
    assert [g.terms_id for g in r.governing] == [f"chain-{i}" for i in range(MAX_DEPTH)]
    assert r.governing[-1].path == tuple(f"ok/m{i}" for i in range(MAX_DEPTH))
    assert len(r.edges) == MAX_DEPTH - 1


def test_lineage_deeper_than_max_depth_is_a_gap(registry: Registry) -> None:
    r = resolve_model(registry, "deep/m0")
    assert r.gaps == (f"The lineage of deep/m0 is deeper than {MAX_DEPTH} models.",)
    # The first MAX_DEPTH models are judged; the one beyond is not reached.
    assert [g.terms_id for g in r.governing] == [f"chain-{i}" for i in range(MAX_DEPTH)]
    assert ("deep/m7", "deep/m8") not in r.edges


def test_depth_is_counted_from_the_model_resolved(registry: Registry) -> None:
    # One level down, the same chain fits.
    r = resolve_model(registry, "deep/m1")
    assert r.gaps == ()
    assert [g.terms_id for g in r.governing] == [f"chain-{i}" for i in range(1, MAX_DEPTH + 1)]


# --- gaps on entries --------------------------------------------------------------


def test_entry_gap_is_reported_with_its_terms(registry: Registry) -> None:
    r = resolve_model(registry, "gap/model")
    assert r.gaps == ("The Hub lookup failed.",)
    assert governing(registry, "gap/model") == {"own": ("gap/model",)}


def test_entry_gap_of_a_base_names_the_lineage(registry: Registry) -> None:
    r = resolve_model(registry, "gap/child")
    assert r.gaps == ("The Hub lookup failed (in the lineage gap/child <- gap/model).",)


def test_entry_without_terms_is_a_gap_never_a_pass(registry: Registry) -> None:
    assert resolve_model(registry, "noterms/model").gaps == ("No terms are recorded for noterms/model.",)
    assert resolve_model(registry, "noterms/child").gaps == (
        "No terms are recorded for noterms/model (in the lineage noterms/child <- noterms/model).",
    )


# --- modality, windows, domiciles -------------------------------------------------


HUB_ONLY = ModelEntry(
    key="hub/unknown-modality",
    is_pattern=False,
    terms=("permissive",),
    family=None,
    base_models=(),
    multimodal=None,  # known only from the Hub: modality not on record
    source=None,
)


@pytest.mark.parametrize(
    ("ref", "multimodal"),
    [
        ("base/copyleft-base", False),
        ("mm/vision", True),
        # A derivative of a multimodal model is multimodal.
        ("mm/child", True),
        ("hub/unknown-modality", None),
        # Unknown for one model in the lineage, known for none: unknown.
        ("mm/child-of-hub", None),
        # Known multimodal anywhere in the lineage wins over unknown.
        ("mm/child-of-hub-and-vision", True),
    ],
)
def test_multimodal_through_the_lineage(registry: Registry, ref: str, multimodal: bool | None) -> None:
    overlay = registry.with_entries(models=[HUB_ONLY])
    assert resolve_model(overlay, ref).multimodal is multimodal


def test_terms_windows_and_domiciles_are_carried(registry: Registry) -> None:
    r = resolve_model(registry, "windowed/model")
    assert r.governing == (
        Governing(
            "copyleft",
            ("windowed/model",),
            window=(datetime.date(2024, 1, 1), datetime.date(2024, 6, 30)),
        ),
        Governing("permissive", ("windowed/model",), domiciles=(("EU",), ("FR",))),
    )


def test_inherited_terms_keep_the_base_s_window(registry: Registry) -> None:
    r = resolve_model(registry, "windowed/child")
    assert r.governing[1] == Governing(
        "copyleft",
        ("windowed/child", "windowed/model"),
        window=(datetime.date(2024, 1, 1), datetime.date(2024, 6, 30)),
    )
    assert [g.terms_id for g in r.governing] == ["own", "copyleft"]


# --- datasets ---------------------------------------------------------------------


def dataset(
    id: str | None = None,
    license: str | None = None,
    path: str | None = None,
    generated_by: tuple[str, ...] = (),
    generated_from: datetime.date | None = None,
    generated_until: datetime.date | None = None,
) -> Dataset:
    return Dataset(
        id=id,
        path=path,
        url=None,
        license=licenses.parse(license) if license is not None else None,
        generated_by=tuple(Generator(ModelRef(g), None) for g in generated_by),
        line=None,
        generated_from=generated_from,
        generated_until=generated_until,
    )


def terms_of(alternative: tuple[Governing, ...]) -> list[str]:
    return [g.terms_id for g in alternative]


def test_unknown_dataset_without_a_licence_is_a_gap(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("someone/data"))
    assert d.alternatives == ((),)
    assert d.gaps_by_alternative == (
        ("someone/data is not in the registry and the manifest declares no licence for it.",),
    )
    assert d.generators == ()
    assert d.generated == (None, None)


def test_declared_or_licence_gives_one_alternative_per_choice(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("someone/data", "MIT OR Apache-2.0"))
    assert d.alternatives == (
        (Governing("mit-terms", ("someone/data",)),),
        (Governing("apache-terms", ("someone/data",)),),
    )
    assert d.gaps_by_alternative == ((), ())


def test_declared_and_licence_governs_together(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("someone/data", "MIT AND CC-BY-4.0"))
    assert [terms_of(a) for a in d.alternatives] == [["cc-by-terms", "mit-terms"]]


def test_unmapped_licence_is_a_gap_of_its_alternative_only(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("someone/data", "MIT OR BSD-3-Clause"))
    assert [terms_of(a) for a in d.alternatives] == [["mit-terms"], []]
    assert d.gaps_by_alternative == (
        (),
        ("The licence BSD-3-Clause of someone/data is not in the registry.",),
    )


def test_catalogue_terms_govern_every_declared_alternative(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("data/termed", "MIT OR Apache-2.0"))
    # The registry's terms are facts about the data; the declaration adds a choice on top.
    assert [terms_of(a) for a in d.alternatives] == [
        ["cc-by-terms", "mit-terms"],
        ["cc-by-terms", "apache-terms"],
    ]
    assert d.gaps_by_alternative == ((), ())


def test_catalogue_terms_and_a_declared_licence_mapping_to_them_are_listed_once(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("data/termed", "CC-BY-4.0"))
    assert d.alternatives == ((Governing("cc-by-terms", ("data/termed",)),),)


def test_dataset_id_lookup_ignores_case(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("DATA/Termed"))
    assert d.alternatives == ((Governing("cc-by-terms", ("DATA/Termed",)),),)
    assert d.gaps_by_alternative == ((),)


def test_catalogue_licence_is_a_fact_so_its_first_option_is_taken(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("data/licensed"))
    assert [terms_of(a) for a in d.alternatives] == [["mit-terms"]]
    assert d.gaps_by_alternative == ((),)


def test_catalogue_terms_take_precedence_over_its_licence(registry: Registry) -> None:
    # `terms` is what the registry judges; the recorded `license` then adds nothing.
    d = resolve_dataset(registry, dataset("data/both"))
    assert [terms_of(a) for a in d.alternatives] == [["cc-by-terms"]]


def test_catalogue_unmapped_licence_stays_a_gap_despite_a_declaration(registry: Registry) -> None:
    # A declaration cannot replace what the publisher actually granted.
    d = resolve_dataset(registry, dataset("data/unmapped", "MIT"))
    assert [terms_of(a) for a in d.alternatives] == [["mit-terms"]]
    assert d.gaps_by_alternative == (
        ("The licence LicenseRef-weird of data/unmapped is not in the registry.",),
    )


def test_catalogued_without_a_licence_asks_for_one(registry: Registry) -> None:
    undeclared = resolve_dataset(registry, dataset("data/generators-only"))
    assert undeclared.gaps_by_alternative == (
        ("The registry records no licence for data/generators-only; declare one in the manifest.",),
    )
    declared = resolve_dataset(registry, dataset("data/generators-only", "MIT"))
    assert declared.gaps_by_alternative == ((),)
    assert [terms_of(a) for a in declared.alternatives] == [["mit-terms"]]


def test_incomplete_generators_are_a_gap_even_with_a_licence(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("data/incomplete", "MIT OR Apache-2.0"))
    gap = "Not every model that wrote data/incomplete is on record; their terms may restrict training on it."
    assert d.gaps_by_alternative == ((gap,), (gap,))


def test_hub_gap_on_a_dataset_matters_only_without_a_declared_licence(registry: Registry) -> None:
    hub = DatasetEntry(
        id="hub/data", terms=(), license=None, generated_by=(), source=None, gap="The Hub lookup failed."
    )
    overlay = registry.with_entries(datasets=[hub])
    assert resolve_dataset(overlay, dataset("hub/data")).gaps_by_alternative == (("The Hub lookup failed.",),)
    declared = resolve_dataset(overlay, dataset("hub/data", "MIT"))
    assert declared.gaps_by_alternative == ((),)


def test_dataset_known_only_by_path_is_not_looked_up(registry: Registry) -> None:
    # Only a Hub id names a catalogue entry; a local path that happens to look like one does not.
    d = resolve_dataset(registry, dataset(path="data/termed"))
    assert d.alternatives == ((),)
    assert d.gaps_by_alternative == (
        ("data/termed is not in the registry and the manifest declares no licence for it.",),
    )
    assert d.generators == ()


def test_generators_declared_first_then_the_catalogue_s_not_already_declared(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("data/termed", generated_by=("ORG/gen-2", "other/gen")))
    # Org/Gen-2 is already declared (in another case); acme:gen-1 comes from the catalogue.
    assert d.generators == ("ORG/gen-2", "other/gen", "acme:gen-1")


def test_generated_window_comes_from_the_catalogue(registry: Registry) -> None:
    d = resolve_dataset(registry, dataset("data/termed"))
    assert d.generated == (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))


def test_manifest_generation_dates_replace_the_catalogue_s(registry: Registry) -> None:
    start, end = datetime.date(2024, 3, 1), datetime.date(2024, 4, 1)
    d = resolve_dataset(registry, dataset("data/termed", generated_from=start, generated_until=end))
    assert d.generated == (start, end)


def test_manifest_generation_dates_for_an_unknown_dataset(registry: Registry) -> None:
    start = datetime.date(2025, 1, 1)
    d = resolve_dataset(
        registry, dataset("someone/data", "MIT", generated_by=("acme:x",), generated_from=start)
    )
    assert d.generated == (start, None)
    assert d.generators == ("acme:x",)
