"""Each dataset shape rendered once: a large manifest has thousands of datasets but a few
shapes (engine.py judges each shape once, under NAME_SLOT, and copies the judgement with
each dataset's name). A report renders the shape's block with the slot left in, escaped
around it, and fills in each dataset's name, escaped as the format escapes any text.

That gives the bytes the plain path gives because every escape (`visible`, HTML's, JSON
strings') works character by character, and the escaped text never holds a raw NUL, so a
raw NAME_SLOT in it can only be the slot. A dataset falls back to the plain path when
its block is not exactly its shape's copy (a waiver or an overlay changed it, another
subject shares its name), when its name would make two of the shape's texts one (each
reason and obligation is said once, so the copy would say fewer), or when the shape's
order of findings could depend on the name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from licensecheck.finding import Finding
from licensecheck.result import NAME_SLOT, Fanout, Result

if TYPE_CHECKING:
    from licensecheck.report.subjects import Block


class Names:
    """The texts of a shape's findings a report says once (reasons, obligations, messages),
    and whether a dataset's name keeps them apart."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        texts = set(_texts(findings))
        self.slotted = tuple(t for t in texts if NAME_SLOT in t)
        self.plain = frozenset(t for t in texts if NAME_SLOT not in t)
        self.lengths, self.any_length = _merging_lengths(self.slotted, self.plain)

    def fit(self, name: str) -> bool:
        """Whether filling in `name` keeps every text distinct from the others: then the copy
        says what the shape says, no reason or obligation merged with another."""
        if not self.any_length and len(name) not in self.lengths:
            return True  # every filled text is as long as no other: none can be another
        filled = [text.replace(NAME_SLOT, name) for text in self.slotted]
        return len(set(filled)) == len(filled) and self.plain.isdisjoint(filled)


def _merging_lengths(slotted: tuple[str, ...], plain: frozenset[str]) -> tuple[frozenset[int], bool]:
    """The lengths of name that would make a filled text as long as another text (only such
    a name can make two texts one), and whether any length could (two texts with as many
    slots and as long, the slots in other places). A text with k slots filled with a name
    of length n is len(text) + k * (n - len(NAME_SLOT)) long; two distinct texts with their
    slots in the same places stay distinct whatever fills them."""
    slot = len(NAME_SLOT)
    lengths: set[int] = set()
    sized = [(len(t), t.count(NAME_SLOT)) for t in slotted]
    places = [tuple(map(len, t.split(NAME_SLOT))) for t in slotted]

    def solve(difference: int, slots: int) -> None:  # slots * (n - slot) == difference
        if difference % slots == 0 and difference // slots + slot >= 0:
            lengths.add(difference // slots + slot)

    for i, (size, slots) in enumerate(sized):
        for other in {len(p) for p in plain}:
            solve(other - size, slots)
        for j, (other_size, other_slots) in enumerate(sized[i + 1 :], i + 1):
            if other_slots == slots:
                if other_size == size and places[i] != places[j]:
                    return frozenset(), True
            else:
                solve(other_size - size, slots - other_slots)
    return frozenset(lengths), False


class Template:
    """A dataset shape's block under NAME_SLOT, and what each format rendered of it once."""

    def __init__(self, block: Block) -> None:
        self.block = block
        self.names = Names(f for one in (block, *block.generators) for f in one.findings)
        self.rendered: dict[object, Any] = {}  # a format's key -> what it rendered

    def fits(self, name: str) -> bool:
        return self.names.fit(name)


def positions(result: Result) -> dict[int, tuple[Fanout, int, int]]:
    """Each finding of a dataset shape's copy still in `result` (by id): its fan-out, and the
    record and finding it copies there."""
    present = {id(s) for s in result.subjects}
    out: dict[int, tuple[Fanout, int, int]] = {}
    for fan in result.fanouts.values():
        for i, s in enumerate(fan.copy):
            if id(s) in present:
                for j, f in enumerate(s.findings):
                    out[id(f)] = (fan, i, j)
    return out


def judged_once(fan: Fanout, names: dict[int, Names | None]) -> Names | None:
    """The shape's texts, when its findings can be rendered once (`clean`); kept in `names`."""
    key = id(fan.template)
    if key not in names:
        findings = [f for s in fan.template for f in s.findings]
        names[key] = Names(findings) if clean(findings) else None
    return names[key]


def slotted(escape: Callable[[str], str], text: str) -> str:
    """`escape(text)`, but NAME_SLOT kept as it is, to be filled in later."""
    if NAME_SLOT not in text:
        return escape(text)
    return NAME_SLOT.join(map(escape, text.split(NAME_SLOT)))


def fill(rendered: str, name: str) -> str:
    """A shape's rendering with a dataset's name, escaped as the format escapes it, in the slot."""
    return rendered.replace(NAME_SLOT, name)


def _texts(findings: Iterable[Finding]) -> Iterable[str]:
    from licensecheck.report.ci import message

    for f in findings:
        yield from f.reasons
        yield from f.obligation_texts
        yield message(f)


def clean(findings: Iterable[Finding]) -> bool:
    """Whether the slot can only come from the name: no registry or card text a shape's
    finding quotes holds a NUL (YAML cannot; a Hub card's JSON could)."""
    for f in findings:
        texts = [*f.rules, f.via or "", f.terms or ""]
        if f.governed is not None:
            texts.append(f.governed.terms.title)
        for c in f.citations:
            texts += (c.terms, c.section, c.quote, c.url)
        if f.org is not None or f.waiver is not None or any("\0" in t for t in texts):
            return False
    return True


def copy_of(block: Block, fanouts: dict[int, Fanout] | Any) -> Fanout | None:
    """The fan-out `block` is exactly the copy of: its dataset and each generator, nothing else."""
    if len(block.sources) != 1:
        return None
    fan: Fanout | None = fanouts.get(id(block.sources[0]))
    if fan is None or fan.copy[0] is not block.sources[0] or len(block.generators) != len(fan.copy) - 1:
        return None
    ids = {id(s) for s in fan.copy[1:]}
    for g in block.generators:
        if len(g.sources) != 1 or id(g.sources[0]) not in ids or g.generators:
            return None
    return fan
