"""GitHub annotations and JUnit XML, the fail-on threshold, and the CI glue that uses
them: action.yml's steps and docs/ci.md's GitHub and GitLab jobs, run here from a
fresh install as far as they can run outside a CI service."""

# Aliased: the module defines its own `annotations` (the GitHub annotations of a run).
from __future__ import annotations as _future_annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from licensecheck.report import github as github_format
from tests.conftest import AS_OF, REPO, WriteManifest, run_cli

CI = REPO / "tests" / "data" / "ci"
MIXED = CI / "mixed" / "licensecheck.yaml"
PASSING = CI / "passing" / "licensecheck.yaml"
REVIEW = CI / "review" / "licensecheck.yaml"
CONDITIONAL = CI / "conditional" / "licensecheck.yaml"
ACTION = REPO / "action.yml"
DOCS = REPO / "docs" / "ci.md"
PLACEHOLDER = "git+https://github.com/YOUR-ORG/licensecheck@v0.1.0"
ANNOTATION = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def findings_of(path: Path) -> list[dict[str, Any]]:
    report: dict[str, Any] = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF).json
    return list(report["findings"])


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def annotations(stdout: str) -> list[dict[str, str]]:
    out = []
    for line in stdout.splitlines():
        m = ANNOTATION.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(","))
            out.append(
                {
                    "level": m.group(1),
                    **{k: unescape(v) for k, v in props.items()},
                    "message": unescape(m.group(3)),
                }
            )
    return out


# --- GitHub annotations ------------------------------------------------------------


def test_github_annotations_carry_the_file_and_line_of_each_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    run = run_cli("check", "tests/data/ci/mixed/licensecheck.yaml", "--format", "github", "--as-of", AS_OF)
    assert run.exit_code == 1
    found = annotations(run.stdout)
    lines = MIXED.read_text().splitlines()
    expected = {
        (f["subject"], f["line"]) for f in findings_of(MIXED) if f["verdict"] != "permitted" or "waiver" in f
    }
    assert {(a["title"].split()[1], int(a["line"])) for a in found} == expected
    for a in found:
        assert a["file"] == "tests/data/ci/mixed/licensecheck.yaml"
        subject = a["title"].split()[1]
        assert subject in lines[int(a["line"]) - 1]
        assert a["message"].startswith(subject)
    level = {a["title"].split()[1]: a["level"] for a in found}
    assert level == {
        "openai:gpt-4o": "error",
        "acme:mystery-model": "warning",
        "Qwen/Qwen2.5-7B": "notice",
        "acme:internal-judge": "notice",  # waived
    }
    waived = next(a for a in found if a["title"].startswith("licensecheck: acme:internal-judge"))
    assert waived["title"].endswith("(waived)") and "legal@example.com" in waived["message"]
    gpt = next(a for a in found if "gpt-4o" in a["title"])
    assert "https://openai.com/" in gpt["message"] and "\n" in gpt["message"]
    assert (
        "licensecheck: tests/data/ci/mixed/licensecheck.yaml: prohibited (fails; fail-on needs-review)"
        in run.stdout
    )


