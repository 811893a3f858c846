"""Commands, help, version, schema, registry inspection, colour, and the JSON contract."""

from __future__ import annotations

import io
import json
from pathlib import Path

import click
import pytest
import yaml
from jsonschema import Draft202012Validator

from licensecheck import __version__
from licensecheck.cli.common import use_color
from tests.conftest import EXAMPLES, read_until_closed, run_cli, run_subprocess

COMMANDS = [[], ["check"], ["schema"], ["explain"], ["registry"], ["registry", "list"], ["registry", "show"]]


def test_version() -> None:
    run = run_subprocess("--version")
    assert run.exit_code == 0 and __version__ in run.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_help_on_every_command(command: list[str]) -> None:
    run = run_cli(*command, "--help")
    assert run.exit_code == 0 and "Usage:" in run.stdout


def test_schema_is_a_valid_json_schema_that_accepts_the_examples() -> None:
    run = run_cli("schema")
    schema = json.loads(run.stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in EXAMPLES.glob("*/licensecheck.yaml"):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert not list(validator.iter_errors(data)), path
    assert not validator.is_valid(
        {"licensecheck": 1, "project": {"name": "x", "use": "research", "release": "internal"}, "teacher": []}
    )


def test_registry_list_text_and_json() -> None:
    text = run_cli("registry", "list")
    assert text.exit_code == 0 and "openai-services-agreement@2026-01-01" in text.stdout
    data = run_cli("registry", "list", "--format", "json").json
    ids = [t["id"] for t in data["terms"]]
    assert "deepseek-r1-mit@2025-01-20" in ids and data["registry_version"]
    assert all(t["source"].startswith("http") for t in data["terms"])


def test_registry_show_text_and_json() -> None:
    text = run_cli("registry", "show", "openai-services-agreement")
    assert text.exit_code == 0
    assert (
        "3.3(e)" in text.stdout and "what the engine reads" in text.stdout and "non-competing" in text.stdout
    )
    data = run_cli("registry", "show", "openai-services-agreement@2026-01-01", "--format", "json").json
    assert data["id"] == "openai-services-agreement@2026-01-01"
    assert data["provisions"]["outputs"]["allows"] == "non-competing"
    assert any(c["section"] == "3.3(e)" for c in data["clauses"])


def test_registry_show_unknown_id_is_exit_2() -> None:
    run = run_cli("registry", "show", "no-such-licence")
    assert run.exit_code == 2 and "no terms 'no-such-licence'" in run.stderr


def test_json_output_follows_the_contract() -> None:
    run = run_cli("check", str(EXAMPLES / "gpt4o-chat-distill" / "licensecheck.yaml"), "--format", "json")
    report = run.json
    assert report["licensecheck"] == 1
    assert report["verdict"] in ("permitted", "conditional", "needs-review", "prohibited")
    assert report["findings"]
    for f in report["findings"]:
        assert {"subject", "role", "verdict", "terms", "reasons", "obligations", "citations"} <= set(f)
        assert f["role"] in ("teacher", "dataset", "base-model", "generator")
        assert all(isinstance(r, str) for r in f["reasons"]) and f["reasons"]
        for c in f["citations"]:
            assert set(c) == {"terms", "section", "quote", "url"}
    order = ["permitted", "conditional", "needs-review", "prohibited"]
    assert report["verdict"] == max((f["verdict"] for f in report["findings"]), key=order.index)


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) is True
    assert use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Tty()) is False


def test_text_report_is_plain_when_piped() -> None:
    run = run_subprocess("check", str(EXAMPLES / "alpaca-commercial" / "licensecheck.yaml"))
    assert "\033[" not in run.stdout and "PROHIBITED" in run.stdout


def _run_on_a_pty(env: dict[str, str]) -> str:
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    args = [
        sys.executable,
        "-m",
        "licensecheck",
        "check",
        str(EXAMPLES / "alpaca-commercial" / "licensecheck.yaml"),
    ]
    proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    output = read_until_closed(master)
    proc.wait(timeout=60)
    os.close(master)
    return output


