"""SARIF's results for a judgement whose datasets are not named yet (result.Deferred): the
reported findings in `Result.findings`' order, grouped as report/sarif.py groups them
(subject, role, line, rule), without making each dataset's records.

A dataset's finding is its shape's finding with the name filled in (engine._named): its
sort key, its line and the dataset a generator wrote are worked out here from the shape's
finding and the dataset exactly as that copy would hold them, so sorting the keys (stably,
in the order `Deferred.subjects` gives the findings) orders them as sorting the named
findings does. A group stands for its findings by reference (`Copy`); sarif.py renders a
group of one dataset's record from the shape's entry and names the dataset otherwise.
tests/test_sarif_groups.py compares the groups, their order, lines and members with the
named findings'."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from licensecheck.finding import Finding, Role
from licensecheck.report.ci import reported
from licensecheck.result import NAME_SLOT, Deferred, Stamp, SubjectResult


class Copy(NamedTuple):
    """A finding of a dataset not named yet: the `finding`-th of its shape's `record`-th record."""

    stamp: Stamp
    record: int
    finding: int

    @property
    def shaped(self) -> Finding:
        """The shape's finding (under NAME_SLOT) that the dataset's finding copies."""
        return self.stamp.judged[self.record].findings[self.finding]


Member = Finding | Copy


class Group:
    """One SARIF result: the findings of one subject, role, line and rule, in order."""

    __slots__ = ("at", "copied", "members", "wrote")

    def __init__(self, at: tuple[str, str, int, str], wrote: str, first: Member) -> None:
        self.at = at  # the subject in lower case, role, line (1 if none), rule
        self.wrote = wrote  # the dataset its first finding's generator wrote ("" for any other record)
        self.members = [first]
        # The one dataset record every member copies (its stamp and place), if there is one.
        self.copied = (first.stamp, first.record) if isinstance(first, Copy) else None

    def add(self, member: Member) -> None:
        self.members.append(member)
        copied = self.copied
        if copied is not None and (
            not isinstance(member, Copy) or member.stamp is not copied[0] or member.record != copied[1]
        ):
            self.copied = None


class _Shaped(NamedTuple):
    """A reported finding of a shape, with what of its key and group no name can change."""

    record: int
    finding: int
    rank: int
    role: str
    subject: str | None  # in lower case; None: it holds the slot (`named`)
    named: str  # the subject as judged
    terms: str
    reasons: tuple[str, ...]
    named_reasons: bool  # a reason holds the slot
    rule: str
    generator: str | None  # the model of a record not the dataset's (its line is where it is named)
    wrote: str | None  # a dataset record's (a generator's is the dataset's name)


def groups(plan: Deferred, rule: Callable[[Finding], str]) -> list[Group]:
    """Every reported finding of `plan` in groups, as sarif.py groups `Result.findings`
    (`rule`: its rule id, which holds no name)."""
    # Each reported finding: its sort key with its place last (a stable sort: ties keep the
    # findings' order, as Result.findings' sorted() does), and its group, wrote and member.
    keys: list[tuple[int, str, str, str, tuple[str, ...], int]] = []
    found: list[tuple[tuple[str, str, int, str], str, Member]] = []
    shapes: dict[int, list[_Shaped]] = {}
    for entry in plan.entries:
        if not isinstance(entry, Stamp):
            for f in entry.findings:
                if reported(f):
                    keys.append((*f.sort_key(), len(keys)))
                    at = (f.subject.lower(), f.role.value, f.line or 1, rule(f))
                    found.append((at, entry.wrote or "", f))
            continue
        shape = shapes.get(id(entry.judged))
        if shape is None:
            shape = shapes[id(entry.judged)] = _shape(entry.judged, rule)
        if not shape:
            continue  # nothing of it reported (plainly permitted)
        dataset = entry.dataset
        name = dataset.name
        lines = {g.model.text: g.line for g in dataset.generated_by} if dataset.generated_by else {}
        for s in shape:
            subject = s.subject
            if subject is None:
                subject = _text(s.named, name).lower()
            reasons = _texts(s.reasons, name) if s.named_reasons else s.reasons
            keys.append((s.rank, s.role, subject, s.terms, reasons, len(keys)))
            if s.generator is None:
                at = (subject, s.role, dataset.line or 1, s.rule)
                found.append((at, s.wrote or "", Copy(entry, s.record, s.finding)))
            else:
                at = (subject, s.role, lines.get(s.generator, dataset.line) or 1, s.rule)
                found.append((at, name or "", Copy(entry, s.record, s.finding)))
    keys.sort()
    out: dict[tuple[str, str, int, str], Group] = {}
    for key in keys:
        at, wrote, member = found[key[-1]]
        group = out.get(at)
        if group is None:
            out[at] = Group(at, wrote, member)
        else:
            group.add(member)
    return list(out.values())


def _shape(judged: tuple[SubjectResult, ...], rule: Callable[[Finding], str]) -> list[_Shaped]:
    out = []
    for i, s in enumerate(judged):
        for j, f in enumerate(s.findings):
            if reported(f):  # (verdict and waiver: the shape's, whatever the name)
                out.append(
                    _Shaped(
                        i,
                        j,
                        -f.verdict.rank,
                        f.role.value,
                        None if NAME_SLOT in f.subject else f.subject.lower(),
                        f.subject,
                        f.terms or "",
                        f.reasons,
                        any(NAME_SLOT in r for r in f.reasons),
                        rule(f),
                        None if s.role is Role.DATASET else s.ref,
                        s.wrote,
                    )
                )
    return out


# As engine._named fills a text and a tuple of texts (said once each, as the engine says them).
def _text(value: str, name: str) -> str:
    return value.replace(NAME_SLOT, name) if NAME_SLOT in value else value


def _texts(values: tuple[str, ...], name: str) -> tuple[str, ...]:
    if len(values) == 1:
        return (_text(values[0], name),)
    return tuple(dict.fromkeys([v.replace(NAME_SLOT, name) for v in values]))


def named(plan: Deferred, member: Member) -> Finding:
    """The finding `member` stands for, its dataset named if it was not yet."""
    if isinstance(member, Copy):
        return plan.records(member.stamp)[member.record].findings[member.finding]
    return member
