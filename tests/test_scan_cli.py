"""`licensecheck scan` and `check --scan` on the sample training repository
(tests/data/scan/sample-repo): scripts, a notebook, a TRL and an Axolotl config, a router
call, a dynamic model name, and two JSONL datasets of which one carries OpenAI's marks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, REPO, run_cli, run_subprocess

SAMPLE = REPO / "tests" / "data" / "scan" / "sample-repo"


def line_of(file: str, text: str, *, after: str | None = None) -> int:
    """The line of `file` (in the sample repository) that holds `text` (after `after`)."""
    lines = (SAMPLE / file).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def scan_json(*args: str) -> tuple[int, dict[str, Any]]:
    run = run_cli("scan", *args, "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.json


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample repository (outside this checkout's git tree)."""
    target = tmp_path / "sample-repo"
    shutil.copytree(SAMPLE, target)
    return target


def undeclared(report: dict[str, Any]) -> set[tuple[str, str | None, str, int]]:
    return {(u["ref"], u["via"], u["file"], u["line"]) for u in report["uses"] if u["status"] == "undeclared"}


def test_scan_reports_every_undeclared_use_with_its_location_and_none_of_the_declared(sample: Path) -> None:
    code, report = scan_json(str(sample))
    assert code == 1
    assert undeclared(report) == {
        ("openai:gpt-4o", "openrouter", "gen/make_data.py", line_of("gen/make_data.py", '"openai/gpt-4o"')),
        ("HuggingFaceH4/ultrachat_200k", None, "train.py", line_of("train.py", "ultrachat_200k")),
        ("Open-Orca/SlimOrca", None, "configs/axolotl.yml", line_of("configs/axolotl.yml", "SlimOrca")),
        (
            "Qwen/Qwen2.5-72B-Instruct",
            None,
            "configs/trl_gkd.yaml",
            line_of("configs/trl_gkd.yaml", "teacher_model_name_or_path"),
        ),
        ("meta-llama/Llama-3.1-8B-Instruct", None, "notebooks/explore.ipynb", 2),  # cell 4, line 2
    }
    notebook = next(
        u for u in report["uses"] if u["file"] == "notebooks/explore.ipynb" and u["status"] == "undeclared"
    )
    assert notebook["cell"] == 4
    # The declared ones are found, and said to be declared, never undeclared.
    declared = {(u["ref"], u["declared_as"]["ref"]) for u in report["uses"] if u["status"] == "declared"}
    assert ("anthropic:claude-3-5-sonnet-20240620", "anthropic:claude-3-5-sonnet") in declared
    assert ("Qwen/Qwen2.5-7B", "Qwen/Qwen2.5-7B") in declared
    assert ("tatsu-lab/alpaca", "tatsu-lab/alpaca") in declared
    assert ("data/chat.jsonl", "data/chat.jsonl") in declared and (
        "data/human.jsonl",
        "data/human.jsonl",
    ) in declared
    # The student's own checkpoint is a path on disk, not a use to declare.
    assert {u["ref"] for u in report["uses"] if u["status"] == "local"} == {"./outputs/sample-chat-7b"}


def test_scan_reports_the_dynamic_model_as_unresolved_with_its_location(sample: Path) -> None:
    _, report = scan_json(str(sample))
    (unresolved,) = [u for u in report["uses"] if u["status"] == "unresolved"]
    assert unresolved["file"] == "gen/make_data.py"
    assert unresolved["line"] == line_of("gen/make_data.py", "model=pick_model()")
    assert unresolved["value"] is None and unresolved["ref"] is None
    assert "pick_model()" in unresolved["unresolved"] and unresolved["via"] == "openrouter"


