"""Benchmark the start-up path of `licensecheck check` (what pre-commit pays on every run).

Writes a 20-entry manifest (and larger ones, to show the cost grows linearly),
runs `licensecheck check` in a fresh interpreter several times, cold (an empty cache:
a first run) and warm (validation and licence parsing remembered, see memo.py), and
compares the medians with `python -c "import yaml, click"`, the floor of any
YAML-reading Click tool. Prints a table; it asserts nothing (timings belong in notes, not tests).

    python benchmarks/bench_check.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEACHERS = [
    "openai:gpt-4o",
    "anthropic:claude-3-5-sonnet",
    "deepseek-ai/DeepSeek-R1",
    "meta-llama/Llama-3.3-70B-Instruct",
    "google:gemini-1.5-pro",
    "Qwen/Qwen2.5-72B-Instruct",
    "mistral:mistral-large",
    "deepseek:deepseek-chat",
    "meta-llama/Llama-3.1-8B-Instruct",
    "nobody/unknown-model",
]
DATASETS = [
    "  - id: tatsu-lab/alpaca",
    "  - path: data/a.jsonl\n    license: CC-BY-4.0",
    "  - path: data/b.jsonl\n    license: MIT OR Apache-2.0",
    "  - id: databricks/databricks-dolly-15k",
    "  - path: data/c.jsonl\n    license: CC0-1.0\n    generated_by: [deepseek-ai/DeepSeek-R1]",
]


def manifest(entries: int) -> str:
    lines = [
        "licensecheck: 1",
        "project:",
        "  name: bench",
        "  use: commercial",
        "  release: hosted",
        "  domicile: US",
        "  student:",
        "    name: Llama-Bench-8B",
        "    base_model: meta-llama/Llama-3.1-8B",
        "teachers:",
    ]
    half = entries // 2
    lines += [f"  - model: {TEACHERS[i % len(TEACHERS)]}" for i in range(half)]
    lines.append("datasets:")
    for i in range(entries - half):
        entry = DATASETS[i % len(DATASETS)]
        if "path:" in entry:
            entry = entry.replace(".jsonl", f"-{i}.jsonl")
        lines.append(entry)
    return "\n".join(lines) + "\n"


def median_seconds(cmd: list[str], runs: int, *, cold: bool = False) -> float:
    """Median wall time; `cold` gives every run an empty cache (a first run on a machine)."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            # Offline, as with a fresh lock: the unknown id must not make this a network benchmark.
            env = {**os.environ, "HF_HUB_OFFLINE": "1"}
            if cold:
                env["LICENSECHECK_CACHE_DIR"] = cache
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    floor = median_seconds([py, "-c", "import yaml, click"], args.runs)
    print(f"python -c 'import yaml, click'        {floor * 1000:7.1f} ms  (1.00x)")
    with tempfile.TemporaryDirectory() as tmp:
        for entries in (20, 200, 2000):
            path = Path(tmp) / f"m{entries}.yaml"
            path.write_text(manifest(entries))
            cmd = [py, "-m", "licensecheck", "check", str(path)]
            cold = median_seconds(cmd, args.runs, cold=True)
            median_seconds(cmd, 1)  # fill the cache
            warm = median_seconds(cmd, args.runs)
            print(
                f"licensecheck check ({entries:>4} entries)  cold {cold * 1000:6.1f} ms ({cold / floor:.2f}x)"
                f"   warm {warm * 1000:6.1f} ms ({warm / floor:.2f}x)"
            )


if __name__ == "__main__":
    main()
