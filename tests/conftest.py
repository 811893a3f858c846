"""Shared helpers: run the real CLI (Click's runner, or a subprocess) on small manifests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner

from licensecheck.cli.main import cli
from tests.fakehub import FakeHub, seed

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
AS_OF = "2026-11-23"


class WriteManifest(Protocol):
    """The `manifest` fixture: writes a manifest (dedented) under tmp_path and returns its path."""

    def __call__(self, text: str, name: str = "licensecheck.yaml") -> Path: ...


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_subprocess(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "licensecheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(autouse=True)
def _no_real_hub(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reaches the real Hugging Face Hub: Hub lookups run offline on an empty cache,
    unless a test points HF_ENDPOINT at its own server on 127.0.0.1 (tests/fakehub.py)."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # the discard port: refused if ever asked
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("LICENSECHECK_CACHE_DIR", str(tmp_path_factory.mktemp("hub-cache")))
    # The memo key lives apart from the cache, as it does for users (memo.py).
    monkeypatch.setenv("LICENSECHECK_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def manifest(tmp_path: Path) -> WriteManifest:
    """Write a manifest (dedented) and return its path."""

    def write(text: str, name: str = "licensecheck.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


def check_json(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF, *extra)
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.json


def findings(
    report: dict[str, Any], subject: str | None = None, role: str | None = None
) -> list[dict[str, Any]]:
    return [
        f
        for f in report["findings"]
        if (subject is None or f["subject"].lower() == subject.lower())
        and (role is None or f["role"] == role)
    ]


PROJECT = """\
licensecheck: 1
project:
  name: t
  use: {use}
  release: {release}
  model_kind: {kind}
  monthly_active_users: {mau}
{organization}{domicile}  student:
    name: {student}
{base}"""


# An organisation under every user and revenue threshold the registry records.
SMALL_ORG: dict[str, Any] = {"org_users": 0, "org_revenue": 0}


def project_yaml(
    use: str = "commercial",
    release: str = "open-weights",
    kind: str = "general-llm",
    mau: int = 0,
    domicile: str | None = "US",
    student: str = "Acme-7B",
    base: str | None = None,
    org_users: int | None = None,
    org_revenue: int | None = None,
) -> str:
    """A manifest's head; `org_users`/`org_revenue` declare `project.organization` (None: not
    declared). SMALL_ORG declares figures under every licence threshold."""
    figures = {"monthly_active_users": org_users, "monthly_revenue_usd": org_revenue}
    declared = ", ".join(f"{k}: {v}" for k, v in figures.items() if v is not None)
    return PROJECT.format(
        organization=f"  organization: {{{declared}}}\n" if declared else "",
        use=use,
        release=release,
        kind=kind,
        mau=mau,
        student=student,
        domicile=f"  domicile: {domicile}\n" if domicile else "",
        base=f"    base_model: {base}\n" if base else "",
    )


def read_until_closed(master: int) -> str:
    """Everything a child wrote to a pseudo-terminal, read until it closed its side."""
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


# Fixtures of the Hub tests (tests/test_hub.py, tests/test_lock.py).
@pytest.fixture
def library_online(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo the offline default for huggingface_hub itself: it reads HF_HUB_OFFLINE once, at
    import, so an import during an earlier (offline) test would keep it offline here."""
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    """A fake Hub on 127.0.0.1, seeded with the cards the tests use."""
    server = seed(FakeHub()).start()
    yield server
    server.stop()


_MODULES_PROBE = """
import json, sys
from licensecheck.cli.entry import main
sys.argv = ["licensecheck", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_modules(*args: str, env: dict[str, str | None] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after running `licensecheck ARGS` as the command does
    (cli/entry.py), None unsetting a variable."""
    environ = {k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None}
    proc = subprocess.run(
        [sys.executable, "-c", _MODULES_PROBE, *args], capture_output=True, text=True, timeout=60, env=environ
    )
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def write_hub_lock(manifest_path: Path, records: list[dict[str, Any]]) -> None:
    """A licensecheck.lock beside `manifest_path`, written by the tool's own lock module, whose
    Hub answers are `records` (ref, license, optional kind, base_models, license_name): a
    test then runs `--offline` and the endpoint recorded here is never contacted."""
    from licensecheck import lock
    from licensecheck.hubrecord import HubRecord

    answers = [
        HubRecord(
            kind=r.get("kind", "model"),
            ref=r["ref"],
            id=r["ref"],
            licenses=tuple(r.get("license", ())),
            license_name=r.get("license_name"),
            license_link=None,
            base_models=tuple(r.get("base_models", ())),
            relation=None,
            datasets=(),
            gated=None,
            sha="0" * 40,
            last_modified=None,
            resolved="2026-11-20T00:00:00Z",
        )
        for r in records
    ]
    recorded = lock.build(
        manifest_path,
        answers,
        generated="2026-11-20T00:00:00Z",
        tool_version="test",
        registry_version="test",
        endpoint="http://127.0.0.1:9",
    )
    lock.write(manifest_path.parent / lock.LOCK_NAME, recorded)
