"""classcache.py: dataclasses' generated methods compiled once per machine. A class built
from the cache behaves as one built without it; a changed class is compiled afresh; an
entry that was damaged, forged or is not ours is ignored, never run."""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from licensecheck import classcache, memo
from tests.conftest import EXAMPLES, run_subprocess


@pytest.fixture
def cache() -> Iterator[None]:
    classcache.uninstall()
    try:
        yield
    finally:
        classcache.uninstall()


def blobs() -> list[Path]:
    return sorted((memo.cache_root() / "memo" / classcache.KIND).glob("*.bin"))


def point(*fields: str) -> type:
    """A frozen record class, as the tool's modules declare them."""
    namespace = {"__annotations__": dict.fromkeys(fields, "int"), "__module__": __name__}
    return dataclasses.dataclass(frozen=True)(type("Point", (), namespace))


def compiled_anew() -> int:
    assert classcache._installed is not None
    return classcache._installed.new


def test_a_class_from_the_cache_is_the_class_built_without_it(cache: None) -> None:
    plain = point("x", "y")
    classcache.install()
    first = point("x", "y")
    assert compiled_anew() > 0  # nothing kept yet: compiled, then stored
    classcache.save()
    assert blobs()
    classcache.uninstall()
    classcache.install()
    cached = point("x", "y")
    assert compiled_anew() == 0  # every method came from the cache
    for cls in (first, cached):
        p = cls(1, 2)
        assert (p.x, p.y) == (1, 2) and p == cls(1, 2) and p != cls(2, 1)
        assert hash(p) == hash(cls(1, 2)) and repr(p) == repr(plain(1, 2))
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 3
        with pytest.raises(TypeError):
            cls(1)


def test_a_changed_class_is_compiled_afresh(cache: None) -> None:
    classcache.install()
    point("x", "y")
    classcache.save()
    classcache.uninstall()
    classcache.install()
    changed = point("x", "y", "z")  # another field: another source for each method
    assert compiled_anew() > 0
    p = changed(1, 2, 3)
    assert p.z == 3 and repr(p).endswith("Point(x=1, y=2, z=3)")


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign", "not-code"])
def test_a_damaged_or_foreign_entry_is_ignored(cache: None, damage: str) -> None:
    classcache.install()
    point("x", "y")
    classcache.save()
    classcache.uninstall()
    (blob,) = blobs()
    data = blob.read_bytes()
    if damage == "flip":  # e.g. code that sets another value, edited in place
        blob.write_bytes(data[:-40] + bytes(b ^ 1 for b in data[-40:]))
    elif damage == "truncate":
        blob.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":  # valid under another machine's key
        blob.write_bytes(b"\0" * 32 + data[32:])
    else:  # vouched for by this machine's key, but not code for its text
        entries = marshal.loads(data[32:])
        memo.store_bytes(
            classcache.KIND, classcache._digest(), marshal.dumps([(s, f, s) for s, f, _ in entries])
        )
    classcache.install()
    assert classcache._installed is not None and classcache._installed.known == {}
    p = point("x", "y")(1, 2)
    assert compiled_anew() > 0 and (p.x, p.y) == (1, 2)


def test_install_leaves_an_exec_it_did_not_put_there(cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def theirs(*args: object) -> None:
        raise AssertionError("not called here")

    monkeypatch.setattr(dataclasses, "exec", theirs, raising=False)
    classcache.install()
    assert classcache._installed is None and vars(dataclasses)["exec"] is theirs


def test_check_stores_the_compiled_methods_and_judges_alike_with_them(tmp_path: Path) -> None:
    manifest = tmp_path / "licensecheck.yaml"
    text = (EXAMPLES / "r1-reasoning-distill" / "licensecheck.yaml").read_text()
    manifest.write_text(text)
    first = run_subprocess("check", "--as-of", "2026-01-01", str(manifest))
    assert blobs()  # the run kept what it compiled
    manifest.write_text(text.replace("acme-reasoner", "acme-reasoner-2"))  # judged afresh, not replayed
    again = run_subprocess("check", "--as-of", "2026-01-01", str(manifest))
    assert again.exit_code == first.exit_code and again.stdout == first.stdout.replace(
        "acme-reasoner", "acme-reasoner-2"
    )
