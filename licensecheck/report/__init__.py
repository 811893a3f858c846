"""Output formats: one module per format, each a `render(result) -> str` function."""

from __future__ import annotations

from collections.abc import Callable

from licensecheck.engine import Result

Renderer = Callable[[Result], str]


def renderer(name: str, *, color: bool = False) -> Renderer:
    """The renderer for a format name; imported on demand so `check` loads only what it prints."""
    if name == "json":
        from licensecheck.report import json as json_format

        return json_format.render
    if name == "text":
        from licensecheck.report import text

        return lambda result: text.render(result, color=color)
    raise ValueError(f"unknown format {name!r}")


FORMATS = ("text", "json")