def test_github_annotations_escape_what_the_runner_would_misread(
    manifest: WriteManifest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    manifest(
        """
        licensecheck: 1
        project: {name: x, use: research, release: internal}
        teachers:
          - model: acme:some-model
        waivers:
          - subject: acme:some-model
            approved_by: "a@example.com"
            reason: "100% reviewed,\\nsee ticket: X-2"
            expires: 2099-01-01
        """
    )
    run = run_cli("check", "--format", "github", "--as-of", AS_OF)
    assert run.exit_code == 0
    raw = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert len(raw) == 1 and "%25 reviewed" in raw[0] and "%0Asee ticket" in raw[0]
    assert "title=licensecheck%3A acme%3Asome-model" in raw[0]
    (a,) = annotations(run.stdout)
    assert "100% reviewed,\nsee ticket: X-2" in a["message"] and a["file"] == "licensecheck.yaml"


def test_github_annotation_paths_are_relative_to_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ml").mkdir()
    shutil.copyfile(MIXED, tmp_path / "ml" / "licensecheck.yaml")
    monkeypatch.chdir(tmp_path / "ml")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    run = run_cli("check", "--format", "github", "--as-of", AS_OF)
    assert {a["file"] for a in annotations(run.stdout)} == {"ml/licensecheck.yaml"}


# --- JUnit ---------------------------------------------------------------------------


def junit(*args: str) -> tuple[int, ET.Element]:
    run = run_cli("check", *args, "--format", "junit", "--as-of", AS_OF)
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, ET.fromstring(run.stdout.encode())


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        (None, {"prohibited", "needs-review"}),
        ("prohibited", {"prohibited"}),
        ("conditional", {"prohibited", "needs-review", "conditional"}),
    ],
)
def test_junit_has_one_case_per_subject_and_fails_those_at_the_threshold(
    fail_on: str | None, failing: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, root = junit(str(MIXED), *(["--fail-on", fail_on] if fail_on else []))
    assert code == 1
    report = findings_of(MIXED)
    order = ["permitted", "conditional", "needs-review", "prohibited"]
    subjects: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for f in report:
        subjects.setdefault((f["role"], f["subject"]), []).append(f)
    worst = {key: max(fs, key=lambda f: order.index(f["verdict"])) for key, fs in subjects.items()}
    want_failures = sum(w["verdict"] in failing for w in worst.values())
    assert root.tag == "testsuites"
    assert root.get("tests") == str(len(subjects)) and root.get("failures") == str(want_failures)
    assert root.get("errors") == "0" and root.get("skipped") == "0"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "tests/data/ci/mixed/licensecheck.yaml"
    assert suite.get("tests") == str(len(subjects)) and suite.get("failures") == str(want_failures)
    cases = suite.findall("testcase")
    assert len(cases) == len(subjects)
    by_key = {(c.get("classname", "").split(".")[-1], c.get("name")): c for c in cases}
    for (role, subject), w in worst.items():
        case = by_key[(role, subject)]
        assert case.get("file") == "tests/data/ci/mixed/licensecheck.yaml" and case.get("line") == str(
            w["line"]
        )
        assert case.get("classname") == f"open-chat.{role}"
        failure = case.find("failure")
        if w["verdict"] in failing:
            assert failure is not None and failure.get("type") == w["verdict"]
            assert failure.get("message", "").startswith(f"{w['verdict']}: ")
            # Every terms version the subject was judged under is in the one case.
            for f in subjects[(role, subject)]:
                assert (f["terms"] or "no known terms") in (failure.text or "")
        else:
            assert failure is None and subject in (case.findtext("system-out") or "")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["verdict"] == "prohibited" and props["fail_on"] == (fail_on or "needs-review")


def test_junit_sums_several_manifests_and_survives_control_characters(
    manifest: WriteManifest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    odd = manifest(
        """
        licensecheck: 1
        project: {name: "bell\\a", use: research, release: internal}
        teachers:
          - model: acme:some-model
        """,
        name="odd.yaml",
    )
    code, root = junit(str(PASSING), str(odd))
    assert code == 1  # the odd manifest needs review
    suites = root.findall("testsuite")
    passing = {(f["role"], f["subject"]) for f in findings_of(PASSING)}
    assert [s.get("tests") for s in suites] == [str(len(passing)), "1"]  # one case per subject
    assert root.get("tests") == str(len(passing) + 1) and root.get("failures") == "1"
    testcase = suites[1].find("testcase")
    assert testcase is not None
    assert testcase.get("classname") == "bell\\x07.teacher"  # shown, never acting


# --- fail-on -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fail_on", "code"),
    [
        (REVIEW, None, 1),
        (REVIEW, "prohibited", 0),
        (REVIEW, "needs-review", 1),
        (CONDITIONAL, None, 0),
        (CONDITIONAL, "conditional", 1),
        (PASSING, "conditional", 0),
        (MIXED, "prohibited", 1),
    ],
)
def test_fail_on_sets_the_exit_code(path: Path, fail_on: str | None, code: int) -> None:
    run = run_cli("check", str(path), "--as-of", AS_OF, *(["--fail-on", fail_on] if fail_on else []))
    assert run.exit_code == code, run.stdout + run.stderr


def policy_with(tmp_path: Path, header: str) -> Path:
    text = (REPO / "policies" / "default.yaml").read_text(encoding="utf-8")
    text, n = re.subn(r"^needs_review:.*$", header, text, flags=re.M)
    assert n == 1
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("header", "cli", "code"),
    [
        ("fail_on: prohibited", None, 0),
        ("fail_on: prohibited", "needs-review", 1),  # the command line wins
        ("needs_review: warning", None, 0),  # the older spelling of fail_on: prohibited
        ("needs_review: error", None, 1),
        ("needs_review: error\nfail_on: needs-review", None, 1),
        ("needs_review: warning\nfail_on: prohibited", None, 0),
    ],
)
def test_fail_on_in_a_policy(tmp_path: Path, header: str, cli: str | None, code: int) -> None:
    policy = policy_with(tmp_path, header)
    args = ["check", str(REVIEW), "--policy", str(policy), "--as-of", AS_OF]
    run = run_cli(*args, *(["--fail-on", cli] if cli else []))
    assert run.exit_code == code, run.stdout + run.stderr
    report = run_cli(*args, "--format", "junit", *(["--fail-on", cli] if cli else []))
    failures = ET.fromstring(report.stdout.encode()).get("failures")
    assert failures == ("1" if code else "0")


