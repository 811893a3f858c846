"""The DPI importer on a small stand-in checkout (tests/data/dpi): reproducible bytes, labels
mapped with care, unmappable ones recorded as gaps, and the source of every entry recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from licensecheck import dpi_import, dpi_labels, licenses
from licensecheck.refs import ModelRef
from licensecheck.registry import Registry

FIXTURE = Path(__file__).resolve().parent / "data" / "dpi"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
OTHER = "89abcdef0123456789abcdef0123456789abcdef"


def run(out: Path, *extra: str) -> int:
    return dpi_import.main([str(FIXTURE), "--commit", COMMIT, "-o", str(out), *extra])


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("dpi") / "dpi.json"
    assert run(out) == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def entry(doc: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["datasets"][key]
    return found


def test_two_runs_write_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(first) == 0
    # Another copy of the checkout, in another place: the output does not depend on where.
    copy = tmp_path / "checkout"
    shutil.copytree(FIXTURE, copy)
    assert dpi_import.main([str(copy), "--commit", COMMIT, "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().endswith(b"}\n")


def test_the_source_commit_and_each_files_blob_are_recorded(doc: dict[str, Any]) -> None:
    source = doc["source"]
    assert source["commit"] == COMMIT
    assert source["repository"] == "https://github.com/Data-Provenance-Initiative/Data-Provenance-Collection"
    assert set(source["files"]) == {
        "data_summaries/Acme Instructions.json",
        "data_summaries-speech/Acme Speech.json",
    }
    path = FIXTURE / "data_summaries" / "Acme Instructions.json"
    assert source["files"]["data_summaries/Acme Instructions.json"]["blob"] == dpi_import.blob_id(path)


def test_blob_ids_are_gits(tmp_path: Path) -> None:
    """The ids git gives these contents (`git hash-object`), so a cited file can be found in history."""
    empty, hello = tmp_path / "empty", tmp_path / "hello"
    empty.write_bytes(b"")
    hello.write_bytes(b"hello\n")
    assert dpi_import.blob_id(empty) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    assert dpi_import.blob_id(hello) == "ce013625030ba8dba906f756967f9e9ca394464a"


def test_a_file_from_another_commit_says_so(tmp_path: Path) -> None:
    out = tmp_path / "dpi.json"
    assert run(out, "--file-commit", f"data_summaries-speech/Acme Speech.json={OTHER}") == 0
    files = json.loads(out.read_text())["source"]["files"]
    assert files["data_summaries-speech/Acme Speech.json"]["commit"] == OTHER
    assert "commit" not in files["data_summaries/Acme Instructions.json"]


def test_bad_commits_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert dpi_import.main([str(FIXTURE), "--commit", "ce6662d", "-o", str(tmp_path / "x.json")]) == 2
    assert "40-digit" in capsys.readouterr().err
    assert run(tmp_path / "y.json", "--file-commit", f"data_summaries/Nope.json={OTHER}") == 2
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "y.json").exists()


def test_an_empty_checkout_is_refused(tmp_path: Path) -> None:
    assert dpi_import.main([str(tmp_path), "--commit", COMMIT, "-o", str(tmp_path / "x.json")]) == 2


def test_hub_ids_are_read_from_every_spelling_of_a_dataset_address() -> None:
    assert dpi_import.hub_ids("https://huggingface.co/datasets/THUDM/AgentInstruct/viewer/default/os") == [
        "THUDM/AgentInstruct"
    ]
    assert dpi_import.hub_ids("https://hf.co/datasets/arbml/CIDAR") == ["arbml/CIDAR"]
    assert dpi_import.hub_ids("https://huggingface.co/datasets/glue/viewer/mrpc") == ["glue"]
    assert dpi_import.hub_ids("https://huggingface.co/datasets/winograd_wsc; https://github.com/x/y") == [
        "winograd_wsc"
    ]
    assert dpi_import.hub_ids("https://huggingface.co/datasets/laion/OIG/blob/main/x.jsonl") == ["laion/OIG"]
    assert dpi_import.hub_ids("https://huggingface.co/project-baize") == []  # an organisation, no dataset
    assert dpi_import.hub_ids("https://github.com/nomic-ai/gpt4all") == []
    assert dpi_import.hub_ids(None) == []


def test_records_of_one_dataset_are_merged_and_cited(doc: dict[str, Any]) -> None:
    alpha = entry(doc, "acme/alpha")
    assert alpha["records"] == [
        {
            "file": "data_summaries/Acme Instructions.json",
            "collection": "Acme Instructions",
            "records": ["acme-alpha-1", "acme-alpha-2"],
        }
    ]
    assert alpha["dpi_licenses"] == ["CC BY-NC 4.0", "MIT License", "OpenAI"]
    assert alpha["license"] == "CC-BY-NC-4.0 AND MIT"  # every licence the DPI lists applies
    assert alpha["dpi_models"] == ["OpenAI ChatGPT", "OpenAI GPT-3", "templates"]


def test_coarse_model_labels_map_to_provider_references(doc: dict[str, Any]) -> None:
    alpha = entry(doc, "acme/alpha")
    # "OpenAI GPT-3" names a series (its own catalogue entry, retired); "OpenAI ChatGPT" the app
    # or its API, so both are judged; templates wrote nothing.
    assert alpha["generated_by"] == ["chatgpt:unspecified", "openai:gpt-3", "openai:unspecified"]
    assert alpha["providers"] == ["openai"]
    assert alpha["unmapped_models"] == []


def test_the_window_runs_from_the_earliest_release_to_the_first_hub_commit(doc: dict[str, Any]) -> None:
    alpha = entry(doc, "acme/alpha")
    # From GPT-3's API launch, until the first commit; the paper date (2019) may be a source's.
    assert alpha["generated"] == {"from": "2020-06-11", "until": "2023-03-10"}
    assert alpha["dates"] == {"hub_first_commit": "2023-03-10", "paper": "2019-01-01"}


def test_a_providers_terms_as_licence_stand_for_its_model(doc: dict[str, Any]) -> None:
    eps = entry(doc, "acme/eps")
    assert eps["license"] == "Apache-2.0"  # "OpenAI" is no data licence
    assert eps["generated_by"] == ["openai:unspecified"]
    assert eps["implied_by_license"] == ["OpenAI"]


def test_unmappable_licences_become_gaps_never_a_guess(doc: dict[str, Any]) -> None:
    assert entry(doc, "acme/beta")["license"] == "LicenseRef-dpi-custom"
    legacy = entry(doc, "legacyname")
    assert legacy["license"] is None and legacy["unspecified"] is True
    assert legacy["unmapped_models"] == ["Other"]  # a model the DPI does not name: needs review


def test_unknown_labels_are_reported_and_kept_unmapped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "dpi.json") == 0
    err = capsys.readouterr().err
    assert "licence labels not in dpi_labels.py (needs review): Frobnicate Licence 9" in err
    assert "model labels not in dpi_labels.py (needs review): Mystery Model 7B" in err
    zeta = json.loads((tmp_path / "dpi.json").read_text())["datasets"]["acme/zeta"]
    assert zeta["license"] == "LicenseRef-dpi-frobnicate-licence-9"
    assert zeta["generated_by"] == ["anthropic:claude-2.1"]
    assert zeta["unmapped_models"] == ["Mystery Model 7B"]
    # The judged generator wrote no earlier than its release, and the first commit ends the window.
    assert zeta["generated"] == {"from": "2023-11-21", "until": "2024-02-01"}


def test_templates_and_non_dataset_pages_are_skipped(doc: dict[str, Any]) -> None:
    assert sorted(doc["datasets"]) == [
        "acme/alpha",
        "acme/beta",
        "acme/eps",
        "acme/speech",
        "acme/zeta",
        "legacyname",
    ]
    assert entry(doc, "acme/speech")["id"] == "Acme/Speech"  # the DPI's spelling is kept


# --- the label tables against the registry --------------------------------------------------


@pytest.mark.parametrize("spdx", sorted(set(dpi_labels.SPDX.values())))
def test_every_spdx_label_is_a_valid_licence_id(spdx: str) -> None:
    assert licenses.parse(spdx).alternatives == ((spdx,),)


def test_model_labels_name_references_the_registry_can_judge() -> None:
    """An API reference must reach its provider's terms; Hub ids may be unknown (needs review)."""
    registry = Registry()
    refs = {r for m in (*dpi_labels.MODELS.values(), *dpi_labels.PROVIDER_TERMS.values()) for r in m.refs}
    for ref in sorted(refs):
        if ModelRef(ref).is_api:
            assert registry.model(ref) is not None, ref
        else:
            assert ref.count("/") == 1, ref


def test_provider_labels_of_openai_anthropic_and_google_are_theirs() -> None:
    for label, model in dpi_labels.MODELS.items():
        if label.startswith("OpenAI "):
            assert model.provider == "openai", label
        if label.startswith(("Anthropic", "Claude")):
            assert model.provider == "anthropic", label
        if label.startswith("Google"):
            assert model.provider == "google", label
