"""Data fingerprints (licensecheck/scan/data.py, registry/fingerprints.yaml): every pattern
matches the mark it is for and not its near miss, and a sample is read the way docs/scan.md
says (whole, in windows, per format) with its record numbers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from licensecheck.scan import data
from licensecheck.scan.compare import DataOutcome, covered_providers, judge_data, providers_of

PRINTS = data.load()
MATCHER = data.Matcher(PRINTS)

# pattern id -> (a text it must match, a near miss it must not)
CASES: dict[str, tuple[str, str]] = {
    "openai-i-am-chatgpt": ("Hello! I am ChatGPT, how can I help?", "I am using ChatGPT to draft my emails."),
    "openai-made-by": (
        "As an AI language model developed by OpenAI, I cannot browse the web.",
        "ChatGPT is a chatbot developed by OpenAI and released in 2022.",
    ),
    "anthropic-i-am-claude": ("I'm Claude, made by Anthropic.", "I'm Claude, and I grew up in Lyon."),
    "anthropic-made-by": (
        "I am an AI assistant created by Anthropic to be helpful.",
        "Claude was created by Anthropic, a company founded in 2021.",
    ),
    "google-i-am-gemini": (
        "I am Gemini, a large language model built by Google.",
        "I am Gemini, so my birthday falls in June.",
    ),
    "google-made-by": (
        "I am a large language model, trained by Google.",
        "The search index was built by Google engineers.",
    ),
    "qwen-i-am-qwen": ("I am Qwen, created by Alibaba Cloud.", "I am using Qwen for my homework."),
    "qwen-made-by-alibaba": (
        "I'm a large language model created by Alibaba Cloud. I can help.",
        "The data centre was built by Alibaba Cloud in 2019.",
    ),
    "qwen-i-am-qwen-zh": (
        "你好\uff0c我是通义千问\uff0c由阿里云开发。",
        "通义千问是一个大模型\uff0c我是学生。",
    ),
    "meta-i-am-llama": (
        "I'm Llama, an AI assistant developed by Meta.",
        "I am Llama, the farm's favourite animal.",
    ),
    "meta-made-by": (
        "I'm an AI assistant developed by Meta. How can I help?",
        "Llama 3 was developed by Meta and released in 2024.",
    ),
    "deepseek-i-am-deepseek": ("I am DeepSeek-V3, an AI assistant.", "I am using DeepSeek for code review."),
    "deepseek-made-by": (
        "I am an intelligent assistant developed by DeepSeek.",
        "The R1 model was developed by DeepSeek in China.",
    ),
    "deepseek-made-by-zh": ("我是由深度求索公司开发的智能助手。", "深度求索是一家公司。"),
    "mistral-made-by": (
        "I am a language model trained by Mistral AI.",
        "Le Chat was trained by Mistral AI on public data.",
    ),
    "xai-i-am-grok": ("I am Grok, built by xAI.", "I am Grok fan number one."),
    "xai-made-by": (
        "I'm an AI model created by xAI to answer questions.",
        "Grok was created by xAI in 2023.",
    ),
    "as-an-ai-language-model": (
        "As an AI language model, I do not have feelings.",
        "As an AI researcher, I have feelings about benchmarks.",
    ),
    "refusal-sorry-cannot-assist": (
        "I\u2019m sorry, but I can\u2019t assist with that.",
        "I'm sorry, but I can't make it to dinner tonight.",
    ),
    "refusal-cannot-fulfill": ("I cannot fulfill this request.", "I cannot fulfill my promise to you."),
    "disclaimer-no-personal-opinions": (
        "I don't have personal opinions, but here are some views.",
        "I don't have personal information about him.",
    ),
    "disclaimer-no-real-time-access": (
        "I do not have access to real-time data, so check the news.",
        "I do not have access to the building on weekends.",
    ),
    "disclaimer-knowledge-cutoff": (
        "As of my last update in 2023, the record stood.",
        "The cutoff for knowledge tests is Friday.",
    ),
}


def matched(text: str) -> set[str]:
    return {p.id for p, _ in MATCHER.match(text)}


def test_every_pattern_has_a_case_and_every_case_a_pattern() -> None:
    assert {p.id for p in PRINTS.patterns} == set(CASES)


@pytest.mark.parametrize("pattern_id", sorted(CASES))
def test_pattern_matches_its_mark_and_not_the_near_miss(pattern_id: str) -> None:
    positive, near_miss = CASES[pattern_id]
    assert pattern_id in matched(positive)
    assert pattern_id not in matched(near_miss)
    # The keyword prefilter must let the positive through, as raw bytes and as JSON writes it.
    for raw in (positive, json.dumps({"text": positive}), json.dumps({"text": positive}, ensure_ascii=False)):
        assert MATCHER.hits(raw.lower().encode("utf-8")), raw


@pytest.mark.parametrize("pattern_id", sorted(CASES))
def test_pattern_found_in_a_jsonl_file(tmp_path: Path, pattern_id: str) -> None:
    positive, near_miss = CASES[pattern_id]
    rows: list[dict[str, object]] = [{"text": f"row {i}: {near_miss}"} for i in range(9)]
    rows.insert(4, {"messages": [{"role": "assistant", "content": positive}]})
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = data.fingerprint(path, "d.jsonl", PRINTS)
    hits = {
        (m.provider, pid, tuple(e.record for e in m.examples))
        for m in report.marks.values()
        for pid in m.patterns
    }
    provider = next(p.provider for p in PRINTS.patterns if p.id == pattern_id)
    assert (provider, pattern_id, (5,)) in hits
    assert report.records == 10


def test_the_patterns_providers_are_declared_in_the_file() -> None:
    assert {p.provider for p in PRINTS.patterns if p.provider} <= set(PRINTS.providers)
    assert all(k == k.lower() for p in PRINTS.patterns for k in p.keywords)


def test_marks_are_counted_per_record_with_two_examples(tmp_path: Path) -> None:
    lines = [json.dumps({"t": "an ordinary sentence"}) for _ in range(1000)]
    for i in (10, 200, 300, 999):
        lines[i] = json.dumps({"t": "As an AI language model developed by OpenAI, I am ChatGPT."})
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = data.fingerprint(path, "d.jsonl", PRINTS)
    openai = report.marks["openai"]
    assert report.records == 1000 and openai.records == 4
    assert openai.per_1000(report.records) == 4.0
    assert dict(openai.patterns) == {"openai-made-by": 4, "openai-i-am-chatgpt": 4}
    assert [e.record for e in openai.examples] == [11, 201]
    assert report.sampled is None and report.bytes_read == path.stat().st_size


def test_a_large_file_is_sampled_in_windows_and_says_so(tmp_path: Path) -> None:
    line = json.dumps({"t": "filler text " * 8}) + "\n"
    marked = json.dumps({"t": "I'm Claude, made by Anthropic."}) + "\n"
    path = tmp_path / "big.jsonl"
    with path.open("w") as f:
        for i in range(40_000):
            f.write(marked if i % 100 == 0 else line)
    size = path.stat().st_size
    budget = size // 8
    report = data.fingerprint(path, "big.jsonl", PRINTS, budget=budget)
    assert report.sampled is not None and "windows" in report.sampled
    assert report.bytes_read <= budget + data.WINDOWS
    anthropic = report.marks["anthropic"]
    assert 5 <= anthropic.per_1000(report.records) <= 15  # 10 per 1,000 in the whole file
    first, second = anthropic.examples
    assert (first.record, first.approximate) == (1, False)
    assert second.record is not None and (second.record - 1) % 100 == 0  # counted exactly, not guessed


def test_json_csv_and_gzip_records(tmp_path: Path) -> None:
    records = [{"q": str(i), "a": "plain"} for i in range(5)]
    records[3]["a"] = "I am Qwen, created by Alibaba Cloud."
    (tmp_path / "d.json").write_text(json.dumps({"data": records}))
    (tmp_path / "d.csv").write_text("q,a\n" + "".join(f'{r["q"]},"{r["a"]}"\n' for r in records))
    with gzip.open(tmp_path / "d.jsonl.gz", "wt") as f:
        f.write("".join(json.dumps(r) + "\n" for r in records))
    for name, fmt in (("d.json", "json"), ("d.csv", "csv"), ("d.jsonl.gz", "jsonl.gz")):
        report = data.fingerprint(tmp_path / name, name, PRINTS)
        assert report.format == fmt and report.records == 5, name
        assert [e.record for e in report.marks["qwen"].examples] == [4], name


def test_parquet_rows_when_pyarrow_is_installed(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = ["plain"] * 50
    texts[20] = "I am DeepSeek, an AI assistant."
    pq.write_table(pa.table({"text": texts, "n": list(range(50))}), tmp_path / "d.parquet", row_group_size=10)
    report = data.fingerprint(tmp_path / "d.parquet", "d.parquet", PRINTS)
    assert report.records == 50 and [e.record for e in report.marks["deepseek"].examples] == [21]


def test_unknown_data_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text("{not json")
    report = data.fingerprint(tmp_path / "d.json", "d.json", PRINTS)
    assert report.problem is not None and report.problem.startswith("not JSON")
    (tmp_path / "b.jsonl").write_bytes(b"\xff\xfe\x00garbage\nI am ChatGPT\x00\n")
    report = data.fingerprint(tmp_path / "b.jsonl", "b.jsonl", PRINTS)
    assert report.problem is None and report.marks["openai"].records == 1


def test_providers_of_references() -> None:
    assert providers_of("openai:gpt-4o", PRINTS) == {"openai"}
    assert providers_of("chatgpt:gpt-4o", PRINTS) == {"openai"}
    assert providers_of("Qwen/Qwen2.5-72B-Instruct", PRINTS) == {"qwen"}
    assert providers_of("alibaba:qwen-max", PRINTS) == {"qwen"}
    assert providers_of("meta-llama/Llama-3.1-8B", PRINTS) == {"meta"}
    assert providers_of("acme/model", PRINTS) == set()


def test_a_generator_derived_from_a_provider_explains_its_marks() -> None:
    lineage = {"deepseek-ai/deepseek-r1-distill-qwen-7b": ["Qwen/Qwen2.5-Math-7B"]}
    covered = covered_providers(["deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"], PRINTS, lineage)
    assert covered == {"deepseek", "qwen"}


def _outcome(tmp_path: Path, text: str, generators: tuple[str, ...]) -> DataOutcome:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"t": text if i == 0 else "plain"}) + "\n" for i in range(10)))
    outcome = DataOutcome("d.jsonl", 3, generators, [data.fingerprint(path, "d.jsonl", PRINTS)])
    judge_data(outcome, PRINTS, {})
    return outcome


def test_marks_of_an_undeclared_provider_need_review(tmp_path: Path) -> None:
    outcome = _outcome(tmp_path, "As an AI language model developed by OpenAI, no.", ())
    assert outcome.needs_review and outcome.unexplained == ["openai"]
    assert "marks of OpenAI in 100.0 per 1,000 sampled records" in outcome.reasons[0]
    assert "d.jsonl record 1" in outcome.reasons[0]
    outcome = _outcome(
        tmp_path, "As an AI language model developed by OpenAI, no.", ("anthropic:claude-3-5-sonnet",)
    )
    assert outcome.unexplained == ["openai"]


def test_marks_of_a_declared_generator_are_consistent(tmp_path: Path) -> None:
    outcome = _outcome(tmp_path, "As an AI language model developed by OpenAI, no.", ("openai:gpt-4",))
    assert not outcome.needs_review and outcome.reasons == []


def test_stock_phrases_need_review_only_when_no_generator_is_declared(tmp_path: Path) -> None:
    outcome = _outcome(tmp_path, "I'm sorry, but I can't assist with that.", ())
    assert outcome.needs_review and outcome.unnamed and "no generator is declared" in outcome.reasons[0]
    outcome = _outcome(tmp_path, "I'm sorry, but I can't assist with that.", ("acme/writer-7b",))
    assert not outcome.needs_review


def test_marks_below_the_threshold_are_reported_but_raise_no_review(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    rows = ["plain"] * 5000
    rows[7] = "I am ChatGPT."
    path.write_text("".join(json.dumps({"t": r}) + "\n" for r in rows))
    outcome = DataOutcome("d.jsonl", 3, (), [data.fingerprint(path, "d.jsonl", PRINTS)])
    judge_data(outcome, PRINTS, {})
    assert outcome.files[0].marks["openai"].records == 1 and not outcome.needs_review
