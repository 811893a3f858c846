"""Hostile input: each attack through the real CLI ends in exit 2 and a located message
(file, line, what is wrong), never a traceback, a hang, a crash or a better verdict.

Attacks: YAML that nests, repeats or grows without bound; files that are no regular
file; codes that are no country; waivers that decide nothing; ids that look like other
ids; and control characters meant for the reader's terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck.safefile import MAX_FILE_BYTES
from licensecheck.yamlio import MAX_DEPTH, MAX_NODES, MAX_STRING_LENGTH
from tests.conftest import AS_OF, REPO, Run, WriteManifest, project_yaml, run_cli, run_subprocess

POLICY = REPO / "policies" / "default.yaml"


def check(path: Path, *extra: str) -> Run:
    return run_cli("check", str(path), "--as-of", AS_OF, *extra)


def refused(run: Run, where: str, *phrases: str) -> bool:
    """Exit 2, the message names `where` (file:line) and says each phrase; no traceback.
    (On failure pytest shows the Run, stderr included.)"""
    return (
        run.exit_code == 2
        and "Traceback" not in run.stderr
        and where in run.stderr
        and all(phrase in run.stderr for phrase in phrases)
    )


def teacher(model: str) -> str:
    return f"teachers:\n  - model: {model}\n"


# --- 1. YAML that nests, repeats or grows ---------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "[" * 500 + "]" * 500,
        "{a: " * 500 + "1" + "}" * 500,
        "[{a: " * 250 + "1" + "}]" * 250,
    ],
    ids=["sequences", "mappings", "mixed"],
)
def test_deep_flow_nesting_is_refused_with_its_line(manifest: WriteManifest, value: str) -> None:
    path = manifest(project_yaml() + f"teachers: {value}\n")
    assert refused(check(path), f"{path}:11:", f"nested too deeply: more than {MAX_DEPTH} levels")


def test_very_deep_nesting_does_not_crash_the_interpreter(manifest: WriteManifest) -> None:
    # Before: a RecursionError traceback at this depth (and libyaml's own composer, deeper, a SIGSEGV).
    path = manifest("a: " + "[" * 9_000 + "]" * 9_000 + "\n")
    run = run_subprocess("check", str(path))
    assert refused(run, f"{path}:1:", "nest")  # libyaml's parser may stop it first, at its own limit


def test_deep_block_nesting_is_refused(manifest: WriteManifest) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v\n"
    path = manifest(text)
    assert refused(check(path), str(path), "nested too deeply")


def test_aliases_that_nest_deeper_than_what_they_name_are_refused(manifest: WriteManifest) -> None:
    # Each anchor is 10 levels deep and holds the previous one: expanded, 100 levels.
    lines = ["a0: &a0 " + "[" * 10 + "1" + "]" * 10]
    lines += [f"a{i}: &a{i} " + "[" * 10 + f"*a{i - 1}" + "]" * 10 for i in range(1, 10)]
    path = manifest("\n".join(lines) + "\n")
    assert refused(check(path), str(path), "nested too deeply")


def test_a_huge_string_is_refused(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + "datasets:\n  - path: " + "x" * (MAX_STRING_LENGTH + 1) + "\n")
    assert refused(check(path), f"{path}:12:", f"a string longer than {MAX_STRING_LENGTH} characters")


def test_a_huge_mapping_key_is_refused(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + "? " + "k" * (MAX_STRING_LENGTH + 1) + "\n: 1\n")
    assert refused(check(path), f"{path}:11:", "a string longer than")


def test_too_many_nodes_are_refused_while_composing(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + "datasets: [" + ", ".join(["0"] * (MAX_NODES + 1)) + "]\n")
    assert refused(check(path), f"{path}:11:", f"document too large: more than {MAX_NODES} YAML nodes")


def test_an_alias_bomb_is_refused(manifest: WriteManifest) -> None:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    path = manifest("\n".join(lines) + "\n")
    assert refused(check(path), str(path), "document too large")


def test_a_nul_byte_is_refused_with_its_line(manifest: WriteManifest) -> None:
    path = manifest(project_yaml().replace("name: t\n", "name: t\x00x\n"))
    assert refused(check(path), f"{path}:3:", "a NUL character (U+0000) is not allowed in YAML")


def test_a_raw_escape_byte_is_refused_with_its_line(manifest: WriteManifest) -> None:
    path = manifest(project_yaml().replace("use: commercial", "use: comm\x1b[2Jercial"))
    run = check(path)
    assert refused(run, f"{path}:4:", "(U+001B) is not allowed in YAML")
    assert "\x1b" not in run.stderr


def test_bytes_that_are_not_utf8_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.write_bytes(project_yaml().encode() + b"teachers:\n  - model: caf\xe9/x\n")
    assert refused(check(path), f"{path}:12:", "not UTF-8 text")


def test_a_deeply_nested_policy_is_refused(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("policy: 1\nname: p\nrules: " + "[" * 500 + "]" * 500 + "\n")
    path = manifest(project_yaml())
    assert refused(check(path, "--policy", str(policy)), f"{policy}:3:", "nested too deeply")


def test_a_policy_with_a_nul_byte_is_refused_with_its_line(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.read_text().replace("name:", "\x00name:", 1))
    text = POLICY.read_text()
    line = text[: text.index("name:")].count("\n") + 1
    assert refused(
        check(manifest(project_yaml()), "--policy", str(policy)), f"{policy}:{line}:", "NUL character"
    )


def test_a_policy_alias_bomb_is_refused(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    policy.write_text("\n".join(lines) + "\n")
    assert refused(
        check(manifest(project_yaml()), "--policy", str(policy)), str(policy), "document too large"
    )


# --- 2. files that are not regular files, or too big -------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_manifest_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    os.mkfifo(path)
    assert refused(check(path), str(path), "it is a FIFO (named pipe), not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_manifest_linked_to_a_device_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.symlink_to("/dev/zero")
    assert refused(check(path), str(path), "it is a device, not a regular file")


def test_a_directory_manifest_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    path.mkdir()
    assert refused(check(path), str(path), "it is a directory")


def test_a_manifest_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "licensecheck.yaml"
    with path.open("wb") as handle:  # sparse: the test writes almost nothing
        handle.truncate(MAX_FILE_BYTES + 1)
    assert refused(check(path), str(path), f"file too large: more than {MAX_FILE_BYTES} bytes")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_policy_is_refused(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    os.mkfifo(policy)
    assert refused(check(manifest(project_yaml()), "--policy", str(policy)), str(policy), "FIFO")


def test_a_policy_over_the_size_cap_is_refused(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    with policy.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert refused(check(manifest(project_yaml()), "--policy", str(policy)), str(policy), "file too large")


# --- 3. domicile ------------------------------------------------------------------------

LLAMA_4 = "meta-llama/Llama-4-Scout-17B-16E-Instruct"


@pytest.mark.parametrize("code", ["XX", "ZZ", "QQ", "AA", "XK", "SU"])
def test_an_unassigned_domicile_is_an_input_error(manifest: WriteManifest, code: str) -> None:
    # XX once turned Llama 4's needs-review (domicile unknown) into conditional.
    path = manifest(project_yaml(domicile=code) + teacher(LLAMA_4))
    assert refused(
        check(path), f"{path}:8:", f"project.domicile: '{code}' is not an ISO 3166-1 alpha-2 country code"
    )


def test_uk_is_refused_with_the_iso_code(manifest: WriteManifest) -> None:
    path = manifest(project_yaml(domicile="UK"))
    assert refused(
        check(path), f"{path}:8:", "'UK' is not an ISO 3166-1 alpha-2 country code (did you mean GB?)"
    )


def test_a_domicile_with_a_trailing_newline_is_refused(manifest: WriteManifest) -> None:
    # JSON Schema's `$` matches before a final newline: "US\n" passed the pattern.
    path = manifest(project_yaml(domicile='"US\\n"'))
    assert refused(check(path), f"{path}:8:", "project.domicile: 'US\\n' is not")


@pytest.mark.parametrize("code", ["US", "DE", "GB", "EU", "EEA", "EL"])
def test_countries_and_registry_regions_are_accepted(manifest: WriteManifest, code: str) -> None:
    run = check(manifest(project_yaml(domicile=code) + teacher(LLAMA_4)))
    assert run.exit_code in (0, 1), run.stderr


# --- 4. waivers -------------------------------------------------------------------------


def waiver(subject: str, approved_by: str = "legal@acme.example", reason: str = "signed") -> str:
    return (
        f"waivers:\n  - subject: {subject}\n    approved_by: {approved_by}\n"
        f"    reason: {reason}\n    expires: 2099-01-01\n"
    )


NC_DATA = "datasets:\n  - path: data/Train.jsonl\n    license: CC-BY-NC-4.0\n"


@pytest.mark.parametrize(
    ("field", "value"),
    [("approved_by", '""'), ("approved_by", '"   "'), ("reason", '" \\t "'), ("subject", '"  "')],
)
def test_a_blank_waiver_field_is_refused(manifest: WriteManifest, field: str, value: str) -> None:
    fields = {"subject": "data/Train.jsonl", "approved_by": "legal@acme.example", "reason": "signed"}
    fields[field] = value
    path = manifest(project_yaml() + NC_DATA + waiver(**fields))
    run = check(path)
    assert run.exit_code == 2 and "Traceback" not in run.stderr, run.stderr
    assert f"waivers[0].{field}" in run.stderr and f"{path}:1" in run.stderr, run.stderr


def test_a_waiver_subject_with_surrounding_spaces_is_refused(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + NC_DATA + waiver('" data/Train.jsonl"'))
    assert refused(
        check(path), f"{path}:15:", "waivers[0].subject: ' data/Train.jsonl' has leading or trailing spaces"
    )


def test_a_local_path_waiver_must_match_case(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + NC_DATA + waiver("data/train.jsonl"))
    run = check(path, "--format", "json")
    assert run.exit_code == 1
    assert all(f.get("waiver") is None for f in run.json["findings"]), run.json
    exact = manifest(project_yaml() + NC_DATA + waiver("data/Train.jsonl"))
    assert check(exact).exit_code == 0


def test_hub_and_api_waivers_still_compare_case_insensitively(manifest: WriteManifest) -> None:
    data = "datasets:\n  - id: tatsu-lab/alpaca\n"
    path = manifest(project_yaml() + data + waiver("TATSU-LAB/Alpaca"))
    waived = [f for f in check(path, "--format", "json").json["findings"] if f["role"] == "dataset"]
    assert waived and all(f["verdict"] == "permitted" for f in waived), waived
    api = manifest(project_yaml() + teacher("openai:gpt-4o") + waiver("OpenAI:GPT-4o"))
    assert check(api).exit_code == 0


def test_a_waiver_reason_with_a_bidirectional_override_is_refused(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + NC_DATA + waiver("data/Train.jsonl", reason='"ok \\u202e lagel"'))
    run = check(path)
    assert refused(run, f"{path}:17:", "a bidirectional control RIGHT-TO-LEFT OVERRIDE (U+202E)", "\\u202e")
    assert "\u202e" not in run.stderr


# --- 5. look-alike, invisible and control characters --------------------------------------


def test_a_cyrillic_letter_in_a_model_id_is_named_with_the_id_meant(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + teacher("meta-llama/Ll\u0430ma-2-70b-chat-hf"))
    assert refused(
        check(path),
        f"{path}:12:",
        "teachers[0].model: 'meta-llama/Ll\u0430ma-2-70b-chat-hf' contains a Cyrillic '\u0430' (U+0430",
        "did you mean meta-llama/Llama-2-70b-chat-hf?",
    )


def test_a_greek_letter_in_the_base_model_is_named(manifest: WriteManifest) -> None:
    path = manifest(project_yaml(base="meta-llama/Ll\u03b1ma-3.1-8B-Instruct"))
    assert refused(
        check(path),
        f"{path}:11:",
        "project.student.base_model",
        "a Greek '\u03b1' (U+03B1 GREEK SMALL LETTER ALPHA)",
        "(it mixes Greek and Latin letters)",
        "did you mean meta-llama/Llama-3.1-8B-Instruct?",
    )


def test_a_zero_width_space_in_an_api_ref_is_shown_as_an_escape(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + teacher('"openai:gpt\\u200b-4o"'))
    run = check(path)
    assert refused(
        run, f"{path}:12:", "'openai:gpt\\u200b-4o' contains an invisible ZERO WIDTH SPACE (U+200B)"
    )
    assert "did you mean openai:gpt-4o?" in run.stderr
    assert "\u200b" not in run.stderr


def test_a_bidirectional_override_in_a_dataset_id_is_shown_as_an_escape(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + 'datasets:\n  - id: "tatsu-lab/\\u202eacapla"\n')
    run = check(path)
    assert refused(run, f"{path}:12:", "datasets[0].id", "RIGHT-TO-LEFT OVERRIDE (U+202E)", "\\u202e")
    assert "\u202e" not in run.stderr


def test_a_cyrillic_dataset_id_is_named_with_the_catalogue_id(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + "datasets:\n  - id: tatsu-lab/\u0430lpaca\n")
    assert refused(
        check(path), f"{path}:12:", "a Cyrillic '\u0430' (U+0430", "did you mean tatsu-lab/alpaca?"
    )


def test_a_look_alike_in_a_generator_is_named(manifest: WriteManifest) -> None:
    data = "datasets:\n  - path: d.jsonl\n    license: MIT\n    generated_by: [\u03bfpenai:gpt-4o]\n"
    path = manifest(project_yaml() + data)
    assert refused(check(path), f"{path}:14:", "datasets[0].generated_by[0]", "a Greek '\u03bf'")


def test_a_look_alike_in_a_hub_dataset_url_is_named(manifest: WriteManifest) -> None:
    data = "datasets:\n  - url: https://huggingface.co/datasets/tatsu-lab/alp\u0430ca\n"
    path = manifest(project_yaml() + data)
    assert refused(check(path), f"{path}:12:", "datasets[0].url", "did you mean tatsu-lab/alpaca?")


def test_fullwidth_letters_are_named(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + teacher("\uff4deta-llama/Llama-3.3-70B-Instruct"))
    assert refused(check(path), f"{path}:12:", "a fullwidth '\uff4d' (U+FF4D", "did you mean")


def test_an_escape_sequence_in_an_unknown_key_is_shown_as_an_escape(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + '"teach\\e[2Jers": []\n')
    run = check(path)
    assert refused(run, f"{path}:11:", "unknown field 'teach\\x1b[2Jers'")
    assert "\x1b" not in run.stderr


def test_an_escape_sequence_in_an_enum_value_is_shown_as_an_escape(manifest: WriteManifest) -> None:
    path = manifest(project_yaml(use='"commercial\\e]0;pwned\\a"'))
    run = check(path)
    assert refused(run, f"{path}:4:", "project.use must be one of")
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr


def test_a_control_character_in_a_local_path_is_refused(manifest: WriteManifest) -> None:
    path = manifest(project_yaml() + 'datasets:\n  - path: "data/\\e[8mhidden.jsonl"\n    license: MIT\n')
    run = check(path)
    assert refused(run, f"{path}:12:", "datasets[0].path", "a control character (U+001B)", "\\x1b[8m")
    assert "\x1b" not in run.stderr


def test_a_policy_error_shows_control_characters_as_escapes(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        'policy: 1\nname: p\nrules:\n  - id: "x\\e[31m"\n    when: {use: commercial}\n'
        "    verdict: permitted\n    reason: r\n"
    )
    run = check(manifest(project_yaml()), "--policy", str(policy))
    assert refused(run, str(policy), "\\x1b[31m")
    assert "\x1b" not in run.stderr


def test_non_ascii_local_paths_stay_allowed(manifest: WriteManifest) -> None:
    path = manifest(
        project_yaml() + "datasets:\n  - path: donn\u00e9es/entra\u00eenement.jsonl\n    license: MIT\n"
    )
    assert check(path).exit_code in (0, 1)


# --- properties: whatever the text, no traceback ----------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    # The only function-scoped fixtures are the offline-Hub environment: the same for every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_YAMLISH = st.text(
    alphabet=st.sampled_from([*"abc:-[]{}&*!|>'\"#%@`,?\n\t \\0129.", "\x00", "\x1b", "\u202e", "\u0430"]),
    max_size=200,
)


def _checked(tmp_path: Path, text: str) -> Run:
    """`check` of `text` written as the manifest, offline."""
    path = tmp_path / "licensecheck.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return run_cli("check", str(path), "--as-of", AS_OF, "--offline")


def _clean_exit(run: Run) -> bool:
    """A verdict (0, 1) or an input error (2), never a traceback."""
    return run.exit_code in (0, 1, 2) and "Traceback" not in run.stderr


@PROPERTY_SETTINGS
@given(text=_YAMLISH)
def test_random_yamlish_text_never_ends_in_a_traceback(tmp_path: Path, text: str) -> None:
    run = _checked(tmp_path, text)
    assert _clean_exit(run), run


@PROPERTY_SETTINGS
@given(body=_YAMLISH)
def test_random_text_after_a_valid_project_never_ends_in_a_traceback(tmp_path: Path, body: str) -> None:
    run = _checked(tmp_path, project_yaml() + body)
    assert _clean_exit(run), run


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.text(max_size=30),
    st.sampled_from(
        ["openai:gpt-4o", "meta-llama/Llama-3.1-8B", "tatsu-lab/alpaca", "2024-01-01", "MIT", "US"]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=10,
)
_TEACHER = st.fixed_dictionaries(
    {"model": st.one_of(st.sampled_from(["openai:gpt-4o", "meta-llama/Llama-4-Scout-17B-16E"]), _SCALARS)},
    optional={"via": _VALUES, "purpose": _VALUES, "from": _VALUES, "until": _VALUES},
)
_DATASET = st.fixed_dictionaries(
    {},
    optional={
        "id": _SCALARS,
        "path": _SCALARS,
        "url": _SCALARS,
        "license": _SCALARS,
        "generated_by": _VALUES,
        "generated": _VALUES,
    },
)
_WAIVER = st.fixed_dictionaries(
    {},
    optional={"subject": _SCALARS, "approved_by": _SCALARS, "reason": _SCALARS, "expires": _SCALARS},
)
_MANIFESTS = st.fixed_dictionaries(
    {
        "licensecheck": st.sampled_from([1, 1, 2, "1"]),
        "project": st.fixed_dictionaries(
            {"name": _SCALARS, "use": st.sampled_from(["commercial", "research", "x"])},
            optional={
                "release": st.sampled_from(["open-weights", "hosted", "internal", "y"]),
                "domicile": st.one_of(st.sampled_from(["US", "EU", "XX", "UK", "de"]), _SCALARS),
                "monthly_active_users": _SCALARS,
                "student": _VALUES,
            },
        ),
    },
    optional={
        "teachers": st.lists(_TEACHER, max_size=2),
        "datasets": st.lists(_DATASET, max_size=2),
        "waivers": st.lists(_WAIVER, max_size=2),
        "extra": _VALUES,
    },
)


@PROPERTY_SETTINGS
@given(data=_MANIFESTS)
def test_random_structured_manifests_never_end_in_a_traceback(
    tmp_path: Path, data: dict[str, object]
) -> None:
    import yaml

    run = _checked(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert _clean_exit(run), run


# --- waivers: one per subject, a length a policy may cap, the audit reads the engine's -----


def test_two_waivers_for_one_subject_are_refused(manifest: WriteManifest) -> None:
    second = "  - subject: DATA/train.jsonl\n    approved_by: b@acme.example\n    reason: r\n    expires: 2099-01-01\n"
    path = manifest(project_yaml() + NC_DATA + waiver("data/Train.jsonl") + second)
    assert refused(
        check(path), f"{path}:19:", "a second waiver for 'DATA/train.jsonl' (the first is on line 15)"
    )


def test_a_policy_may_cap_waiver_text(manifest: WriteManifest, tmp_path: Path) -> None:
    policy = tmp_path / "capped.yaml"
    policy.write_text(
        POLICY.read_text().replace("name: default", "name: capped\nwaivers: {max_text_length: 20}")
    )
    path = manifest(project_yaml() + NC_DATA + waiver("data/Train.jsonl", reason="x" * 21))
    assert refused(
        check(path, "--policy", str(policy)), f"{path}:15:", "reason is 21 characters", "at most 20"
    )
    short = manifest(project_yaml() + NC_DATA + waiver("data/Train.jsonl", reason="x" * 20), "short.yaml")
    assert check(short, "--policy", str(policy)).exit_code == 0


def test_the_audit_lists_a_waiver_where_the_engine_applied_it(manifest: WriteManifest) -> None:
    # The waiver names another file than the one declared (case differs): it applies to nothing.
    path = manifest(project_yaml() + NC_DATA + waiver("data/train.jsonl"))
    run = run_cli("audit", str(path), "--format", "json", "--as-of", AS_OF)
    [use] = run.json["waivers"]
    assert use["status"] == "unused" and use["applies_to"] == []


@pytest.mark.parametrize(
    ("domicile", "terms"),
    [("EU", "openai-eu-terms-of-use"), ("DE", "openai-eu-terms-of-use"), ("US", "openai-terms-of-use")],
)
def test_a_region_code_falls_under_the_larger_region_it_is_part_of(
    manifest: WriteManifest, domicile: str, terms: str
) -> None:
    # ChatGPT's European terms govern licensees in the EEA; the EU is wholly inside it.
    path = manifest(project_yaml(domicile=domicile) + teacher("chatgpt:gpt-4o"))
    found = {f["terms"].split("@")[0] for f in check(path, "--format", "json").json["findings"] if f["terms"]}
    assert found == {terms}
