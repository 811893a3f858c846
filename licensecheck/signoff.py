"""A reviewer's sign-off of an audit: who reviewed it, when, what they decided, and why.

The reviewer writes a small YAML file and `licensecheck audit --sign-off FILE` prints it
in the report's review block; the report's provenance gives the file's SHA-256 beside
the manifest's, so the filed report shows which sign-off it carries.

    reviewer: Jane Doe, Legal            # required
    date: 2026-12-01                     # required (YYYY-MM-DD)
    decision: approved-with-conditions   # required: approved | approved-with-conditions | rejected
    notes: >-                            # optional
      Release only after the Llama naming duty is met.
    reference: LEGAL-1234                # optional: a ticket or matter number
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from licensecheck.errors import InputError

DECISIONS = ("approved", "approved-with-conditions", "rejected")
FIELDS = ("reviewer", "date", "decision", "notes", "reference")
MAX_TEXT = 4000  # characters of a field: a review note, not a document


@dataclass(frozen=True)
class SignOff:
    reviewer: str
    date: datetime.date
    decision: str
    notes: str = ""
    reference: str = ""
    file: str = ""


def load(path: str | Path) -> SignOff:
    """The sign-off in `path`; an input error naming the file, line and problem otherwise."""
    from licensecheck.yamlio import load_file

    doc = load_file(path)
    file = str(path)
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(file, 1, "a sign-off is a mapping of reviewer, date, decision and notes")
    problems: list[tuple[int | None, str]] = []
    for key in data:
        if key not in FIELDS:
            problems.append(
                (doc.key_line((key,)), f"unknown field '{key}'; known fields: {', '.join(FIELDS)}")
            )
    values: dict[str, str] = {}
    for key in FIELDS:
        value = data.get(key)
        if value is None:
            if key in ("reviewer", "date", "decision"):
                problems.append((1, f"the sign-off is missing the required field '{key}'"))
            continue
        text = str(value).strip()
        if not isinstance(value, (str, datetime.date)) or not text:
            problems.append((doc.line((key,)), f"{key} must be text"))
        elif len(text) > MAX_TEXT:
            problems.append((doc.line((key,)), f"{key} is longer than {MAX_TEXT} characters"))
        values[key] = text
    decision = values.get("decision")
    if decision is not None and decision not in DECISIONS:
        problems.append(
            (doc.line(("decision",)), f"decision must be one of: {', '.join(DECISIONS)}; got {decision!r}")
        )
    date = None
    if "date" in values:
        try:
            date = datetime.date.fromisoformat(values["date"])
        except ValueError:
            problems.append((doc.line(("date",)), f"date {values['date']!r} is not a date (YYYY-MM-DD)"))
    if problems:
        problems.sort(key=lambda p: p[0] or 0)
        first_line, first = problems[0]
        rest = [f"{file}:{line}: {problem}" for line, problem in problems[1:]]
        raise InputError(file, first_line, "\n".join([first, *rest]))
    assert date is not None and decision is not None
    return SignOff(
        reviewer=values["reviewer"],
        date=date,
        decision=decision,
        notes=values.get("notes", ""),
        reference=values.get("reference", ""),
        file=file,
    )
