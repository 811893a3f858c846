"""Model weights under a Creative Commons licence, used as the base model: a fine-tune is
adapted material, so releasing it carries attribution and share-alike, and a NoDerivatives
licence forbids releasing it (through `check`, with the weights' licence from a Hub card)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, findings, project_yaml, run_cli
from tests.fakehub import FakeHub, hub_env

pytestmark = pytest.mark.usefixtures("library_online")


def judge(hub: FakeHub, tmp_path: Path, licence: str, release: str) -> dict[str, Any]:
    hub.model("cc-lab/base-7b", license=licence)
    path = tmp_path / "licensecheck.yaml"
    path.write_text(project_yaml(release=release, base="cc-lab/base-7b"), encoding="utf-8")
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF, env=hub_env(hub, tmp_path))
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


@pytest.mark.parametrize(
    ("licence", "release", "verdict", "rule"),
    [
        ("cc-by-nd-4.0", "open-weights", "prohibited", "no-derivatives-weights-released"),
        ("cc-by-nd-4.0", "hosted", "needs-review", "no-derivatives-weights-hosted"),
        ("cc-by-nd-4.0", "internal", "permitted", "licensed-use"),
        ("cc-by-4.0", "open-weights", "conditional", "attribution-required"),
        ("cc-by-sa-4.0", "open-weights", "conditional", "share-alike"),
        ("cc-by-sa-4.0", "internal", "permitted", "licensed-use"),
    ],
)
def test_cc_licensed_weights_bind_a_released_fine_tune(
    hub: FakeHub, tmp_path: Path, licence: str, release: str, verdict: str, rule: str
) -> None:
    [base] = findings(judge(hub, tmp_path, licence, release), "cc-lab/base-7b", "base-model")
    assert base["verdict"] == verdict
    assert rule in base["rules"]


def test_the_attribution_duty_of_cc_weights_names_the_material_not_a_dataset(
    hub: FakeHub, tmp_path: Path
) -> None:
    [base] = findings(judge(hub, tmp_path, "cc-by-sa-4.0", "open-weights"), "cc-lab/base-7b", "base-model")
    duties = " ".join(o for o in base["obligations"])
    assert "adapted material under CC BY-SA 4.0" in duties and "attribution" in duties
    assert not any("dataset creators" in r for r in base["reasons"])


@pytest.mark.parametrize(
    ("base", "use", "verdict"),
    [
        ("stabilityai/stablelm-base-alpha-7b", "commercial", "conditional"),  # CC BY-SA 4.0
        ("stabilityai/stablelm-3b-4e1t", "commercial", "conditional"),  # CC BY-SA 4.0
        ("stabilityai/stablelm-tuned-alpha-7b", "commercial", "prohibited"),  # CC BY-NC-SA 4.0
        ("stabilityai/stablelm-tuned-alpha-7b", "research", "conditional"),
    ],
)
def test_stablelm_weights_carry_their_creative_commons_licence(
    tmp_path: Path, base: str, use: str, verdict: str
) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.write_text(project_yaml(use=use, base=base), encoding="utf-8")
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    [found] = findings(run.json, base, "base-model")
    assert found["verdict"] == verdict
    assert found["terms"].startswith("cc-by-")
