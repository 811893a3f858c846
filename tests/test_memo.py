"""memo.py: a remembered answer is used only if this machine wrote it for that input; an
edited, forged or foreign entry is a miss, so it can neither switch a check off nor turn a
verdict."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest

from licensecheck import jsonschemas, licenses, memo
from licensecheck.manifest import SCHEMA
from licensecheck.yamlio import load_file
from tests.conftest import AS_OF, WriteManifest, run_cli

# In parentheses, the expression is read by license-expression (and remembered), not the id table.
NON_COMMERCIAL = """\
licensecheck: 1
project: {name: nc, use: commercial, release: hosted, domicile: US}
datasets:
  - path: data/notes.jsonl
    license: (CC-BY-NC-4.0)
"""

TYPO = """\
licensecheck: 1
project: {name: typo, use: commercial, release: hosted, domicile: US}
teacher:
  - model: openai:gpt-4o
"""


def entries(kind: str) -> list[Path]:
    return sorted((memo.cache_root() / "memo" / kind).glob("*.json"))


def test_an_entry_round_trips_and_carries_a_mac() -> None:
    digest = memo.key("test", "input")
    memo.store("test", digest, {"answer": 42})
    assert memo.load("test", digest) == {"answer": 42}
    [path] = entries("test")
    stored = json.loads(path.read_text())
    assert set(stored) == {"mac", "value"} and stored["value"] == {"answer": 42}


def test_an_edited_licence_parse_is_not_trusted(manifest: WriteManifest) -> None:
    path = manifest(NON_COMMERCIAL)
    licenses.parse.cache_clear()  # earlier tests' parses must not stand in for this run's memo
    first = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    assert first.exit_code == 1 and first.json["verdict"] == "prohibited"
    edited = 0
    for entry in entries("spdx"):
        text = entry.read_text()
        if "CC-BY-NC-4.0" in text:
            entry.write_text(text.replace("CC-BY-NC-4.0", "MIT"))
            edited += 1
    assert edited  # the parse was remembered, and has been tampered with
    licenses.parse.cache_clear()  # as a new process would: only the memo on disk remains
    again = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    assert again.exit_code == 1 and again.json["verdict"] == "prohibited"


@pytest.mark.parametrize("forgery", ["plain", "foreign-key"])
def test_a_forged_valid_entry_cannot_switch_validation_off(manifest: WriteManifest, forgery: str) -> None:
    path = manifest(TYPO)
    data = load_file(path).data
    digest = memo.key("valid", jsonschemas.text(SCHEMA), json.dumps(data, sort_keys=True, default=repr))
    target = memo.cache_root() / "memo" / "valid" / f"{digest}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    if forgery == "plain":
        target.write_text("true")  # the old, unsigned form
    else:
        # Signed, but with another machine's key (a cache restored from elsewhere).
        message = f"valid\0{digest}\0{json.dumps(True)}".encode()
        mac = hmac.new(b"k" * 32, message, hashlib.sha256).hexdigest()
        target.write_text(json.dumps({"mac": mac, "value": True}))
    run = run_cli("check", str(path))
    assert run.exit_code == 2 and "teacher" in run.stderr


def test_without_a_key_nothing_is_remembered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the state directory should be")
    monkeypatch.setenv("LICENSECHECK_STATE_DIR", str(blocked))
    digest = memo.key("test", "no-key")
    memo.store("test", digest, 1)
    assert memo.load("test", digest) is None and not entries("test")


def test_an_entry_linked_to_a_device_is_a_miss_not_a_hang() -> None:
    digest = memo.key("test", "device")
    path = memo.cache_root() / "memo" / "test" / f"{digest}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    assert memo.load("test", digest) is None


def test_an_entry_nested_too_deeply_is_a_miss() -> None:
    digest = memo.key("test", "deep")
    path = memo.cache_root() / "memo" / "test" / f"{digest}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 200_000 + "]" * 200_000)
    assert memo.load("test", digest) is None