def test_a_policy_that_contradicts_itself_is_exit_2(tmp_path: Path) -> None:
    policy = policy_with(tmp_path, "needs_review: warning\nfail_on: needs-review")
    run = run_cli("check", str(REVIEW), "--policy", str(policy))
    assert run.exit_code == 2
    line = next(i for i, t in enumerate(policy.read_text().splitlines(), 1) if t.startswith("fail_on"))
    assert f"{policy}:{line}: fail_on: needs-review contradicts needs_review: warning" in run.stderr


def test_bad_fail_on_values_are_exit_2(tmp_path: Path) -> None:
    run = run_cli("check", str(REVIEW), "--policy", str(policy_with(tmp_path, "fail_on: permitted")))
    assert run.exit_code == 2 and "fail_on" in run.stderr
    assert run_cli("check", str(REVIEW), "--fail-on", "permitted").exit_code == 2


# --- action.yml and docs/ci.md, from a fresh install ----------------------------------


def load_action() -> dict[str, Any]:
    action: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return action


def test_action_is_a_composite_that_gates_and_uploads_sarif() -> None:
    action = load_action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    upload = steps[-1]
    assert upload["if"].startswith("always()") and "steps.check.outputs.sarif-file" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach scripts through env, never pasted in"
    check = next(s for s in steps if s.get("id") == "check")
    for value in check["env"].values():
        name = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", value)
        assert name and name.group(1) in action["inputs"]
    for output in action["outputs"].values():
        assert re.fullmatch(r"\$\{\{ steps\.check\.outputs\.[a-z-]+ \}\}", output["value"])


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A `python` on PATH, as actions/setup-python or a python image provides one."""
    bin_dir = tmp_path_factory.mktemp("setup-python") / "bin"
    bin_dir.mkdir()
    base = Path(getattr(sys, "_base_executable", sys.executable))
    (bin_dir / "python").symlink_to(base)
    return bin_dir


def base_env(tools: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env.update(
        {
            "PATH": f"{tools}{os.pathsep}{env.get('PATH', '')}",
            "CI": "true",
            "HF_HUB_OFFLINE": "1",
            "NO_COLOR": "1",
        }
    )
    return env


def workspace(root: Path, *names: str) -> Path:
    """A checkout holding the fixture manifests `names`, each in its own directory."""
    root.mkdir(parents=True)
    for name in names:
        (root / name).mkdir()
        shutil.copyfile(CI / name / "licensecheck.yaml", root / name / "licensecheck.yaml")
    return root


class Runner:
    """Runs a composite action's `run:` steps the way the GitHub runner does (bash -eo
    pipefail, inputs through env, GITHUB_OUTPUT / GITHUB_PATH files between steps)."""

    def __init__(self, tools: Path, work: Path, temp: Path) -> None:
        self.work = work
        self.temp = temp
        self.env = base_env(tools)
        self.env.update(
            {
                "GITHUB_ACTION_PATH": str(REPO),
                "GITHUB_WORKSPACE": str(work),
                "RUNNER_TEMP": str(temp),
                "GITHUB_PATH": str(temp / "path.txt"),
                "GITHUB_ENV": str(temp / "env.txt"),
                "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
            }
        )
        self.outputs: dict[str, dict[str, str]] = {}

    def run(self, step: dict[str, Any], inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
        out = self.temp / f"output-{step.get('id', 'step')}.txt"
        out.write_text("")
        env = {**self.env, "GITHUB_OUTPUT": str(out)}
        for key, value in (step.get("env") or {}).items():
            env[key] = re.sub(r"\$\{\{ inputs\.([a-z-]+) \}\}", lambda m: inputs[m.group(1)], value)
        script = self.temp / "step.sh"
        script.write_text(step["run"])
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if "id" in step:
            self.outputs[step["id"]] = dict(
                line.split("=", 1) for line in out.read_text().splitlines() if "=" in line
            )
        added = Path(self.env["GITHUB_PATH"])
        if added.exists():
            extra = [p for p in added.read_text().splitlines() if p]
            self.env["PATH"] = os.pathsep.join([*reversed(extra), self.env["PATH"]])
            added.unlink()
        return proc

    def condition(self, expression: str, inputs: dict[str, str], failed: bool) -> bool:
        """The few expressions action.yml uses: always(), ==, !=, &&, inputs.*, steps.*.outputs.*."""
        text = expression.replace("always()", "True").replace("success()", str(not failed))
        text = re.sub(r"inputs\.([a-z-]+)", lambda m: repr(inputs[m.group(1)]), text)
        text = re.sub(
            r"steps\.([a-z-]+)\.outputs\.([a-z-]+)",
            lambda m: repr(self.outputs.get(m.group(1), {}).get(m.group(2), "")),
            text,
        )
        text = text.replace("&&", " and ").replace("||", " or ")
        result: bool = eval(text, {"__builtins__": {}}, {"True": True, "False": False})
        return result


def run_action(tools: Path, work: Path, temp: Path, **given: str) -> tuple[Runner, list[tuple[str, Any]]]:
    """Every step of action.yml in order: run steps executed, uses steps recorded."""
    action = load_action()
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs.update(given)
    runner = Runner(tools, work, temp)
    failed = False
    log: list[tuple[str, Any]] = []
    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition is None and failed:
            log.append(("skipped", step["name"]))
            continue
        if condition is not None and not runner.condition(condition, inputs, failed):
            log.append(("skipped", step["name"]))
            continue
        if "uses" in step:
            log.append(("uses", (step["uses"], dict(step.get("with") or {}))))
            continue
        proc = runner.run(step, inputs)
        log.append(("run", proc))
        failed = failed or proc.returncode != 0
    return runner, log


@pytest.fixture(scope="module")
def installed_action(
    tools: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Runner, list[tuple[str, Any]], Path]]:
    """action.yml run once on a failing checkout: a real install, then the gate."""
    root = tmp_path_factory.mktemp("action")
    work = workspace(root / "work", "mixed", "passing")
    temp = root / "runner-temp"
    temp.mkdir()
    runner, log = run_action(tools, work, temp)
    yield runner, log, work


def test_action_installs_gates_annotates_and_hands_sarif_to_the_upload(
    installed_action: tuple[Runner, list[tuple[str, Any]], Path], tmp_path: Path
) -> None:
    runner, log, work = installed_action
    kinds = [kind for kind, _ in log]
    assert kinds == ["uses", "run", "run", "uses"], log  # setup-python, install, gate, upload
    install, gate = log[1][1], log[2][1]
    assert install.returncode == 0, install.stderr[-3000:]
    venv_bin = Path(runner.env["RUNNER_TEMP"]) / "licensecheck-venv" / "bin"
    assert str(venv_bin) in runner.env["PATH"].split(os.pathsep)[0]
    assert gate.returncode == 1, gate.stdout + gate.stderr  # the failing manifest fails the job
    found = annotations(gate.stdout)
    assert {(a["file"], a["level"]) for a in found} >= {("mixed/licensecheck.yaml", "error")}
    assert "Overall verdict (2 manifests): prohibited" in gate.stdout  # the text report, in the log
    outputs = runner.outputs["check"]
    assert outputs == {"exit-code": "1", "sarif-file": "licensecheck.sarif", "verdict": "prohibited"}
    upload_uses, upload_with = log[3][1]
    assert upload_uses.startswith("github/codeql-action/upload-sarif@")
    assert upload_with["category"] == "licensecheck"
    sarif = json.loads((work / "licensecheck.sarif").read_text())
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    }
    assert uris == {"mixed/licensecheck.yaml"}


def test_action_passes_on_a_passing_checkout_and_honours_its_inputs(
    installed_action: tuple[Runner, list[tuple[str, Any]], Path], tmp_path: Path
) -> None:
    runner, _, _ = installed_action
    action = load_action()
    check = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    work = workspace(tmp_path / "work", "passing", "review")
    runner.work = work
    runner.env["GITHUB_WORKSPACE"] = str(work)
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}

    proc = runner.run(check, {**inputs, "manifests": "passing/licensecheck.yaml"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert runner.outputs["check"]["verdict"] == "permitted"
    # No annotation on a passing run; the only commands turn workflow commands off and on
    # around the report, with a token the report cannot know.
    commands = [line for line in proc.stdout.splitlines() if "::" in line]
    assert len(commands) == 2 and commands[0].startswith("::stop-commands::")
    token = commands[0].removeprefix("::stop-commands::")
    assert len(token) == 32 and commands[1] == f"::{token}::"

    given = {**inputs, "fail-on": "prohibited", "annotations": "false", "sarif-file": "out/x.sarif"}
    proc = runner.run(check, given)
    assert proc.returncode == 2 and "cannot write the report" in proc.stderr  # no such directory
    assert runner.outputs["check"] == {"exit-code": "2"}  # nothing to upload
    assert not runner.condition(action["runs"]["steps"][-1]["if"], inputs, failed=True)
    (work / "out").mkdir()
    proc = runner.run(check, {**given, "args": f"--as-of {AS_OF}"})
    assert proc.returncode == 0, proc.stdout + proc.stderr  # needs-review passes at fail-on prohibited
    assert runner.outputs["check"]["verdict"] == "needs-review"
    sarif = json.loads((work / "out" / "x.sarif").read_text())
    assert {m["as_of"] for m in sarif["runs"][0]["properties"]["manifests"]} == {AS_OF}
    assert runner.condition(action["runs"]["steps"][-1]["if"], inputs, failed=False)


def docs_blocks() -> dict[str, dict[str, Any]]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return {b.splitlines()[0].strip("# ").strip(): yaml.safe_load(b) for b in blocks if b.startswith("# ")}


def shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = command.replace(PLACEHOLDER, shlex.quote(str(REPO)))
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty virtual environment whose `python` the docs' install lines install into."""
    root = tmp_path_factory.mktemp("docs-venv")
    venv.create(root / "venv", with_pip=True)
    return root / "venv" / "bin"


