"""regindex.py: the registry compiled once per content. A cached index is used only for the very
files it was built from, only if this machine wrote it; patterns decide as fnmatch does."""

from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensecheck import memo, regindex
from licensecheck.errors import RegistryError
from licensecheck.registry import Registry, data_root

TEST_REGISTRY = Path(__file__).parent / "data" / "registry"


@pytest.fixture(autouse=True)
def _a_new_process() -> None:
    """Each test starts as a new process would: nothing compiled in memory (another test may
    have compiled the same registry), so what it reads comes from its own cache or the YAML."""
    regindex.forget_in_process()


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(TEST_REGISTRY, target)
    return target


def blobs() -> list[Path]:
    return sorted((memo.cache_root() / "memo" / "registry-index").glob("*.bin"))


def refuse_to_build(*args: object) -> None:
    raise AssertionError("the index was built again from the YAML")


def test_a_second_run_reads_the_compiled_index(registry_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Registry(registry_copy)
    assert first.model("org/open-model") is not None and first.series("open-license")
    assert blobs()  # remembered
    regindex.forget_in_process()  # as a new process would start
    monkeypatch.setattr(regindex, "build", refuse_to_build)
    monkeypatch.setattr(regindex, "_series", refuse_to_build)
    again = Registry(registry_copy)
    assert again.model("org/open-model") == first.model("org/open-model")
    assert [t.full_id for t in again.series("open-license")] == [
        t.full_id for t in first.series("open-license")
    ]


def test_a_process_compiles_the_registry_once_whatever_its_cache(
    registry_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = Registry(registry_copy)
    assert first.series("open-license")
    monkeypatch.setenv("LICENSECHECK_CACHE_DIR", str(tmp_path / "another-cache"))  # nothing on disk
    monkeypatch.setattr(regindex, "build", refuse_to_build)
    monkeypatch.setattr(regindex, "_series", refuse_to_build)
    again = Registry(registry_copy)
    assert again.model("org/open-model") == first.model("org/open-model")
    assert [t.full_id for t in again.series("open-license")] == [
        t.full_id for t in first.series("open-license")
    ]
    assert not blobs()  # the other cache was not needed


def test_an_edited_registry_is_compiled_afresh(registry_copy: Path) -> None:
    assert Registry(registry_copy).model("org/open-model").terms == ("open-license",)  # type: ignore[union-attr]
    catalogue = registry_copy / "catalogue" / "models.yaml"
    catalogue.write_text(
        catalogue.read_text().replace(
            "{id: org/open-model, terms: [open-license]", "{id: org/open-model, terms: [nc-data]"
        )
    )
    assert Registry(registry_copy).model("org/open-model").terms == ("nc-data",)  # type: ignore[union-attr]


def test_a_process_keeps_only_the_last_few_registries_in_memory(registry_copy: Path) -> None:
    catalogue = registry_copy / "catalogue" / "models.yaml"
    original = catalogue.read_text()
    for n in range(regindex._IN_PROCESS_MAX + 4):  # as many edited registries as a test suite makes
        catalogue.write_text(original + f"\n# edit {n}\n")
        assert Registry(registry_copy).model("org/open-model") is not None
    assert 0 < len(regindex._IN_PROCESS) <= regindex._IN_PROCESS_MAX


def test_an_edited_terms_document_is_read_afresh(registry_copy: Path) -> None:
    (version,) = Registry(registry_copy).series("open-license")
    document = next((registry_copy / "terms" / "open-license").glob("*.yaml"))
    document.write_text(document.read_text().replace(version.name, "Renamed Licence"))
    (again,) = Registry(registry_copy).series("open-license")
    assert again.name == "Renamed Licence"


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign"])
def test_a_tampered_index_is_not_trusted(
    registry_copy: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Registry(registry_copy)
    assert blobs()
    for blob in blobs():
        data = blob.read_bytes()
        if damage == "flip":  # e.g. an entry's terms edited to a permissive licence
            blob.write_bytes(data.replace(b"nc-data", b"open-lic"))
        elif damage == "truncate":
            blob.write_bytes(data[: len(data) // 2])
        else:  # valid for another machine's key
            blob.write_bytes(b"\0" * 32 + data[32:])
    built: list[bool] = []
    original = regindex.build

    def build(*args: Any) -> regindex.Index:
        built.append(True)
        return original(*args)

    monkeypatch.setattr(regindex, "build", build)
    regindex.forget_in_process()  # a new process: only the damaged cache is left
    registry = Registry(registry_copy)
    assert built  # the damaged entry was ignored and the catalogue compiled again
    assert registry.terms_for_spdx("CC-BY-NC-4.0") == "nc-data"


# The shipped catalogue, parsed without the cache (this runs when tests are collected).
INDEX = regindex.build(data_root() / "registry")
IDS = (
    [m["id"] for m in INDEX["exact"].values()]
    + INDEX["pattern_keys"]
    + [d["id"] for d in INDEX["datasets"].values()]
)


def by_fnmatch(registry: Registry, ref: str) -> object:
    """The entry the catalogue's own rule gives: the exact id, else the first pattern in order."""
    key = ref.strip().lower()
    exact = next((m for m in registry.models() if not m.is_pattern and m.key.lower() == key), None)
    if exact is not None:
        return exact
    patterns = [m for m in registry.models() if m.is_pattern]
    return next((m for m in patterns if fnmatch.fnmatchcase(key, m.key.lower())), None)


@settings(max_examples=400, deadline=None)
@given(
    ref=st.one_of(
        st.sampled_from(IDS),
        st.tuples(st.sampled_from(IDS), st.text(alphabet="-.abcXYZ019:/*", max_size=6)).map("".join),
        st.text(alphabet="/:-.abcdefgqwenlamAB0123", max_size=20),
    )
)
def test_patterns_decide_as_fnmatch_does_in_their_order(ref: str) -> None:
    registry = Registry()
    assert registry.model(ref) == by_fnmatch(registry, ref)


def test_the_groups_hold_every_pattern_an_id_can_match() -> None:
    assert len(INDEX["pattern_keys"]) > 50
    groups = INDEX["pattern_groups"]
    for i, pattern in enumerate(INDEX["pattern_keys"]):
        group = regindex.group_of(regindex.literal_prefix(pattern))
        assert i in groups[group or ""]


@pytest.mark.parametrize("relative", [False, True])
def test_registry_files_are_spelled_as_path_joins_spell_them(
    monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    """The listing joins strings (cheaper than Paths), but a file's path is the one a Path
    join gives, "terms/x/1.yaml" under the current directory and not "./terms/x/1.yaml":
    it is what a registry error names."""
    root = data_root() / "registry"
    if relative:
        monkeypatch.chdir(root)
        root = Path(".")
    files = regindex.all_files(root)
    assert len(files) > 100 and any(name.startswith("terms/") for name, _ in files)
    assert all(path == str(root / name) for name, path in files)
    series = files[-1][0].split("/")[1]
    assert regindex.series_files(root, series) == [
        (n, p) for n, p in files if n.startswith(f"terms/{series}/")
    ]


# --- legacy single-name ids ------------------------------------------------------------------------


def add_datasets(registry: Path, text: str) -> None:
    (registry / "catalogue" / "legacy.yaml").write_text(f"datasets:\n{text}", encoding="utf-8")


def test_a_legacy_id_gets_its_repositorys_record_under_its_own_name(registry_copy: Path) -> None:
    add_datasets(registry_copy, "  - {id: dated_chats, legacy_of: org/dated-chats}\n")
    registry = Registry(registry_copy)
    legacy, repo = registry.dataset("dated_chats"), registry.dataset("org/dated-chats")
    assert legacy is not None and repo is not None
    assert legacy.id == "dated_chats"
    assert (legacy.terms, legacy.generated_by, legacy.generated, legacy.source) == (
        repo.terms,
        repo.generated_by,
        repo.generated,
        repo.source,
    )


def test_a_legacy_id_may_cite_where_its_own_card_was_read(registry_copy: Path) -> None:
    add_datasets(
        registry_copy, "  - {id: nc_data, legacy_of: org/nc-data, source: https://example.test/legacy-card}\n"
    )
    legacy = Registry(registry_copy).dataset("nc_data")
    assert legacy is not None
    assert (legacy.terms, legacy.source) == (("nc-data",), "https://example.test/legacy-card")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{id: gone, legacy_of: org/not-catalogued}", "legacy_of org/not-catalogued is not catalogued"),
        ("{id: twice, legacy_of: other}", "legacy_of other is itself a legacy id"),
        (
            "{id: drifted, legacy_of: org/nc-data, terms: [open-license]}",
            "holds no facts of its own (terms)",
        ),
    ],
)
def test_a_legacy_id_that_cannot_take_its_repositorys_record_is_refused(
    registry_copy: Path, entry: str, problem: str
) -> None:
    add_datasets(registry_copy, f"  - {{id: other, legacy_of: org/nc-data}}\n  - {entry}\n")
    with pytest.raises(RegistryError) as refused:
        Registry(registry_copy)
    assert "legacy.yaml" in str(refused.value) and problem in str(refused.value)
