"""`licensecheck lock` and the lock file: reproducible, offline, fast checks.

Done when: `lock` then `check --offline` gives the verdicts of an online check, and the
Hub (on 127.0.0.1) sees no request at all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from licensecheck import lock as lockmod
from tests.conftest import AS_OF, findings, loaded_modules, project_yaml, run_cli, run_subprocess
from tests.fakehub import FakeHub, hub_env

pytestmark = pytest.mark.usefixtures("library_online")

HUB_IDS = """\
teachers:
  - model: merge-lab/llama-slerp
  - model: quant-lab/Llama-2-7B-Chat-GGUF
  - model: custom-lab/custom-licence-7b
  - model: openai:gpt-4o
datasets:
  - id: data-lab/nc-chats
    generated_by: [plain-lab/mit-model]
  - id: tatsu-lab/alpaca
"""


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "project" / "licensecheck.yaml"
    path.parent.mkdir()
    path.write_text(project_yaml(base="ft-lab/llama31-legal-8b") + HUB_IDS, encoding="utf-8")
    return path


def env(hub: FakeHub, tmp_path: Path, cache: str = "cache", **extra: str | None) -> dict[str, str | None]:
    return hub_env(hub, tmp_path, LICENSECHECK_CACHE_DIR=str(tmp_path / cache), **extra)


def check(manifest: Path, environ: dict[str, str | None], *args: str) -> tuple[int, dict[str, Any]]:
    run = run_cli("check", str(manifest), "--format", "json", "--as-of", AS_OF, *args, env=environ)
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return run.exit_code, report


def lock_data(manifest: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((manifest.parent / "licensecheck.lock").read_text(encoding="utf-8"))
    return data


def test_lock_then_check_offline_gives_the_same_verdicts_without_any_request(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    online_code, online = check(manifest, env(hub, tmp_path, cache="cache-online"))
    assert any(f["terms"] and f["terms"].startswith("llama-3.1") for f in online["findings"])

    run = run_cli("lock", str(manifest), env=env(hub, tmp_path, cache="cache-lock"))
    assert run.exit_code == 0, run.stderr
    assert "wrote" in run.stdout and "(6 Hub ids)" in run.stdout

    hub.clear()
    # An empty cache: whatever the offline check knows comes from the lock.
    offline_code, offline = check(manifest, env(hub, tmp_path, cache="cache-empty"), "--offline")
    assert hub.paths() == []
    assert offline_code == online_code
    assert offline["verdict"] == online["verdict"]
    assert offline["findings"] == online["findings"]
    # No Hub answer was cached (only memo.py's validation and licence-parsing results may be).
    cached = (
        {p.name for p in (tmp_path / "cache-empty").iterdir()}
        if (tmp_path / "cache-empty").exists()
        else set()
    )
    assert cached <= {"memo"}


def test_check_online_uses_a_fresh_lock_and_asks_nothing(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    hub.clear()
    _, report = check(manifest, env(hub, tmp_path, cache="other-cache"), "--locked")
    assert hub.paths() == []
    assert findings(report, "merge-lab/llama-slerp")


def test_the_lock_records_licence_lineage_revision_and_dates(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    data = lock_data(manifest)
    assert data["licensecheck_lock"] == 1
    assert data["manifest"] == {
        "file": "licensecheck.yaml",
        # The manifest's parsed content, hashed (a comment does not stale the lock).
        "sha256": lockmod.digest(manifest),
    }
    assert data["endpoint"] == hub.url
    assert data["generated"].endswith("+00:00")
    refs = [m["ref"] for m in data["models"]]
    assert refs == sorted(refs, key=str.lower)
    assert set(refs) == {
        "custom-lab/custom-licence-7b",
        "ft-lab/llama31-legal-8b",
        "merge-lab/llama-slerp",
        "plain-lab/mit-model",
        "quant-lab/Llama-2-7B-Chat-GGUF",
    }  # catalogued ids (meta-llama/*, openai:gpt-4o, tatsu-lab/alpaca) are not locked
    merge = next(m for m in data["models"] if m["ref"] == "merge-lab/llama-slerp")
    assert merge["license"] == ["apache-2.0"]
    assert merge["base_models"] == ["ft-lab/llama31-legal-8b", "meta-llama/Llama-2-7b-hf"]
    assert merge["relation"] == "merge"
    assert len(merge["sha"]) == 40
    assert merge["last_modified"].startswith("2024-08-01")
    custom = next(m for m in data["models"] if m["ref"] == "custom-lab/custom-licence-7b")
    assert (custom["license"], custom["license_name"]) == (["other"], "custom-research-licence")
    assert [d["ref"] for d in data["datasets"]] == ["data-lab/nc-chats"]


def test_a_failed_lookup_is_never_locked_and_is_asked_again(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    manifest.write_text(
        project_yaml() + "teachers:\n  - model: gone-lab/deleted\n  - model: plain-lab/mit-model\n"
    )
    run = run_cli("lock", str(manifest), env=env(hub, tmp_path))
    assert run.exit_code == 1
    assert "1 lookup failed, not locked" in run.stderr
    assert "gone-lab/deleted: lookup failed: not found on the Hub, or private (HTTP 404)" in run.stderr
    assert [m["ref"] for m in lock_data(manifest)["models"]] == ["plain-lab/mit-model"]
    # Offline, the failure is not replayed from the lock: it is a failure of this run.
    hub.clear()
    _, report = check(manifest, env(hub, tmp_path, cache="empty"), "--offline")
    [gone] = findings(report, "gone-lab/deleted")
    assert gone["verdict"] == "needs-review" and "as recorded in" not in gone["reasons"][0]
    assert findings(report, "plain-lab/mit-model")[0]["verdict"] == "permitted"
    assert hub.paths() == []
    # Online, the lock answers what it holds and the Hub is asked about the rest.
    _, report = check(manifest, env(hub, tmp_path, cache="empty"))
    assert hub.api_paths() == ["/api/models/gone-lab/deleted"]
    # --locked cannot judge what the lock does not hold, and says why.
    run = run_cli("check", str(manifest), "--locked", env=env(hub, tmp_path))
    assert run.exit_code == 2
    assert "does not cover the model gone-lab/deleted" in run.stderr
    assert "a lookup that failed is never locked" in run.stderr


def test_a_failure_in_a_lock_written_before_is_asked_again(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    manifest.write_text(project_yaml() + "teachers:\n  - model: plain-lab/mit-model\n")
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    data = lock_data(manifest)
    # As locks written by earlier versions recorded a failure (here, of a model that answers now).
    data["models"] = [
        {"ref": "plain-lab/mit-model", "error": "timed out", "resolved": data["models"][0]["resolved"]}
    ]
    lockmod.lock_path(manifest).write_text(json.dumps(data))
    hub.clear()
    _, report = check(manifest, env(hub, tmp_path, cache="empty"))
    assert findings(report, "plain-lab/mit-model")[0]["verdict"] == "permitted"
    assert hub.api_paths() == ["/api/models/plain-lab/mit-model"]


def test_locked_fails_without_a_lock(hub: FakeHub, tmp_path: Path, manifest: Path) -> None:
    run = run_cli("check", str(manifest), "--locked", env=env(hub, tmp_path))
    assert run.exit_code == 2
    assert "--locked, but there is no lock file; run `licensecheck lock`" in run.stderr
    assert hub.paths() == []


def test_locked_fails_when_the_manifest_changed_since_the_lock(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    manifest.write_text(manifest.read_text() + "  - id: data-lab/open-instructions\n")
    hub.clear()
    run = run_cli("check", str(manifest), "--locked", env=env(hub, tmp_path))
    assert run.exit_code == 2
    assert "licensecheck.yaml changed since the lock was written" in run.stderr
    assert hub.paths() == []


def test_without_locked_a_stale_lock_is_ignored_with_a_note(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    manifest.write_text(manifest.read_text() + "  - id: data-lab/open-instructions\n")
    hub.clear()
    run = run_cli("check", str(manifest), "--format", "json", env=env(hub, tmp_path, cache="fresh-cache"))
    assert run.exit_code in (0, 1)
    assert "licensecheck.lock was written for another version of licensecheck.yaml" in run.stderr
    assert "/api/datasets/data-lab/open-instructions" in hub.api_paths()


def test_locked_fails_when_the_lock_does_not_cover_an_id(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    path = manifest.parent / "licensecheck.lock"
    data = lock_data(manifest)
    data["datasets"] = []  # as if a registry update had stopped listing a dataset
    path.write_text(json.dumps(data))
    hub.clear()
    run = run_cli("check", str(manifest), "--locked", env=env(hub, tmp_path))
    assert run.exit_code == 2
    assert "does not cover the dataset data-lab/nc-chats" in run.stderr
    # Without --locked the missing answer comes from the Hub, and only that one.
    _, _report = check(manifest, env(hub, tmp_path, cache="fresh-cache"))
    assert hub.api_paths() == ["/api/datasets/data-lab/nc-chats"]


def test_a_malformed_lock_is_an_input_error(hub: FakeHub, tmp_path: Path, manifest: Path) -> None:
    (manifest.parent / "licensecheck.lock").write_text("{not json")
    run = run_cli("check", str(manifest), env=env(hub, tmp_path))
    assert run.exit_code == 2
    assert "licensecheck.lock:1: not a valid lock file" in run.stderr


def test_lock_offline_builds_from_the_cache(hub: FakeHub, tmp_path: Path, manifest: Path) -> None:
    check(manifest, env(hub, tmp_path))
    hub.clear()
    run = run_cli("lock", str(manifest), "--offline", env=env(hub, tmp_path))
    assert run.exit_code == 0, run.stderr
    assert hub.paths() == []
    assert len(lock_data(manifest)["models"]) == 5


def test_lock_in_a_subprocess(hub: FakeHub, tmp_path: Path, manifest: Path) -> None:
    environ = {k: v for k, v in {**os.environ, **env(hub, tmp_path)}.items() if v is not None}
    run = run_subprocess("lock", cwd=manifest.parent, env=environ)
    assert run.exit_code == 0, run.stderr
    assert (manifest.parent / "licensecheck.lock").is_file()
    assert (
        "merge-lab/llama-slerp: apache-2.0; base ft-lab/llama31-legal-8b, meta-llama/Llama-2-7b-hf"
        in run.stdout
    )


# --- the fast path: nothing from huggingface_hub when the lock or the catalogue answers ---------


def hub_client_loaded(modules: set[str]) -> bool:
    return any(m == "huggingface_hub" or m.startswith("huggingface_hub.") for m in modules)


def test_check_with_a_fresh_lock_imports_nothing_from_huggingface_hub(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    hub.clear()
    modules = loaded_modules("check", str(manifest), "--locked", env=env(hub, tmp_path, cache="none"))
    assert "licensecheck.engine" in modules  # the probe really ran a check
    assert "licensecheck.hubresolve" in modules  # ... and the Hub step, answered by the lock
    assert not hub_client_loaded(modules)
    assert hub.paths() == []


def test_check_without_unknown_hub_ids_imports_nothing_from_huggingface_hub(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    manifest.write_text(
        project_yaml(base="meta-llama/Llama-3.1-8B") + "teachers:\n  - model: openai:gpt-4o\n"
    )
    modules = loaded_modules("check", str(manifest), env=env(hub, tmp_path))
    assert "licensecheck.engine" in modules
    assert not hub_client_loaded(modules)
    assert hub.paths() == []


def test_a_comment_or_reordering_does_not_stale_the_lock_but_a_changed_value_does(
    hub: FakeHub, tmp_path: Path, manifest: Path
) -> None:
    manifest.write_text(project_yaml() + "teachers:\n  - model: plain-lab/mit-model\n")
    assert run_cli("lock", str(manifest), env=env(hub, tmp_path)).exit_code == 0
    manifest.write_text("# reviewed by legal on 2026-12-01\n\n" + manifest.read_text() + "\n# end\n")
    assert run_cli("check", str(manifest), "--locked", "--offline", env=env(hub, tmp_path)).exit_code == 0
    manifest.write_text(manifest.read_text().replace("plain-lab/mit-model", "plain-lab/other-model"))
    stale = run_cli("check", str(manifest), "--locked", "--offline", env=env(hub, tmp_path))
    assert stale.exit_code == 2 and "changed since the lock was written" in stale.stderr