def test_docs_github_workflow_runs_its_steps(fresh_venv: Path, tools: Path, tmp_path: Path) -> None:
    workflow = docs_blocks()[".github/workflows/licensecheck-steps.yml"]
    steps = workflow["jobs"]["licensecheck"]["steps"]
    assert workflow["permissions"]["security-events"] == "write"
    work = workspace(tmp_path / "work", "mixed", "passing")
    env = base_env(fresh_venv)
    env["GITHUB_WORKSPACE"] = str(work)
    ran = {}
    for step in steps:
        if "uses" in step:
            continue
        proc = shell(step["run"], work, env)
        ran[step["name"]] = proc
    assert ran["Install licensecheck"].returncode == 0, ran["Install licensecheck"].stderr[-3000:]
    assert (fresh_venv / "licensecheck").is_file()
    notes = annotations(ran["Annotate the pull request"].stdout)
    assert ran["Annotate the pull request"].returncode == 0 and any(
        a["file"] == "mixed/licensecheck.yaml" for a in notes
    )
    assert ran["Gate"].returncode == 1 and "Verdict: prohibited" in ran["Gate"].stdout
    upload = steps[-1]
    assert (
        "hashFiles('licensecheck.sarif')" in upload["if"]
        and upload["with"]["sarif_file"] == "licensecheck.sarif"
    )
    assert json.loads((work / "licensecheck.sarif").read_text())["version"] == "2.1.0"


