"""The records a scan produces: where something is used, what it is, and what it maps to."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    MODEL = "model"  # weights loaded or downloaded: a Hub repository, or a checkpoint on disk
    API = "api"  # a hosted model called through an API client or a router
    DATASET = "dataset"


@dataclass(frozen=True, order=True)
class Location:
    """A file (relative to the scanned root, `/`-separated), a line, and a notebook's cell."""

    file: str
    line: int
    cell: int | None = None  # notebooks: the code cell (1-based, counting every cell)

    def __str__(self) -> str:
        if self.cell is not None:
            return f"{self.file}[cell {self.cell}]:{self.line}"
        return f"{self.file}:{self.line}"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file, "line": self.line}
        if self.cell is not None:
            out["cell"] = self.cell
        return out


@dataclass(frozen=True)
class Use:
    """One use of a model, dataset or model API found in code or a config."""

    where: Location
    kind: Kind
    how: str  # what says so: "AutoModel.from_pretrained", "config key teacher_model_name_or_path"
    value: str | None  # the id as the code gives it; None when it is computed (unresolved)
    ref: str | None  # the manifest's form: provider:model, org/name, a local path; None if unknown
    role: str = "teacher"  # the manifest role it would be declared under: teacher, base-model, dataset
    via: str | None = None  # the router, cloud or server the call goes through
    note: str | None = None  # how the value was found (a default, a constant defined elsewhere)
    unresolved: str | None = None  # why the value is not known without running the code
    local: bool = False  # a path on disk (a checkpoint or data file), not a Hub id
    ignored: bool = False  # a `# licensecheck: ignore` comment on its line

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            **self.where.to_json(),
            "kind": self.kind.value,
            "how": self.how,
            "value": self.value,
            "ref": self.ref,
            "role": self.role,
            "via": self.via,
            "local": self.local,
        }
        if self.note:
            out["note"] = self.note
        if self.unresolved:
            out["unresolved"] = self.unresolved
        return out


@dataclass(frozen=True)
class Problem:
    """A file the scan could not read, or read only in part (too large, not UTF-8, invalid
    syntax, a link out of the tree). `candidate`: it looked like it might use a model or
    dataset, so what it uses is unknown (needs review); otherwise it is only noted."""

    file: str
    problem: str
    candidate: bool = True

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "problem": self.problem, "needs_review": self.candidate}
