"""Policies as data: rules that map facts to verdicts. No code, no eval.

A rule fires when every fact named in its `when` has the given value (or one of
the listed values). The facts are the closed vocabulary in `FACTS`; a policy that
names anything else is rejected when it is loaded, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import marshal
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck import jsonschemas, memo, orgpolicy, policyschema, provisions, readlog
from licensecheck.errors import InputError
from licensecheck.facts import VOCABULARY, FactValue, Scalar
from licensecheck.finding import ObligationKind
from licensecheck.manifest import Manifest
from licensecheck.safefile import read_regular_file
from licensecheck.verdict import Verdict
from licensecheck.yamlio import Document, load_bytes

# name -> allowed values (None: free text, usable in reasons only); provisions.py and facts.py
# declare it, this module only checks rules against it.
FACTS: Mapping[str, tuple[Scalar, ...] | None] = VOCABULARY

_PLACEHOLDER = re.compile(r"\{([a-z_.-]+)\}")


@dataclass(frozen=True)
class Rule:
    """When its facts hold, a verdict with its reason, obligation and citations."""

    id: str
    when: Mapping[str, tuple[Scalar, ...]]
    verdict: Verdict
    reason: str
    obligation: str | None
    obligation_kind: ObligationKind
    obligation_from: str | None  # a provision kind whose obligations the rule passes on
    cite: tuple[str, ...]  # citation keys of provisions (provisions.KINDS)

    def matches(self, facts: Mapping[str, FactValue]) -> bool:
        # A fact the subject does not have (e.g. any terms fact of an unknown model) matches nothing.
        return all(name in facts and facts[name] in values for name, values in self.when.items())

    def render(self, template: str, facts: Mapping[str, FactValue]) -> str:
        return _PLACEHOLDER.sub(lambda m: _text(facts.get(m.group(1))), template)


def _text(value: FactValue) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class Policy:
    """A named rule set and the verdict at which a run fails."""

    name: str
    # A run fails (exit 1) when its verdict is this bad or worse.
    fail_on: Verdict
    rules: tuple[Rule, ...]
    source: str
    # The longest `approved_by` or `reason` a waiver may give (None: no limit).
    max_waiver_text: int | None = None
    max_waiver_days: int | None = None  # the longest a waiver may run
    # The organisation's lists, requirements, contact and overlays (orgpolicy.py), if any.
    org: orgpolicy.OrgPolicy | None = None

    @property
    def rule_ids(self) -> frozenset[str]:
        """The ids a waiver's `rule:` may name: this policy's rules and the organisation's own."""
        return frozenset(r.id for r in self.rules) | frozenset(orgpolicy.RULE_IDS.values())

    def check_waivers(
        self,
        manifest: Manifest,
        as_of: datetime.date | None = None,
        terms_known: Callable[[str], bool] | None = None,
    ) -> None:
        """A waiver whose text the policy finds too long, that runs longer than it allows, or
        scoped to a rule or terms version that does not exist, is bad input (exit 2), not a
        decision."""
        for w in manifest.waivers:
            if w.rule is not None and w.rule not in self.rule_ids:
                raise InputError(
                    manifest.file,
                    w.scope_lines[0] or w.line,
                    f"the waiver for {w.subject!r} names the rule '{w.rule}', which the policy"
                    f" '{self.name}' does not have",
                )
            if w.terms is not None and terms_known is not None and not terms_known(w.terms):
                raise InputError(
                    manifest.file,
                    w.scope_lines[1] or w.line,
                    f"the waiver for {w.subject!r} names the terms '{w.terms}', which the registry does"
                    " not hold (a terms id, or id@version as reports name it)",
                )
        days = self.max_waiver_days
        for w in manifest.waivers:
            start = w.approved_on or as_of
            if days is not None and start is not None and (w.expires - start).days > days:
                raise InputError(
                    manifest.file,
                    w.line,
                    f"the waiver for {w.subject!r} runs {(w.expires - start).days} days (to"
                    f" {w.expires.isoformat()}); the policy '{self.name}' allows at most {days}",
                )
        limit = self.max_waiver_text
        if limit is None:
            return
        for w in manifest.waivers:
            for field, text in (("approved_by", w.approved_by), ("reason", w.reason)):
                if len(text) > limit:
                    raise InputError(
                        manifest.file,
                        w.line,
                        f"the waiver for {w.subject!r}: {field} is {len(text)} characters; the"
                        f" policy '{self.name}' allows at most {limit}",
                    )

    @property
    def needs_review_fails(self) -> bool:
        return self.fail_on <= Verdict.NEEDS_REVIEW