def test_docs_gitlab_job_runs_its_script(fresh_venv: Path, tmp_path: Path) -> None:
    job = docs_blocks()[".gitlab-ci.yml"]["licensecheck"]
    assert (
        job["artifacts"]["when"] == "always"
        and job["artifacts"]["reports"]["junit"] == "licensecheck-junit.xml"
    )
    work = workspace(tmp_path / "work", "mixed", "passing")
    env = base_env(fresh_venv)
    codes = []
    for line in job["script"]:  # GitLab stops at the first failing line
        proc = shell(line, work, env)
        codes.append(proc.returncode)
        if proc.returncode:
            break
    assert codes == [0, 0, 1]
    for artifact in job["artifacts"]["paths"]:
        assert (work / artifact).is_file(), artifact
    root = ET.parse(work / "licensecheck-junit.xml").getroot()
    names = [s.get("name") for s in root.findall("testsuite")]
    assert names == ["mixed/licensecheck.yaml", "passing/licensecheck.yaml"]
    assert int(root.get("failures") or 0) == 2


def test_github_gives_one_annotation_per_subject_and_line_within_githubs_limits(
    manifest: WriteManifest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # Twelve prohibited teachers, one of them used across OpenAI's change of documents (two
    # findings, one annotation).
    teachers = "".join(f"  - model: openai:gpt-4o-variant-{i}\n" for i in range(11))
    teachers += "  - model: openai:gpt-4\n    from: 2023-06-01\n    until: 2024-02-29\n"
    manifest(
        "licensecheck: 1\nproject: {name: many, use: commercial, release: open-weights, domicile: US}\n"
        "teachers:\n" + teachers
    )
    run = run_cli("check", "--format", "github", "--as-of", AS_OF)
    assert run.exit_code == 1
    found = annotations(run.stdout)
    errors = [a for a in found if a["level"] == "error"]
    assert len(errors) == github_format.SHOWN_PER_LEVEL  # 9 subjects, then one that names the rest
    assert errors[-1]["title"] == "licensecheck: 3 more" and "3 more subjects" in errors[-1]["message"]
    titles = [a["title"] for a in errors[:-1]]
    assert len(set(titles)) == len(titles)  # one per subject
    # Worst first, then by name: openai:gpt-4 comes first, both terms versions in one message.
    [gpt4] = [a for a in found if a["title"].startswith("licensecheck: openai:gpt-4 ")]
    assert "openai-terms-of-use" in gpt4["message"] and "openai-services-agreement" in gpt4["message"]
