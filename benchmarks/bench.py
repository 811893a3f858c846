"""Measure every performance target of licensecheck (issue 15) and print each with its ratio.

Every figure is a median of ratios of interleaved runs (A, B, B, A, ...) in fresh
interpreters, so the noise of a shared machine falls on both sides alike:

  check, 20 entries, edited     `check` right after the manifest changed (content never seen)
                                / `python -c "import yaml, click"`                  <= 1.50
  check, 20 entries, unchanged  the same manifest again / the same floor             <= 1.25
  check, 20 entries, first run  an empty cache and state directory (for the record)
  check, 10k datasets           / a bare `yaml.load(f, Loader=yaml.CSafeLoader)` of the file,
                                in a fresh interpreter                               <= 1.00
  check, 100k datasets, time    / the 10k check                                      <= 10.5
  check, 100k datasets, memory  peak RSS / the bare parse's peak RSS                 <= 1.20
  sarif 10k, audit html 10k     / the 10k check's text run                           <= 1.50
  hub, 200 uncached ids         wall time against a local Hub answering each in 50 ms < 2 s
  hub, fresh lock               requests made by `check` once `lock` was written     == 0

    python benchmarks/bench.py               # the figures (takes a few minutes)
    python benchmarks/bench.py --smoke       # tiny sizes, one run each: proves it works

It asserts nothing and exits 0 (timings belong in notes, not in tests); each line ends in
"ok" or "MISSED". CI runs only --smoke (tests/test_bench.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"

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
HEADER = [
    "licensecheck: 1",
    "project:",
    "  name: {name}",
    "  use: commercial",
    "  release: hosted",
    "  domicile: US",
    "  student:",
    "    name: Llama-Bench-8B",
    "    base_model: meta-llama/Llama-3.1-8B",
]


def manifest(entries: int, name: str = "bench") -> str:
    """Half teachers (one unknown Hub id among them), half datasets (paths, SPDX, catalogue)."""
    half = entries // 2
    lines = [line.format(name=name) for line in HEADER] + ["teachers:"]
    lines += [f"  - model: {TEACHERS[i % len(TEACHERS)]}" for i in range(half)]
    return "\n".join([*lines, "datasets:", *_datasets(entries - half)]) + "\n"


# The large manifests: shards under four licences, three of every four written by a model
# (17,500 judgements in 10,000 datasets).
SHARD_LICENCES = ["CC-BY-4.0", "MIT", "Apache-2.0", "CC-BY-NC-4.0"]
SHARD_GENERATORS = ["", "openai:gpt-4o", "deepseek-ai/DeepSeek-R1", "meta-llama/Llama-3.3-70B-Instruct"]


def datasets_manifest(count: int) -> str:
    """A project trained on `count` data shards (distinct paths)."""
    lines = [line.format(name="bench-data") for line in HEADER] + ["datasets:"]
    for i in range(count):
        lines.append(f"  - path: data/shard-{i:06d}.jsonl\n    license: {SHARD_LICENCES[i % 4]}")
        if SHARD_GENERATORS[i % 4]:
            lines.append(f"    generated_by: [{SHARD_GENERATORS[i % 4]}]")
    return "\n".join(lines) + "\n"


def _datasets(count: int) -> list[str]:
    out = []
    for i in range(count):
        entry = DATASETS[i % len(DATASETS)]
        out.append(entry.replace(".jsonl", f"-{i}.jsonl") if "path:" in entry else entry)
    return out


def hub_manifest(count: int) -> str:
    """`count` teachers that no catalogue lists: each one is a Hub lookup."""
    lines = [line.format(name="bench-hub") for line in HEADER] + ["teachers:"]
    lines += [f"  - model: bench-lab/model-{i}" for i in range(count)]
    return "\n".join(lines) + "\n"


# --- running ---------------------------------------------------------------------------


_NOTED: set[tuple[str, ...]] = set()


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_kib: int
    code: int


def run(cmd: Sequence[str], env: dict[str, str], before: Callable[[], None] | None = None) -> Sample:
    """One fresh interpreter: wall time, peak resident memory (its own, from wait4), exit code."""
    if before is not None:
        before()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1) and tuple(cmd) not in _NOTED:
        _NOTED.add(tuple(cmd))
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        print(f"    note: {' '.join(cmd[-3:])} exited {proc.returncode}: {tail[0][:200]}", flush=True)
    return Sample(elapsed, usage.ru_maxrss, proc.returncode)


@dataclass(frozen=True)
class Pair:
    a: list[Sample]
    b: list[Sample]

    def ratio(self) -> float:
        return statistics.median(y.seconds / x.seconds for x, y in zip(self.a, self.b, strict=True))

    def memory_ratio(self) -> float:
        return statistics.median(y.peak_kib / x.peak_kib for x, y in zip(self.a, self.b, strict=True))

    def ok(self) -> bool:
        return all(s.code in (0, 1) for s in self.b)


def interleaved(a: Callable[[], Sample], b: Callable[[], Sample], runs: int, warmup: bool = True) -> Pair:
    """A and B alternately (A B, B A, ...), after one unmeasured run of each."""
    if warmup:
        a(), b()
    xs, ys = [], []
    for i in range(runs):
        if i % 2:
            ys.append(b())
            xs.append(a())
        else:
            xs.append(a())
            ys.append(b())
    return Pair(xs, ys)


def line(label: str, figure: str, value: float, limit: float, *, upper: bool = True) -> None:
    ok = value <= limit if upper else value < limit
    verdict = "ok" if ok else "MISSED"
    print(f"{label:<48} {figure:<34} {value:7.2f}  (target <= {limit:g})  {verdict}", flush=True)


def refused(label: str) -> None:
    print(f"{label:<48} {'refused (see the note above)':<34}      -  MISSED", flush=True)


def ms(samples: Sequence[Sample]) -> str:
    return f"{statistics.median(s.seconds for s in samples) * 1000:.0f} ms"


# --- the targets -------------------------------------------------------------------


@dataclass
class Bench:
    tmp: Path
    runs: int
    large_runs: int
    sizes: tuple[int, int, int]  # small entries, large datasets, huge datasets
    hub_ids: int
    py: str = sys.executable

    def env(self, cache: str = "cache", **extra: str) -> dict[str, str]:
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "LICENSECHECK_CACHE_DIR": str(self.tmp / cache / "cache"),
            "LICENSECHECK_STATE_DIR": str(self.tmp / cache / "state"),
            "NO_COLOR": "1",
        }
        env.update(extra)
        return env

    def check(self, path: Path, *extra: str) -> list[str]:
        return [self.py, "-m", "licensecheck", "check", str(path), "--as-of", AS_OF, *extra]

    def floor_import(self) -> Callable[[], Sample]:
        return lambda: run([self.py, "-c", "import yaml, click"], self.env())

    def small(self) -> None:
        entries = self.sizes[0]
        path = self.tmp / "small" / "licensecheck.yaml"
        path.parent.mkdir()
        path.write_text(manifest(entries))
        floor = self.floor_import()
        cmd = self.check(path)
        edits = iter(range(10**9))

        def edit() -> None:  # content never seen before: another name each time
            path.write_text(manifest(entries, name=f"bench-edit-{next(edits)}"))

        def fresh() -> None:
            subprocess.run(["rm", "-rf", str(self.tmp / "cold")], check=True)

        label = f"check {entries} entries"
        edited = interleaved(floor, lambda: run(cmd, self.env(), before=edit), self.runs)
        line(f"{label}, edited / import yaml,click", f"{ms(edited.b)} vs {ms(edited.a)}", edited.ratio(), 1.5)
        path.write_text(manifest(entries))
        same = interleaved(floor, lambda: run(cmd, self.env()), self.runs)
        line(f"{label}, unchanged / import yaml,click", f"{ms(same.b)} vs {ms(same.a)}", same.ratio(), 1.25)
        cold = interleaved(floor, lambda: run(cmd, self.env("cold"), before=fresh), self.runs)
        print(
            f"{label + ', first run / import yaml,click':<48} {ms(cold.b) + ' vs ' + ms(cold.a):<34}"
            f" {cold.ratio():7.2f}  (for the record)",
            flush=True,
        )

    def large(self) -> None:
        count, huge = self.sizes[1], self.sizes[2]
        folder = self.tmp / "large"
        folder.mkdir()
        big, bigger = folder / "m-large.yaml", folder / "m-huge.yaml"
        big.write_text(datasets_manifest(count))
        bigger.write_text(datasets_manifest(huge))

        def bare(path: Path) -> Callable[[], Sample]:
            code = f"import yaml\nwith open({str(path)!r}) as f: yaml.load(f, Loader=yaml.CSafeLoader)"
            return lambda: run([self.py, "-c", code], self.env())

        def check(path: Path, *extra: str) -> Callable[[], Sample]:
            return lambda: run(self.check(path, *extra), self.env())

        n, hn = (
            f"{count // 1000}k" if count >= 1000 else str(count),
            f"{huge // 1000}k" if huge >= 1000 else str(huge),
        )
        vs_parse = interleaved(bare(big), check(big), self.large_runs)
        line(
            f"check {n} datasets / bare CSafeLoader parse",
            f"{ms(vs_parse.b)} vs {ms(vs_parse.a)}",
            vs_parse.ratio(),
            1.0,
        )
        scale = interleaved(check(big), check(bigger), self.large_runs)
        if not scale.ok():
            refused(f"check {hn} datasets / check {n}")
        else:
            line(f"check {hn} datasets / check {n}", f"{ms(scale.b)} vs {ms(scale.a)}", scale.ratio(), 10.5)
        memory = interleaved(bare(bigger), check(bigger), self.large_runs)
        peak = statistics.median(s.peak_kib for s in memory.b) / 1024
        bare_peak = statistics.median(s.peak_kib for s in memory.a) / 1024
        if not memory.ok():
            refused(f"check {hn} datasets, peak RSS / bare parse's")
        else:
            line(
                f"check {hn} datasets, peak RSS / bare parse's",
                f"{peak:.0f} MiB vs {bare_peak:.0f} MiB",
                memory.memory_ratio(),
                1.2,
            )
        for fmt, cmd in (
            ("sarif", self.check(big, "--format", "sarif")),
            (
                "audit html",
                [self.py, "-m", "licensecheck", "audit", str(big), "--format", "html", "--as-of", AS_OF],
            ),
        ):
            pair = interleaved(check(big), lambda cmd=cmd: run(cmd, self.env()), self.large_runs)
            line(f"{fmt} {n} datasets / check text", f"{ms(pair.b)} vs {ms(pair.a)}", pair.ratio(), 1.5)

    def hub(self) -> None:
        sys.path.insert(0, str(REPO))
        from tests.fakehub import FakeHub

        count = self.hub_ids
        folder = self.tmp / "hub"
        folder.mkdir()
        path = folder / "licensecheck.yaml"
        path.write_text(hub_manifest(count))
        server = FakeHub()
        for i in range(count):
            server.model(
                f"bench-lab/model-{i}",
                script=["sleep:0.05"],
                readme="# A model\n\nA fine-tune for support chats.\n",
                readme_script=["sleep:0.05"],  # the card's text is a second request, as slow
                license="mit",
            )
        server.start()
        try:
            env = self.env("hub", HF_ENDPOINT=server.url, HF_HUB_OFFLINE="")
            times = []
            for i in range(self.runs if count >= 100 else 1):
                env["LICENSECHECK_CACHE_DIR"] = str(folder / f"cache-{i}")  # uncached each time
                times.append(run(self.check(path), env).seconds)
            asked = len(server.paths())
            line(
                f"hub: {count} uncached ids, 50 ms each (s)",
                f"{asked} requests over {len(times)} runs",
                statistics.median(times),
                2.0,
                upper=False,
            )
            env["LICENSECHECK_CACHE_DIR"] = str(folder / "cache-lock")
            subprocess.run(
                [self.py, "-m", "licensecheck", "lock", str(path)],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            server.clear()
            env["LICENSECHECK_CACHE_DIR"] = str(folder / "cache-after-lock")  # the lock alone
            run(self.check(path), env)
            line("hub: check with a fresh lock (requests)", "", len(server.paths()), 0)
        finally:
            server.stop()


@contextmanager
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="licensecheck-bench-") as tmp:
        yield Path(tmp)


def compile_package(py: str) -> None:
    """Byte-compile the licensecheck that `python -m licensecheck` runs, as pip does on install:
    an editable checkout under PYTHONDONTWRITEBYTECODE would otherwise compile every run."""
    code = (
        "import compileall, licensecheck, os;"
        " compileall.compile_dir(os.path.dirname(licensecheck.__file__), quiet=1)"
    )
    subprocess.run([py, "-c", code], check=True, cwd=tempfile.gettempdir())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs per small figure")
    parser.add_argument("--large-runs", type=int, default=5, help="pairs per 10k/100k figure")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run each (CI)")
    parser.add_argument(
        "--only", choices=["small", "large", "hub"], action="append", help="run only these groups"
    )
    args = parser.parse_args(argv)
    groups = args.only or ["small", "large", "hub"]
    with workspace() as tmp:
        if args.smoke:
            bench = Bench(tmp, runs=1, large_runs=1, sizes=(20, 50, 500), hub_ids=5)
        else:
            bench = Bench(tmp, args.runs, args.large_runs, sizes=(20, 10_000, 100_000), hub_ids=200)
        if not args.smoke:  # a smoke run measures nothing; it leaves the checkout as it was
            compile_package(sys.executable)
        print(f"licensecheck benchmarks ({'smoke' if args.smoke else 'full'}), {sys.executable}", flush=True)
        for group in groups:
            getattr(bench, group)()


if __name__ == "__main__":
    main()