def test_scan_data_names_the_provider_of_the_marked_dataset(sample: Path) -> None:
    code, report = scan_json(str(sample), "--data")
    assert code == 1
    by_name = {d["dataset"]: d for d in report["data"]}
    assert set(by_name) == {"data/human.jsonl", "data/chat.jsonl"}
    clean, marked = by_name["data/human.jsonl"], by_name["data/chat.jsonl"]
    assert not clean["needs_review"] and clean["files"][0]["marks"] == []
    assert marked["needs_review"] and marked["unexplained_providers"] == ["openai"]
    (file,) = marked["files"]
    assert file["records"] == 40 and file["sampled"] is None
    openai = next(m for m in file["marks"] if m["provider"] == "openai")
    assert openai["records"] == 2 and openai["per_1000"] == 50.0
    assert [e["record"] for e in openai["examples"]] == [7, 18]
    assert "developed by OpenAI" in openai["examples"][0]["text"]
    assert any("marks of OpenAI" in r for r in marked["reasons"])


def test_scan_text_report(sample: Path) -> None:
    run = run_cli("scan", str(sample), "--data")
    assert run.exit_code == 1, run.stderr
    out = run.stdout
    where = line_of("gen/make_data.py", '"openai/gpt-4o"')
    assert (
        f"gen/make_data.py:{where}" in out and "UNDECLARED       api     openai:gpt-4o via openrouter" in out
    )
    assert "UNRESOLVED" in out and "pick_model()" in out
    assert "notebooks/explore.ipynb[cell 4]:2" in out
    assert "data/chat.jsonl (declared, line 17; generated_by: none): NEEDS REVIEW" in out
    assert "record 7:" in out and "Result: needs review" in out


def test_declaring_what_the_scan_found_makes_it_pass(sample: Path) -> None:
    manifest = sample / "licensecheck.yaml"
    text = manifest.read_text()
    text = text.replace(
        "teachers:\n",
        "teachers:\n"
        "  - model: openai:gpt-4o\n    via: openrouter\n"
        "  - model: Qwen/Qwen2.5-72B-Instruct\n"
        "  - model: meta-llama/Llama-3.1-8B-Instruct\n",
    )
    text = text.replace(
        "  - path: data/chat.jsonl\n    license: CC-BY-4.0\n",
        "  - path: data/chat.jsonl\n    license: CC-BY-4.0\n    generated_by: [openai:gpt-4o, anthropic:claude-3-5-sonnet]\n"
        "  - id: HuggingFaceH4/ultrachat_200k\n  - id: Open-Orca/SlimOrca\n",
    )
    manifest.write_text(text)
    gen = sample / "gen" / "make_data.py"
    lines = gen.read_text().splitlines()
    lines = [line + "  # licensecheck: ignore" if "model=pick_model()" in line else line for line in lines]
    gen.write_text("\n".join(lines) + "\n")
    code, report = scan_json(str(sample), "--data")
    assert code == 0, [u for u in report["uses"] if u["status"] not in ("declared", "local", "ignored")]
    assert not report["needs_review"] and report["summary"]["undeclared"] == 0
    assert report["summary"]["ignored"] == 1
    assert run_cli("scan", str(sample), "--data").stdout.endswith("Result: everything found is declared\n")


