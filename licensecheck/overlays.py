"""Registry overlays: the organisation's own entries, in YAML files in a directory its policy
names. Data only (safe YAML, no code); every file is read from inside the repository, and a
malformed one is an input error naming file and line, never skipped.

```yaml
overlay: 1
agreements:        # a negotiated agreement with a provider
  - ref: CONTRACT-2025-017
    provider: openai                 # and/or models: [patterns]
    models: ["openai:gpt-4o*"]
    permits: [distillation, synthetic-data]
    from: 2025-01-01
    until: 2026-12-31                # optional
    document: legal/contract-2025-017.pdf   # the signed document (inside the repository)
licensor:          # models the organisation itself licenses
  - models: ["acme/*"]
internal_models:   # the organisation's own models, under its own terms
  - models: ["acme-internal/*"]
    terms: "Acme internal model use policy v2"
licenses:          # a dataset licence of the organisation's own
  - id: LicenseRef-Acme-Data-1.0
    permits: [training]
    commercial: true
```
What each does to a verdict is orgapply.py's job; this module only reads them.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck import readlog
from licensecheck.errors import InputError
from licensecheck.repopaths import inside, shown
from licensecheck.safefile import read_regular_file
from licensecheck.yamlio import Document, Path_, load_bytes

# What a grant may permit: a teacher's purposes, a base model's fine-tuning, a dataset's training.
USES = ("distillation", "synthetic-data", "judge", "reward-model", "fine-tuning", "training")
KINDS = {
    "agreements": "agreement",
    "licensor": "licensor",
    "internal_models": "internal",
    "licenses": "licence",
}
_FIELDS = {
    "agreement": ({"ref", "permits", "from", "document"}, {"provider", "models", "until", "notes"}),
    "licensor": ({"models"}, {"document", "notes"}),
    "internal": ({"models"}, {"terms", "permits", "document", "notes"}),
    "licence": ({"id", "permits"}, {"name", "commercial", "document", "notes"}),
}
MAX_FILES = 200  # an overlay directory is a handful of files; more is no real one


@dataclass(frozen=True)
class Grant:
    """One overlay entry: what it covers, what it permits, and where it says so."""

    kind: str  # agreement | licensor | internal | licence
    ref: str  # the agreement's reference, the licence id, or the first model pattern
    file: str
    line: int | None
    providers: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    permits: tuple[str, ...] | None = None  # None: every use
    start: datetime.date | None = None
    end: datetime.date | None = None
    document: str | None = None
    commercial: bool = True  # a licence: whether it grants commercial use
    name: str | None = None  # a licence's or internal terms' name

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


def load_dirs(dirs: list[tuple[str, int | None]], policy_file: str, root: Path) -> tuple[Grant, ...]:
    """Every grant in the overlay directories a policy names (relative to the policy file)."""
    base = Path(policy_file).resolve().parent
    grants: list[Grant] = []
    for written, line in dirs:
        directory = inside(root, base, written, policy_file, line, "overlay directory")
        readlog.note(directory)
        if not directory.is_dir():
            raise InputError(policy_file, line, f"overlay directory '{written}' does not exist")
        names = sorted(n for n in os.listdir(directory) if n.endswith((".yaml", ".yml")))
        if len(names) > MAX_FILES:
            raise InputError(
                policy_file, line, f"overlay directory '{written}' holds more than {MAX_FILES} files"
            )
        for name in names:
            # A symlink is followed only where it stays in the repository.
            inside(root, directory, name, policy_file, line, "overlay file")
            readlog.note(directory / name)
            grants += load_file(shown(directory / name), root)
    return tuple(grants)


def load_file(file: str, root: Path) -> list[Grant]:
    doc = load_bytes(read_regular_file(file), file)
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(file, doc.line(()) or 1, "an overlay must be a YAML mapping")
    known = {"overlay", *KINDS}
    for key in data:
        if key not in known:
            raise InputError(
                file, doc.key_line((key,)), f"unknown field '{key}'; known fields: {', '.join(sorted(known))}"
            )
    if data.get("overlay") != 1 or type(data.get("overlay")) is not int:
        raise InputError(file, doc.line(("overlay",)) or 1, "an overlay must begin with 'overlay: 1'")
    grants = []
    for key, kind in KINDS.items():
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list) or not items:
            raise InputError(file, doc.line((key,)), f"{key} must be a non-empty list")
        for i, item in enumerate(items):
            grants.append(_grant(_At(doc, (key, i), root), kind, item))
    return grants


@dataclass(frozen=True)
class _At:
    """An entry's place in its overlay file, for its values and error messages."""

    doc: Document
    path: Path_
    root: Path

    def error(self, key: str | None, problem: str) -> InputError:
        where = (*self.path, key) if key else self.path
        dotted = ".".join(str(p) for p in where)
        return InputError(self.doc.file, self.doc.line(where), f"{dotted}: {problem}")


