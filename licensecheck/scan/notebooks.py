"""Jupyter notebooks: their code cells, joined into one source for `code.py`, with each line
mapped back to its cell. Outputs are not read; IPython's `%magic`, `!shell` and `?help`
lines become `pass` (they are no Python), and a cell that does not parse is left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from licensecheck.safefile import parse_json
from licensecheck.scan import code, prefilter


class NotebookError(Exception):
    """The file is no notebook: its message says why."""


@dataclass(frozen=True)
class Cells:
    source: str
    lines: tuple[tuple[int, int], ...]  # per line of `source`: (cell, line in the cell)
    skipped: tuple[str, ...]  # cells left out, with why


def read(data: bytes) -> Cells:
    try:
        text = data.decode("utf-8")
        nb = parse_json(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotebookError(f"not a notebook (invalid JSON: {exc})") from None
    cells = _cells(nb)
    if cells is None:
        raise NotebookError("not a notebook (no cells)")
    out: list[str] = []
    where: list[tuple[int, int]] = []
    skipped: list[str] = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        lines = _lines(cell.get("source", cell.get("input", "")))
        if lines and lines[0].lstrip().startswith("%%"):
            continue  # a cell magic: the whole cell is another language
        lines = [_python(line) for line in lines]
        body = "\n".join(lines)
        if prefilter.is_candidate(body.encode("utf-8", "replace")):
            try:
                code.parse(body)
            except code.SourceError as exc:
                skipped.append(f"cell {number}: {exc}")
                continue
        for i, line in enumerate(lines, 1):
            out.append(line)
            where.append((number, i))
    return Cells("\n".join(out) + "\n", tuple(where), tuple(skipped))


def _cells(nb: Any) -> list[Any] | None:
    if not isinstance(nb, dict):
        return None
    if isinstance(nb.get("cells"), list):
        return list(nb["cells"])
    sheets = nb.get("worksheets")  # nbformat 3
    if isinstance(sheets, list) and sheets and isinstance(sheets[0], dict):
        cells = sheets[0].get("cells")
        return list(cells) if isinstance(cells, list) else None
    return None


def _lines(source: Any) -> list[str]:
    if isinstance(source, list):
        text = "".join(s for s in source if isinstance(s, str))
    elif isinstance(source, str):
        text = source
    else:
        return []
    return text.splitlines()


def _python(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(("%", "!")) or (stripped.endswith("?") and not stripped.startswith("#")):
        return line[: len(line) - len(stripped)] + "pass"  # keeps an indented block a block
    return line
