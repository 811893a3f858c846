"""`licensecheck.yaml` -> a typed, frozen Manifest, or an InputError naming file and line."""

from __future__ import annotations

import collections
import datetime
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from licensecheck import iso3166, jsonschemas, licenses, manifestschema, refs
from licensecheck.errors import InputError, LicensecheckError
from licensecheck.refs import ModelRef
from licensecheck.visible import visible
from licensecheck.yamlio import Document, Marks, Path_, child, load_file, load_text

T = TypeVar("T")


class Use(enum.Enum):
    COMMERCIAL = "commercial"
    RESEARCH = "research"


class Release(enum.Enum):
    OPEN_WEIGHTS = "open-weights"
    HOSTED = "hosted"
    INTERNAL = "internal"

    @property
    def distributed(self) -> bool:
        """The licences' "distributed or made available": anything beyond internal use."""
        return self is not Release.INTERNAL


class ModelKind(enum.Enum):
    GENERAL_LLM = "general-llm"
    CODE_LLM = "code-llm"
    CLASSIFIER = "classifier"
    EMBEDDING = "embedding"
    OTHER = "other"

    @property
    def is_llm(self) -> bool:
        return self in (ModelKind.GENERAL_LLM, ModelKind.CODE_LLM)


class Purpose(enum.Enum):
    DISTILLATION = "distillation"
    SYNTHETIC_DATA = "synthetic-data"
    JUDGE = "judge"
    REWARD_MODEL = "reward-model"


@dataclass(frozen=True)
class Student:
    """The model the project trains and releases."""

    name: str
    base_model: ModelRef | None
    base_model_line: int | None
    # The base model's licence as the project declares it (`base_model_license`).
    base_model_license: licenses.LicenseExpression | None = None


@dataclass(frozen=True)
class Project:
    """What the project is and how it releases its model."""

    name: str
    use: Use
    release: Release
    model_kind: ModelKind
    monthly_active_users: int
    domicile: str | None
    student: Student | None
    # The entity and its affiliates (`project.organization`), as licences with thresholds
    # count them; None: not declared.
    organization_users: int | None = None
    organization_revenue: int | None = None


@dataclass(frozen=True)
class Teacher:
    """A model whose outputs train the student, and when it was used."""

    model: ModelRef
    via: str | None
    purpose: Purpose
    start: datetime.date | None
    end: datetime.date | None
    line: int | None
    # The model's licence as the project declares it (`license`).
    license: licenses.LicenseExpression | None = None


