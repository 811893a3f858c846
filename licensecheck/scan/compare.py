"""What the scan found, against what the manifest declares.

A found model is declared when a manifest reference covers it: the same namespace (the
API provider, `qwen:` and `alibaba:` being one, `meta:` and `llama-api:` one; or the Hub
organisation, compared without case) and the same name, read as its words and numbers
(`claude-3.5-sonnet` and `claude-3-5-sonnet`, `Qwen2.5-7B` and `qwen-2.5-7b` are one name),
or the found name extends the declared one with a date, version or snapshot suffix
(declared `anthropic:claude-3-5-sonnet` covers `claude-3-5-sonnet-20240620`, `-latest`,
`-v2@…`; `openai:gpt-4o` covers `gpt-4o-2024-08-06`, never `gpt-4o-mini`). Teachers,
the base model, the generators of declared datasets and the student itself count.

A dataset is declared by its Hub id (without case), its URL, or its path: the same file,
a file inside a declared directory, or a glob a declared path matches.

A model declared without the cloud it is reached through (Bedrock, Azure, Vertex: their
own service terms also apply) needs review; a router that passes the provider's terms
through changes nothing.
"""

from __future__ import annotations

import enum
import fnmatch
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from licensecheck.manifest import Manifest
from licensecheck.refs import normalise
from licensecheck.scan.data import FileReport, Fingerprints, Marks
from licensecheck.scan.model import Kind, Use
from licensecheck.scan.routers import Table

# Namespaces that are one provider under two names (README: `qwen:`/`alibaba:`, `meta:`/`llama-api:`).
_SAME_PROVIDER = {"alibaba": "qwen", "llama-api": "meta"}
# Words a snapshot suffix may hold besides numbers.
_VERSION_WORDS = frozenset({"latest", "preview", "exp", "v"})


class Status(enum.Enum):
    DECLARED = "declared"
    UNDECLARED = "undeclared"  # found, not declared: needs review
    UNRESOLVED = "unresolved"  # computed when the code runs: needs review
    CLOUD = "undeclared-cloud"  # declared, but reached through a cloud the manifest does not name
    LOCAL = "local"  # a checkpoint on disk (the project's own), not judged
    IGNORED = "ignored"  # a `# licensecheck: ignore` comment says so

    @property
    def needs_review(self) -> bool:
        return self in (Status.UNDECLARED, Status.UNRESOLVED, Status.CLOUD)


@dataclass(frozen=True)
class Declared:
    ref: str  # compared (a reseller's prefix mapped to the provider's model)
    role: str  # teacher | base-model | generator | student | dataset
    line: int | None
    via: str | None = None
    written: str | None = None  # as the manifest writes it, when that differs

    @property
    def shown(self) -> str:
        return self.written or self.ref


@dataclass(frozen=True)
class Outcome:
    use: Use
    status: Status
    declared: Declared | None = None
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        out = {**self.use.to_json(), "status": self.status.value, "reason": self.reason}
        if self.declared is not None:
            out["declared_as"] = {
                "ref": self.declared.shown,
                "role": self.declared.role,
                "line": self.declared.line,
            }
        return out


@dataclass
class DataOutcome:
    """A local dataset (one the manifest declares by path, or one the code uses that it does
    not declare), and the marks its sample carries."""

    dataset: str  # the path as declared (or as the code writes it)
    line: int | None
    generators: tuple[str, ...]
    files: list[FileReport] = field(default_factory=list)
    found_in: tuple[str, ...] = ()  # an undeclared dataset: where the code uses it
    # Providers whose marks pass the threshold and no declared generator accounts for.
    unexplained: list[str] = field(default_factory=list)
    # Stock phrases of model-written text in data that declares no generator.
    unnamed: bool = False
    problem: str | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.unexplained) or self.unnamed


def declared_models(manifest: Manifest, table: Table) -> list[Declared]:
    out = [
        through_reseller(Declared(t.model.text, "teacher", t.line, t.via), table) for t in manifest.teachers
    ]
    student = manifest.project.student
    if student is not None and student.base_model is not None:
        out.append(
            through_reseller(Declared(student.base_model.text, "base-model", student.base_model_line), table)
        )
    for d in manifest.datasets:
        out += [through_reseller(Declared(g.model.text, "generator", g.line), table) for g in d.generated_by]
    if student is not None:
        out.append(Declared(student.name, "student", None))
    return out


