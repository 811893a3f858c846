"""SPDX expressions become alternatives: pick any one alternative, meet every licence in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensecheck import licenses, memo
from licensecheck.licenses import MAX_ALTERNATIVES, ExpressionError, LicenseExpression, parse


@pytest.fixture
def fresh_parse() -> Iterator[None]:
    """Empty parse's in-process cache, so the on-disk memo (a fresh directory per test) is consulted."""
    parse.cache_clear()
    yield
    parse.cache_clear()


def memo_files() -> list[Path]:
    return sorted((memo.cache_root() / "memo" / "spdx").glob("*.json"))


# --- alternatives -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("MIT", [["MIT"]]),
        ("Apache-2.0 OR MIT", [["Apache-2.0"], ["MIT"]]),
        # Inside an alternative the ids are sorted, so AND is order-free.
        ("MIT AND Apache-2.0", [["Apache-2.0", "MIT"]]),
        # AND distributes over OR.
        ("MIT AND (Apache-2.0 OR BSD-3-Clause)", [["Apache-2.0", "MIT"], ["BSD-3-Clause", "MIT"]]),
        (
            "(MIT OR Apache-2.0) AND (BSD-2-Clause OR ISC)",
            [["BSD-2-Clause", "MIT"], ["ISC", "MIT"], ["Apache-2.0", "BSD-2-Clause"], ["Apache-2.0", "ISC"]],
        ),
        # AND binds tighter than OR.
        ("MIT OR Apache-2.0 AND BSD-3-Clause", [["MIT"], ["Apache-2.0", "BSD-3-Clause"]]),
        # Repeats collapse, both inside an alternative and across alternatives.
        ("MIT AND MIT", [["MIT"]]),
        ("MIT OR MIT OR MIT", [["MIT"]]),
        ("(MIT AND Apache-2.0) OR (Apache-2.0 AND MIT)", [["Apache-2.0", "MIT"]]),
    ],
)
def test_expression_becomes_its_alternatives(text: str, alternatives: list[list[str]]) -> None:
    assert parse(text).alternatives == tuple(tuple(alt) for alt in alternatives)


def test_alternatives_are_tuples_of_str() -> None:
    # Callers hash and compare them; lists or licence symbols would break that.
    (alternative,) = parse("MIT AND Apache-2.0").alternatives
    assert isinstance(alternative, tuple)
    assert all(type(key) is str for key in alternative)


def test_ids_are_matched_case_insensitively_and_normalised() -> None:
    # SPDX ids compare case-insensitively; the normalised form uses the canonical case.
    expr = parse("mit AND apache-2.0")
    assert expr.normalized == "MIT AND Apache-2.0"
    assert expr.alternatives == (("Apache-2.0", "MIT"),)


def test_text_is_kept_as_written_while_whitespace_is_ignored() -> None:
    expr = parse("  MIT   AND  Apache-2.0 ")
    assert expr.text == "  MIT   AND  Apache-2.0 "
    assert expr.normalized == "MIT AND Apache-2.0"


def test_with_exception_binds_under_the_base_licence() -> None:
    # An exception only adds permissions: the base licence is what must be met.
    expr = parse("GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT")
    assert expr.alternatives == (("GPL-2.0-or-later",), ("MIT",))
    assert "WITH Classpath-exception-2.0" in expr.normalized


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("Apache-2.0+", [["Apache-2.0"]]),
        ("MPL-2.0+ AND MIT", [["MIT", "MPL-2.0"]]),
        ("(MPL-2.0+) OR MIT", [["MPL-2.0"], ["MIT"]]),
    ],
)
def test_or_later_suffix_judges_the_named_version(text: str, alternatives: list[list[str]]) -> None:
    # "X+" is X or any later version: X itself is always one of the choices.
    assert parse(text).alternatives == tuple(tuple(alt) for alt in alternatives)