def _grant(at: _At, kind: str, item: Any) -> Grant:
    if not isinstance(item, dict):
        raise at.error(None, "must be a mapping")
    required, optional = _FIELDS[kind]
    for key in item:
        if key not in required | optional:
            raise at.error(key, f"unknown field; known fields: {', '.join(sorted(required | optional))}")
    for key in sorted(required - item.keys()):
        raise at.error(None, f"is missing the required field '{key}'")
    models = _texts(at, item, "models")
    providers = (_text(at, item, "provider").lower(),) if "provider" in item else ()
    if kind == "agreement" and not (models or providers):
        raise at.error(None, "names neither a provider nor models: it would cover nothing")
    permits = _texts(at, item, "permits") if "permits" in item else None
    for use in permits or ():
        if use not in USES:
            raise at.error("permits", f"'{use}' is not a use; uses: {', '.join(USES)}")
    start, end = _date(at, item, "from"), _date(at, item, "until")
    if start and end and end < start:
        raise at.error("until", "is before 'from'")
    document = _document(at, item) if "document" in item else None
    commercial = item.get("commercial", True)
    if type(commercial) is not bool:
        raise at.error("commercial", "must be true or false")
    for key in ("notes", "name", "terms"):
        if key in item:
            _text(at, item, key)
    ref = str(item.get("ref") or item.get("id") or models[0])
    if kind in ("agreement", "licence"):
        ref = _text(at, item, "ref" if kind == "agreement" else "id")
    return Grant(
        kind=kind,
        ref=ref,
        file=at.doc.file,
        line=at.doc.line(at.path),
        providers=providers,
        models=models,
        permits=tuple(permits) if permits is not None else None,
        start=start,
        end=end,
        document=document,
        commercial=commercial,
        name=item.get("name") or item.get("terms"),
    )


def _text(at: _At, item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise at.error(key, "must be a non-empty string")
    return value


def _texts(at: _At, item: dict[str, Any], key: str) -> tuple[str, ...]:
    if key not in item:
        return ()
    value = item[key]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise at.error(key, "must be a non-empty list of non-empty strings")
    return tuple(value)


def _date(at: _At, item: dict[str, Any], key: str) -> datetime.date | None:
    if key not in item:
        return None
    value = item[key]
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else _bad_date(at, key)
    except ValueError:
        return _bad_date(at, key)


def _bad_date(at: _At, key: str) -> datetime.date:
    raise at.error(key, "must be a date (YYYY-MM-DD)")


def _document(at: _At, item: dict[str, Any]) -> str:
    """The signed document's path: inside the repository, and there (it is not read)."""
    written = _text(at, item, "document")
    base = Path(at.doc.file).resolve().parent
    path = inside(at.root, base, written, at.doc.file, at.doc.line((*at.path, "document")), "document")
    readlog.note(path)
    if not path.is_file():
        raise at.error("document", f"'{written}' does not exist")
    return written
