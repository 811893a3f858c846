"""The real `pre-commit` runs this repository's hooks in a temporary git repository.

pre-commit clones a hook repository at a commit, so the working tree of this checkout
(committed or not) is copied into a throwaway repository and committed there. Its
environments live under the pytest cache, keyed by that commit: an unchanged tree
reuses the install, any change installs afresh. Installing needs the package index;
the hooks themselves never reach the network (HF_HUB_OFFLINE).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

CI = REPO / "tests" / "data" / "ci"
DOCS = REPO / "docs" / "ci.md"
# Fixed identity and dates: the same tree always gives the same commit, so the cache holds.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "licensecheck tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "licensecheck tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00",
}


def git(*args: str, cwd: Path) -> str:
    proc = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    return proc.stdout


@pytest.fixture(scope="module")
def cache_root(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("precommit")
    return Path(cache.mkdir("licensecheck-precommit"))


@pytest.fixture(scope="module")
def hook_repo(cache_root: Path) -> tuple[str, str]:
    """This checkout's working tree, committed in a throwaway repository: (path, sha).

    pre-commit's environments for it live in `home-<sha>`; those of older trees go.
    """
    repo = cache_root / "hook-repo"
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir()
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in sorted(filter(None, listed.split("\0"))):
        source = REPO / name
        if source.is_file():  # a tracked file someone deleted is not part of the tree
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, repo / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "working tree", cwd=repo)
    sha = git("rev-parse", "HEAD", cwd=repo).strip()
    for old in cache_root.glob("home-*"):
        if old.name != f"home-{sha}":
            shutil.rmtree(old, ignore_errors=True)
    return str(repo), sha


@pytest.fixture(scope="module")
def home(cache_root: Path, hook_repo: tuple[str, str]) -> Path:
    """PRE_COMMIT_HOME for this tree."""
    return cache_root / f"home-{hook_repo[1]}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty git repository to run the hooks in."""
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "README.md").write_text("a training project\n")
    return tmp_path


def docs_block(first_line: str) -> str:
    """The fenced block of docs/ci.md that begins with `first_line`."""
    blocks: list[str] = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    matches = [b for b in blocks if b.splitlines()[0].strip() == first_line]
    assert len(matches) == 1, f"docs/ci.md: no single block starting {first_line!r}"
    return matches[0]


def write_config(project: Path, hook_repo: tuple[str, str], hooks: list[dict[str, object]]) -> None:
    """docs/ci.md's pre-commit snippet, pointed at this checkout instead of the placeholder."""
    config = yaml.safe_load(docs_block("# .pre-commit-config.yaml"))
    (entry,) = config["repos"]
    assert entry["repo"] == "https://github.com/YOUR-ORG/licensecheck" and entry["hooks"] == [
        {"id": "licensecheck"}
    ]
    entry["repo"], entry["rev"] = hook_repo
    entry["hooks"] = hooks
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))


def pre_commit(project: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git("add", "-A", cwd=project)
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )


def copy_manifest(name: str, project: Path, where: str = "licensecheck.yaml") -> None:
    (project / where).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CI / name / "licensecheck.yaml", project / where)


def test_hook_passes_on_a_passing_manifest_and_fails_on_a_failing_one(
    project: Path, hook_repo: tuple[str, str], home: Path
) -> None:
    write_config(project, hook_repo, [{"id": "licensecheck"}])
    copy_manifest("passing", project)
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"licensecheck \(may we train on this\?\)\.+Passed", run.stdout), run.stdout

    copy_manifest("mixed", project)
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"licensecheck \(may we train on this\?\)\.+Failed", run.stdout), run.stdout
    assert "- exit code: 1" in run.stdout
    assert "openai:gpt-4o [teacher]" in run.stdout and "Verdict: prohibited" in run.stdout
    assert "licensecheck.yaml:14" in run.stdout  # the finding, at its line


