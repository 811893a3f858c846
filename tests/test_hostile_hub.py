"""A hostile Hub, a poisoned cache and a hand-edited lock: every case fails closed.

Each test runs the real CLI against tests/fakehub.py on 127.0.0.1 (hostile steps:
redirects, trickles, gzip bombs, Retry-After, wrong shapes, echoed credentials) and
asserts the exit code and the message or verdict it must give. Time bounds are small
(LICENSECHECK_HUB_DEADLINE, _TIMEOUT), so no case takes more than a few seconds.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from licensecheck.hubcache import HubCache
from licensecheck.hubrecord import HubRecord, Wanted
from licensecheck.hubsettings import Settings
from tests.conftest import AS_OF, Run, findings, project_yaml, run_cli
from tests.fakehub import FakeHub, Repo, hub_env

pytestmark = pytest.mark.usefixtures("library_online")

TOKEN = "hf_secretTOKEN0123456789abcdef"
PASSWORD = "s3cr3t-pa55"


@pytest.fixture
def other() -> Iterator[FakeHub]:
    """A second server: "another host" for the redirect cases."""
    server = FakeHub().start()
    server.model("evil-lab/mit", license="mit")
    yield server
    server.stop()


def write(tmp_path: Path, *teachers: str, base: str | None = None) -> Path:
    path = tmp_path / "project" / "licensecheck.yaml"
    path.parent.mkdir(exist_ok=True)
    body = "teachers:\n" + "".join(f"  - model: {t}\n" for t in teachers) if teachers else ""
    path.write_text(project_yaml(base=base) + body, encoding="utf-8")
    return path


def run(hub: FakeHub, tmp_path: Path, *args: str, **env: str | None) -> Run:
    return run_cli(*args, env=hub_env(hub, tmp_path, **env))


def check(hub: FakeHub, tmp_path: Path, manifest: Path, *args: str, **env: str | None) -> dict[str, Any]:
    result = run(hub, tmp_path, "check", str(manifest), "--format", "json", "--as-of", AS_OF, *args, **env)
    assert result.exit_code in (0, 1), result.stderr
    report: dict[str, Any] = result.json
    return report


def reasons(report: dict[str, Any], subject: str) -> str:
    return " ".join(str(r) for f in findings(report, subject) for r in f["reasons"])


def verdict(report: dict[str, Any], subject: str) -> str:
    found = {str(f["verdict"]) for f in findings(report, subject)}
    assert found, f"no finding for {subject}"
    order = ["prohibited", "needs-review", "conditional", "permitted"]
    return min(found, key=order.index)


def dead_endpoint(userinfo: str = "") -> str:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        return f"http://{userinfo}127.0.0.1:{s.getsockname()[1]}"


# --- 1. credentials never reach a report, the lock, the cache or a message ----------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_endpoint_credentials_are_in_no_report(hub: FakeHub, tmp_path: Path, fmt: str) -> None:
    endpoint = dead_endpoint(f"user:{PASSWORD}@")
    manifest = write(tmp_path, "plain-lab/mit-model")
    result = run(hub, tmp_path, "check", str(manifest), "--format", fmt, HF_ENDPOINT=endpoint, HF_TOKEN=TOKEN)
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    assert "cannot connect to http://127.0.0.1:" in out  # the endpoint is named, without user-info
    assert PASSWORD not in out and "user:" not in out and TOKEN not in out


def test_the_lock_stores_the_endpoint_without_credentials(hub: FakeHub, tmp_path: Path) -> None:
    manifest = write(tmp_path, "plain-lab/mit-model")
    with_userinfo = hub.url.replace("http://", f"http://user:{PASSWORD}@")
    result = run(hub, tmp_path, "lock", str(manifest), HF_ENDPOINT=with_userinfo)
    assert result.exit_code == 0, result.stderr
    text = (manifest.parent / "licensecheck.lock").read_text()
    assert json.loads(text)["endpoint"] == hub.url
    assert PASSWORD not in text and PASSWORD not in result.stdout + result.stderr
    # The mirror still got its credentials, as Basic auth, on the request alone.
    assert hub.requests[0].authorization is not None
    assert hub.requests[0].authorization.startswith("Basic ")


def test_a_token_the_hub_echoes_back_reaches_no_report_lock_or_cache(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("echo-lab/echo", script=["echo-auth"], license="other")
    manifest = write(tmp_path, "echo-lab/echo")
    report = check(hub, tmp_path, manifest, HF_TOKEN=TOKEN)
    assert hub.requests[0].authorization == f"Bearer {TOKEN}"  # it was sent, and echoed
    assert TOKEN not in json.dumps(report)
    assert "sent Bearer ***" in reasons(report, "echo-lab/echo")
    assert verdict(report, "echo-lab/echo") == "needs-review"
    cached = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert cached and TOKEN not in cached
    assert run(hub, tmp_path, "lock", str(manifest), HF_TOKEN=TOKEN).exit_code == 0
    assert TOKEN not in (manifest.parent / "licensecheck.lock").read_text()


def test_settings_keep_credentials_out_of_their_repr() -> None:
    s = Settings.from_env({"HF_ENDPOINT": f"https://me:{PASSWORD}@mirror.test/hf/", "HF_TOKEN": TOKEN})
    assert s.endpoint == "https://mirror.test/hf"
    assert s.userinfo == f"me:{PASSWORD}"
    assert PASSWORD not in repr(s) and TOKEN not in repr(s)


def test_a_bad_endpoint_is_a_usage_error_that_hides_its_password(hub: FakeHub, tmp_path: Path) -> None:
    manifest = write(tmp_path, "plain-lab/mit-model")
    result = run(hub, tmp_path, "check", str(manifest), HF_ENDPOINT=f"ftp://u:{PASSWORD}@mirror.test")
    assert result.exit_code == 2
    assert "HF_ENDPOINT='ftp://mirror.test': expected an http:// or https:// URL" in result.stderr
    assert PASSWORD not in result.stderr


# --- 2. the cache and the lock are validated; --verify catches consistent edits --------------------


def cache_file(hub: FakeHub, tmp_path: Path, ref: str) -> Path:
    cache = HubCache(tmp_path / "cache", Settings.from_env({"HF_ENDPOINT": hub.url}).endpoint)
    return cache._path(Wanted("model", ref))


def poison(path: Path, record: dict[str, Any], stored: float | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"stored": time.time() if stored is None else stored, "record": record}))


def llama_record(name: str, **changes: Any) -> dict[str, Any]:
    record = HubRecord(
        "model",
        name,
        name,
        ("llama3.1",),
        None,
        None,
        (),
        None,
        (),
        None,
        "a" * 40,
        None,
        "2026-01-01T00:00:00Z",
    ).to_json()
    record.update(changes)
    return record


@pytest.mark.parametrize(
    ("changes", "stored"),
    [
        ({"license": "mit"}, None),  # a string where the schema wants a list
        ({"license": ["mit"], "verdict": "permitted"}, None),  # a field no record has
        ({"license": ["mit"], "base_models": [{"id": "x"}]}, None),
        ({"license": ["mit"], "ref": "someone-else/model"}, None),  # another repository's answer
        ({"license": ["mit"]}, time.time() + 10 * 365 * 86400),  # "fresh" for ever
    ],
    ids=["string-licence", "extra-field", "bad-base", "other-ref", "future"],
)
def test_a_malformed_cache_record_is_discarded_and_asked_again(
    hub: FakeHub, tmp_path: Path, changes: dict[str, Any], stored: float | None
) -> None:
    ref = "ft-lab/llama31-legal-8b"  # really a Llama 3.1 fine-tune
    path = cache_file(hub, tmp_path, ref)
    poison(path, llama_record(ref, **changes), stored)
    report = check(hub, tmp_path, write(tmp_path, ref))
    assert hub.api_paths() == [f"/api/models/{ref}"]  # the poisoned answer was not used
    assert any(f["terms"].startswith("llama-3.1") for f in findings(report, ref))
    assert "verdict" not in path.read_text()  # replaced by the Hub's answer


def test_a_well_formed_cache_record_is_used_without_a_request(hub: FakeHub, tmp_path: Path) -> None:
    ref = "ft-lab/llama31-legal-8b"
    poison(cache_file(hub, tmp_path, ref), llama_record(ref, base_models=["meta-llama/Llama-3.1-8B"]))
    report = check(hub, tmp_path, write(tmp_path, ref))
    assert hub.paths() == []
    assert any(f["terms"].startswith("llama-3.1") for f in findings(report, ref))


def locked_manifest(hub: FakeHub, tmp_path: Path) -> tuple[Path, Path]:
    manifest = write(tmp_path, "ft-lab/llama31-legal-8b")
    result = run(hub, tmp_path, "lock", str(manifest))
    assert result.exit_code == 0, result.stderr
    hub.clear()
    return manifest, manifest.parent / "licensecheck.lock"


def edit_lock(lock: Path, **changes: Any) -> None:
    data = json.loads(lock.read_text())
    data["models"][0].update(changes)
    lock.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"license": "mit"}, "models[0].license: 'mit' is not of type 'array'"),
        (
            {"verdict": "permitted"},
            "models[0]: Additional properties are not allowed ('verdict' was unexpected)",
        ),
        ({"base_models": [7]}, "models[0].base_models[0]: 7 is not of type 'string'"),
        ({"sha": "not-a-sha"}, "models[0].sha: 'not-a-sha' does not match"),
    ],
    ids=["string-licence", "extra-field", "bad-base", "bad-sha"],
)
@pytest.mark.parametrize("locked", [True, False])
def test_a_malformed_lock_record_is_an_input_error_naming_file_and_problem(
    hub: FakeHub, tmp_path: Path, changes: dict[str, Any], problem: str, locked: bool
) -> None:
    manifest, lock = locked_manifest(hub, tmp_path)
    edit_lock(lock, **changes)
    args = ["--locked"] if locked else []
    result = run(hub, tmp_path, "check", str(manifest), *args)
    assert result.exit_code == 2
    assert f"{lock}: not a valid lock file: {problem}" in result.stderr
    assert hub.paths() == []


def test_a_lock_recording_one_id_twice_is_an_input_error(hub: FakeHub, tmp_path: Path) -> None:
    manifest, lock = locked_manifest(hub, tmp_path)
    data = json.loads(lock.read_text())
    data["models"].append({**data["models"][0], "license": ["mit"], "base_models": []})
    lock.write_text(json.dumps(data))
    result = run(hub, tmp_path, "check", str(manifest), "--locked")
    assert result.exit_code == 2
    assert "the model ft-lab/llama31-legal-8b is recorded twice" in result.stderr


def test_verify_passes_a_true_lock_and_names_every_consistent_edit(hub: FakeHub, tmp_path: Path) -> None:
    manifest, lock = locked_manifest(hub, tmp_path)
    ok = run(hub, tmp_path, "lock", str(manifest), "--verify")
    assert ok.exit_code == 0, ok.stderr
    assert "agrees with the Hub (1 id)" in ok.stdout
    # A well-formed lie: offline it cannot be told from the truth, and check trusts it ...
    edit_lock(lock, license=["mit"], base_models=[], sha="b" * 40, gated="manual")
    report = check(hub, tmp_path, manifest, "--locked")
    assert verdict(report, "ft-lab/llama31-legal-8b") == "permitted"
    # ... which is what --verify is for.
    hub.clear()
    bad = run(hub, tmp_path, "lock", str(manifest), "--verify")
    assert bad.exit_code == 1
    for line in (
        "model ft-lab/llama31-legal-8b: license: the lock says mit, the Hub says apache-2.0",
        "model ft-lab/llama31-legal-8b: base_models: the lock says nothing, the Hub says meta-llama/Llama-3.1-8B",
        "model ft-lab/llama31-legal-8b: gated: the lock says manual, the Hub says nothing",
        f"model ft-lab/llama31-legal-8b: sha: the lock says {'b' * 40}",
    ):
        assert line in bad.stderr
    assert "/api/models/ft-lab/llama31-legal-8b" in hub.api_paths()  # asked afresh, not from the cache
    assert json.loads(lock.read_text())["models"][0]["license"] == ["mit"]  # --verify writes nothing


def test_verify_fails_when_the_hub_cannot_answer(hub: FakeHub, tmp_path: Path) -> None:
    manifest, _lock = locked_manifest(hub, tmp_path)
    result = run(hub, tmp_path, "lock", str(manifest), "--verify", HF_ENDPOINT=dead_endpoint())
    assert result.exit_code == 1
    assert "model ft-lab/llama31-legal-8b: cannot be verified: cannot connect to" in result.stderr


@pytest.mark.parametrize("how", [{"args": ("--offline",)}, {"HF_HUB_OFFLINE": "1"}])
def test_verify_offline_is_a_usage_error(hub: FakeHub, tmp_path: Path, how: dict[str, Any]) -> None:
    manifest, _lock = locked_manifest(hub, tmp_path)
    args = how.pop("args", ())
    result = run(hub, tmp_path, "lock", str(manifest), "--verify", *args, **how)
    assert result.exit_code == 2
    assert "--verify asks the Hub" in result.stderr
    assert hub.paths() == []


def test_verify_without_a_lock_is_an_input_error(hub: FakeHub, tmp_path: Path) -> None:
    result = run(hub, tmp_path, "lock", str(write(tmp_path, "plain-lab/mit-model")), "--verify")
    assert result.exit_code == 2
    assert "there is no lock file" in result.stderr


# --- 3. a field of the wrong shape is a gap, never ignored -------------------------------------


@pytest.mark.parametrize(
    ("card", "problem"),
    [
        ({"license": "mit", "base_model": {"id": "meta-llama/Llama-3.1-8B"}}, '`base_model` is {"id": '),
        ({"license": "mit", "base_model": 7}, "`base_model` is 7, not a string or a list of strings"),
        ({"license": "mit", "base_model": ["plain-lab/mit-model", 7]}, "`base_model` is ["),
        ({"license": {"id": "mit"}}, '`license` is {"id": "mit"}, not a string or a list of strings'),
        ({"license": ["mit", None]}, '`license` is ["mit", null]'),
        ({"license": "mit", "license_name": ["x"]}, '`license_name` is ["x"], not a string'),
    ],
    ids=["base-mapping", "base-number", "base-list-with-number", "licence-mapping", "licence-null", "name"],
)
def test_a_card_field_of_the_wrong_shape_needs_review(
    hub: FakeHub, tmp_path: Path, card: dict[str, Any], problem: str
) -> None:
    hub.model("shape-lab/odd", **card)
    report = check(hub, tmp_path, write(tmp_path, "shape-lab/odd"))
    assert verdict(report, "shape-lab/odd") == "needs-review"
    text = reasons(report, "shape-lab/odd")
    assert "The Hub card of shape-lab/odd (revision" in text and "cannot be read in full" in text
    assert problem in text


def test_a_wrong_shape_is_kept_in_the_lock_and_replayed_offline(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("shape-lab/odd", license="mit", base_model=7)
    manifest = write(tmp_path, "shape-lab/odd")
    assert run(hub, tmp_path, "lock", str(manifest)).exit_code == 0
    report = check(hub, tmp_path, manifest, "--offline", LICENSECHECK_CACHE_DIR=str(tmp_path / "empty"))
    assert verdict(report, "shape-lab/odd") == "needs-review"
    assert "`base_model` is 7" in reasons(report, "shape-lab/odd")


def test_an_answer_that_is_not_an_object_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    body: Any = ["mit"]  # the "raw" step answers with the card itself: here a list
    hub.repos[("model", "raw-lab/list")] = Repo("model", "raw-lab/list", body, ["raw"])
    report = check(hub, tmp_path, write(tmp_path, "raw-lab/list"))
    assert "the Hub's answer could not be read (not a JSON object)" in reasons(report, "raw-lab/list")


# --- 4. redirects: the same host only ------------------------------------------------------------


def test_a_redirect_to_another_host_is_refused(hub: FakeHub, other: FakeHub, tmp_path: Path) -> None:
    elsewhere = other.url.replace("127.0.0.1", "localhost") + "/api/models/evil-lab/mit"
    hub.model("moved-lab/model", script=[f"redirect:{elsewhere}"])
    report = check(hub, tmp_path, write(tmp_path, "moved-lab/model"), HF_TOKEN=TOKEN)
    assert verdict(report, "moved-lab/model") == "needs-review"
    assert "the Hub redirected to another host (localhost); not followed" in reasons(
        report, "moved-lab/model"
    )
    assert other.paths() == []  # never asked, so never sent the token


def test_a_redirect_to_another_port_is_refused(hub: FakeHub, other: FakeHub, tmp_path: Path) -> None:
    hub.model("moved-lab/model", script=[f"redirect:{other.url}/api/models/evil-lab/mit"])
    report = check(hub, tmp_path, write(tmp_path, "moved-lab/model"))
    assert "redirected to another host (127.0.0.1)" in reasons(report, "moved-lab/model")
    assert other.paths() == []


def test_a_same_host_redirect_is_a_rename_and_is_followed(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("old-name/llama-ft", script=["redirect:/api/models/ft-lab/llama31-legal-8b?expand=sha"])
    report = check(hub, tmp_path, write(tmp_path, "old-name/llama-ft"))
    assert any(f["terms"].startswith("llama-3.1") for f in findings(report, "old-name/llama-ft"))
    assert hub.api_paths() == ["/api/models/old-name/llama-ft", "/api/models/ft-lab/llama31-legal-8b"]


def test_a_redirect_loop_ends_and_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("loop-lab/redirect", script=["redirect:/api/models/loop-lab/redirect"])
    report = check(hub, tmp_path, write(tmp_path, "loop-lab/redirect"))
    assert "more than 5 redirects" in reasons(report, "loop-lab/redirect")
    assert hub.count("/api/models/loop-lab/redirect") == 6


# --- 5. bounds: a deadline per run, Retry-After within it, size and fan-out caps ----------------


def timed(hub: FakeHub, tmp_path: Path, manifest: Path, **env: str) -> tuple[float, dict[str, Any]]:
    started = time.monotonic()
    report = check(hub, tmp_path, manifest, **env)
    return time.monotonic() - started, report


def test_a_trickled_answer_stops_at_the_runs_deadline(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("slow-lab/trickle", script=["trickle"], license="mit")
    elapsed, report = timed(
        hub,
        tmp_path,
        write(tmp_path, "slow-lab/trickle"),
        LICENSECHECK_HUB_DEADLINE="1",
        LICENSECHECK_HUB_TIMEOUT="30",
    )
    assert elapsed < 3
    assert verdict(report, "slow-lab/trickle") == "needs-review"
    assert "the run's 1 s for Hub lookups ran out (LICENSECHECK_HUB_DEADLINE)" in reasons(
        report, "slow-lab/trickle"
    )


def test_a_trickled_answer_stops_at_the_request_time_out(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("slow-lab/trickle", script=["trickle"], license="mit")
    elapsed, report = timed(
        hub, tmp_path, write(tmp_path, "slow-lab/trickle"), LICENSECHECK_HUB_TIMEOUT="0.5"
    )
    assert elapsed < 3
    assert "the answer was still arriving after 0.5 s (timed out)" in reasons(report, "slow-lab/trickle")


def test_retry_after_past_the_deadline_is_not_waited_for(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("busy-lab/slow-down", script=["retry-after:5", "ok"], license="mit")
    elapsed, report = timed(
        hub, tmp_path, write(tmp_path, "busy-lab/slow-down"), LICENSECHECK_HUB_DEADLINE="2"
    )
    assert elapsed < 1.5
    assert verdict(report, "busy-lab/slow-down") == "needs-review"
    assert "rate-limited by the Hub (HTTP 429); waiting 5 s more would pass the run's deadline" in reasons(
        report, "busy-lab/slow-down"
    )
    assert hub.count("/api/models/busy-lab/slow-down") == 1


def test_retry_after_within_the_deadline_is_honoured(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("busy-lab/slow-down", script=["retry-after:1", "ok"], license="mit")
    elapsed, report = timed(
        hub, tmp_path, write(tmp_path, "busy-lab/slow-down"), LICENSECHECK_HUB_DEADLINE="5"
    )
    assert 1 <= elapsed < 3
    assert verdict(report, "busy-lab/slow-down") == "permitted"


def test_many_slow_repositories_share_one_deadline(hub: FakeHub, tmp_path: Path) -> None:
    refs = [f"slow-lab/s{i}" for i in range(20)]
    for ref in refs:
        hub.model(ref, script=["sleep:3"], license="mit")
    elapsed, report = timed(
        hub, tmp_path, write(tmp_path, *refs), LICENSECHECK_HUB_DEADLINE="1", LICENSECHECK_HUB_TIMEOUT="10"
    )
    assert elapsed < 3
    assert {verdict(report, ref) for ref in refs} == {"needs-review"}
    assert all("LICENSECHECK_HUB_DEADLINE" in reasons(report, ref) for ref in refs)
    # The first wave (one request per worker); nothing is asked once the deadline has passed.
    assert len(hub.api_paths()) <= Settings.workers


def test_a_gzip_bomb_is_cut_off_at_the_size_limit(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("bomb-lab/bomb", script=["bomb"])
    elapsed, report = timed(hub, tmp_path, write(tmp_path, "bomb-lab/bomb"))
    assert elapsed < 3
    assert verdict(report, "bomb-lab/bomb") == "needs-review"
    assert "the Hub's answer is larger than 2,000,000 bytes; not read" in reasons(report, "bomb-lab/bomb")


def test_an_answer_over_the_size_limit_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("big-lab/big", script=["big"], license="mit")
    report = check(hub, tmp_path, write(tmp_path, "big-lab/big"))
    assert "larger than 2,000,000 bytes" in reasons(report, "big-lab/big")
    small = check(hub, tmp_path, write(tmp_path, "plain-lab/mit-model"), LICENSECHECK_HUB_MAX_BYTES="100")
    assert "larger than 100 bytes" in reasons(small, "plain-lab/mit-model")


def test_a_merge_of_hundreds_of_parents_stays_within_the_request_limit(hub: FakeHub, tmp_path: Path) -> None:
    parents = [f"fan-lab/p{i}" for i in range(200)]
    hub.model("fan-lab/root", license="mit", base_model=parents)
    for i, parent in enumerate(parents):
        hub.model(parent, license="mit", base_model=[f"fan-lab/g{i}-{j}" for j in range(20)])
    for i in range(200):
        for j in range(20):
            hub.model(f"fan-lab/g{i}-{j}", license="mit")
    report = check(
        hub,
        tmp_path,
        write(tmp_path, "fan-lab/root"),
        LICENSECHECK_HUB_WORKERS="16",
        LICENSECHECK_HUB_TIMEOUT="10",
        LICENSECHECK_HUB_MAX_REQUESTS="200",
    )
    assert len(hub.paths()) <= 200  # not 8,402: the metadata and the card of each
    assert verdict(report, "fan-lab/root") == "needs-review"
    text = reasons(report, "fan-lab/root")
    assert (
        "`base_model` names 200 models; only the first 16 were followed (LICENSECHECK_HUB_MAX_PARENTS)"
        in text
    )
    assert "limit of 200 Hub requests (LICENSECHECK_HUB_MAX_REQUESTS)" in text


def test_the_request_limit_is_configurable_and_names_itself(hub: FakeHub, tmp_path: Path) -> None:
    refs = [f"plain-lab/m{i}" for i in range(5)]
    for ref in refs:
        hub.model(ref, license="mit")
    report = check(
        hub, tmp_path, write(tmp_path, *refs), LICENSECHECK_HUB_MAX_REQUESTS="6", LICENSECHECK_HUB_WORKERS="1"
    )
    # Each model costs two requests, its metadata and its card's text: three are read in full.
    assert len(hub.api_paths()) == 3 and len(hub.paths()) == 6
    limited = [r for r in refs if "limit of 6 Hub requests" in reasons(report, r)]
    assert len(limited) == 2 and all(verdict(report, r) == "needs-review" for r in limited)


@pytest.mark.parametrize("name", ["LICENSECHECK_HUB_DEADLINE", "LICENSECHECK_HUB_MAX_BYTES"])
def test_a_bad_bound_is_a_usage_error(hub: FakeHub, tmp_path: Path, name: str) -> None:
    result = run(hub, tmp_path, "check", str(write(tmp_path, "plain-lab/mit-model")), **{name: "0"})
    assert result.exit_code == 2
    assert f"{name}='0'" in result.stderr
    assert hub.paths() == []


# --- 6. the lock file: every error path is a message and exit 2; writes are atomic ----------------


@pytest.mark.parametrize("command", [("lock",), ("check",), ("check", "--locked"), ("lock", "--verify")])
def test_a_lock_path_that_is_a_directory_is_an_input_error(
    hub: FakeHub, tmp_path: Path, command: tuple[str, ...]
) -> None:
    manifest = write(tmp_path, "plain-lab/mit-model")
    (manifest.parent / "licensecheck.lock").mkdir()
    result = run(hub, tmp_path, command[0], str(manifest), *command[1:])
    assert result.exit_code == 2
    assert "licensecheck.lock: cannot" in result.stderr and "directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert hub.paths() == []


def test_a_failed_lock_write_keeps_the_old_lock_and_leaves_no_temporary_file(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, lock = locked_manifest(hub, tmp_path)
    before = lock.read_text()

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("licensecheck.lock.os.replace", refuse)
    result = run(hub, tmp_path, "lock", str(manifest))
    assert result.exit_code == 2
    assert f"{lock}: cannot write the lock file (Permission denied)" in result.stderr
    assert lock.read_text() == before
    assert sorted(p.name for p in lock.parent.iterdir()) == ["licensecheck.lock", "licensecheck.yaml"]


def test_a_lock_that_is_not_utf8_is_an_input_error(hub: FakeHub, tmp_path: Path) -> None:
    manifest, lock = locked_manifest(hub, tmp_path)
    lock.write_bytes(b"\xff\xfe{}")
    result = run(hub, tmp_path, "check", str(manifest), "--locked")
    assert result.exit_code == 2
    assert "not a valid lock file (not UTF-8 text)" in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_cache_entry_linked_to_a_device_is_discarded_unread(
    hub: FakeHub, tmp_path: Path, device: str
) -> None:
    ref = "ft-lab/llama31-legal-8b"
    path = cache_file(hub, tmp_path, ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(device)
    started = time.monotonic()
    report = check(hub, tmp_path, write(tmp_path, ref))
    assert time.monotonic() - started < 20  # not a read of an endless file
    assert hub.api_paths() == [f"/api/models/{ref}"] and not path.is_symlink()
    assert any(f["terms"].startswith("llama-3.1") for f in findings(report, ref))


# --- JSON nested deeper than a parser recurses: a finding or an input error, never a crash --------

DEEP_JSON = "[" * 200_000 + "]" * 200_000


def test_a_hub_answer_nested_too_deeply_needs_review(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("deep-lab/deep", script=["deep"])
    report = check(hub, tmp_path, write(tmp_path, "deep-lab/deep"))
    assert verdict(report, "deep-lab/deep") == "needs-review"
    assert "the Hub's answer could not be read" in reasons(report, "deep-lab/deep")


def test_a_lock_nested_too_deeply_is_an_input_error(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ft-lab/llama31-legal-8b")
    (manifest.parent / "licensecheck.lock").write_text(DEEP_JSON)
    result = run_cli("check", str(manifest), "--offline", "--as-of", AS_OF)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "not a valid lock file (nested too deeply)" in result.stderr


def test_a_cache_entry_nested_too_deeply_is_discarded(hub: FakeHub, tmp_path: Path) -> None:
    ref = "ft-lab/llama31-legal-8b"
    path = cache_file(hub, tmp_path, ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEEP_JSON)
    report = check(hub, tmp_path, write(tmp_path, ref))
    assert hub.api_paths() == [f"/api/models/{ref}"]
    assert any(f["terms"].startswith("llama-3.1") for f in findings(report, ref))


def test_the_audit_shows_where_the_locks_answers_came_from(hub: FakeHub, tmp_path: Path) -> None:
    manifest, lock = locked_manifest(hub, tmp_path)
    audit = run(hub, tmp_path, "audit", str(manifest), "--format", "json")
    prov = audit.json["provenance"]
    written = json.loads(lock.read_text())
    assert prov["lock_generated"] == written["generated"] and prov["lock_endpoint"] == hub.url
    assert prov["lock_matches_manifest"] is True and prov["lock_tool_version"] == written["tool_version"]
    markdown = run(hub, tmp_path, "audit", str(manifest)).stdout
    assert (
        f"written {written['generated']} by licensecheck" in markdown
        and "written for this manifest" in markdown
    )
    manifest.write_text(
        manifest.read_text().replace("use: commercial", "use: research", 1)
    )  # a changed value
    stale = run(hub, tmp_path, "audit", str(manifest), "--format", "json").json["provenance"]
    assert stale["lock_matches_manifest"] is False


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_a_hostile_card_cannot_forge_a_line_in_any_report(hub: FakeHub, tmp_path: Path, fmt: str) -> None:
    # The card's own licence fields, as its owner wrote them: a licence the registry does not
    # know, so its name and link reach the report's reasons.
    hub.model(
        "card-lab/forger",
        license="other",
        license_name="house\n::error file=x,line=1::forged\x1b[2J",
        license_link="https://example.test/\r\n::add-mask::secret\u202e",
    )
    result = run(
        hub, tmp_path, "check", str(write(tmp_path, "card-lab/forger")), "--format", fmt, "--as-of", AS_OF
    )
    assert result.exit_code == 1, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\r" not in result.stdout
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.lstrip().startswith(("::error file=x", "::add-mask"))]
    if fmt == "text":
        assert "\\n::error file=x,line=1::forged\\x1b[2J" in result.stdout  # shown, not acted on


def test_lock_and_resolve_show_a_hostile_card_escaped(hub: FakeHub, tmp_path: Path) -> None:
    hub.model("card-lab/painter", license="mit\x1b[2J\u202e")
    manifest = write(tmp_path, "card-lab/painter")
    locked = run(hub, tmp_path, "lock", str(manifest))
    resolved = run(hub, tmp_path, "resolve", "card-lab/painter")
    for out in (locked.stdout + locked.stderr, resolved.stdout + resolved.stderr):
        assert "\x1b" not in out and "\u202e" not in out
    assert "mit\\x1b[2J\\u202e" in locked.stdout