def test_colour_on_a_real_terminal_unless_no_color() -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\033[1;31mPROHIBITED" in _run_on_a_pty(env)
    assert "\033[" not in _run_on_a_pty({**env, "NO_COLOR": "1"})


def test_explain_follows_lineage_to_inherited_terms() -> None:
    run = run_cli("explain", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "--format", "json")
    assert run.exit_code == 0
    governing = {g["terms"]: g["lineage"] for g in run.json["governing"]}
    assert governing["deepseek-r1-mit"] == ["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]
    assert governing["llama-3.1-community-license"][-1].lower() == "meta-llama/llama-3.1-8b"
    text = run_cli("explain", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B").stdout
    assert "<- meta-llama/Llama-3.1-8B" in text


def test_explain_pattern_match_and_unknown() -> None:
    api = run_cli("explain", "anthropic:claude-3-opus", "--format", "json")
    assert api.exit_code == 0 and api.json["match_kind"] == "pattern"
    assert {g["terms"] for g in api.json["governing"]} >= {"anthropic-commercial-terms"}
    unknown = run_cli("explain", "nobody/unknown-model")
    assert unknown.exit_code == 1 and "not in the registry" in unknown.stdout


def test_explain_dataset_names_its_generators() -> None:
    run = run_cli("explain", "tatsu-lab/alpaca")
    assert run.exit_code == 0
    assert "openai:text-davinci-003" in run.stdout and "stanford-alpaca-data" in run.stdout


def test_explain_shows_the_period_and_domiciles_terms_govern() -> None:
    run = run_cli("explain", "openai:gpt-4o", "--format", "json")
    windows = {g["terms"]: (g["from"], g["until"]) for g in run.json["governing"]}
    assert windows["openai-terms-of-use"] == (None, "2023-11-13")
    # A version that took effect after the window closed never governs through it.
    old_terms = next(g for g in run.json["governing"] if g["terms"] == "openai-terms-of-use")
    assert [v["id"] for v in old_terms["versions"]] == ["openai-terms-of-use@2023-03-14"]
    assert "only for use from the start until 2023-11-13" in run_cli("explain", "openai:gpt-4o").stdout


def test_explain_and_registry_show_suggest_near_names() -> None:
    explained = run_cli("explain", "deepseek-ai/DeepSeek-R2")
    assert explained.exit_code == 1 and "did you mean" in explained.stdout
    assert "deepseek-ai/DeepSeek-R1" in explained.stdout.split("did you mean", 1)[1]
    shown = run_cli("registry", "show", "llama-3.1-comunity-license")
    assert shown.exit_code == 2
    assert "did you mean llama-3.1-community-license" in shown.stderr


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the group loads its commands when named
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


# Commands that print what a person or a tool reads (not `init`/`lock`, which write their
# own files, nor `hook` helpers).
REPORTING = {
    ("check",),
    ("audit",),
    ("sbom",),
    ("explain",),
    ("resolve",),
    ("schema",),
    ("registry", "list"),
    ("registry", "show"),
    ("waivers",),
}


def test_every_command_that_prints_a_report_takes_o_and_output() -> None:
    from licensecheck.cli.main import cli

    assert set(_commands(cli)) >= REPORTING
    for path in REPORTING:
        command: click.Command = cli
        for name in path:
            assert isinstance(command, click.Group)
            found = command.get_command(click.Context(command), name)
            assert found is not None
            command = found
        [option] = [p for p in command.params if "--output" in getattr(p, "opts", [])]
        assert "-o" in option.opts, path


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "meta-llama/Llama-3.1-8B-Instruct"),
        ("explain", "openai:gpt-4o", "--format", "json"),
        ("registry", "show", "apache-2.0"),
        ("registry", "list", "--format", "json"),
        ("schema",),
        ("resolve", "nobody-lab/unknown-model", "--offline"),
    ],
)
def test_output_writes_to_the_file_exactly_what_stdout_would_show(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    printed = run_cli(*args)
    target = tmp_path / "out.txt"
    written = run_cli(*args, "-o", str(target))
    assert written.exit_code == printed.exit_code and printed.exit_code in (0, 1)
    assert written.stdout == "" and target.read_text(encoding="utf-8") == printed.stdout != ""
