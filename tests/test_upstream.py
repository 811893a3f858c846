"""A dataset that re-publishes others (licensecheck/upstream.py): the upstream licences are
judged beside its own, their generators are its generators, what is unknown upstream needs
review; through `check` and `explain` on the shipped catalogue, and the merge on its own."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

from licensecheck import upstream
from licensecheck.registry import DatasetEntry, Registry
from tests.conftest import AS_OF, findings, project_yaml, run_cli
from tests.fakehub import FakeHub, hub_env

REGISTRY_ROOT = Path(__file__).resolve().parent.parent / "registry"


def entry(name: str, *terms: str, generated_by: tuple[str, ...] = (), **extra: object) -> DatasetEntry:
    return DatasetEntry(name, tuple(terms), None, generated_by, source=None, **extra)  # type: ignore[arg-type]


def test_a_relabelled_copy_of_alpaca_is_judged_under_alpacas_licence_through_check(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.write_text(project_yaml() + "datasets:\n  - id: yahma/alpaca-cleaned\n", encoding="utf-8")
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    assert run.exit_code == 1
    upstream_findings = [f for f in findings(run.json, "yahma/alpaca-cleaned") if len(f["lineage"]) > 1]
    assert upstream_findings and all(
        f["lineage"] == ["yahma/alpaca-cleaned", "tatsu-lab/alpaca"] for f in upstream_findings
    )
    assert {f["terms"].split("@")[0] for f in upstream_findings} == {"stanford-alpaca-data"}
    assert all(f["verdict"] == "prohibited" for f in upstream_findings)  # non-commercial, commercial project
    # Alpaca's generator is the copy's generator too.
    assert findings(run.json, "openai:text-davinci-003", role="generator")


def test_explain_names_the_upstream_and_the_path_to_its_licence() -> None:
    run = run_cli("explain", "yahma/alpaca-cleaned", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert run.json["derived_from"] == ["tatsu-lab/alpaca"]
    assert {"terms": "stanford-alpaca-data", "from": "tatsu-lab/alpaca"} in run.json["upstream_terms"]
    text = run_cli("explain", "yahma/alpaca-cleaned").stdout
    assert "derives from: tatsu-lab/alpaca" in text
    assert "governed by stanford-alpaca-data (through yahma/alpaca-cleaned <- tatsu-lab/alpaca)" in text


def test_explain_reads_the_lock_for_a_hub_dataset_and_shows_the_cards_evidence(
    hub: FakeHub, tmp_path: Path
) -> None:
    hub.dataset("mirror-lab/instruct", license="mit", source_datasets=["orig-lab/instruct"])
    hub.dataset(
        "orig-lab/instruct",
        license="apache-2.0",
        readme="# Instruct\n\n## Dataset Creation\n\nEvery answer was generated with GPT-4 through the API.\n",
    )
    path = tmp_path / "licensecheck.yaml"
    path.write_text(project_yaml() + "datasets:\n  - id: mirror-lab/instruct\n", encoding="utf-8")
    assert run_cli("lock", str(path), env=hub_env(hub, tmp_path)).exit_code == 0
    hub.clear()
    lock = str(tmp_path / "licensecheck.lock")
    run = run_cli("explain", "mirror-lab/instruct", "--lock", lock, "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert hub.paths() == []  # explain asks nothing of the Hub
    assert run.json["derived_from"] == ["orig-lab/instruct"]
    [evidence] = run.json["evidence"]
    assert evidence["generator"] == "openai:gpt-4"
    assert (
        "the card of orig-lab/instruct (revision" in evidence["where"]
        and "README.md line 5" in evidence["where"]
    )
    text = run_cli("explain", "mirror-lab/instruct", "--lock", lock).stdout
    assert "in the Hub's answer recorded in" in text
    assert "inferred: openai:gpt-4 wrote it, as the card of orig-lab/instruct" in text
    # Without the lock the dataset is unknown: it would need review.
    assert run_cli("explain", "mirror-lab/instruct", "--lock", str(tmp_path / "missing.lock")).exit_code == 2
    assert run_cli("explain", "mirror-lab/instruct").exit_code == 1


def test_merge_takes_every_licence_and_generator_once_and_ends_a_cycle() -> None:
    table = {
        "a/copy": entry("a/copy", "mit", derived_from=("b/mid",)),
        "b/mid": entry("b/mid", "cc-by-4.0", generated_by=("openai:gpt-4",)),
        "c/root": entry("c/root", "cc-by-nc-4.0", generated_by=("openai:gpt-4", "anthropic:claude-2")),
    }
    above = {"b/mid": ("c/root", "a/copy"), "c/root": ("b/mid",)}
    merged = upstream.merged(table["a/copy"], ("b/mid",), lambda n: table[n], lambda n: above.get(n, ()))
    assert merged.terms == ("mit", "cc-by-4.0", "cc-by-nc-4.0")
    assert merged.upstream_terms == (("cc-by-4.0", "b/mid"), ("cc-by-nc-4.0", "c/root"))
    assert merged.generated_by == ("openai:gpt-4", "anthropic:claude-2")
    assert merged.derived_from == ("b/mid", "c/root")
    assert merged.gap is None and merged.standing_gaps == ()


def test_merge_fails_closed_on_an_unknown_upstream_and_a_chain_past_the_limit() -> None:
    copy = entry("a/copy", "mit")
    unknown = upstream.merged(copy, ("gone/data",), lambda n: "its Hub lookup failed: 404", lambda n: ())
    # What is unknown upstream stands: a licence declared for the copy does not settle it.
    assert unknown.gap is None
    assert unknown.standing_gaps == (
        "a/copy derives from gone/data, whose licence is unknown: its Hub lookup failed: 404.",
    )
    chain = {f"c/{i}": entry(f"c/{i}", "mit") for i in range(40)}
    long = upstream.merged(
        copy, ("c/0",), lambda n: chain[n], lambda n: (f"c/{int(n[2:]) + 1}",) if int(n[2:]) < 39 else ()
    )
    assert any(f"more than {upstream.MAX_UPSTREAM} datasets" in g for g in long.standing_gaps)
    assert len(long.derived_from) == upstream.MAX_UPSTREAM


def test_merge_dates_the_data_from_the_earliest_to_the_latest_upstream_date() -> None:
    day = datetime.date
    copy = entry(
        "a/copy", "mit", generated_by=("openai:gpt-4",), generated=(day(2023, 4, 1), day(2023, 4, 10))
    )
    root = entry(
        "b/root",
        "mit",
        generated_by=("openai:text-davinci-003",),
        generated=(day(2022, 11, 28), day(2023, 3, 13)),
    )
    merged = upstream.merged(copy, ("b/root",), lambda n: root, lambda n: ())
    assert merged.generated == (day(2022, 11, 28), day(2023, 4, 10))
    undated = upstream.merged(
        copy, ("b/root",), lambda n: entry("b/root", "mit", generated_by=("x:y",)), lambda n: ()
    )
    assert undated.generated == (None, None)  # one part undated: the whole is judged as undated data


def test_merge_dates_each_generator_by_the_dataset_that_names_it() -> None:
    day = datetime.date
    new = entry(
        "a/new", "mit", generated_by=("google:gemini-x",), generated=(day(2024, 12, 19), day(2025, 1, 14))
    )
    old = entry(
        "b/old",
        "mit",
        generated_by=("openai:gpt-4", "google:gemini-x"),
        generated=(day(2023, 3, 14), day(2023, 6, 1)),
    )
    merged = upstream.merged(new, ("b/old",), lambda n: old, lambda n: ())
    windows = dict(merged.generator_windows)
    assert windows["openai:gpt-4"] == (day(2023, 3, 14), day(2023, 6, 1))  # only the old set
    assert windows["google:gemini-x"] == (day(2023, 3, 14), day(2025, 1, 14))  # both: the widest
    assert merged.generated == (day(2023, 3, 14), day(2025, 1, 14))
    undated = upstream.merged(
        new, ("b/old",), lambda n: entry("b/old", "mit", generated_by=("x:y",)), lambda n: ()
    )
    assert dict(undated.generator_windows)["google:gemini-x"] == (day(2024, 12, 19), day(2025, 1, 14))
    assert dict(undated.generator_windows)["x:y"] == (None, None)  # an undated upstream stays undated


def test_a_derived_datasets_own_generator_is_judged_for_its_own_window_through_check(tmp_path: Path) -> None:
    # s1K's traces (Gemini, 2024-12 to 2025-01) are newer than the NuminaMath questions it takes
    # (OpenAI models, 2023-2024): each generator is judged for when it wrote its part.
    path = tmp_path / "licensecheck.yaml"
    path.write_text(project_yaml() + "datasets:\n  - id: simplescaling/s1K\n", encoding="utf-8")
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    gemini = findings(run.json, "google:gemini-2.0-flash-thinking-exp", role="generator")
    assert gemini and all(f["period"]["from"] >= "2024-12-19" for f in gemini), [f["period"] for f in gemini]
    gpt4o = findings(run.json, "openai:gpt-4o", role="generator")
    assert any(f["period"]["from"] < "2024-12-19" for f in gpt4o), [f["period"] for f in gpt4o]


def test_upstream_licences_a_dpi_record_lists_are_judged_through_the_dataset(tmp_path: Path) -> None:
    # Orca-Math's card says MIT; the seed problem sets it re-publishes carry CC BY-NC 4.0 among
    # others (the DPI's record): for a commercial project that governs.
    path = tmp_path / "licensecheck.yaml"
    path.write_text(
        project_yaml(kind="classifier") + "datasets:\n  - id: microsoft/orca-math-word-problems-200k\n",
        encoding="utf-8",
    )
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    judged = {
        f["terms"].split("@")[0]: f for f in findings(run.json, "microsoft/orca-math-word-problems-200k")
    }
    assert judged["mit"]["lineage"] == ["microsoft/orca-math-word-problems-200k"]
    nc = judged["cc-by-nc-4.0"]
    assert nc["verdict"] == "prohibited"
    assert nc["lineage"][1].startswith("its seed problem sets as the DPI records them")
    assert run.json["verdict"] == "prohibited"


def test_an_upstream_licence_the_registry_cannot_map_is_a_gap() -> None:
    registry = Registry()
    base = entry("acme/mirror", "mit")
    merged = registry._with_upstream_licenses(
        base,
        [{"license": "LicenseRef-acme-custom", "from": "acme's crawl", "source": "https://acme.example/x"}],
    )
    assert merged.terms == ("mit",)
    assert merged.standing_gaps == (
        "acme/mirror re-publishes acme's crawl, licensed LicenseRef-acme-custom, which needs review.",
    )


def test_a_sources_own_licence_needs_review_even_when_its_own_sources_pass_terms_on() -> None:
    # The mid dataset's own licence is only a text the copy cannot judge; the terms its root
    # passed on to it are not its own licence (they used to hide the gap).
    mid = entry("b/mid", "cc-by-4.0", upstream_terms=(("cc-by-4.0", "c/root"),), derived_from=("c/root",))
    mid = dataclasses.replace(mid, license="LicenseRef-b-no-licence-declared")
    table = {"b/mid": mid, "c/root": entry("c/root", "cc-by-4.0")}
    merged = upstream.merged(entry("a/copy", "mit"), ("b/mid",), lambda n: table[n], lambda n: ())
    assert merged.terms == ("mit", "cc-by-4.0")
    assert merged.standing_gaps == (
        "a/copy derives from b/mid, whose licence LicenseRef-b-no-licence-declared needs review.",
    )


def test_a_copy_of_openhermes_carries_its_undeclared_licence_through_check(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.write_text(
        project_yaml(use="research", release="internal") + "datasets:\n  - id: HuggingFaceTB/smoltalk\n",
        encoding="utf-8",
    )
    run = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF)
    gaps = [r for f in findings(run.json, "HuggingFaceTB/smoltalk", "dataset") for r in f["reasons"]]
    assert any(
        "derives from teknium/OpenHermes-2.5, whose licence LicenseRef-openhermes-2.5-no-licence-declared"
        in r
        for r in gaps
    )


def test_a_declared_licence_settles_only_the_datasets_own_licence(tmp_path: Path) -> None:
    """A manifest's `license:` replaces what is unknown of the dataset's own licence; it does not
    vouch for what the dataset re-publishes, nor for a gap the catalogue records (this failed open:
    a declared licence dropped an upstream's unknown writers and the verdict read permitted)."""
    root = tmp_path / "registry"
    shutil.copytree(REGISTRY_ROOT, root, ignore=shutil.ignore_patterns("provenance"))
    (root / "catalogue" / "datasets-zz-test.yaml").write_text(
        "datasets:\n"
        "  - {id: acme/seeds, license: MIT, generators_complete: false, source: https://acme.example/s}\n"
        "  - {id: acme/mix, derived_from: [acme/seeds], source: https://acme.example/m}\n"
        "  - id: acme/seeded\n"
        "    license: MIT\n"
        "    gap: Its prompt column keeps text a model nobody named wrote\n"
        "    source: https://acme.example/p\n",
        encoding="utf-8",
    )
    path = tmp_path / "licensecheck.yaml"
    path.write_text(
        project_yaml(kind="classifier", use="research", release="internal")
        + "datasets:\n"
        + "".join(f"  - id: {name}\n    license: MIT\n" for name in ("acme/mix", "acme/seeded")),
        encoding="utf-8",
    )
    run = run_cli("check", str(path), "--registry", str(root), "--format", "json", "--as-of", AS_OF)
    assert run.exit_code == 1, run.stderr
    assert run.json["verdict"] == "needs-review"
    mix = [f for f in findings(run.json, "acme/mix") if f["verdict"] == "needs-review"]
    assert any(
        "Not every model that wrote acme/seeds, from which acme/mix derives" in r
        for f in mix
        for r in f["reasons"]
    )
    assert not any("records no licence for acme/mix" in r for f in mix for r in f["reasons"])
    seeded = [f for f in findings(run.json, "acme/seeded") if f["verdict"] == "needs-review"]
    assert any("a model nobody named wrote" in r for f in seeded for r in f["reasons"])
