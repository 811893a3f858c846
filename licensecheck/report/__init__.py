"""Output formats: one module per format. text and json render one result (`render(result)`);
the CI formats render the results of every manifest of a run (`render(results)`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
    if name in CI_FORMATS:
        return lambda result: render_all(name, [result])
    raise ValueError(f"unknown format {name!r}")


def render_all(name: str, results: Sequence[Result], *, color: bool = False) -> str:
    """Several manifests' results in one document; one result renders as `renderer(name)` does."""
    import importlib

    if name in CI_FORMATS:  # these formats hold several manifests by design
        module = importlib.import_module(f"licensecheck.report.{name}")
        rendered: str = module.render(results)
        return rendered
    if len(results) == 1:
        return renderer(name, color=color)(results[0])
    from licensecheck.report import combined

    if name == "json":
        return combined.render_json(results)
    if name == "text":
        return combined.render_text(results, color=color)
    raise ValueError(f"unknown format {name!r}")


# sarif: code scanning; github: workflow-command annotations; junit: test-report XML.
CI_FORMATS = ("sarif", "github", "junit")
FORMATS = ("text", "json", *CI_FORMATS)
