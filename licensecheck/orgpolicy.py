"""An organisation's part of a policy: allow and deny lists, required manifest fields, the
contact a failing finding names and the registry overlays; and which policy file a manifest
is judged under (`--policy`, else the manifest's `policy:`, else `.licensecheck/policy.yaml`
from the manifest's directory up to the repository root). What they do to findings is
orgapply.py's job."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensecheck import readlog
from licensecheck.errors import InputError
from licensecheck.overlays import Grant, load_dirs
from licensecheck.repopaths import dirs_up, inside, repo_root, shown
from licensecheck.verdict import Verdict

if TYPE_CHECKING:
    from licensecheck.manifest import Manifest

CATEGORIES = ("teachers", "generators", "providers", "licenses", "datasets")
REQUIREMENTS = ("dataset_origin", "teacher_dates")
# The rule ids of the findings the organisation's part adds (a waiver may be scoped to them).
RULE_IDS = {"deny": "policy-deny", "allow": "policy-allow", "required": "policy-required"}
DISCOVERED = Path(".licensecheck") / "policy.yaml"


@dataclass(frozen=True)
class Pattern:
    """A glob from an allow or deny list, and its line in the policy file."""

    text: str
    line: int | None


@dataclass(frozen=True)
class OrgPolicy:
    """An organisation's policy file: what it allows, denies and requires, and its grants."""

    file: str
    name: str
    allow: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)
    allow_lines: Mapping[str, int | None] = field(default_factory=dict)  # category -> its key's line
    deny: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)
    require: Mapping[str, tuple[Verdict, int | None]] = field(default_factory=dict)
    contact: str | None = None
    grants: tuple[Grant, ...] = ()

    def where(self, line: int | None) -> str:
        return f"{self.file}:{line}" if line is not None else self.file


def lines_of(doc_line: Any, data: dict[str, Any]) -> dict[str, int | None]:
    """The line of each organisation key and list item, by dotted path ("deny.teachers.0"),
    kept with the checked data so a cached policy still cites its lines."""
    out: dict[str, int | None] = {}
    for key in ("allow", "deny"):
        for category, patterns in (data.get(key) or {}).items():
            out[f"{key}.{category}"] = doc_line((key, category))
            for i in range(len(patterns)):
                out[f"{key}.{category}.{i}"] = doc_line((key, category, i))
    for key in ("require", "verdicts"):
        for name in data.get(key) or {}:
            out[f"{key}.{name}"] = doc_line((key, name))
    for i in range(len(data.get("overlays") or ())):
        out[f"overlays.{i}"] = doc_line(("overlays", i))
    return out


def build(file: str, data: dict[str, Any]) -> OrgPolicy | None:
    """The organisation's part of a checked policy (None if it has none); overlays are read now."""
    if not any(key in data for key in ("allow", "deny", "require", "contact", "overlays")):
        return None
    lines: dict[str, int | None] = data.get("_lines") or {}

    def patterns(key: str) -> dict[str, tuple[Pattern, ...]]:
        return {
            category: tuple(Pattern(p, lines.get(f"{key}.{category}.{i}")) for i, p in enumerate(items))
            for category, items in (data.get(key) or {}).items()
        }

    require = {}
    for name, value in (data.get("require") or {}).items():
        if value is not False:
            require[name] = (
                Verdict.NEEDS_REVIEW if value is True else Verdict(value),
                lines.get(f"require.{name}"),
            )
    dirs = [(d, lines.get(f"overlays.{i}")) for i, d in enumerate(data.get("overlays") or ())]
    grants = load_dirs(dirs, file, repo_root(Path(file).resolve().parent)) if dirs else ()
    return OrgPolicy(
        file=file,
        name=data["name"],
        allow=patterns("allow"),
        allow_lines={c: lines.get(f"allow.{c}") for c in data.get("allow") or {}},
        deny=patterns("deny"),
        require=require,
        contact=data.get("contact"),
        grants=grants,
    )


def find(manifest: Manifest) -> str | None:
    """The policy file a manifest names or sits under, or None (the default policy)."""
    written = Path(manifest.file)
    home = written.resolve().parent
    root = repo_root(home)
    if manifest.policy is not None:
        path = inside(root, home, manifest.policy, manifest.file, manifest.policy_line, "policy")
        readlog.note(path)
        if not path.is_file():
            raise InputError(
                manifest.file, manifest.policy_line, f"policy: '{manifest.policy}' does not exist"
            )
        return (
            os.path.normpath(written.parent / manifest.policy)
            if not os.path.isabs(manifest.policy)
            else str(path)
        )
    for directory in dirs_up(home, root):
        candidate = directory / DISCOVERED
        readlog.note(candidate)
        if os.path.lexists(candidate):
            inside(root, directory, str(DISCOVERED), str(candidate), None, "policy")
            return shown(candidate)
    return None