def through_reseller(declared: Declared, table: Table) -> Declared:
    """A reference with a reseller's prefix (`bedrock:anthropic.claude-…-v1:0`, `azure:gpt-4o`,
    `together:org/name`): the provider's model, reached through that reseller."""
    head, sep, rest = declared.ref.partition(":")
    router = table.named(head) if sep and "/" not in head and head.strip() else None
    if router is None or router.local:
        return declared
    mapped = table.map(rest, endpoint=router)
    if mapped.ref is None:
        return declared
    return Declared(mapped.ref, declared.role, declared.line, declared.via or router.name, declared.ref)


def compare(
    uses: Sequence[Use],
    manifest: Manifest | None,
    table: Table,
    *,
    root: Path,
    manifest_dir: Path,
) -> list[Outcome]:
    models = declared_models(manifest, table) if manifest is not None else []
    datasets = list(manifest.datasets) if manifest is not None else []
    out = []
    for use in uses:
        out.append(_outcome(use, models, datasets, table, root, manifest_dir))
    return out


def _outcome(
    use: Use,
    models: list[Declared],
    datasets: Sequence[object],
    table: Table,
    root: Path,
    manifest_dir: Path,
) -> Outcome:
    what = _shown(use)
    if use.ignored:
        return Outcome(
            use, Status.IGNORED, reason=f"{what} in {use.where}: ignored by a licensecheck comment"
        )
    if use.value is None:
        return Outcome(
            use,
            Status.UNRESOLVED,
            reason=f"{_noun(use)} in {use.where} is not known without running the code: {use.unresolved}",
        )
    if use.kind is Kind.DATASET:
        found = _dataset_declared(use, datasets, root, manifest_dir)
        if found is not None:
            return Outcome(use, Status.DECLARED, found, f"{what} in {use.where}: declared")
        return Outcome(use, Status.UNDECLARED, reason=f"{what} used in {use.where}, not declared")
    if use.local:
        return Outcome(use, Status.LOCAL, reason=f"{what} in {use.where}: a path on disk")
    match = next((d for d in models if covers(d, use)), None)
    if match is None:
        return Outcome(use, Status.UNDECLARED, reason=f"{what} used in {use.where}, not declared")
    if use.via is not None and match.role == "teacher":
        endpoint = table.router(use.via)
        if endpoint is not None and endpoint.cloud and not (match.via and endpoint.is_named(match.via)):
            said = f"via {match.via}" if match.via else "with no via"
            return Outcome(
                use,
                Status.CLOUD,
                match,
                f"{what} used in {use.where} through {use.via}, whose own service terms also apply;"
                f" the manifest declares {match.shown} {said}",
            )
    return Outcome(use, Status.DECLARED, match, f"{what} in {use.where}: declared as {match.shown}")


def _noun(use: Use) -> str:
    kind = {"api": "the API model", "model": "the model", "dataset": "the dataset"}[use.kind.value]
    return f"{kind} of {use.how}" + (f" via {use.via}" if use.via else "")


def _shown(use: Use) -> str:
    ref = use.ref or use.value or "?"
    shown = f"`{ref}`"
    if use.via:
        shown += f" via {use.via}"
    if use.ref is None and use.value:
        shown += " (no provider can be told)"
    return shown


# --- models ---------------------------------------------------------------------------


def _namespace(ref: str) -> tuple[str, str]:
    """(namespace, name): `api:openai`/`gpt-4o`, `hub:qwen`/`Qwen2.5-7B`, `hub:`/`gpt2`."""
    head, sep, rest = ref.partition(":")
    if sep and "/" not in head and rest:
        provider = head.strip().lower()
        return f"api:{_SAME_PROVIDER.get(provider, provider)}", rest
    org, slash, name = ref.rpartition("/")
    if slash:
        return f"hub:{org.strip().lower()}", name
    return "hub:", ref


