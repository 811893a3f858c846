"""The Hub's legacy single-name model ids (gpt2, bert-base-uncased, t5-small): repositories it
moved under organisations in 2024 and still serves under the old name. A manifest may name them
as written; each is catalogued with the terms of the repository it moved to. A bare name that is
no such id (a hosted model without its provider, `gpt-4o`) stays an input error."""

from __future__ import annotations

import json

import pytest
import yaml

from licensecheck import manifestschema
from tests.catalogue_files import CATALOGUE
from tests.conftest import SMALL_ORG, WriteManifest, findings, project_yaml, run_cli


def test_the_schema_and_the_fast_validator_accept_the_same_model_references() -> None:
    shipped = json.loads(manifestschema.SCHEMA_PATH.read_text(encoding="utf-8"))
    assert shipped["$defs"]["model_ref"]["pattern"] == manifestschema.MODEL_REF_PATTERN


def test_every_legacy_id_accepted_is_catalogued_and_every_catalogued_one_accepted() -> None:
    single = {
        e["id"]
        for path in sorted(CATALOGUE.glob("models*.yaml"))
        for e in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", [])
        if "id" in e and "/" not in e["id"] and ":" not in e["id"]
    }
    assert single == set(manifestschema.LEGACY_HUB_MODELS)


def check(manifest: WriteManifest, teachers: str, base: str = "mistralai/Mistral-7B-v0.1") -> tuple[int, str]:
    path = manifest(project_yaml(base=base, **SMALL_ORG) + teachers)
    run = run_cli("check", str(path), "--format", "json", "--as-of", "2026-11-23")
    return run.exit_code, run.stdout + run.stderr


@pytest.mark.parametrize(
    ("ref", "terms"), [("gpt2", "mit@"), ("t5-small", "apache-2.0@"), ("openai-gpt", "mit@")]
)
def test_a_legacy_id_as_base_model_is_judged_under_its_cards_licence(
    manifest: WriteManifest, ref: str, terms: str
) -> None:
    code, out = check(manifest, "", base=ref)
    assert code == 0, out
    got = findings(json.loads(out), ref, "base-model")
    # A permissive licence: the open-weights student keeps the copyright notice.
    assert got and all(f["verdict"] == "conditional" for f in got)
    assert any((f["terms"] or "").startswith(terms) for f in got)


def test_a_legacy_id_as_teacher_is_accepted(manifest: WriteManifest) -> None:
    code, out = check(manifest, "teachers:\n  - model: bert-base-uncased\n")
    assert code == 0, out
    assert findings(json.loads(out), "bert-base-uncased", "teacher")


@pytest.mark.parametrize(
    ("ref", "hint"), [("gpt-4o", "did you mean openai:gpt-4o?"), ("gpt3", "model reference")]
)
def test_a_bare_name_that_is_no_legacy_id_is_still_an_input_error(
    manifest: WriteManifest, ref: str, hint: str
) -> None:
    code, out = check(manifest, f"teachers:\n  - model: {ref}\n")
    assert code == 2 and hint in out, out
