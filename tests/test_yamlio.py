"""Safe YAML loading: plain data, a line for every path, and errors that name file and line."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensecheck.errors import InputError
from licensecheck.yamlio import MAX_ALIAS_NODES, MAX_NODES, Document, load_file, load_text


def load(text: str) -> Document:
    return load_text(textwrap.dedent(text).lstrip("\n"), "t.yaml")


def error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        load(text)
    assert info.value.file == "t.yaml"
    return info.value


# --- data and lines ---------------------------------------------------------------

NESTED = """\
name: demo
teachers:
  - model: openai:gpt-4o
    purpose: distillation

  - model: meta-llama/Llama-3.1-8B
tags: [a, b]
"""


def test_data_is_plain_python() -> None:
    assert load(NESTED).data == {
        "name": "demo",
        "teachers": [
            {"model": "openai:gpt-4o", "purpose": "distillation"},
            {"model": "meta-llama/Llama-3.1-8B"},
        ],
        "tags": ["a", "b"],
    }


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        (("name",), 1),
        (("teachers",), 3),  # a block sequence starts at its first item
        (("teachers", 0), 3),
        (("teachers", 0, "purpose"), 4),
        (("teachers", 1), 6),  # the blank line is counted
        (("teachers", 1, "model"), 6),
        (("tags", 1), 7),
    ],
)
def test_every_path_has_the_line_of_its_value(path: tuple[str | int, ...], line: int) -> None:
    assert load(NESTED).line(path) == line


def test_key_line_is_where_the_key_is_written() -> None:
    doc = load(NESTED)
    # The value of `teachers` starts on line 3, but a user looks for the key on line 2.
    assert doc.line(("teachers",)) == 3
    assert doc.key_line(("teachers",)) == 2
    # A sequence item has no key: its own line stands in.
    assert doc.key_line(("teachers", 1)) == 6


def test_line_of_an_unknown_path_is_its_nearest_ancestor() -> None:
    # Errors about a missing field point at the mapping that lacks it.
    doc = load(NESTED)
    assert doc.line(("teachers", 1, "via")) == 6
    assert doc.line(("teachers", 7, "model")) == 3
    assert doc.line(("nowhere", "deeper")) == 1


def test_block_scalar_lines() -> None:
    doc = load(
        """
        a: |
          one
          two
        b: 2
        """
    )
    assert doc.data == {"a": "one\ntwo\n", "b": 2}
    assert doc.line(("b",)) == 4


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_document_is_none_without_lines(text: str) -> None:
    doc = load_text(text, "t.yaml")
    assert doc.data is None
    assert doc.marks is None
    assert doc.line(("anything",)) is None
    assert doc.key_line(("anything",)) is None


@pytest.mark.parametrize(
    ("text", "data"),
    [("- 1\n- two\n", [1, "two"]), ("just a string\n", "just a string"), ("42\n", 42)],
)
def test_non_mapping_document_is_returned_as_is(text: str, data: object) -> None:
    # Whether a list or scalar is acceptable is for the caller's schema to say.
    doc = load_text(text, "t.yaml")
    assert doc.data == data
    assert doc.line(()) == 1


def test_document_keeps_the_file_name() -> None:
    assert load_text("a: 1\n", "dir/manifest.yaml").file == "dir/manifest.yaml"


# --- scalars ----------------------------------------------------------------------


def test_dates_become_iso_strings() -> None:
    doc = load(
        """
        day: 2024-01-02
        stamp: 2024-01-02T03:04:05Z
        local: 2024-01-02 03:04:05
        quoted: "2024-01-02"
        list: [2023-12-31]
        """
    )
    assert doc.data == {
        "day": "2024-01-02",
        "stamp": "2024-01-02T03:04:05+00:00",
        "local": "2024-01-02T03:04:05",
        "quoted": "2024-01-02",
        "list": ["2023-12-31"],
    }


def test_an_impossible_date_stays_text_for_its_reader_to_name() -> None:
    # 2023-02-29 looks like a date but is none: the loader keeps the text, and the reader
    # that wants a date names the field (tests/test_manifest_errors.py).
    doc = load(
        """
        ok: 2024-02-29
        bad: 2023-02-29
        """
    )
    assert doc.data == {"ok": "2024-02-29", "bad": "2023-02-29"}


def test_only_true_and_false_are_booleans() -> None:
    # YAML 1.2 reading: `NO` (Norway) and `on` stay words; quoted values are untouched.
    assert load("[NO, On, yes, Off, y, true, False, 'true']").data == [
        "NO",
        "On",
        "yes",
        "Off",
        "y",
        True,
        False,
        "true",
    ]


def test_numbers_and_null() -> None:
    assert load("a: 1\nb: 1.5\nc: 0x10\nd: ~\ne: null\n").data == {
        "a": 1,
        "b": 1.5,
        "c": 16,
        "d": None,
        "e": None,
    }


# --- keys -------------------------------------------------------------------------


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    e = error(
        """
        model: a
        purpose: judge
        model: b
        """
    )
    assert e.line == 3
    assert e.problem == "duplicate key 'model' (first defined on line 1)"


def test_duplicate_key_in_a_nested_mapping() -> None:
    e = error(
        """
        teachers:
          - model: a
          - model: b
            via: azure
            model: c
        """
    )
    assert e.line == 5
    assert "duplicate key 'model' (first defined on line 3)" in e.problem


def test_duplicate_key_in_a_flow_mapping() -> None:
    e = error("x: {a: 1, b: 2, a: 3}\n")
    assert (e.line, e.problem) == (1, "duplicate key 'a' (first defined on line 1)")


def test_same_key_in_different_mappings_is_fine() -> None:
    assert load("a: {k: 1}\nb: {k: 2}\n").data == {"a": {"k": 1}, "b": {"k": 2}}


def test_integer_and_string_key_of_the_same_text_are_duplicates() -> None:
    # Keys become strings, so `1` and `"1"` would silently overwrite each other.
    e = error('"1": one\n1: uno\n')
    assert e.line == 2
    assert "duplicate key '1'" in e.problem


def test_integer_key_becomes_a_string() -> None:
    assert load("2024: x\n").data == {"2024": "x"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\ntrue: x\n", 2),
        ("null: x\n", 1),
        ("~: x\n", 1),
        ("1.5: x\n", 1),
        ("a: 1\n? [1, 2]\n: x\n", 2),
        ("? {k: v}\n: x\n", 1),
    ],
)
def test_non_string_keys_are_errors(text: str, line: int) -> None:
    e = error(text)
    assert (e.line, e.problem) == (line, "mapping keys must be plain strings")


# --- safety -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ok: 1\na: !!python/object:os.system x\n",
        "ok: 1\na: !!python/name:os.system\n",
        "ok: 1\na: !custom x\n",
    ],
)
def test_unsafe_and_unknown_scalar_tags_are_rejected(text: str) -> None:
    e = error(text)
    assert e.line == 2
    assert "could not determine a constructor" in e.problem


CALLED: list[str] = []


def record_call(*args: object) -> str:
    CALLED.append("called")
    return "called"


@pytest.mark.parametrize(
    "text",
    [
        f"a: !!python/object/apply:{__name__}.record_call []\n",
        f"a: !!python/object/new:{__name__}.record_call {{}}\n",
    ],
)
def test_python_tags_on_collections_never_run_code(text: str) -> None:
    # Rejected or read as plain data, but never a call into Python.
    CALLED.clear()
    try:
        data = load(text).data
    except InputError:
        data = None
    assert CALLED == []
    assert data is None or type(data["a"]) in (list, dict)


def test_value_that_does_not_fit_its_tag_is_an_error() -> None:
    e = error("a: 1\nb: !!int many\n")
    assert e.line == 2
    assert e.problem.startswith("invalid value 'many'")


def alias_bomb(levels: int, fan_out: int) -> str:
    """Each level lists the previous one `fan_out` times: fan_out**levels nodes from a few lines."""
    lines = [f"l0: &l0 [{', '.join(['x'] * fan_out)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan_out)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    # 10**9 nodes if expanded; the limit stops it after MAX_NODES.
    started = time.monotonic()
    e = error(alias_bomb(levels=9, fan_out=10))
    assert e.problem == "document too large"
    assert e.line is not None
    assert time.monotonic() - started < 10


def test_aliases_within_the_limit_are_expanded() -> None:
    doc = load(alias_bomb(levels=3, fan_out=3))
    assert doc.data["l2"] == [[["x"] * 3] * 3] * 3
    # Each use of an alias is its own copy, not a shared object.
    assert doc.data["l2"][0] is not doc.data["l2"][1]


def document_of(nodes: int) -> str:
    """A list of exactly `nodes` nodes once aliases are expanded (blocks of 1000 reused by alias)."""
    blocks, rest = divmod(nodes - 1, 1000)  # the outer list is one node
    block = "[" + ", ".join(["0"] * 999) + "]"  # 1 + 999 nodes
    items = [f"&b {block}"] + ["*b"] * (blocks - 1) + ["0"] * rest
    return "[" + ", ".join(items) + "]\n"


def aliases_adding(extra: int) -> str:
    """A list whose aliases add exactly `extra` nodes: each names a two-node list and writes one."""
    return "[&b [0]" + ", *b" * extra + "]\n"


def test_aliases_may_add_max_alias_nodes_and_no_more() -> None:
    at_limit = load_text(aliases_adding(MAX_ALIAS_NODES), "t.yaml").data
    assert len(at_limit) == MAX_ALIAS_NODES + 1 and at_limit[-1] == [0]
    with pytest.raises(InputError, match="document too large"):
        load_text(aliases_adding(MAX_ALIAS_NODES + 1), "t.yaml")


def test_node_limit_counts_every_expanded_node() -> None:
    # Expanded by aliases, this document is far beyond what it writes and the alias budget.
    text = document_of(MAX_ALIAS_NODES * 4)
    assert len(text) < 100_000
    with pytest.raises(InputError, match="document too large"):
        load_text(text, "t.yaml")


def test_a_document_may_write_up_to_max_nodes() -> None:
    # The cap is what a manifest of 100,000 datasets needs, counted while parsing.
    assert MAX_NODES >= 1_600_000
    big = "[" + ", ".join(["a"] * (MAX_NODES - 1)) + "]\n"
    assert len(load_text(big, "t.yaml").data) == MAX_NODES - 1
    with pytest.raises(InputError, match=f"document too large: more than {MAX_NODES} YAML nodes"):
        load_text("[" + ", ".join(["a"] * MAX_NODES) + "]\n", "t.yaml")


def test_undefined_alias_is_a_syntax_error() -> None:
    e = error("a: 1\nb: *nowhere\n")
    assert e.line == 2
    assert e.problem.startswith("YAML syntax error")


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n"])
def test_recursive_alias_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="an alias refers to a node that contains it") as caught:
        load_text(text, "t.yaml")
    assert caught.value.line == 1


def test_merge_key_copies_the_anchored_mapping() -> None:
    doc = load(
        """
        defaults: &d {via: azure, purpose: judge}
        teacher:
          <<: *d
          model: openai:gpt-4o
        """
    )
    assert doc.data["teacher"] == {"via": "azure", "purpose": "judge", "model": "openai:gpt-4o"}


def test_explicit_key_overrides_a_merged_key() -> None:
    doc = load(
        """
        defaults: &d {via: azure, purpose: judge}
        teacher:
          <<: *d
          purpose: distillation
        """
    )
    assert doc.data["teacher"] == {"via": "azure", "purpose": "distillation"}


# --- syntax errors ----------------------------------------------------------------


def test_syntax_error_reports_the_line_and_where_the_construct_started() -> None:
    e = error("a: [1, 2\nb: 3\n")
    assert e.line is not None and e.line >= 2
    assert e.problem.startswith("YAML syntax error")
    assert "starts on line 1" in e.problem


def test_mapping_value_in_a_plain_scalar_is_a_syntax_error() -> None:
    e = error("ok: 1\na: b: c\n")
    assert e.line == 2
    assert "mapping values are not allowed" in e.problem


def test_tab_indentation_is_a_syntax_error() -> None:
    e = error("a:\n\tb: 1\n")
    assert e.line == 2


def test_more_than_one_document_is_an_error() -> None:
    e = error("a: 1\n---\nb: 2\n")
    assert e.line == 2
    assert "single document" in e.problem


def test_input_error_message_has_file_line_and_problem() -> None:
    e = error("a: 1\na: 2\n")
    assert str(e) == "t.yaml:2: duplicate key 'a' (first defined on line 1)"


# --- files ------------------------------------------------------------------------


def test_load_file_reads_utf8_and_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("name: café\n", encoding="utf-8")
    doc = load_file(path)
    assert doc.data == {"name": "café"}
    assert doc.file == str(path)


def test_load_file_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    # Editors on Windows write one; it is not part of the first key.
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_file(path).data == {"a": 1}


def test_errors_from_a_file_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_file(str(path))
    assert (info.value.file, info.value.line) == (str(path), 3)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_file(tmp_path / "absent.yaml")
    assert (info.value.line, info.value.problem) == (None, "file not found")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: café\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load_file(path)
    assert info.value.line == 1  # the line of the first bad byte
    assert info.value.problem.startswith("not UTF-8 text")


def test_directory_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_file(tmp_path)
    assert info.value.line is None
    assert info.value.problem.startswith("cannot read")


# --- the event builder and the composing loader agree ---------------------------------------


def composed(text: str) -> tuple[object, object]:
    from licensecheck.yamlio import MAX_ALIAS_NODES, _compose, _Converter

    node, count = _compose(text)
    assert node is not None
    return _Converter("t.yaml", count + MAX_ALIAS_NODES).convert_document(node)


def built(text: str) -> tuple[object, object] | None:
    from licensecheck.yamlio import _Builder

    return _Builder("t.yaml").build(text)


SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.sampled_from(
        ["yes", "No", "on", "0x1F", "0o17", "017", "1_000", "1:30", "~", "2024-13-01", ".inf", "-"]
    ),
)
KEYS = st.one_of(st.text(min_size=1, max_size=8), st.sampled_from(["1", "yes", "2024-01-02", "On"]))


def _collections(kids: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.lists(kids, max_size=4), st.dictionaries(KEYS, kids, max_size=4))


TREES = st.recursive(SCALARS, _collections, max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(tree=TREES, flow=st.sampled_from([None, True, False]))
def test_the_event_builder_reads_documents_as_the_composer_does(tree: object, flow: bool | None) -> None:
    import yaml

    text = yaml.safe_dump({"root": tree}, default_flow_style=flow, allow_unicode=True)
    fast = built(text)
    if fast is not None:  # else the composing loader builds it: nothing to compare
        assert fast == composed(text)


@pytest.mark.parametrize(
    "text",
    [
        NESTED,
        "a: |\n  one\n  two\nb: 2\n",
        "# c\n\na:   # c\n  - 1\n\n  -   x: y\n      z: [1, {q: r}]\n",
        "- [a, b]\n- {c: d}\n-\n- ''\n",
        "plain\n",
        "2024: x\n'k': \"v\"\nyes: no\n",
        "a: b\n...\n",
    ],
)
def test_the_event_builder_matches_on_ordinary_documents(text: str) -> None:
    fast = built(text)
    assert fast is not None
    assert fast == composed(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "? [1]\n: x\n",
        "a: 1\n---\nb: 2\n",
        "<<: {a: 1}\n",
        "~: 1\n",
    ],
)
def test_the_event_builder_leaves_the_rest_to_the_composer(text: str) -> None:
    assert built(text) is None
