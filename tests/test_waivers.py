"""`licensecheck waivers`: every waiver with the days it has left, failing before one lapses;
and a policy's cap on how long a waiver may run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import WriteManifest, project_yaml, run_cli

WAIVERS = """\
teachers:
  - model: acme:in-house
  - model: acme:judge
waivers:
  - subject: acme:in-house
    approved_by: legal@example.test
    approved_on: 2026-01-02
    reason: "Our own model, ref. X-1"
    expires: 2026-12-20
  - subject: acme:judge
    approved_by: cto@example.test
    reason: "Internal judge, ref. X-2"
    expires: 2027-06-30
"""


def test_waivers_are_listed_soonest_first_with_the_days_they_have_left(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + WAIVERS)
    run = run_cli("waivers", str(path), "--as-of", "2026-12-01", "--warn-days", "30")
    assert run.exit_code == 1  # one expires within 30 days
    lines = run.stdout.splitlines()
    assert lines[0].startswith("expiring  acme:in-house") and "19 days left" in lines[0]
    assert "approved by legal@example.test on 2026-01-02" in lines[0]
    assert lines[1].startswith("valid     acme:judge") and "211 days left" in lines[1]
    assert run_cli("waivers", str(path), "--as-of", "2026-12-01", "--warn-days", "7").exit_code == 0


def test_an_expired_waiver_fails_and_json_gives_each_with_its_status(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + WAIVERS)
    run = run_cli("waivers", str(path), "--as-of", "2026-12-25", "--warn-days", "0", "--format", "json")
    assert run.exit_code == 1
    data = run.json
    assert data["failed"] is True
    assert [(w["subject"], w["status"], w["days_left"]) for w in data["waivers"]] == [
        ("acme:in-house", "expired", -5),
        ("acme:judge", "valid", 187),
    ]


def test_no_waivers_passes(manifest: WriteManifest) -> None:
    run = run_cli("waivers", str(manifest(project_yaml())))
    assert run.exit_code == 0 and run.stdout == "No waivers.\n"


@pytest.mark.parametrize("command", ["waivers", "check"])
def test_a_policy_caps_how_long_a_waiver_may_run(
    manifest: WriteManifest, tmp_path: Path, command: str
) -> None:
    path = manifest(project_yaml() + WAIVERS)
    default = Path(__file__).resolve().parents[1] / "policies" / "default.yaml"
    capped = tmp_path / "policy.yaml"
    capped.write_text(default.read_text().replace("name: ", "waivers:\n  max_days: 180\nname: ", 1))
    run = run_cli(command, str(path), "--policy", str(capped), "--as-of", "2026-12-01")
    assert run.exit_code == 2
    # approved 2026-01-02, expires 2026-12-20: 352 days, over the policy's 180.
    assert f"{path}:" in run.stderr and "'acme:in-house' runs 352 days" in run.stderr
    assert "allows at most 180" in run.stderr
    loose = tmp_path / "loose.yaml"
    loose.write_text(default.read_text().replace("name: ", "waivers:\n  max_days: 400\nname: ", 1))
    assert run_cli(command, str(path), "--policy", str(loose), "--as-of", "2026-12-01").exit_code != 2


def test_json_output_is_valid_json_in_a_file(manifest: WriteManifest, tmp_path: Path) -> None:
    out = tmp_path / "waivers.json"
    run = run_cli("waivers", str(manifest(project_yaml() + WAIVERS)), "--format", "json", "-o", str(out))
    assert run.stdout == "" and json.loads(out.read_text())["waivers"]


@pytest.mark.parametrize(
    ("terms", "exit_code"), [("openai-terms-of-use@1999-01-01", 2), ("openai-terms-of-use", 0)]
)
def test_a_waiver_scoped_to_terms_the_registry_lacks_is_bad_input_here_as_in_check(
    manifest: WriteManifest, terms: str, exit_code: int
) -> None:
    path = manifest(project_yaml() + WAIVERS + f"    terms: {terms}\n")
    run = run_cli("waivers", str(path), "--as-of", "2026-12-01", "--warn-days", "7")
    assert run.exit_code == exit_code, run.stderr
    if exit_code == 2:
        # The message names the line of the `terms:` key, the last line of the manifest.
        last = len(path.read_text(encoding="utf-8").splitlines())
        assert f":{last}: " in run.stderr and "which the registry does not hold" in run.stderr
