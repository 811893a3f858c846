"""Hub resolution end to end: `check` and `resolve` against a Hub served on 127.0.0.1.

The fake Hub (tests/fakehub.py) speaks the two endpoints huggingface_hub calls for
`model_info` / `dataset_info`; HF_ENDPOINT points the real client at it. Nothing here
reaches the internet, and every fault ends as needs-review with its reason.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from licensecheck.huboverlay import ProgressBar
from licensecheck.hubrecord import Wanted
from licensecheck.hubsettings import Settings
from tests.conftest import AS_OF, SMALL_ORG, findings, project_yaml, run_cli, run_subprocess
from tests.fakehub import FakeHub, hub_env

pytestmark = pytest.mark.usefixtures("library_online")


def write(
    tmp_path: Path, teachers: Sequence[str] = (), base: str | None = None, datasets: Sequence[str] = ()
) -> Path:
    text = project_yaml(base=base, **SMALL_ORG)
    if teachers:
        text += "teachers:\n" + "".join(f"  - model: {t}\n" for t in teachers)
    if datasets:
        text += "datasets:\n" + "".join(f"  - id: {d}\n" for d in datasets)
    path = tmp_path / "licensecheck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(hub: FakeHub, tmp_path: Path, manifest: Path, *args: str, **env: str | None) -> dict[str, Any]:
    run = run_cli(
        "check", str(manifest), "--format", "json", "--as-of", AS_OF, *args, env=hub_env(hub, tmp_path, **env)
    )
    assert run.exit_code in (0, 1), run.stderr
    report: dict[str, Any] = run.json
    return report


def only(report: dict[str, Any], subject: str, terms_prefix: str | None = None) -> dict[str, Any]:
    found = [
        f
        for f in findings(report, subject)
        if terms_prefix is None or (f["terms"] or "").startswith(terms_prefix)
    ]
    assert len(found) == 1, found
    return found[0]


# --- licences ----------------------------------------------------------------------------


def test_a_plain_licence_resolves_to_its_registry_terms(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["plain-lab/mit-model"]))
    finding = only(report, "plain-lab/mit-model")
    assert finding["terms"].startswith("mit@")
    assert finding["verdict"] == "permitted"
    assert hub.api_paths() == ["/api/models/plain-lab/mit-model"]


def test_a_dataset_licence_resolves_through_the_dataset_endpoint(hub: FakeHub, tmp_path: Path) -> None:
    report = check(
        hub, tmp_path, write(tmp_path, datasets=["data-lab/nc-chats", "data-lab/open-instructions"])
    )
    nc = only(report, "data-lab/nc-chats")
    assert nc["terms"].startswith("cc-by-nc-4.0@")
    assert nc["verdict"] == "prohibited"  # non-commercial data, commercial project
    assert only(report, "data-lab/open-instructions")["terms"].startswith("cc-by-4.0@")
    assert sorted(hub.api_paths()) == [
        "/api/datasets/data-lab/nc-chats",
        "/api/datasets/data-lab/open-instructions",
        "/api/datasets/data-lab/raw",  # its card's source dataset: its licence comes along
    ]


def test_a_declared_licence_answers_for_a_dataset_the_hub_cannot_find(hub: FakeHub, tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    declared = "datasets:\n  - id: gone-lab/deleted-data\n    license: CC0-1.0\n"
    path.write_text(project_yaml(**SMALL_ORG) + declared, encoding="utf-8")
    report = check(hub, tmp_path, path)
    assert [(f["terms"].split("@")[0], f["verdict"]) for f in findings(report, "gone-lab/deleted-data")] == [
        ("cc0-1.0", "permitted")
    ]
    assert hub.api_paths() == ["/api/datasets/gone-lab/deleted-data"]  # it was asked, and said 404
    # Without a declared licence the failed lookup is the finding.
    undeclared = check(hub, tmp_path, write(tmp_path, datasets=["gone-lab/deleted-data"]))
    finding = only(undeclared, "gone-lab/deleted-data")
    assert finding["verdict"] == "needs-review" and "HTTP 404" in finding["reasons"][0]


def test_a_dataset_card_with_several_licences_is_governed_by_all(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, datasets=["data-lab/mixed"]))
    terms = sorted(f["terms"].split("@")[0] for f in findings(report, "data-lab/mixed"))
    assert terms == ["cc-by-nc-4.0", "mit"]
    assert report["verdict"] == "prohibited"


def test_other_with_a_custom_name_needs_review_and_says_which(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["custom-lab/custom-licence-7b"]))
    finding = only(report, "custom-lab/custom-licence-7b")
    assert finding["verdict"] == "needs-review"
    assert "'other' (named 'custom-research-licence'" in finding["reasons"][0]
    assert "https://example.test/custom-lab/LICENSE" in finding["reasons"][0]


def test_other_with_a_known_licence_name_maps_like_the_tag(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["QuantFactory/Meta-Llama-3-8B-Instruct-GGUF"]))
    finding = only(report, "QuantFactory/Meta-Llama-3-8B-Instruct-GGUF")
    assert finding["terms"].startswith("llama-3-community-license@")
    assert finding["verdict"] == "prohibited"  # Llama 3 outputs may not improve a non-Llama model


def test_the_qwen_community_licence_lists_its_commercial_conditions(hub: FakeHub, tmp_path: Path) -> None:
    model = "community-lab/qwen-community-9b"
    teacher = only(check(hub, tmp_path, write(tmp_path, teachers=[model])), model)
    assert teacher["terms"] == "qwen-community-license@1.0"
    assert teacher["verdict"] == "conditional"
    duties = " ".join(teacher["obligations"])
    # A small organisation's product is under the display threshold; the MaaS licence still binds.
    assert "Model as a Service" in duties and "display the model's name" not in duties.lower()
    assert {c["section"] for c in teacher["citations"]} >= {"2"}
    # Released weights built on it also carry the licence's notice.
    base = only(check(hub, tmp_path, write(tmp_path, base=model)), model)
    assert base["verdict"] == "conditional"
    assert any("copyright notice" in o for o in base["obligations"])
    # Non-commercial research: neither commercial condition binds, and outputs are free.
    research = tmp_path / "research.yaml"
    research.write_text(project_yaml(use="research", **SMALL_ORG) + f"teachers:\n  - model: {model}\n", encoding="utf-8")
    free = only(check(hub, tmp_path, research), model)
    assert free["verdict"] == "permitted" and free["obligations"] == []


def test_a_mirror_of_unknown_modality_is_not_assumed_text_only(hub: FakeHub, tmp_path: Path) -> None:
    # Llama 3.2 excludes EU companies from its multimodal models; a mirror with no recorded
    # base could be one of them, so an EU domicile needs review rather than passing.
    model = "mirror-lab/llama32-vision-copy"
    eu = tmp_path / "eu.yaml"
    eu.write_text(
        project_yaml(domicile="DE", student="Llama-Acme", **SMALL_ORG) + f"teachers:\n  - model: {model}\n",
        encoding="utf-8",
    )
    f = only(check(hub, tmp_path, eu), model)
    assert f["terms"].startswith("llama-3.2-community-license@")
    assert f["verdict"] == "needs-review"
    assert any("does not record whether" in r for r in f["reasons"])
    us = tmp_path / "us.yaml"
    us.write_text(
        project_yaml(domicile="US", student="Llama-Acme", **SMALL_ORG) + f"teachers:\n  - model: {model}\n",
        encoding="utf-8",
    )
    assert only(check(hub, tmp_path, us), model)["verdict"] == "conditional"


def test_a_base_known_only_by_its_licence_tag_is_in_that_licences_family(
    hub: FakeHub, tmp_path: Path
) -> None:
    # Llama 2 outputs may improve "Llama 2 or derivative works thereof": a student built on a
    # model under the Llama 2 licence is one, even when its card names no base model.
    path = tmp_path / "student.yaml"
    path.write_text(
        project_yaml(release="internal", base="vicuna-lab/vicuna-7b", **SMALL_ORG)
        + "teachers:\n  - model: meta-llama/Llama-2-70b-chat-hf\n",
        encoding="utf-8",
    )
    f = only(check(hub, tmp_path, path), "meta-llama/Llama-2-70b-chat-hf")
    assert f["verdict"] == "permitted", f["reasons"]


def test_a_renamed_dataset_is_its_catalogue_entry(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, datasets=["old-lab/alpaca"]))
    verdicts = {f["terms"].split("@")[0]: f["verdict"] for f in findings(report, "old-lab/alpaca")}
    assert verdicts.get("stanford-alpaca-data") == "prohibited"  # research only, whatever the new card says
    assert findings(report, "openai:text-davinci-003", "generator")


def test_a_re_upload_carries_the_licence_and_generators_of_its_source(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, datasets=["copy-lab/alpaca-copy"]))
    terms = {f["terms"].split("@")[0] for f in findings(report, "copy-lab/alpaca-copy")}
    assert {"mit", "stanford-alpaca-data"} <= terms
    assert report["verdict"] == "prohibited"
    assert findings(report, "openai:text-davinci-003", "generator")


def test_a_gated_dataset_needs_review_for_its_access_agreement(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, datasets=["gate-lab/chats"]))
    f = [x for x in findings(report, "gate-lab/chats") if x["verdict"] == "needs-review"]
    assert f and "gated on the Hub" in " ".join(f[0]["reasons"])


def test_no_licence_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    report = check(
        hub, tmp_path, write(tmp_path, teachers=["mystery-lab/mystery-7b"], datasets=["data-lab/unlicensed"])
    )
    assert "declares no licence" in only(report, "mystery-lab/mystery-7b")["reasons"][0]
    assert "declares no licence" in only(report, "data-lab/unlicensed")["reasons"][0]
    assert report["verdict"] == "needs-review"


# --- lineage to Llama terms --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "terms", "path"),
    [
        (
            "ft-lab/llama2-support-7b",
            "llama-2-community-license",
            ["ft-lab/llama2-support-7b", "meta-llama/Llama-2-7b-hf"],
        ),
        ("quant-lab/Llama-2-7B-Chat-GGUF", "llama-2-community-license", ["quant-lab/Llama-2-7B-Chat-GGUF"]),
        (
            "ft-lab/llama31-legal-8b",
            "llama-3.1-community-license",
            ["ft-lab/llama31-legal-8b", "meta-llama/Llama-3.1-8B"],
        ),
        (
            "quant-lab/Meta-Llama-3.1-8B-Instruct-Q4_K_M-GGUF",
            "llama-3.1-community-license",
            ["quant-lab/Meta-Llama-3.1-8B-Instruct-Q4_K_M-GGUF"],
        ),
        (
            "adapter-lab/llama31-lora",
            "llama-3.1-community-license",
            ["adapter-lab/llama31-lora", "meta-llama/Llama-3.1-8B-Instruct"],
        ),
    ],
)
def test_derivatives_of_llama_are_governed_by_llama_whatever_their_card_says(
    hub: FakeHub, tmp_path: Path, ref: str, terms: str, path: list[str]
) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=[ref]))
    finding = only(report, ref, terms)
    assert finding["lineage"] == path
    # Using Llama outputs to train a model that is not a Llama derivative: the licence decides.
    assert finding["verdict"] == "prohibited"
    assert report["verdict"] == "prohibited"


def test_a_hub_fine_tune_of_llama_31_is_judged_like_llama_31_itself(hub: FakeHub, tmp_path: Path) -> None:
    via_hub = only(
        check(hub, tmp_path, write(tmp_path, base="ft-lab/llama31-legal-8b")),
        "ft-lab/llama31-legal-8b",
        "llama-3.1-community-license",
    )
    direct = only(
        check(hub, tmp_path, write(tmp_path, base="meta-llama/Llama-3.1-8B")), "meta-llama/Llama-3.1-8B"
    )
    assert via_hub["verdict"] == direct["verdict"] == "prohibited"  # student name lacks "Llama"
    assert via_hub["terms"] == direct["terms"]
    assert via_hub["obligations"] == direct["obligations"]
    assert any("ft-lab/llama31-legal-8b <- meta-llama/Llama-3.1-8B" in r for r in via_hub["reasons"])


def test_a_merge_is_governed_by_all_its_parents(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["merge-lab/llama-slerp"]))
    llama31 = only(report, "merge-lab/llama-slerp", "llama-3.1-community-license")
    llama2 = only(report, "merge-lab/llama-slerp", "llama-2-community-license")
    assert llama31["lineage"] == [
        "merge-lab/llama-slerp",
        "ft-lab/llama31-legal-8b",
        "meta-llama/Llama-3.1-8B",
    ]
    assert llama2["lineage"] == ["merge-lab/llama-slerp", "meta-llama/Llama-2-7b-hf"]
    # The catalogued parent is not looked up; the Hub parent is, once.
    assert sorted(hub.api_paths()) == [
        "/api/models/ft-lab/llama31-legal-8b",
        "/api/models/merge-lab/llama-slerp",
    ]


def test_a_cycle_is_followed_once_and_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["loop-lab/a"]))
    assert any("loops back" in r for f in findings(report, "loop-lab/a") for r in f["reasons"])
    assert report["verdict"] == "needs-review"
    assert sorted(hub.api_paths()) == ["/api/models/loop-lab/a", "/api/models/loop-lab/b"]


def test_a_chain_deeper_than_the_limit_stops_and_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["deep-lab/m0"]))
    assert any("deeper than 8" in r for f in findings(report, "deep-lab/m0") for r in f["reasons"])
    assert len(hub.api_paths()) == 8  # m0 .. m7, no further


# --- faults: each is needs-review with its reason, never a crash, never permitted ------------------


@pytest.mark.parametrize(
    ("ref", "reason", "requests"),
    [
        ("gone-lab/deleted", "not found on the Hub, or private (HTTP 404)", 1),
        (
            "gated-lab/private-7b",
            "gated: it needs a token that was granted access (HTTP 401); set HF_TOKEN",
            1,
        ),
        ("down-lab/broken-7b", "server error (HTTP 500) (after 3 attempts)", 3),
        ("slow-lab/slow-7b", "no answer within 0.5 s (timed out)", 1),
    ],
)
def test_a_failed_lookup_needs_review_with_what_failed(
    hub: FakeHub, tmp_path: Path, ref: str, reason: str, requests: int
) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=[ref]), LICENSECHECK_HUB_TIMEOUT="0.5")
    finding = only(report, ref)
    assert finding["verdict"] == "needs-review"
    assert finding["reasons"][0] == f"{ref} is not in the registry, and its Hub lookup failed: {reason}."
    assert hub.count(f"/api/models/{ref}") == requests


def test_an_answer_that_is_not_json_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=["junk-lab/junk-7b"]))
    finding = only(report, "junk-lab/junk-7b")
    assert finding["verdict"] == "needs-review"
    assert "its Hub lookup failed: the Hub's answer could not be read" in finding["reasons"][0]


@pytest.mark.parametrize("ref", ["flaky-lab/flaky-7b", "busy-lab/busy-7b"])
def test_a_500_or_429_then_success_is_retried(hub: FakeHub, tmp_path: Path, ref: str) -> None:
    report = check(hub, tmp_path, write(tmp_path, teachers=[ref]))
    assert only(report, ref)["verdict"] == "permitted"
    assert hub.count(f"/api/models/{ref}") == 2


def test_a_token_from_hf_token_opens_a_gated_repo(hub: FakeHub, tmp_path: Path) -> None:
    report = check(
        hub, tmp_path, write(tmp_path, teachers=["gated-lab/private-7b"]), HF_TOKEN="hf_test_token"
    )
    assert only(report, "gated-lab/private-7b")["terms"].startswith("llama-3.1-community-license@")
    # The metadata and the card's text are both asked for with the token.
    assert [r.authorization for r in hub.requests] == ["Bearer hf_test_token"] * 2


def test_after_a_time_out_the_hub_is_not_asked_again_in_the_same_run(hub: FakeHub, tmp_path: Path) -> None:
    manifest = write(tmp_path, teachers=["slow-lab/slow-7b", "plain-lab/mit-model"])
    report = check(hub, tmp_path, manifest, LICENSECHECK_HUB_TIMEOUT="0.5", LICENSECHECK_HUB_WORKERS="1")
    slow = only(report, "slow-lab/slow-7b")["reasons"][0]
    other = only(report, "plain-lab/mit-model")
    assert "timed out" in slow
    assert other["verdict"] == "needs-review"
    assert "not attempted: the Hub at" in other["reasons"][0]
    assert hub.api_paths() == ["/api/models/slow-lab/slow-7b"]


def test_one_silent_repository_does_not_stop_lookups_the_hub_answers(hub: FakeHub, tmp_path: Path) -> None:
    manifest = write(tmp_path, teachers=["slow-lab/slow-7b", "merge-lab/llama-slerp"])
    report = check(hub, tmp_path, manifest, LICENSECHECK_HUB_TIMEOUT="0.5")
    assert "timed out" in only(report, "slow-lab/slow-7b")["reasons"][0]
    # The merge's Hub parent is asked after the time-out, because the Hub answered meanwhile.
    assert only(report, "merge-lab/llama-slerp", "llama-3.1")["verdict"] == "prohibited"
    assert hub.count("/api/models/ft-lab/llama31-legal-8b") == 1


def test_a_hub_that_refuses_connections_fails_fast_and_says_so(hub: FakeHub, tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    report = check(hub, tmp_path, write(tmp_path, teachers=["plain-lab/mit-model"]), HF_ENDPOINT=dead)
    finding = only(report, "plain-lab/mit-model")
    assert finding["verdict"] == "needs-review"
    assert f"its Hub lookup failed: cannot connect to {dead}" in finding["reasons"][0]


def test_many_ids_are_looked_up_concurrently(tmp_path: Path) -> None:
    # Each repository answers only once four requests are in flight together: a sequential
    # client would break the barrier and get HTTP 500s.
    server = FakeHub(barrier_parties=4).start()
    try:
        refs = [f"many-lab/m{i}" for i in range(4)]
        for ref in refs:
            server.model(ref, script=["barrier"], license="mit")
        report = check(server, tmp_path, write(tmp_path, teachers=refs), LICENSECHECK_HUB_TIMEOUT="10")
    finally:
        server.stop()
    assert [only(report, ref)["verdict"] for ref in refs] == ["permitted"] * 4


def test_a_bad_time_bound_is_a_usage_error(hub: FakeHub, tmp_path: Path) -> None:
    run = run_cli(
        "check",
        str(write(tmp_path, teachers=["plain-lab/mit-model"])),
        env=hub_env(hub, tmp_path, LICENSECHECK_HUB_TIMEOUT="soon"),
    )
    assert run.exit_code == 2
    assert "LICENSECHECK_HUB_TIMEOUT='soon'" in run.stderr
    assert hub.paths() == []


# --- offline and the disk cache ----------------------------------------------------------------


@pytest.mark.parametrize("how", [("--offline",), ()])
def test_offline_without_a_cache_needs_review_and_asks_nothing(
    hub: FakeHub, tmp_path: Path, how: tuple[str, ...]
) -> None:
    env = {} if how else {"HF_HUB_OFFLINE": "1"}
    report = check(hub, tmp_path, write(tmp_path, teachers=["plain-lab/mit-model"]), *how, **env)
    finding = only(report, "plain-lab/mit-model")
    assert finding["verdict"] == "needs-review"
    assert "offline" in finding["reasons"][0]
    assert hub.paths() == []


def test_offline_with_a_cache_gives_the_online_verdicts_without_a_request(
    hub: FakeHub, tmp_path: Path
) -> None:
    manifest = write(
        tmp_path, teachers=["merge-lab/llama-slerp", "plain-lab/mit-model"], datasets=["data-lab/nc-chats"]
    )
    online = check(hub, tmp_path, manifest)
    assert len(hub.api_paths()) == 4
    hub.clear()
    offline = check(hub, tmp_path, manifest, "--offline")
    assert offline["findings"] == online["findings"]
    assert hub.paths() == []


def test_an_online_check_reuses_fresh_cache_entries_and_refreshes_stale_ones(
    hub: FakeHub, tmp_path: Path
) -> None:
    manifest = write(tmp_path, teachers=["plain-lab/mit-model"])
    check(hub, tmp_path, manifest)
    check(hub, tmp_path, manifest)
    assert hub.count("/api/models/plain-lab/mit-model") == 1
    check(hub, tmp_path, manifest, LICENSECHECK_HUB_CACHE_TTL="0")
    assert hub.count("/api/models/plain-lab/mit-model") == 2


def test_a_manifest_of_catalogued_ids_asks_the_hub_nothing(hub: FakeHub, tmp_path: Path) -> None:
    report = check(
        hub, tmp_path, write(tmp_path, teachers=["meta-llama/Llama-3.1-8B-Instruct", "openai:gpt-4o"])
    )
    assert report["findings"]
    assert hub.paths() == []


# --- resolve ----------------------------------------------------------------------------------


def test_resolve_shows_what_the_hub_said_and_the_lineage(hub: FakeHub, tmp_path: Path) -> None:
    run = run_cli("resolve", "merge-lab/llama-slerp", env=hub_env(hub, tmp_path))
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "licence: apache-2.0" in out
    assert "base model: ft-lab/llama31-legal-8b, meta-llama/Llama-2-7b-hf (merge)" in out
    assert (
        "llama-3.1-community-license  via merge-lab/llama-slerp <- ft-lab/llama31-legal-8b <- meta-llama/Llama-3.1-8B"
        in out
    )
    assert "llama-2-community-license    via merge-lab/llama-slerp <- meta-llama/Llama-2-7b-hf" in out


def test_resolve_json_and_a_failure(hub: FakeHub, tmp_path: Path) -> None:
    run = run_cli("resolve", "gone-lab/deleted", "--format", "json", env=hub_env(hub, tmp_path))
    assert run.exit_code == 1
    payload = run.json
    assert payload["hub"][0]["error"] == "not found on the Hub, or private (HTTP 404)"
    assert payload["gaps"] == [
        "gone-lab/deleted is not in the registry, and its Hub lookup failed: not found on the Hub, or private (HTTP 404)."
    ]
    assert payload["governing"] == []


def test_resolve_a_dataset(hub: FakeHub, tmp_path: Path) -> None:
    run = run_cli(
        "resolve", "data-lab/open-instructions", "--dataset", "--format", "json", env=hub_env(hub, tmp_path)
    )
    assert run.exit_code == 0, run.stderr
    assert run.json["hub"][0]["datasets"] == ["data-lab/raw"]
    assert [g["terms"] for g in run.json["governing"]] == ["cc-by-4.0"]


def test_resolve_in_a_subprocess(hub: FakeHub, tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in {**os.environ, **hub_env(hub, tmp_path)}.items() if v is not None}
    run = run_subprocess("resolve", "ft-lab/llama31-legal-8b", env=env)
    assert run.exit_code == 0, run.stderr
    assert "llama-3.1-community-license  via ft-lab/llama31-legal-8b <- meta-llama/Llama-3.1-8B" in run.stdout
    assert run.stderr == ""  # no progress bar or warnings when stderr is not a terminal
    assert hub.api_paths() == ["/api/models/ft-lab/llama31-legal-8b"]


# --- pieces ---------------------------------------------------------------------------------------


def test_settings_come_from_the_hubs_own_environment() -> None:
    s = Settings.from_env({"HF_ENDPOINT": "http://mirror.test/", "HF_TOKEN": "t", "HF_HUB_OFFLINE": "1"})
    assert (s.endpoint, s.token, s.offline, s.timeout) == ("http://mirror.test", "t", True, 10.0)
    assert Settings.from_env({}).endpoint == "https://huggingface.co"  # the default, never contacted
    assert not Settings.from_env({"HF_HUB_OFFLINE": "0"}).offline


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", _Terminal())
    assert ProgressBar.for_stderr({"TERM": "xterm"}) is not None
    assert ProgressBar.for_stderr({"TERM": "xterm", "CI": "true"}) is None
    assert ProgressBar.for_stderr({"TERM": "dumb"}) is None
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert ProgressBar.for_stderr({"TERM": "xterm"}) is None


def test_the_progress_bar_counts_and_clears_its_line() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream, width=4)
    bar.add(4)
    bar.advance(Wanted("model", "a/b"))
    assert stream.getvalue().endswith("Hub [#---] 1/4 a/b")
    bar.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_the_request_asks_only_for_the_fields_the_resolver_reads(hub: FakeHub, tmp_path: Path) -> None:
    # The Hub then leaves out file lists, which would otherwise push large repositories
    # past the answer size limit.
    check(hub, tmp_path, write(tmp_path, teachers=["plain-lab/mit-model"]))
    assert hub.requests[0].query == "expand=cardData&expand=gated&expand=lastModified&expand=sha&expand=tags"
