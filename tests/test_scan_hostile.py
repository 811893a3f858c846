"""Hostile trees and data: `licensecheck scan` reports what it cannot read and never crashes,
hangs or reads past its bounds (docs/scan.md, Bounds)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from licensecheck.scan import files
from tests.conftest import project_yaml, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file types")


def scan(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    started = time.monotonic()
    run = run_cli("scan", str(root), "--format", "json", *args)
    assert time.monotonic() - started < 60
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.json


def problems(report: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    return {p["file"]: (p["problem"], p["needs_review"]) for p in report["problems"]}


def test_files_that_cannot_be_read_are_reported(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(
        'import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o")\n'
    )
    root = tmp_path / "repo"
    root.mkdir()
    (root / "big.py").write_bytes(b"import openai\n" + b"x = 1\n" * (files.MAX_SOURCE_BYTES // 6 + 10))
    (root / "big_plain.py").write_bytes(b"x = 1\n" * (files.MAX_SOURCE_BYTES // 6 + 10))
    (root / "junk.py").write_bytes(os.urandom(4096) + b"from_pretrained" + os.urandom(64) + b"\xff\xfe")
    (root / "deep.py").write_text("from openai import OpenAI\nx = " + "(" * 1000 + "1" + ")" * 1000 + "\n")
    (root / "syntax.py").write_text('from transformers import AutoModel\nAutoModel.from_pretrained("x/y"\n')
    (root / "link.py").symlink_to(outside / "secret.py")
    os.mkfifo(root / "pipe.py")
    (root / "notebook.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "openai((("}]}')
    (root / "broken.ipynb").write_bytes(b"\x00\x01openai\x02")
    (root / "bomb.yaml").write_text("a: &a [x, x]\nb: &b [*a, *a]\nmodel_name_or_path: [unclosed\n")
    (root / "ok.py").write_text(
        'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini")\n'
    )
    code, report = scan(root)
    assert code == 1
    found = problems(report)
    assert found["big.py"] == ("larger than 2 MiB: not read", True)
    assert "big_plain.py" not in found  # cannot use a model: nothing to say
    assert found["junk.py"][0].startswith("not UTF-8") and found["junk.py"][1]
    assert found["deep.py"] == ("invalid Python syntax (line 2): too many nested parentheses", True)
    assert found["syntax.py"][0].startswith("invalid Python syntax (line 2)") and found["syntax.py"][1]
    assert found["link.py"] == ("a link out of the scanned tree: not read", False)
    assert found["pipe.py"] == ("not a regular file", False)
    assert found["notebook.ipynb"][0].startswith("cell 1:")
    assert found["broken.ipynb"][0].startswith("not a notebook")
    assert found["bomb.yaml"][0].startswith("not read as a config") and not found["bomb.yaml"][1]
    # The readable file is still read; nothing from outside the tree is.
    assert [(u["file"], u["ref"]) for u in report["uses"]] == [("ok.py", "openai:gpt-4o-mini")]


def test_a_notebook_over_its_bound_is_not_parsed(tmp_path: Path) -> None:
    cell = {"cell_type": "code", "source": "from openai import OpenAI\n", "outputs": []}
    padding = {"cell_type": "markdown", "source": "x" * (files.MAX_NOTEBOOK_BYTES + 10)}
    (tmp_path / "huge.ipynb").write_text(json.dumps({"cells": [cell, padding]}))
    code, report = scan(tmp_path)
    assert code == 1 and problems(report) == {"huge.ipynb": ("larger than 20 MiB: not read", True)}


def test_the_file_bound_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILES", 3)
    for i in range(6):
        (tmp_path / f"m{i}.py").write_text("x = 1\n")
    code, report = scan(tmp_path)
    assert code == 1 and report["files"] == {"listed": 3, "read": 0, "truncated": True}
    assert report["needs_review"]


def test_skipped_directories_and_git_ignores(tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    line = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n'
    for where in (
        ".venv/lib/x.py",
        "node_modules/x.py",
        ".hidden/x.py",
        "ignored/x.py",
        "env/x.py",
        "src/x.py",
    ):
        path = tmp_path / where
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(line)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / ".gitignore").write_text("ignored/\n")
    _, report = scan(tmp_path)
    assert {u["file"] for u in report["uses"]} == {"src/x.py"}
    _, report = scan(tmp_path, "--exclude", "src")
    assert report["uses"] == []


def test_hostile_data_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "licensecheck.yaml").write_text(
        project_yaml()
        + "datasets:\n"
        + "".join(
            f"  - path: {p}\n    license: CC0-1.0\n"
            for p in ("zero.jsonl", "one-line.jsonl", "binary.jsonl", "missing.jsonl", "fifo.jsonl", "dir")
        )
    )
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    with (tmp_path / "one-line.jsonl").open("w") as f:  # 80 MiB without a line break
        f.write(
            '{"t": "'
            + "a" * (40 * 1024 * 1024)
            + " As an AI language model developed by OpenAI "
            + "b" * (40 * 1024 * 1024)
        )
    (tmp_path / "binary.jsonl").write_bytes(os.urandom(1 << 20))
    os.mkfifo(tmp_path / "fifo.jsonl")
    (tmp_path / "dir").mkdir()
    for i in range(80):
        (tmp_path / "dir" / f"part-{i:03}.jsonl").write_text('{"t": "I am ChatGPT."}\n')
    code, report = scan(tmp_path, "--data")
    by_name = {d["dataset"]: d for d in report["data"]}
    assert by_name["zero.jsonl"]["files"][0]["problem"] == "not a regular file"
    assert by_name["missing.jsonl"]["problem"] == "not found"
    assert by_name["fifo.jsonl"]["files"][0]["problem"] == "not a regular file"
    one = by_name["one-line.jsonl"]["files"][0]
    assert one["bytes_read"] <= 64 * 1024 * 1024 + 1 and one["sampled"]
    assert len(by_name["dir"]["files"]) == 64  # at most MAX_FILES of a directory
    assert by_name["dir"]["unexplained_providers"] == ["openai"]
    assert code == 1