def default_policy_path() -> Path:
    from licensecheck.regindex import data_root

    return data_root() / "policies" / "default.yaml"


def load(path: Path | str | None = None) -> Policy:
    """The policy at `path` (default: the shipped one). A policy this machine already checked
    (the same bytes, checked by the same vocabulary) is read from the cache as its rules;
    any other is parsed and checked in full, and every error names file and line."""
    file = Path(path) if path is not None else default_policy_path()
    data = _data(file)
    policy = _policy(str(file), data)
    if _layered(data):
        policy = _on(load(), policy, data)
    return dataclasses.replace(
        policy, rules=_with_verdicts(str(file), data, policy.rules), org=orgpolicy.build(str(file), data)
    )


def _data(file: Path) -> dict[str, Any]:
    """The checked data of one policy file, from the cache when these bytes were checked."""
    readlog.note(file)
    raw = read_regular_file(file)
    key = memo.key("policy", _checker_identity(), hashlib.sha256(raw).hexdigest())
    blob = memo.load_bytes("policy", key, MAX_COMPILED_BYTES)
    if blob is not None:
        try:
            data = marshal.loads(blob)
            _policy(str(file), data)  # readable as a policy, or checked again
            return dict(data)
        except (ValueError, EOFError, TypeError, KeyError):
            pass  # vouched for but unreadable: check it again
    data = _checked(str(file), load_bytes(raw, str(file)))
    memo.store_bytes("policy", key, marshal.dumps(data))
    return data


def _layered(data: dict[str, Any]) -> bool:
    """Whether a policy file layers on the default: `extends: default`, or no `extends` and no
    rules of its own (a file with rules and no `extends` is a complete policy, as ever)."""
    return bool(data.get("extends", "none" if "rules" in data else "default") == "default")


def _on(base: Policy, own: Policy, data: dict[str, Any]) -> Policy:
    """`own` layered on `base`: its rules replace the base's of the same id and add the rest;
    fail_on and waiver bounds it sets win."""
    mine = {r.id: r for r in own.rules}
    rules = tuple(mine.pop(r.id, r) for r in base.rules) + tuple(mine.values())
    sets_fail_on = "fail_on" in data or "needs_review" in data
    return dataclasses.replace(
        own,
        rules=rules,
        fail_on=own.fail_on if sets_fail_on else base.fail_on,
        max_waiver_text=own.max_waiver_text if own.max_waiver_text is not None else base.max_waiver_text,
        max_waiver_days=own.max_waiver_days if own.max_waiver_days is not None else base.max_waiver_days,
    )


