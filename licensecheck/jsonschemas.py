"""The JSON Schemas shipped in licensecheck/schemas/, and validation against them.

A document already found valid (same schema, same data) is not validated again:
that keeps jsonschema, the heaviest import of `check`, off the path of a repeated run.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from licensecheck import memo

# Shipped in the package beside this module (importlib.resources would cost `check` an import).
SCHEMAS = Path(__file__).resolve().parent / "schemas"


@functools.cache
def text(name: str) -> str:
    return (SCHEMAS / name).read_text(encoding="utf-8")


@functools.cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text(name))
    return loaded


def errors(name: str, data: Any) -> list[Any]:
    """Every error of `data` against schema `name` (jsonschema ValidationErrors); [] if valid."""
    digest = memo.key("valid", text(name), json.dumps(data, sort_keys=True, default=repr))
    if memo.load("valid", digest) is True:
        return []
    from jsonschema import Draft202012Validator

    found = list(Draft202012Validator(schema(name)).iter_errors(data))
    if not found:
        memo.store("valid", digest, True)
    return found