def words(name: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", name.lower())


def covers(declared: Declared, use: Use) -> bool:
    found = use.ref or use.value
    if not found:
        return False
    if declared.role == "student":  # the model this project trains, loaded back
        space, name = _namespace(found)
        return space.startswith("hub:") and words(name) == words(declared.ref)
    return ref_covers(declared.ref, found)


def ref_covers(declared: str, found: str) -> bool:
    d_space, d_name = _namespace(declared)
    f_space, f_name = _namespace(found)
    if d_space != f_space:
        return False
    d, f = words(d_name), words(f_name)
    if not d:
        return normalise(declared) == normalise(found)
    if d == f:
        return True
    if f[: len(d)] != d:
        return False
    tail = f[len(d) :]
    first = tail[0]
    if not (first in _VERSION_WORDS or (first.isdigit() and len(first) >= 3)):
        return False
    return all(t.isdigit() or t in _VERSION_WORDS for t in tail)


# --- datasets -------------------------------------------------------------------------


def _dataset_declared(
    use: Use, datasets: Sequence[object], root: Path, manifest_dir: Path
) -> Declared | None:
    from licensecheck.manifest import Dataset

    value = (use.ref or use.value or "").strip()
    for d in datasets:
        assert isinstance(d, Dataset)
        if use.local:
            if d.path is not None and _same_path(value, use, d.path, root, manifest_dir):
                return Declared(d.path, "dataset", d.line)
        else:
            if d.id is not None and normalise(d.id) == normalise(value):
                return Declared(d.id, "dataset", d.line)
            if d.url is not None and d.url.strip() == value:
                return Declared(d.url, "dataset", d.line)
    return None


def _same_path(found: str, use: Use, declared: str, root: Path, manifest_dir: Path) -> bool:
    declared_abs = _absolute(manifest_dir, declared)
    bases = [root, root / Path(use.where.file).parent, manifest_dir]
    for base in bases:
        candidate = _absolute(base, found)
        if any(ch in found for ch in "*?["):
            if fnmatch.fnmatch(declared_abs, candidate) or fnmatch.fnmatch(candidate, declared_abs):
                return True
            continue
        if candidate == declared_abs or candidate.startswith(declared_abs.rstrip(os.sep) + os.sep):
            return True
    return False


def _absolute(base: Path, path: str) -> str:
    expanded = os.path.expanduser(path)
    return os.path.normpath(os.path.join(base, expanded))


# --- data fingerprints ----------------------------------------------------------------


def providers_of(ref: str, prints: Fingerprints) -> set[str]:
    """The fingerprint providers a model reference belongs to (`openai:gpt-4o` -> openai,
    `Qwen/Qwen2.5-7B` -> qwen)."""
    space, _ = _namespace(ref)
    kind, _, name = space.partition(":")
    out = set()
    for key, p in prints.providers.items():
        if (kind == "api" and name in p.refs) or (kind == "hub" and name in p.hub):
            out.add(key)
    return out


def covered_providers(
    generators: Iterable[str], prints: Fingerprints, lineage: Mapping[str, Sequence[str]]
) -> set[str]:
    """Providers whose marks the declared generators account for: their own, and those of the
    models they derive from (a distillation of a Qwen model may say it is Qwen)."""
    out: set[str] = set()
    todo = list(generators)
    seen: set[str] = set()
    while todo and len(seen) < 64:
        ref = todo.pop()
        if normalise(ref) in seen:
            continue
        seen.add(normalise(ref))
        out |= providers_of(ref, prints)
        todo += list(lineage.get(normalise(ref), ()))
    return out


def judge_data(outcome: DataOutcome, prints: Fingerprints, lineage: Mapping[str, Sequence[str]]) -> None:
    """Fill in what the marks say against the declared generators."""
    covered = covered_providers(outcome.generators, prints, lineage)
    totals: dict[str | None, tuple[int, list[tuple[FileReport, Marks]]]] = {}
    sampled = sum(f.records for f in outcome.files)
    for report in outcome.files:
        for marks in report.ordered_marks():
            records, found = totals.get(marks.provider, (0, []))
            totals[marks.provider] = (records + marks.records, [*found, (report, marks)])
    generators = ", ".join(outcome.generators) if outcome.generators else "none"
    if outcome.found_in:
        generators = f"none: it is not declared, and used in {', '.join(outcome.found_in[:3])}"
    for provider, (records, found) in totals.items():
        rate = 1000.0 * records / sampled if sampled else 0.0
        if rate < prints.threshold:
            continue
        shown = [
            f"{report.file} record {e.record if e.record is not None else '?'}"
            f"{' (about)' if e.approximate else ''}: \u201c{_cut(e.text)}\u201d"
            for report, marks in found
            for e in marks.examples
        ]
        examples = "; ".join(shown[:2])
        if provider is not None and provider not in covered:
            name = prints.providers[provider].name if provider in prints.providers else provider
            outcome.unexplained.append(provider)
            outcome.reasons.append(
                f"{outcome.dataset}: marks of {name} in {rate:.1f} per 1,000 sampled records ({examples});"
                f" its declared generators ({generators}) include no {name} model"
            )
        elif provider is None and not outcome.generators and not any(p is not None for p in totals):
            outcome.unnamed = True
            outcome.reasons.append(
                f"{outcome.dataset}: the stock phrases of model-written text in {rate:.1f} per 1,000"
                f" sampled records ({examples}), but no generator is declared"
            )


def _cut(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
