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


def assert_datasets_resolve_as_written(file: str) -> None:
    """Each dataset of registry/catalogue/`file` is the registry's own record (not the DPI's),
    cites a web source, and names only generators the registry resolves."""
    from licensecheck.registry import Registry

    registry = Registry()
    for item in entries(file, "datasets"):
        entry = registry.dataset(item["id"])
        assert entry is not None and entry.id == item["id"], item["id"]
        assert entry.provenance is None, item["id"]
        assert str(item["source"]).startswith("https://"), item["id"]
        assert [g for g in entry.generated_by if registry.model(g) is None] == [], item["id"]