def test_hook_runs_only_when_a_manifest_lock_or_policy_is_staged(
    project: Path, hook_repo: tuple[str, str], home: Path
) -> None:
    write_config(project, hook_repo, [{"id": "licensecheck"}])
    copy_manifest("mixed", project, "ml/chat/licensecheck.yaml")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "start", cwd=project)

    (project / "README.md").write_text("only the readme changes\n")
    run = pre_commit(project, home)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "(no files to check)Skipped" in run.stdout

    # A nested manifest changes: --all (the hook's default args) finds it.
    path = project / "ml" / "chat" / "licensecheck.yaml"
    path.write_text(path.read_text() + "# reviewed\n")
    run = pre_commit(project, home)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "ml/chat/licensecheck.yaml:14" in run.stdout


def test_hook_with_the_args_from_the_docs(project: Path, hook_repo: tuple[str, str], home: Path) -> None:
    (hook,) = yaml.safe_load(docs_block("- id: licensecheck"))
    assert hook["args"][0] == "ml/licensecheck.yaml"
    write_config(project, hook_repo, [hook])
    copy_manifest("review", project, "ml/licensecheck.yaml")  # needs-review only
    copy_manifest("mixed", project, "other/licensecheck.yaml")  # not named: not judged
    policy = (REPO / "policies" / "default.yaml").read_text(encoding="utf-8")
    (project / "licensecheck-policy.yaml").write_text(policy, encoding="utf-8")
    run = pre_commit(project, home, "--all-files", "--verbose")
    # --fail-on prohibited lets needs-review pass; the failing manifest is not named.
    assert run.returncode == 0, run.stdout + run.stderr
    assert "acme:mystery-model [teacher]" in run.stdout and "Verdict: needs-review" in run.stdout
    assert "gpt-4o" not in run.stdout


def test_lock_hook_fails_without_a_fresh_lock_and_passes_with_one(
    project: Path, hook_repo: tuple[str, str], home: Path
) -> None:
    write_config(project, hook_repo, [{"id": "licensecheck-lock"}])
    assert yaml.safe_load(docs_block("- id: licensecheck-lock")) == [{"id": "licensecheck-lock"}]
    copy_manifest("passing", project)
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "- exit code: 2" in run.stdout and "there is no lock file" in run.stdout

    lock = subprocess.run(
        [sys.executable, "-m", "licensecheck", "lock", "--offline"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert lock.returncode == 0, lock.stderr
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"licensecheck lock is fresh\.+Passed", run.stdout), run.stdout

    manifest = project / "licensecheck.yaml"
    manifest.write_text(manifest.read_text() + "# a comment does not stale the lock\n")
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    manifest.write_text(manifest.read_text().replace("use: commercial", "use: research", 1))  # a value
    assert "use: research" in manifest.read_text()
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 1 and "changed since the lock was written" in run.stdout, run.stdout


def test_scan_hook_flags_what_the_code_and_data_use_but_the_manifest_does_not_declare(
    project: Path, hook_repo: tuple[str, str], home: Path
) -> None:
    write_config(project, hook_repo, [{"id": "licensecheck-scan"}])
    assert yaml.safe_load(docs_block("- id: licensecheck-scan")) == [{"id": "licensecheck-scan"}]
    copy_manifest("passing", project)
    (project / "data").mkdir()
    (project / "data" / "traces.jsonl").write_text('{"prompt": "2+2?", "trace": "<think>4</think> 4"}\n')
    (project / "distill.py").write_text(
        "from vllm import LLM\n"
        "from transformers import AutoModelForCausalLM\n"
        'teacher = LLM(model="deepseek-ai/DeepSeek-R1")\n'
        'student = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B")\n'
    )
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"licensecheck scan \(what the code and data use\)\.+Passed", run.stdout), run.stdout

    # A script starts calling GPT-4o through a router, and the data says so too.
    (project / "gen.py").write_text(
        "import os\n"
        "from openai import OpenAI\n"
        'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["KEY"])\n'
        'client.chat.completions.create(model="openai/gpt-4o", messages=[])\n'
    )
    (project / "data" / "traces.jsonl").write_text(
        '{"prompt": "who are you?", "trace": "As an AI language model developed by OpenAI, I help."}\n'
    )
    run = pre_commit(project, home, "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "openai:gpt-4o [teacher]" in run.stdout
    assert "`openai:gpt-4o` via openrouter used in gen.py:4, not declared" in run.stdout
    assert "data/traces.jsonl [dataset]" in run.stdout and "marks of OpenAI" in run.stdout