@pytest.mark.parametrize(
    "text", ["LicenseRef-acme-model-1.0", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"]
)
def test_license_ref_ids_are_accepted_verbatim(text: str) -> None:
    # User-defined ids: unknown to the SPDX list, yet valid anywhere a licence id is.
    assert parse(text).alternatives == ((text,),)


def test_license_ref_mixes_with_spdx_ids() -> None:
    assert parse("LicenseRef-llama-3.1 AND MIT").alternatives == (("LicenseRef-llama-3.1", "MIT"),)


@pytest.mark.parametrize(
    ("text", "ref"),
    [("NOASSERTION", "LicenseRef-spdx-NOASSERTION"), (" NONE ", "LicenseRef-spdx-NONE")],
)
def test_no_licence_values_become_license_refs(text: str, ref: str) -> None:
    # SPDX's "nothing determined" / "none applies" map to ids the registry can map (or flag).
    assert parse(text).alternatives == ((ref,),)


CHOICES = [
    ("MIT", "Apache-2.0"),
    ("BSD-2-Clause", "BSD-3-Clause"),
    ("ISC", "Zlib"),
    ("CC0-1.0", "Unlicense"),
    ("MPL-2.0", "EPL-2.0"),
    ("CC-BY-4.0", "CC-BY-SA-4.0"),
    ("GPL-3.0-only", "AGPL-3.0-only"),
]


def choices(n: int) -> str:
    """`n` independent choices of two licences: 2**n alternatives."""
    return " AND ".join(f"({a} OR {b})" for a, b in CHOICES[:n])


def test_alternatives_up_to_the_cap_are_judged() -> None:
    # Six independent choices of two: exactly 2**6 == MAX_ALTERNATIVES alternatives.
    text = choices(6)
    assert MAX_ALTERNATIVES == 64
    assert len(parse(text).alternatives) == MAX_ALTERNATIVES


def test_too_many_alternatives_is_an_error() -> None:
    # Seven choices of two multiply to 128 alternatives: refused rather than judged slowly.
    text = choices(7)
    with pytest.raises(ExpressionError, match="too many alternatives"):
        parse(text)


# --- errors -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_expression_is_an_error(text: str) -> None:
    with pytest.raises(ExpressionError, match="empty"):
        parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "MIT AND",
        "MIT OR OR Apache-2.0",
        "(MIT",
        "MIT)",
        "MIT WITH",
        "MIT,Apache-2.0",
        "MIT/Apache-2.0",
        # An exception cannot stand alone, and a licence cannot be an exception.
        "Classpath-exception-2.0",
        "GPL-2.0-only WITH MIT",
    ],
)
def test_malformed_expression_is_an_error_quoting_it(text: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert f"invalid SPDX license expression {text!r}" in str(info.value)


def test_unknown_ids_are_all_named() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("Apache-2.0 OR Foo-1.0 OR Bar-2")
    message = str(info.value)
    assert "unknown SPDX license id(s)" in message
    # Both unknown ids are listed; the known one is not blamed.
    assert ": Foo-1.0, Bar-2 (use an id from spdx.org/licenses" in message


@pytest.mark.parametrize(
    "text",
    [
        "LicenseRef-",  # no idstring
        "LicenseRef-foo_bar",  # SPDX idstrings are letters, digits, '.' and '-'
        "LicenseRef-a+b",  # '+' only counts as a suffix
        "DocumentRef-:LicenseRef-x",
    ],
)
def test_malformed_license_ref_is_unknown(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse(text)


def test_no_licence_values_only_stand_alone() -> None:
    # NOASSERTION is a whole-field value in SPDX, not a licence id to combine.
    with pytest.raises(ExpressionError, match="NOASSERTION"):
        parse("MIT OR NOASSERTION")


def test_expression_error_is_a_value_error() -> None:
    # Callers that validate input catch ValueError.
    assert issubclass(ExpressionError, ValueError)


# --- caching ----------------------------------------------------------------------


def test_parse_returns_the_cached_object_for_the_same_text() -> None:
    assert parse("Apache-2.0 OR MIT") is parse("Apache-2.0 OR MIT")


@pytest.mark.usefixtures("fresh_parse")
def test_a_successful_parse_is_remembered_on_disk() -> None:
    assert memo_files() == []
    parse("(Apache-2.0 OR MIT)")
    parse("MIT AND (Apache-2.0 OR ISC)")
    assert len(memo_files()) == 2


@pytest.mark.usefixtures("fresh_parse")
def test_the_common_expressions_come_from_the_shipped_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_parse(text: str) -> LicenseExpression:
        raise AssertionError(f"asked the library about {text!r}")

    monkeypatch.setattr(licenses, "_parse", must_not_parse)
    assert parse("mit or Apache-2.0").alternatives == (("MIT",), ("Apache-2.0",))
    assert parse("GPL-2.0").normalized == "GPL-2.0-only"  # an alias, as the library reads it
    assert memo_files() == []


@pytest.mark.usefixtures("fresh_parse")
def test_a_remembered_answer_is_used_without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    first = parse("MIT AND (Apache-2.0 OR ISC)")
    parse.cache_clear()

    def must_not_parse(text: str) -> LicenseExpression:
        raise AssertionError(f"parsed {text!r} again despite the memo")

    monkeypatch.setattr(licenses, "_parse", must_not_parse)
    again = parse("MIT AND (Apache-2.0 OR ISC)")
    # JSON gives back lists; the answer must be rebuilt as the same tuples.
    assert again == first
    assert isinstance(again.alternatives[0], tuple)


@pytest.mark.usefixtures("fresh_parse")
def test_errors_are_not_remembered() -> None:
    with pytest.raises(ExpressionError):
        parse("MIT AND")
    assert memo_files() == []


@pytest.mark.usefixtures("fresh_parse")
@pytest.mark.parametrize("content", ["[1, 2]", "not json {", '"a string"'])
def test_an_unusable_memo_entry_is_a_miss(content: str) -> None:
    parse("(Apache-2.0 OR MIT)")
    (entry,) = memo_files()
    entry.write_text(content, encoding="utf-8")
    parse.cache_clear()
    assert parse("(Apache-2.0 OR MIT)").alternatives == (("Apache-2.0",), ("MIT",))


# --- the shipped id table reads as the library does -------------------------------------


def test_every_name_in_the_table_is_the_id_the_library_reads() -> None:
    from license_expression import LicenseSymbol

    from licensecheck import spdxids

    table = spdxids.ids()
    assert len(table) > 500 and table["mit"] == "MIT" and table["apache-2.0"] == "Apache-2.0"
    licensing = licenses._licensing()
    for name, key in table.items():
        symbol = licensing.parse(name, validate=False, strict=True)
        assert type(symbol) is LicenseSymbol and str(symbol) == key, name
        assert not licensing.unknown_license_keys(symbol)


WORDS = st.sampled_from(
    ["MIT", "mit", "Apache-2.0", "CC-BY-NC-4.0", "gpl-3.0", "BSD-2", "Nope-1.0", "LicenseRef-x"]
)
OPERATORS = st.sampled_from(["AND", "OR", "and", "Or", "WITH", "+"])


@settings(max_examples=300, deadline=None)
@given(first=WORDS, rest=st.lists(st.tuples(OPERATORS, WORDS), max_size=4), gap=st.sampled_from([" ", "  "]))
def test_the_table_reads_what_it_reads_as_the_library_does(
    first: str, rest: list[tuple[str, str]], gap: str
) -> None:
    text = gap.join([first, *(w for pair in rest for w in pair)])
    fast = licenses._from_table(text)
    if fast is not None:  # else the library reads it: nothing to compare
        slow = licenses._parse(text)
        assert (fast.normalized, fast.alternatives) == (slow.normalized, slow.alternatives)
