"""recache.py: the matcher code of regular expressions kept between runs. A pattern from the
cache is the pattern `re` compiles (same pattern, flags, code, groups) and matches alike; an
entry that was damaged, forged or is not what we write is ignored, never used."""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from licensecheck import memo, recache
from tests.conftest import EXAMPLES, run_subprocess

PATTERNS: list[tuple[str, int]] = [
    (r"^(?P<file>.*):(?P<line>\d+): (?P<problem>.*)$", 0),
    (r"(?<=[A-Za-z0-9.])\+(?=\s|\)|$)", 0),
    ("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"llama", re.IGNORECASE),
    (r"^(?:[\w.-]{1,96}/)?[\w.-]{1,96}$", re.ASCII),
    (r"""^(?: a  # spaced out
              | b ) (c)?$""", re.VERBOSE),
]
BYTES = rb"^\x00(?P<tag>[a-z]+)"


@pytest.fixture
def cache() -> Iterator[None]:
    recache.uninstall()
    re.purge()  # re's own per-process cache would answer before ours is asked
    try:
        yield
    finally:
        recache.uninstall()
        re.purge()


def blobs() -> list[Path]:
    return sorted((memo.cache_root() / "memo" / recache.KIND).glob("*.bin"))


def compiled_anew() -> int:
    assert recache._installed is not None
    return recache._installed.new


def compile_all() -> list[re.Pattern[str]]:
    re.purge()
    return [re.compile(p, f) for p, f in PATTERNS]


def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(cache: None) -> None:
    plain = compile_all()
    recache.install()
    first = compile_all()
    assert compiled_anew() == len(PATTERNS)  # nothing kept yet: compiled, then kept
    plain_bytes = re.compile(BYTES)
    recache.save()
    assert blobs()
    recache.uninstall()
    recache.install()
    cached = compile_all()
    cached_bytes = re.compile(BYTES)
    assert compiled_anew() == 0  # every one came from the cache
    assert cached_bytes == plain_bytes and cached_bytes.groupindex == {"tag": 1}
    for a, b, c in zip(plain, first, cached, strict=True):
        assert a == b == c  # pattern, flags and matcher code alike
        assert (a.groups, a.groupindex, a.flags) == (c.groups, c.groupindex, c.flags)
    located = cached[0].match("data/x.jsonl:12: not a list")
    assert located is not None and located.group("line", "problem") == ("12", "not a list")
    assert cached[1].sub(" or later", "GPL-2.0+ AND MIT") == "GPL-2.0 or later AND MIT"
    assert cached[2].search("ok\x07") and not cached[2].search("ok")
    assert cached[3].fullmatch("LLAMA") and cached[4].match("org/model") and not cached[4].match("é/x")
    assert cached[5].match("b c") is None and cached[5].match("bc")
    tagged = cached_bytes.match(b"\x00abc")
    assert tagged is not None and tagged.group("tag") == b"abc"


def test_what_the_cache_cannot_hold_compiles_as_before(cache: None) -> None:
    recache.install()
    parsed = re._parser.parse("a+b")  # type: ignore[attr-defined]
    assert re._compiler.compile(parsed).match("aab")  # type: ignore[attr-defined]
    with pytest.raises(re.error):
        re.compile("(unbalanced")
    assert compiled_anew() == 0


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign", "not-ours"])
def test_a_damaged_or_foreign_entry_is_ignored(cache: None, damage: str) -> None:
    recache.install()
    compile_all()
    recache.save()
    recache.uninstall()
    (blob,) = blobs()
    data = blob.read_bytes()
    if damage == "flip":  # e.g. a matcher for another pattern, edited in place
        blob.write_bytes(data[:-40] + bytes(b ^ 1 for b in data[-40:]))
    elif damage == "truncate":
        blob.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":  # valid under another machine's key
        blob.write_bytes(b"\0" * 32 + data[32:])
    else:  # vouched for by this machine's key, but not what we write (code that is not a list)
        entries = marshal.loads(data[32:])
        entries = [(p, f, final, "code", g, gi, ig) for p, f, final, _, g, gi, ig in entries]
        memo.store_bytes(recache.KIND, recache._digest(), marshal.dumps(entries))
    recache.install()
    assert recache._installed is not None and recache._installed.known == {}
    patterns = compile_all()
    assert compiled_anew() == len(PATTERNS) and patterns[3].fullmatch("Llama")


def test_check_keeps_its_patterns_and_judges_alike_with_them(tmp_path: Path) -> None:
    manifest = tmp_path / "licensecheck.yaml"
    text = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()
    manifest.write_text(text)
    first = run_subprocess("check", "--as-of", "2026-01-01", str(manifest))
    assert blobs()  # the run kept what it compiled (PyYAML's resolver patterns among them)
    kept = blobs()[0].stat().st_mtime_ns
    manifest.write_text(text.replace("acme-reasoner", "acme-reasoner-2"))  # judged afresh, not replayed
    again = run_subprocess("check", "--as-of", "2026-01-01", str(manifest))
    assert again.exit_code == first.exit_code and again.stdout == first.stdout.replace(
        "acme-reasoner", "acme-reasoner-2"
    )
    assert blobs()[0].stat().st_mtime_ns == kept  # nothing new: nothing written
