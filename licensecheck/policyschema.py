"""The policy's JSON Schema (schemas/policy.schema.json), decided in plain Python, so a policy is
checked without importing jsonschema (a first run, or an edited policy, pays for no import).

As manifestschema.py: `valid(data)` is True only for a document the schema accepts; anything
else, or in doubt, is False, and jsonschema then names the error. It answers only while the
shipped schema is the text it was written for (SCHEMA_SHA256).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from licensecheck.manifestschema import pinned

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "policy.schema.json"
SCHEMA_SHA256 = "01b84fd4b866439552fca0f1fe9e6608b5b3f601b24656f50ab1e3de5e969172"

_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$").search
_TOP = frozenset({"policy", "name", "needs_review", "waivers", "fail_on", "rules"}) | frozenset(
    {"extends", "verdicts", "allow", "deny", "require", "contact", "overlays"}  # the organisation's keys
)
_LISTS = frozenset({"teachers", "generators", "providers", "licenses", "datasets"})
_REQUIRE = frozenset({"dataset_origin", "teacher_dates"})
_REQUIREMENT = ("conditional", "needs-review", "prohibited")
_RULE = frozenset(
    {"id", "when", "verdict", "reason", "obligation", "obligation_kind", "obligation_from", "cite"}
)
_VERDICTS = ("permitted", "conditional", "needs-review", "prohibited")
_FAIL_ON = ("prohibited", "needs-review", "conditional")
_SCALARS = (str, bool, int)


@functools.cache
def in_force() -> bool:
    """Whether the shipped schema is the one this module decides."""
    return pinned(SCHEMA_PATH, SCHEMA_SHA256)


def valid(data: Any) -> bool:
    """True only if the policy schema surely accepts `data`."""
    return in_force() and _policy(data)


def _policy(data: Any) -> bool:
    if type(data) is not dict or not data.keys() <= _TOP:
        return False
    version = data.get("policy")
    if type(version) is not int or version != 1 or type(data.get("name")) is not str:
        return False
    if "needs_review" in data and data["needs_review"] not in ("error", "warning"):
        return False
    if "fail_on" in data and (type(data["fail_on"]) is not str or data["fail_on"] not in _FAIL_ON):
        return False
    if "waivers" in data:
        waivers = data["waivers"]
        if type(waivers) is not dict or not waivers.keys() <= {"max_text_length", "max_days"}:
            return False
        for limit in waivers.values():
            if type(limit) is not int or limit < 1:
                return False
    if not _org(data):
        return False
    if "rules" not in data:
        return True
    rules = data["rules"]
    return type(rules) is list and len(rules) >= 1 and all(map(_rule, rules))


def _org(data: dict[str, Any]) -> bool:
    """The organisation's keys: extends, verdicts, allow/deny lists, require, contact, overlays."""
    if "extends" in data and data["extends"] not in ("default", "none"):
        return False
    if "extends" in data and type(data["extends"]) is not str:
        return False
    if "verdicts" in data:
        verdicts = data["verdicts"]
        if type(verdicts) is not dict:
            return False
        for rule, verdict in verdicts.items():
            if (
                type(rule) is not str
                or not _RULE_ID(rule)
                or type(verdict) is not str
                or verdict not in _VERDICTS
            ):
                return False
    for key in ("allow", "deny"):
        if key in data:
            lists = data[key]
            if type(lists) is not dict or not lists or not lists.keys() <= _LISTS:
                return False
            if not all(_texts(v) for v in lists.values()):
                return False
    if "require" in data:
        require = data["require"]
        if type(require) is not dict or not require.keys() <= _REQUIRE:
            return False
        for value in require.values():
            if not (type(value) is bool or (type(value) is str and value in _REQUIREMENT)):
                return False
    if "contact" in data and not (type(data["contact"]) is str and data["contact"]):
        return False
    return "overlays" not in data or _texts(data["overlays"])


def _texts(value: Any) -> bool:
    """A non-empty list of non-empty strings."""
    return type(value) is list and len(value) >= 1 and all(type(v) is str and v for v in value)


def _rule(r: Any) -> bool:
    if type(r) is not dict or not r.keys() <= _RULE or not {"id", "when", "verdict", "reason"} <= r.keys():
        return False
    if type(r["id"]) is not str or not _RULE_ID(r["id"]):
        return False
    if type(r["verdict"]) is not str or r["verdict"] not in _VERDICTS:
        return False
    if type(r["reason"]) is not str or not r["reason"]:
        return False
    for key in ("obligation", "obligation_kind", "obligation_from"):
        if key in r and type(r[key]) is not str:
            return False
    if "cite" in r and (type(r["cite"]) is not list or not all(type(c) is str for c in r["cite"])):
        return False
    when = r["when"]
    if type(when) is not dict or not when:
        return False
    for value in when.values():
        if type(value) is list:
            if not value or not all(type(v) in _SCALARS for v in value):
                return False
        elif type(value) not in _SCALARS:
            return False
    return True
