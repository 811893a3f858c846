"""Each dataset shape rendered once (report/shapes.py): every format writes, byte for byte,
what rendering each dataset on its own writes, whatever the names hold."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest

from licensecheck import audit as audit_mod
from licensecheck import engine
from licensecheck import manifest as manifest_mod
from licensecheck import policy as policy_mod
from licensecheck.finding import Finding, Role
from licensecheck.registry import Registry
from licensecheck.report import AUDIT_FORMATS, CHECK_FORMATS, render_audit, render_check
from licensecheck.report.shapes import Names, _texts
from licensecheck.report.subjects import blocks
from licensecheck.result import NAME_SLOT, Result
from licensecheck.verdict import Verdict
from tests.conftest import WriteManifest

# Names that need escaping in every format, and names that hold another dataset's name.
NAMES = [
    'data/"quoted".jsonl',
    "data/<b>&amp;</b>.jsonl",
    "données/ünïcode “curly” — §.jsonl",
    "data/a.jsonl",
    "data/a.jsonl.bak",
    "x/data/a.jsonl",
    "data/tab\there.jsonl",
    "data/it's & <it>.jsonl",
    "DATA/A.JSONL.BAK2",
]
SHAPES = [
    ("MIT", []),
    ("CC-BY-NC-4.0", ["meta-llama/Llama-3.3-70B-Instruct"]),
    ("Apache-2.0", ["openai:gpt-4o"]),
    ("CC-BY-4.0", ["deepseek-ai/DeepSeek-R1", "openai:gpt-4o"]),
]


def _manifest(names: list[str]) -> str:
    lines = [
        "licensecheck: 1",
        "project:",
        "  name: shapes",
        "  use: commercial",
        "  release: hosted",
        "  domicile: US",
        "  student:",
        "    name: Llama-Shapes-8B",
        "    base_model: meta-llama/Llama-3.1-8B",
        "datasets:",
    ]
    for i, name in enumerate(names):
        licence, generators = SHAPES[i % len(SHAPES)]
        lines.append(f"  - path: {json.dumps(name)}\n    license: {licence}")
        if generators:
            lines.append(f"    generated_by: [{', '.join(generators)}]")
    lines += [
        "waivers:",  # one dataset's findings changed by a waiver: rendered on its own
        f"  - subject: {json.dumps(names[1])}",
        "    approved_by: legal@acme.example",
        "    reason: Separate agreement",
        "    expires: 2027-01-01",
    ]
    return "\n".join(lines) + "\n"


AS_OF = datetime.date(2026, 6, 1)
WHEN = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)


def _results(manifest: WriteManifest) -> tuple[Result, Result, Registry]:
    """The run as judged (shapes fanned out), and each dataset judged on its own."""
    names = [f"{n}" if k == 0 else f"{n}.{k}" for k in range(3) for n in NAMES]
    parsed = manifest_mod.load(manifest(_manifest(names)))
    registry, policy = Registry(), policy_mod.load()
    fanned = engine.evaluate(parsed, registry, policy, AS_OF)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine._Judge, "dataset", lambda self, d: self._dataset(d, d.name))
        alone = engine.evaluate(parsed, registry, policy, AS_OF)
    assert fanned.fanouts and not alone.fanouts
    return fanned, alone, registry


def test_most_datasets_are_rendered_from_their_shape(manifest: WriteManifest) -> None:
    """The comparisons below are not empty: most datasets take their shape's rendering, and
    the waived one does not."""
    fanned, _, _ = _results(manifest)
    top = [b for b in blocks(fanned) if b.role is Role.DATASET]
    shaped = [b for b in top if b.template is not None]
    assert len(shaped) >= len(top) - 3
    assert all(b.template is None for b in top if b.ref == f"{NAMES[1]}")
    assert {id(b.template) for b in shaped} and len({id(b.template) for b in shaped}) <= len(SHAPES)


@pytest.mark.parametrize("fmt", sorted(CHECK_FORMATS))
@pytest.mark.parametrize("detail", ["summary", "normal", "verbose"])
def test_check_formats_write_the_same_bytes_as_each_dataset_alone(
    manifest: WriteManifest, fmt: str, detail: str
) -> None:
    fanned, alone, _ = _results(manifest)
    plain = dataclasses.replace(fanned, fanouts={})  # the same records, rendered one by one
    shaped = render_check(fmt, [fanned], detail=detail)
    assert shaped == render_check(fmt, [plain], detail=detail)
    assert shaped == render_check(fmt, [alone], detail=detail)
    assert NAME_SLOT not in shaped and "\0" not in shaped
    if fmt == "sarif":
        log = json.loads(shaped)
        subjects = {r["properties"]["subject"] for r in log["runs"][0]["results"]}
        assert {NAMES[1], NAMES[5], f"{NAMES[5]}.2"} <= subjects  # (CC-BY-NC: prohibited)
        prints = [r["partialFingerprints"]["licensecheckFinding/v1"] for r in log["runs"][0]["results"]]
        assert len(prints) == len(set(prints))


@pytest.mark.parametrize("fmt", sorted(AUDIT_FORMATS))
def test_audit_formats_write_the_same_bytes_as_each_dataset_alone(manifest: WriteManifest, fmt: str) -> None:
    fanned, alone, registry = _results(manifest)
    pages = [
        render_audit(fmt, audit_mod.build(r, registry, when=WHEN))
        for r in (fanned, dataclasses.replace(fanned, fanouts={}), alone)
    ]
    assert pages[0] == pages[1] == pages[2]
    assert NAME_SLOT not in pages[0]


def test_a_name_that_would_merge_two_texts_does_not_fit_its_shape() -> None:
    """A shape whose reasons are "uses <name>" and "uses data/x": the name data/x would make
    them one, and the engine says each reason once, so that dataset is rendered on its own."""
    finding = Finding(NAME_SLOT, Role.DATASET, Verdict.PERMITTED, None, (f"uses {NAME_SLOT}", "uses data/x"))
    names = Names([finding])
    assert names.fit("data/y")
    assert not names.fit("data/x")


def test_a_name_that_would_make_two_slotted_texts_one_does_not_fit_its_shape() -> None:
    """Reasons "a<name>" and "<name>a": the name "a" makes both "aa", so that dataset's copy
    would say one reason where the shape says two."""
    finding = Finding(NAME_SLOT, Role.DATASET, Verdict.PERMITTED, None, (f"a{NAME_SLOT}", f"{NAME_SLOT}a"))
    names = Names([finding])
    assert names.fit("b")
    assert not names.fit("a")


@pytest.mark.parametrize(
    ("reasons", "any_length"),
    [
        ((f"{NAME_SLOT}-b", f"x{NAME_SLOT}y{NAME_SLOT}", "xaya", "uses aaa", f"{NAME_SLOT}ab"), False),
        # As long, as many slots, in the same places: never one, whatever the name.
        ((f"p{NAME_SLOT}q", f"r{NAME_SLOT}s", "pabq", f"{NAME_SLOT}", "b-"), False),
        # As long, as many slots, in other places: "a" + "b" + "b" is "ab" + "b".
        ((f"a{NAME_SLOT}b", f"ab{NAME_SLOT}", "uses b"), True),
    ],
)
def test_fit_answers_as_filling_in_every_text_does(reasons: tuple[str, ...], any_length: bool) -> None:
    """fit skips filling in a name whose length no merge needs: over every short name of a few
    letters, it says what comparing all the filled texts says."""
    import itertools

    finding = Finding(NAME_SLOT, Role.DATASET, Verdict.PERMITTED, None, reasons)
    names = Names([finding])
    assert names.any_length is any_length  # (else only names of some lengths are filled in)
    texts = set(_texts([finding]))  # what Names reads: reasons, obligations, the message
    assert set(reasons) <= texts
    misfits = 0
    for size in range(5):
        for letters in itertools.product("ab-", repeat=size):
            name = "".join(letters)
            filled = [t.replace(NAME_SLOT, name) for t in texts]
            assert names.fit(name) == (len(set(filled)) == len(filled)), name
            misfits += not names.fit(name)
    assert misfits >= 1  # each set has names that merge two of its texts
