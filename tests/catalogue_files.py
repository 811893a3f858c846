"""A catalogue file's entries as written (not as the registry reads them), for the tests that
check each entry an issue added resolves as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "registry" / "catalogue"


def entries(file: str, section: str) -> list[dict[str, Any]]:
    """The `section` ("models" or "datasets") of registry/catalogue/`file`."""
    data = yaml.safe_load((CATALOGUE / file).read_text(encoding="utf-8"))
    listed: list[dict[str, Any]] = data[section]
    return listed