def test_check_scan_adds_needs_review_findings_with_locations(sample: Path) -> None:
    run = run_cli(
        "check",
        str(sample / "licensecheck.yaml"),
        "--scan",
        "--offline",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert run.exit_code == 1, run.stderr
    report = run.json
    scanned = {f["subject"]: f for f in report["findings"] if any(r.startswith("scan-") for r in f["rules"])}
    assert set(scanned) == {
        "openai:gpt-4o",
        "HuggingFaceH4/ultrachat_200k",
        "Open-Orca/SlimOrca",
        "Qwen/Qwen2.5-72B-Instruct",
        "meta-llama/Llama-3.1-8B-Instruct",
        f"unresolved API model at gen/make_data.py:{line_of('gen/make_data.py', 'model=pick_model()')}",
        "data/chat.jsonl",
    }
    assert all(f["verdict"] == "needs-review" for f in scanned.values())
    gpt = scanned["openai:gpt-4o"]
    where = line_of("gen/make_data.py", '"openai/gpt-4o"')
    assert (
        gpt["reasons"][0] == f"`openai:gpt-4o` via openrouter used in gen/make_data.py:{where}, not declared"
    )
    assert gpt["found_in"] == [f"gen/make_data.py:{where}"] and gpt["via"] == "openrouter"
    assert gpt["role"] == "teacher" and scanned["Open-Orca/SlimOrca"]["role"] == "dataset"
    marked = scanned["data/chat.jsonl"]
    assert marked["role"] == "dataset" and marked["line"] == 17 and "marks of OpenAI" in marked["reasons"][0]
    # Declared subjects are judged as before, and not reported again by the scan.
    assert not any(
        f["subject"] == "Qwen/Qwen2.5-7B" and "scan" in str(f["rules"]) for f in report["findings"]
    )
    assert any(f["subject"] == "Qwen/Qwen2.5-7B" and f["role"] == "base-model" for f in report["findings"])


def test_check_without_scan_reports_no_scan_findings(sample: Path) -> None:
    run = run_cli(
        "check", str(sample / "licensecheck.yaml"), "--offline", "--as-of", AS_OF, "--format", "json"
    )
    assert not any("found_in" in f for f in run.json["findings"])


def test_check_scan_passes_when_code_and_data_match_a_passing_manifest(tmp_path: Path) -> None:
    (tmp_path / "licensecheck.yaml").write_text(
        "licensecheck: 1\nproject:\n  name: ok\n  use: commercial\n  release: open-weights\n"
        "  domicile: US\n  student:\n    name: Ok-7B\n    base_model: Qwen/Qwen2.5-7B\n"
        "datasets:\n  - path: data/notes.jsonl\n    license: CC0-1.0\n"
    )
    (tmp_path / "train.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        "from datasets import load_dataset\n"
        'model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B")\n'
        'data = load_dataset("json", data_files="data/notes.jsonl")\n'
    )
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.jsonl").write_text('{"text": "a note a person wrote"}\n')
    args = ("check", str(tmp_path / "licensecheck.yaml"), "--offline", "--as-of", AS_OF)
    assert run_cli(*args).exit_code == 0
    assert run_cli(*args, "--scan").exit_code == 0
    (tmp_path / "train.py").write_text(
        (tmp_path / "train.py").read_text()
        + 'teacher = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-72B")\n'
    )
    run = run_cli(*args, "--scan", "--summary")
    assert run.exit_code == 1
    assert "Qwen/Qwen2.5-72B [teacher]" in run.stdout and "used in train.py:5, not declared" in run.stdout


def test_scan_without_a_manifest_reports_everything_as_undeclared(tmp_path: Path) -> None:
    (tmp_path / "gen.py").write_text(
        'import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o")\n'
    )
    code, report = scan_json(str(tmp_path))
    assert code == 1 and report["manifest"] is None
    assert undeclared(report) == {("openai:gpt-4o", None, "gen.py", 2)}


def test_scan_of_a_tree_without_uses_passes(tmp_path: Path) -> None:
    (tmp_path / "util.py").write_text("def add(a, b):\n    return a + b\n")
    code, report = scan_json(str(tmp_path))
    assert (
        code == 0 and report["uses"] == [] and report["files"] == {"listed": 1, "read": 0, "truncated": False}
    )


def test_bad_input_is_exit_2(tmp_path: Path) -> None:
    assert run_cli("scan", str(tmp_path / "missing")).exit_code == 2
    bad = tmp_path / "licensecheck.yaml"
    bad.write_text("licensecheck: 1\nproject: [\n")
    run = run_cli("scan", str(tmp_path))
    assert run.exit_code == 2 and "licensecheck.yaml" in run.stderr
    run = run_cli("scan", str(tmp_path), "--manifest", str(tmp_path / "missing.yaml"))
    assert run.exit_code == 2 and "missing.yaml" in run.stderr


def test_scan_writes_the_report_to_a_file(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    run = run_cli("scan", str(sample), "--format", "json", "-o", str(out))
    assert run.exit_code == 1 and run.stdout == ""
    assert json.loads(out.read_text())["scan"] == 1


def test_scan_in_a_real_process(sample: Path) -> None:
    run = run_subprocess("scan", "--data", cwd=sample)
    assert run.exit_code == 1, run.stderr
    assert "openai:gpt-4o via openrouter" in run.stdout and "marks of OpenAI" in run.stdout


def test_a_nested_project_is_left_to_its_own_manifest(sample: Path) -> None:
    nested = sample / "other-project"
    nested.mkdir()
    (nested / "licensecheck.yaml").write_text((sample / "licensecheck.yaml").read_text())
    (nested / "gen.py").write_text(
        'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4.1")\n'
    )
    _, report = scan_json(str(sample))
    assert not any(u["file"].startswith("other-project/") for u in report["uses"])
    _, report = scan_json(str(nested))
    assert undeclared(report) == {("openai:gpt-4.1", None, "gen.py", 2)}


def test_the_json_shape_is_the_documented_one(sample: Path) -> None:
    _, report = scan_json(str(sample), "--data")
    assert set(report) == {
        "licensecheck",
        "scan",
        "root",
        "manifest",
        "needs_review",
        "files",
        "summary",
        "uses",
        "data_scanned",
        "threshold_per_1000",
        "data",
        "problems",
    }
    use = report["uses"][0]
    assert {"file", "line", "kind", "how", "value", "ref", "role", "via", "local", "status", "reason"} <= set(
        use
    )
    docs = (REPO / "docs" / "scan.md").read_text(encoding="utf-8")
    for key in (*report, *use, *report["data"][0], *report["data"][0]["files"][0], *report["summary"]):
        assert f"`{key}`" in docs, key


def test_check_scan_makes_an_unreadable_candidate_file_a_gap(sample: Path) -> None:
    (sample / "broken.py").write_text('from transformers import AutoModel\nAutoModel.from_pretrained("x/y"\n')
    run = run_cli(
        "check",
        str(sample / "licensecheck.yaml"),
        "--scan",
        "--offline",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert run.exit_code == 1
    (gap,) = run.json["gaps"]
    assert gap.startswith("broken.py: invalid Python syntax (line 2)") and "what it uses is unknown" in gap


def test_undeclared_local_data_the_code_uses_is_sampled_too(sample: Path) -> None:
    manifest = sample / "licensecheck.yaml"
    manifest.write_text(
        manifest.read_text().replace("  - path: data/chat.jsonl\n    license: CC-BY-4.0\n", "")
    )
    _, report = scan_json(str(sample), "--data")
    chat = next(d for d in report["data"] if d["dataset"] == "data/chat.jsonl")
    assert not chat["declared"] and chat["unexplained_providers"] == ["openai"]
    assert chat["found_in"] == ["configs/axolotl.yml:5", f"train.py:{line_of('train.py', 'data/chat.jsonl')}"]
    run = run_cli("check", str(manifest), "--scan", "--offline", "--as-of", AS_OF, "--format", "json")
    chat_findings = [f for f in run.json["findings"] if f["subject"] == "data/chat.jsonl"]
    assert {tuple(f["rules"]) for f in chat_findings} == {("scan-undeclared",), ("scan-fingerprint",)}
    text = run_cli("check", str(manifest), "--scan", "--offline", "--as-of", AS_OF).stdout
    block = text.split("NEEDS-REVIEW data/chat.jsonl [dataset]")[1].split("\n\n")[0]
    assert "used in configs/axolotl.yml:5" in block and "marks of OpenAI" in block  # one block, both findings