def period_of_use(
    start: datetime.date | None, end: datetime.date | None, as_of: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """When a model was used: its declared `from`/`until` (an open end runs to `as_of`),
    else the judging date."""
    first = start or end or as_of
    return first, max(first, end or (as_of if start else first))


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Generator:
    """A model that wrote a dataset, with its line in the manifest."""

    model: ModelRef
    line: int | None


@dataclass(frozen=True, slots=True)  # slots: one per subject of a large manifest
class Dataset:
    """A dataset the student is trained on: its id, path or URL, licence and generators."""

    id: str | None
    path: str | None
    url: str | None
    license: licenses.LicenseExpression | None
    generated_by: tuple[Generator, ...]
    line: int | None
    # When the generators wrote the data (None: not declared).
    generated_from: datetime.date | None = None
    generated_until: datetime.date | None = None
    human_written: bool = False  # people, not models, wrote it (a policy may require saying so)

    @property
    def name(self) -> str:
        return self.id or self.path or self.url or "?"


@dataclass(frozen=True)
class Waiver:
    """A person's decision that overrides one subject's finding until it expires."""

    subject: str
    approved_by: str
    reason: str
    expires: datetime.date
    line: int | None
    approved_on: datetime.date | None = None  # when the decision was taken (optional)
    # Scope: only findings this rule decided, or under these terms (`id` or `id@version`).
    rule: str | None = None
    terms: str | None = None
    # Where `rule` and `terms` are written, for an error that names them.
    scope_lines: tuple[int | None, int | None] = (None, None)


@dataclass(frozen=True)
class Manifest:
    """A whole licensecheck.yaml, typed."""

    file: str
    project: Project
    teachers: tuple[Teacher, ...]
    datasets: tuple[Dataset, ...]
    waivers: tuple[Waiver, ...]
    # `policy:`: the organisation policy file named here, as written, and its line.
    policy: str | None = None
    policy_line: int | None = None


SCHEMA = "manifest.schema.json"


def schema() -> dict[str, Any]:
    return jsonschemas.schema(SCHEMA)


def load(path: Path | str) -> Manifest:
    return parse(load_file(path))


def loads(text: str, file: str = "licensecheck.yaml") -> Manifest:
    return parse(load_text(text, file))


def parse(doc: Document) -> Manifest:
    """The manifest, or one InputError that lists every problem found, each with its line:
    the user fixes them all at once, not one run at a time."""
    if not isinstance(doc.data, dict):
        raise InputError(doc.file, doc.line(()) or 1, "the manifest must be a YAML mapping")
    problems: list[InputError] = []

    def attempt(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except InputError as exc:
            problems.append(exc)
            return None

    # Before the schema, which would call a look-alike id merely "not a model reference".
    attempt(lambda: _check_characters(doc))
    attempt(lambda: _validate(doc))
    shapeless = bool(problems)
    project_data = doc.data.get("project")
    if isinstance(project_data, dict) and isinstance(project_data.get("domicile"), (str, type(None))):
        attempt(lambda: _check_domicile(doc))
    if shapeless:  # the checks below read what the schema vouches for
        raise _all_of(doc, problems)
    data = doc.data
    project = attempt(lambda: _project(doc, data["project"]))
    teacher_marks = _listed(doc, "teachers")
    teachers = [
        attempt(lambda i=i, t=t: _teacher(doc, i, t, _item(teacher_marks, i)))  # type: ignore[misc]
        for i, t in enumerate(data.get("teachers") or [])
    ]
    dataset_marks = _listed(doc, "datasets")
    datasets = [
        attempt(lambda i=i, d=d: _dataset(doc, i, d, _item(dataset_marks, i)))  # type: ignore[misc]
        for i, d in enumerate(data.get("datasets") or [])
    ]
    waivers = [attempt(lambda i=i, w=w: _waiver(doc, i, w)) for i, w in enumerate(data.get("waivers") or [])]  # type: ignore[misc]
    if problems or project is None:
        raise _all_of(doc, problems)
    found = tuple(w for w in waivers if w is not None)
    _check_one_waiver_each(doc, found)
    return Manifest(
        doc.file,
        project,
        tuple(t for t in teachers if t is not None),
        tuple(d for d in datasets if d is not None),
        found,
        data.get("policy"),
        doc.line(("policy",)) if "policy" in data else None,
    )


_LOCATED = re.compile(r"^(?P<file>.*):(?P<line>\d+): (?P<problem>.*)$")


def _all_of(doc: Document, problems: list[InputError]) -> InputError:
    """One error listing every problem once, in the order of their lines."""
    shown = visible(doc.file)
    found: dict[tuple[int, str], None] = {}
    for exc in problems:
        first, *rest = exc.problem.split("\n")
        found[(exc.line or 0, first)] = None
        for line in rest:  # a check that already lists several, "file:line: problem" each
            m = _LOCATED.match(line)
            if m is not None and m["file"] == shown:
                found[(int(m["line"]), m["problem"])] = None
            else:
                found[(exc.line or 0, line)] = None
    ordered: list[tuple[int, str]] = sorted(found)
    first_line, first = ordered[0]
    listed = [first, *(f"{shown}:{n}: {problem}" for n, problem in ordered[1:])]
    return InputError(doc.file, first_line or None, "\n".join(listed))


def _listed(doc: Document, name: str) -> Marks | None:
    """The marks of a top-level list (found once, however many items it has)."""
    located = doc.marks_at((name,))
    return located[1] if located is not None else None


def _item(listed: Marks | None, i: int) -> Marks | None:
    """The marks of item `i` of a top-level list, to find its lines without walking from the top."""
    if listed is None:
        return None
    entry = listed[1 + i]
    return entry if isinstance(entry, tuple) else None


def _line(doc: Document, path: Path_, data: Any, marks: Marks | None, *rest: str | int) -> int | None:
    """`doc.line((*path, *rest))`, read from the item's own marks (`data` is the item at `path`)."""
    line = None
    for part in rest:
        found = child(data, marks, part) if marks is not None else None
        if found is None:
            return doc.line((*path, *rest))
        data, line, _, marks = found
    return line if rest else doc.line(path)


def _check_one_waiver_each(doc: Document, waivers: tuple[Waiver, ...]) -> None:
    """Two waivers for one subject (and one scope) would leave which decision holds to chance
    (the Hub compares ids without case, so neither may this)."""
    seen: dict[tuple[str, str | None, str | None], Waiver] = {}
    for w in waivers:
        first = seen.setdefault((w.subject.lower(), w.rule, w.terms), w)
        if first is not w:
            raise InputError(
                doc.file, w.line, f"a second waiver for {w.subject!r} (the first is on line {first.line})"
            )


# --- schema validation ---------------------------------------------------------


def _validate(doc: Document) -> None:
    if manifestschema.valid(doc.data):
        return  # decided without jsonschema; any doubt is left to it below
    errors = jsonschemas.errors(SCHEMA, doc.data)
    if not errors:
        return
    located = sorted((_locate(doc, e) for e in errors), key=lambda pair: (pair[0] or 0, pair[1]))
    first_line, first_problem = located[0]
    # One problem per line: a file name's own line break must not start a line of its own.
    rest = [f"{visible(doc.file)}:{line}: {problem}" for line, problem in located[1:]]
    problem = first_problem if not rest else first_problem + "\n" + "\n".join(rest)
    raise InputError(doc.file, first_line, problem)


def _dotted(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the manifest"


def _locate(doc: Document, error: Any) -> tuple[int | None, str]:
    path: Path_ = tuple(error.absolute_path)
    where = _dotted(path)
    validator = error.validator
    if validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        key = extra[0] if extra else "?"
        import difflib  # only a manifest with an unknown field needs it

        hint = difflib.get_close_matches(key, allowed, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        known = ", ".join(allowed)
        problem = f"unknown field '{key}' in {where}{suggestion}; known fields: {known}"
        return doc.key_line((*path, key)), problem
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return doc.key_line(path) if path else 1, f"{where} is missing the required field '{missing}'"
    if validator == "oneOf" and path[:1] == ("datasets",):
        return doc.line(path), f"{where} needs exactly one of 'id', 'path' or 'url'"
    if validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return doc.line(path), f"{where} must be one of: {options}; got {error.instance!r}"
    if validator == "const":
        return doc.line(path), f"{where} must be {error.validator_value!r}; got {error.instance!r}"
    if validator == "type":
        return doc.line(path), (
            f"{where} must be of type {error.validator_value}, not {_type_name(error.instance)}"
            f" ({error.instance!r})"
        )
    if validator == "pattern":
        fix = _model_hint(error.instance) if _is_model_field(path) else ""
        return doc.line(path), f"{where}: {error.instance!r} is not {_pattern_meaning(path)}{fix}"
    return doc.line(path), f"{where}: {error.message}"


def _type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


def _is_model_field(path: Path_) -> bool:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return last in ("model", "base_model", "generated_by")


def _model_hint(value: Any) -> str:
    """The fix for a model reference that is almost right, where one can be named."""
    if not isinstance(value, str):
        return ""
    provider, sep, model = value.partition(":")
    if sep and provider != provider.lower() and "/" not in provider:
        return f"; provider names are lower case: {provider.lower()}:{model}"
    if not sep and "/" not in value:
        guess = _api_guess(value)
        if guess:
            return f"; did you mean {guess}?"
    return ""


def _api_guess(name: str) -> str | None:
    """`provider:name` for a bare API model name, if the registry knows one provider whose
    models' names begin as this one does (gpt-… is OpenAI's, claude-… Anthropic's)."""
    from licensecheck.registry import Registry  # only on this error path

    family = name.lower().split("-", 1)[0]
    counts = collections.Counter(
        ref.split(":", 1)[0]
        for ref in Registry().api_refs()
        if ref.split(":", 1)[1].lower().split("-", 1)[0] == family
    )
    ranked = counts.most_common(2)
    # The provider with the most such models (an API over the consumer app that shares them).
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return f"{ranked[0][0]}:{name}"


def _pattern_meaning(path: Path_) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    if last in ("from", "until", "expires", "approved_on"):
        return "a date (YYYY-MM-DD)"
    if last in ("model", "base_model", "generated_by"):
        return "a model reference: 'org/name' (a Hugging Face repo) or 'provider:model' (an API)"
    if last == "domicile":
        return "an ISO 3166-1 alpha-2 country code such as US or DE, or a region such as EU"
    if last == "id":
        return "a Hugging Face dataset id 'org/name'"
    if last == "url":
        return "an http(s) URL"
    return "in the expected form"


# --- characters and codes the schema cannot judge ------------------------------


def _check_characters(doc: Document) -> None:
    """Ids are ASCII: a look-alike, invisible or bidirectional character names another
    model than the one the reader sees. Free text (a path, a waiver) may be any script
    but must not hide or reorder what it says."""
    if _printable_ascii(doc.data):
        return  # nothing in it can look like something else, or hide
    for path, value, kind in _strings(doc.data):
        problem = (
            refs.lookalike_characters(value) if kind != "text" else refs.hidden_characters(value, "\n\t")
        )
        if problem is None:
            continue
        if kind == "text":
            problem = f"contains {problem}"
        raise InputError(
            doc.file, doc.line(path), f"{_dotted(path)}: '{value}' {problem}{_did_you_mean(value, kind)}"
        )


def _printable_ascii(data: dict[str, Any]) -> bool:
    """Whether every string `_strings` could yield (and more) is printable ASCII."""
    stack = [
        data.get("teachers"),
        data.get("datasets"),
        data.get("waivers"),
        data.get("policy"),
        _get(data.get("project"), "student"),
    ]
    while stack:
        value = stack.pop()
        if type(value) is str:
            if not (value.isascii() and value.isprintable()):
                return False
        elif type(value) is list:
            stack += value
        elif type(value) is dict:
            stack += value.values()
    return True


def _strings(data: dict[str, Any]) -> Iterator[tuple[Path_, str, str]]:
    """(path, value, kind) of each id and free text worth checking; kind is model, dataset
    or text. Values of the wrong type are left to the schema."""
    student = _get(_get(data, "project"), "student")
    yield from _typed(("project", "student", "base_model"), _get(student, "base_model"), "model")
    licence = _get(student, "base_model_license")
    yield from _typed(("project", "student", "base_model_license"), licence, "text")
    for i, teacher in _items(data.get("teachers")):
        yield from _typed(("teachers", i, "model"), _get(teacher, "model"), "model")
        yield from _typed(("teachers", i, "license"), _get(teacher, "license"), "text")
    for i, dataset in _items(data.get("datasets")):
        yield from _typed(("datasets", i, "id"), _get(dataset, "id"), "dataset")
        url = _get(dataset, "url")
        hub_id = hub_dataset_id(url) if isinstance(url, str) else None
        yield from _typed(("datasets", i, "url"), hub_id, "dataset")
        for key in ("path", "url", "license"):
            yield from _typed(("datasets", i, key), _get(dataset, key), "text")
        for j, generator in _items(_get(dataset, "generated_by")):
            yield from _typed(("datasets", i, "generated_by", j), generator, "model")
    yield from _typed(("policy",), data.get("policy"), "text")
    for i, waiver in _items(data.get("waivers")):
        for key in ("subject", "approved_by", "reason", "terms"):
            yield from _typed(("waivers", i, key), _get(waiver, key), "text")


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _items(data: Any) -> Iterable[tuple[int, Any]]:
    return enumerate(data) if isinstance(data, list) else ()


def _typed(path: Path_, value: Any, kind: str) -> Iterator[tuple[Path_, str, str]]:
    if isinstance(value, str):
        yield path, value, kind


def _did_you_mean(value: str, kind: str) -> str:
    """The catalogue's id that `value` imitates, if the catalogue has one."""
    guess = refs.skeleton(value)
    if kind == "text" or guess == value or not guess.isascii():
        return ""
    try:
        from licensecheck.registry import Registry

        registry = Registry()
    except LicensecheckError:  # a broken registry must not hide the input error
        return ""
    if kind == "dataset":
        known = registry.dataset(guess)
        return f"; did you mean {known.id}?" if known else ""
    model = registry.model(guess)
    if model is None:
        return ""
    return f"; did you mean {guess if model.is_pattern else model.key}?"


def _check_domicile(doc: Document) -> None:
    domicile = doc.data["project"].get("domicile")
    if domicile is None or domicile in iso3166.ALPHA_2 or domicile in _domiciles():
        return
    hint = iso3166.COMMON_MISTAKES.get(domicile)
    suggestion = f" (did you mean {hint}?)" if hint and hint in _domiciles() else ""
    regions = ", ".join(sorted(_regions())) or "none"
    raise InputError(
        doc.file,
        doc.line(("project", "domicile")),
        f"project.domicile: {domicile!r} is not an ISO 3166-1 alpha-2 country code{suggestion};"
        f" regions the registry defines may be named too: {regions}",
    )


@functools.cache
def _domiciles() -> frozenset[str]:
    """Country codes, the registry's regions and the codes they list (the EU's EL for Greece)."""
    regions = _regions()
    return iso3166.ALPHA_2 | frozenset(regions) | frozenset(c for codes in regions.values() for c in codes)


@functools.cache
def _regions() -> dict[str, tuple[str, ...]]:
    from licensecheck.regindex import data_root

    try:
        meta = load_file(data_root() / "registry" / "registry.yaml").data
    except InputError:  # the registry's own loading reports that
        return {}
    regions = _get(meta, "regions")
    if not isinstance(regions, dict):
        return {}
    return {str(name): tuple(str(c) for c in codes or ()) for name, codes in regions.items()}


# --- typed values ---------------------------------------------------------------


def _date(doc: Document, path: Path_, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            doc.file, doc.line(path), f"{_dotted(path)}: {value!r} is not a valid date"
        ) from None


def _project(doc: Document, p: dict[str, Any]) -> Project:
    organization = p.get("organization") or {}
    student = None
    if "student" in p:
        s = p["student"]
        base = s.get("base_model")
        student = Student(
            name=s["name"],
            base_model=_model_ref(base) if base else None,
            base_model_line=doc.line(("project", "student", "base_model")) if base else None,
            base_model_license=_license(doc, ("project", "student", "base_model_license"), s),
        )
    return Project(
        name=p["name"],
        use=Use(p["use"]),
        release=Release(p["release"]),
        model_kind=ModelKind(p.get("model_kind", "general-llm")),
        monthly_active_users=int(p.get("monthly_active_users", 0)),
        domicile=p.get("domicile"),
        student=student,
        organization_users=organization.get("monthly_active_users"),
        organization_revenue=organization.get("monthly_revenue_usd"),
    )


def _license(doc: Document, path: Path_, data: dict[str, Any]) -> licenses.LicenseExpression | None:
    """The SPDX expression at `path` (its last key in `data`), or None if absent."""
    key = str(path[-1])
    if key not in data:
        return None
    try:
        return licenses.parse(data[key])
    except licenses.ExpressionError as exc:
        raise InputError(doc.file, doc.line(path), str(exc)) from None


def _teacher(doc: Document, i: int, t: dict[str, Any], marks: Marks | None = None) -> Teacher:
    path: Path_ = ("teachers", i)
    start = _date(doc, (*path, "from"), t["from"]) if "from" in t else None
    end = _date(doc, (*path, "until"), t["until"]) if "until" in t else None
    if start and end and end < start:
        raise InputError(doc.file, doc.line((*path, "until")), f"{_dotted(path)}: 'until' is before 'from'")
    return Teacher(
        model=_model_ref(t["model"]),
        via=t.get("via"),
        purpose=Purpose(t.get("purpose", "distillation")),
        start=start,
        end=end,
        line=_line(doc, path, t, marks, "model"),
        license=_license(doc, (*path, "license"), t),
    )


def _dataset(doc: Document, i: int, d: dict[str, Any], marks: Marks | None = None) -> Dataset:
    path: Path_ = ("datasets", i)
    expression = None
    if "license" in d:
        try:
            expression = licenses.parse(d["license"])
        except licenses.ExpressionError as exc:
            raise InputError(doc.file, doc.line((*path, "license")), str(exc)) from None
    named = d.get("generated_by")  # (most datasets name no generator and no dates: skipped)
    generators: tuple[Generator, ...] = ()
    if named:
        line = functools.partial(_line, doc, path, d, marks, "generated_by")
        generators = tuple(Generator(_model_ref(g), line(j)) for j, g in enumerate(named))
    first_key = "id" if "id" in d else "path" if "path" in d else "url"
    generated = d.get("generated")
    start = end = None
    if generated:
        start, end = (
            _date(doc, (*path, "generated", k), generated[k]) if k in generated else None
            for k in ("from", "until")
        )
    if start and end and end < start:
        where = (*path, "generated")
        raise InputError(doc.file, doc.line((*where, "until")), f"{_dotted(where)}: 'until' is before 'from'")
    if d.get("human_written") and generators:
        raise InputError(
            doc.file,
            doc.line((*path, "human_written")),
            f"{_dotted(path)}: human_written: true, yet generated_by names the models that wrote it",
        )
    url = d.get("url")
    # A Hub dataset named by its web address is that dataset: its catalogue entry applies.
    hub_id = hub_dataset_id(url) if url else None
    return Dataset(
        id=d.get("id") or hub_id,
        path=d.get("path"),
        url=None if hub_id else url,
        license=expression,
        generated_by=generators,
        line=_line(doc, path, d, marks, first_key),
        generated_from=start,
        generated_until=end,
        human_written=bool(d.get("human_written", False)),
    )


_HUB_DATASET_URL = re.compile(
    r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/datasets/([^/\s?#]+)/([^/\s?#]+)(?:[/?#]\S*)?$"
)


_HUB_MODEL_URL = re.compile(
    r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(?!datasets/|spaces/)([^/\s?#:]+)/([^/\s?#:]+)(?:[/?#]\S*)?$"
)


@functools.lru_cache(maxsize=4096)  # a large manifest names a few generators many times
def _model_ref(text: str) -> ModelRef:
    """A model reference; a Hub model's web address is read as its repo id, as a dataset's is."""
    match = _HUB_MODEL_URL.match(text)
    return ModelRef(f"{match.group(1)}/{match.group(2)}" if match else text)


def hub_dataset_id(url: str) -> str | None:
    """`org/name` for a Hugging Face dataset's web address (any page or file in it), else None."""
    match = _HUB_DATASET_URL.match(url)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def _waiver(doc: Document, i: int, w: dict[str, Any]) -> Waiver:
    path: Path_ = ("waivers", i)
    for key in ("subject", "approved_by", "reason"):
        if not w[key].strip():
            # A waiver overrides a finding; one that names no approver or reason is no decision.
            raise InputError(doc.file, doc.line((*path, key)), f"{_dotted((*path, key))} is blank")
    if w["subject"] != w["subject"].strip():
        # Subjects match as written (a local path is case- and space-sensitive): say so now.
        raise InputError(
            doc.file,
            doc.line((*path, "subject")),
            f"{_dotted((*path, 'subject'))}: {w['subject']!r} has leading or trailing spaces",
        )
    return Waiver(
        subject=w["subject"],
        approved_by=w["approved_by"],
        reason=w["reason"],
        expires=_date(doc, (*path, "expires"), w["expires"]),
        line=doc.line((*path, "subject")),
        approved_on=_date(doc, (*path, "approved_on"), w["approved_on"]) if w.get("approved_on") else None,
        rule=w.get("rule"),
        terms=w.get("terms"),
        scope_lines=(
            doc.line((*path, "rule")) if "rule" in w else None,
            doc.line((*path, "terms")) if "terms" in w else None,
        ),
    )
