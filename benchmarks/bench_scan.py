"""Benchmark `licensecheck scan` on what pre-commit meets: a repository of 2,000 Python files,
and `scan --data` on a 1 GB JSON Lines dataset.

The repository mixes ordinary modules (no model use: the byte search skips them), training
scripts (`from_pretrained`, `load_dataset`) and data-generation scripts (an OpenAI client
through OpenRouter), each a few hundred lines. The dataset's records are chat turns, one in
two hundred carrying a provider's marks. Each command runs in a fresh interpreter, as the
hook does; the medians are printed, with `python -c "import yaml, click"` as the floor.
It asserts nothing (timings belong in notes, not tests).

    python benchmarks/bench_scan.py [--files 2000] [--gigabytes 1.0] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MANIFEST = """\
licensecheck: 1
project:
  name: bench
  use: research
  release: internal
  domicile: US
  student:
    name: Bench-7B
    base_model: Qwen/Qwen2.5-7B
teachers:
  - model: openai:gpt-4o
    via: openrouter
datasets:
  - id: tatsu-lab/alpaca
  - path: data/chat.jsonl
    license: CC-BY-4.0
    generated_by: [anthropic:claude-3-5-sonnet]
"""

ORDINARY = '''\
"""Module {i}: utilities."""

import math
from dataclasses import dataclass


@dataclass
class Point{i}:
    x: float
    y: float

    def norm(self) -> float:
        return math.hypot(self.x, self.y)

'''

TRAINING = '''\
"""Training script {i}."""

import os
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = os.environ.get("BASE_MODEL", "Qwen/Qwen2.5-7B")
tokenizer = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE)
data = load_dataset("tatsu-lab/alpaca", split="train")
extra = load_dataset("json", data_files="data/chat.jsonl")
'''

GENERATION = '''\
"""Data generation {i}."""

import os
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ.get("KEY"))


def ask(prompt: str) -> str:
    messages = [{{"role": "user", "content": prompt}}]
    out = client.chat.completions.create(model="openai/gpt-4o", messages=messages)
    return out.choices[0].message.content
'''

FILLER = '''

def helper_{i}_{j}(values: list[float]) -> float:
    """Average of the values, or zero."""
    total = 0.0
    for v in values:
        total += v * {j}
    return total / max(1, len(values))
'''


def make_repo(root: Path, count: int) -> None:
    (root / "licensecheck.yaml").write_text(MANIFEST)
    rng = random.Random(18)
    for i in range(count):
        folder = root / f"pkg{i % 40}"
        folder.mkdir(exist_ok=True)
        roll = rng.random()
        head = GENERATION if roll < 0.1 else TRAINING if roll < 0.3 else ORDINARY
        body = head.format(i=i) + "".join(FILLER.format(i=i, j=j) for j in range(25))
        (folder / f"mod{i}.py").write_text(body)


def make_data(path: Path, size: int) -> int:
    """A JSON Lines file of about `size` bytes; returns its size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(18)
    plain = [
        json.dumps(
            {"prompt": f"Question {n} about topic {n % 97}?", "response": "A careful answer. " * (5 + n % 20)}
        )
        for n in range(500)
    ]
    marked = json.dumps(
        {"prompt": "Who are you?", "response": "As an AI language model developed by OpenAI, I cannot say."}
    )
    block = "\n".join(marked if rng.random() < 0.005 else rng.choice(plain) for _ in range(20_000)) + "\n"
    data = block.encode()
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(data)
            written += len(data)
    return path.stat().st_size


def median_seconds(cmd: list[str], runs: int, cwd: Path) -> tuple[float, int]:
    samples, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            cmd,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        samples.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(samples), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the inputs here and keep them")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-scan-"))
    repo = base / "repo"
    data_repo = base / "data-repo"
    if not repo.exists():
        repo.mkdir(parents=True)
        make_repo(repo, args.files)
    size = int(args.gigabytes * (1 << 30))
    chat = data_repo / "data" / "chat.jsonl"
    if not chat.exists() or chat.stat().st_size < size:
        data_repo.mkdir(parents=True, exist_ok=True)
        (data_repo / "licensecheck.yaml").write_text(MANIFEST)
        make_data(chat, size)
    exe = [sys.executable, "-m", "licensecheck"]
    rows = [
        ("python -c 'import yaml, click' (the floor)", [sys.executable, "-c", "import yaml, click"], repo),
        (f"scan of {args.files} Python files", [*exe, "scan"], repo),
        (f"check --scan of {args.files} Python files", [*exe, "check", "--scan", "--offline"], repo),
        (
            f"scan --data of {chat.stat().st_size / (1 << 30):.2f} GiB JSONL",
            [*exe, "scan", "--data"],
            data_repo,
        ),
    ]
    print(f"{'command':<48} {'median':>9}  exit")
    for label, cmd, cwd in rows:
        seconds, code = median_seconds(cmd, args.runs, cwd)
        print(f"{label:<48} {seconds:>8.2f}s  {code}")
    report = subprocess.run(
        [*exe, "scan", "--data", "--format", "json"], cwd=data_repo, capture_output=True, text=True
    )
    (entry,) = json.loads(report.stdout)["data"]
    (file,) = entry["files"]
    read = file["bytes_read"] / (1 << 20)
    print(f"sampled: {file['sampled']}; {file['records']} records, {read:.0f} MiB read")
    for marks in file["marks"]:
        print(f"  {marks['provider']}: {marks['per_1000']} per 1,000 sampled records (5 in the file)")
    if not args.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