def _with_verdicts(file: str, data: dict[str, Any], rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """`verdicts: {rule-id: verdict}` applied; a rule id no rule has is an input error."""
    verdicts: dict[str, str] = data.get("verdicts") or {}
    known = {r.id for r in rules}
    for rule_id in verdicts:
        if rule_id not in known:
            line = (data.get("_lines") or {}).get(f"verdicts.{rule_id}")
            raise InputError(
                file, line, f"verdicts: no rule has the id '{rule_id}'; rules: {', '.join(sorted(known))}"
            )
    return tuple(
        dataclasses.replace(r, verdict=Verdict(verdicts[r.id])) if r.id in verdicts else r for r in rules
    )


MAX_COMPILED_BYTES = 16 * 1024 * 1024


@functools.cache
def _checker_identity() -> str:
    """What deciding a policy valid depends on besides its bytes: its schema and the
    vocabulary, citations and obligation kinds it is checked against."""
    known = (
        sorted((k, v) for k, v in FACTS.items()),
        provisions.citation_keys(),
        provisions.obligation_sources(),
        [k.value for k in ObligationKind],
        [v.value for v in Verdict],
        jsonschemas.text("policy.schema.json"),
    )
    return hashlib.sha256(repr(known).encode()).hexdigest()


def _checked(file: str, doc: Document) -> dict[str, Any]:
    """The policy's data once it passed every check (else an InputError naming file and line)."""
    valid = policyschema.valid(doc.data)  # jsonschema only for what this rejects or doubts
    errors = (
        []
        if valid
        else sorted(jsonschemas.errors("policy.schema.json", doc.data), key=lambda e: list(e.path))
    )
    if errors:
        e = errors[0]
        where = ".".join(str(p) for p in e.absolute_path) or "the policy"
        raise InputError(file, doc.line(tuple(e.absolute_path)), f"{where}: {e.message}")
    data: dict[str, Any] = doc.data
    if not _layered(data) and not data.get("rules"):
        raise InputError(file, doc.line(("extends",)), "a policy that extends none must give its rules")
    seen: set[str] = set()
    for i, r in enumerate(data.get("rules") or ()):
        if r["id"] in seen:
            raise InputError(file, doc.line(("rules", i)), f"rule id '{r['id']}' is used twice")
        seen.add(r["id"])
        _check_rule(_Where(file, doc, i, r["id"]), r)
    _fail_on(file, doc, data)
    data["_lines"] = orgpolicy.lines_of(doc.line, data)
    return data


def _policy(file: str, data: dict[str, Any]) -> Policy:
    """A checked policy's data as a Policy."""
    return Policy(
        name=data["name"],
        fail_on=_fail_on_value(data),
        rules=tuple(_rule(r) for r in data.get("rules") or ()),
        source=file,
        max_waiver_text=(data.get("waivers") or {}).get("max_text_length"),
        max_waiver_days=(data.get("waivers") or {}).get("max_days"),
    )


@dataclass(frozen=True)
class _Where:
    """A rule's place in its policy file, for error messages."""

    file: str
    doc: Document
    index: int
    rule: str

    def error(self, key: str | None, problem: str) -> InputError:
        path: tuple[str | int, ...] = ("rules", self.index) + ((key,) if key else ())
        line = self.doc.line(path) or self.doc.line(("rules", self.index))
        return InputError(self.file, line, f"rule '{self.rule}': {problem}")


def _check_rule(where: _Where, r: dict[str, Any]) -> None:
    """One rule, checked against the vocabulary and the provision table: a misspelt fact,
    citation or obligation source would silently never match, or drop clauses and duties."""
    for name, value in r["when"].items():
        values = tuple(value) if isinstance(value, list) else (value,)
        _check_fact(where.file, where.doc.line(("rules", where.index, "when", name)), name, values)
    for template in (r["reason"], r.get("obligation", "")):
        for placeholder in _PLACEHOLDER.findall(template):
            if placeholder not in FACTS:
                raise where.error(None, f"unknown fact {{{placeholder}}}")
    _known(where, "cite", r.get("cite") or (), provisions.citation_keys())
    if "obligation_from" in r:
        _known(where, "obligation_from", [r["obligation_from"]], provisions.obligation_sources())
    kind = r.get("obligation_kind", ObligationKind.OTHER.value)
    _known(where, "obligation_kind", [kind], tuple(k.value for k in ObligationKind))


def _rule(r: dict[str, Any]) -> Rule:
    """A checked rule as a Rule."""
    return Rule(
        id=r["id"],
        when={name: tuple(v) if isinstance(v, list) else (v,) for name, v in r["when"].items()},
        verdict=Verdict(r["verdict"]),
        reason=r["reason"],
        obligation=r.get("obligation"),
        obligation_kind=ObligationKind(r.get("obligation_kind", ObligationKind.OTHER.value)),
        obligation_from=r.get("obligation_from"),
        cite=tuple(r.get("cite") or ()),
    )


def _known(where: _Where, key: str, names: Any, known: tuple[str, ...]) -> None:
    for name in names:
        if name not in known:
            raise where.error(key, f"{key} '{name}' is unknown; known: {', '.join(known)}")


def _fail_on(file: str, doc: Document, data: dict[str, Any]) -> Verdict:
    """`fail_on`, or the older `needs_review: error|warning` it generalises; both must agree."""
    legacy = data.get("needs_review")
    fail_on = _fail_on_value(data)
    if "fail_on" in data and legacy is not None and (fail_on <= Verdict.NEEDS_REVIEW) != (legacy == "error"):
        raise InputError(
            file,
            doc.line(("fail_on",)),
            f"fail_on: {fail_on.value} contradicts needs_review: {legacy}; keep only fail_on",
        )
    return fail_on


def _fail_on_value(data: dict[str, Any]) -> Verdict:
    if "fail_on" not in data:
        return Verdict.PROHIBITED if data.get("needs_review") == "warning" else Verdict.NEEDS_REVIEW
    return Verdict(data["fail_on"])


def _check_fact(file: str, line: int | None, name: str, values: tuple[Scalar, ...]) -> None:
    if name not in FACTS:
        raise InputError(file, line, f"unknown fact '{name}'; known facts: {', '.join(FACTS)}")
    allowed = FACTS[name]
    if allowed is None:
        raise InputError(file, line, f"fact '{name}' is text for reasons, not a condition")
    for value in values:
        if value not in allowed or type(value) is not type(allowed[allowed.index(value)]):
            options = ", ".join(str(a).lower() if isinstance(a, bool) else str(a) for a in allowed)
            raise InputError(file, line, f"fact '{name}' cannot be {value!r}; it is one of: {options}")
