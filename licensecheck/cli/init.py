"""`licensecheck init`: write a commented starter licensecheck.yaml.

On a terminal it asks for what it cannot guess; otherwise (CI, scripts, pipes) it
asks nothing and takes the options and the defaults. The defaults are the strictest
reading (commercial use, open weights), so a project that keeps them is judged strictly.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

from licensecheck.cli.common import handles_errors
from licensecheck.errors import InputError

USES = ("commercial", "research")
RELEASES = ("open-weights", "hosted", "internal")
KINDS = ("general-llm", "code-llm", "classifier", "embedding", "other")

TEMPLATE = """\
# licensecheck.yaml: what this training run consumes, judged by `licensecheck check`.
# `licensecheck schema` prints the JSON Schema of this file (for editors).
licensecheck: 1

project:
  name: {name}
  use: {use}{pad_use}# commercial | research (non-commercial research only)
  release: {release}{pad_release}# open-weights | hosted | internal
  model_kind: {kind}{pad_kind}# general-llm | code-llm | classifier | embedding | other
  monthly_active_users: 0      # users of the product built on the student; some licences set a ceiling
  {domicile}
  # organization:              # the entity with its affiliates: Llama counts its users on the
  #   monthly_active_users: 0  # release date; commercial use of such a model needs the figure
  #   monthly_revenue_usd: 0   # some licences set a revenue ceiling (Kimi K2, MiniMax)
  student:
    name: {student}
    # The released name: some licences require a prefix (e.g. "Llama").
    {base_model}

# Models whose outputs, logits or judgements train the student: provider:model for a
# hosted API (openai:gpt-4o), org/name for a Hugging Face repository. Replace [] with:
#   - model: openai:gpt-4o
#     via: openrouter          # a router or reseller never replaces the provider's terms
#     purpose: distillation    # distillation | synthetic-data | judge | reward-model
#     from: 2025-01-01         # the dates of use decide which version of the terms applies
#     until: 2025-03-31
teachers: []

# The data the student is trained on, each with one of id (Hugging Face dataset), path
# or url. Replace [] with:
#   - id: tatsu-lab/alpaca
#     license: CC-BY-NC-4.0    # SPDX expression; required when it cannot be resolved
#     generated_by: [openai:text-davinci-003]
datasets: []

# A reviewed decision that overrides one subject's finding until it expires. Replace [] with:
#   - subject: openai:gpt-4o
#     approved_by: legal@example.com
#     reason: "Separate written agreement, ref. CONTRACT-123"
#     expires: 2027-01-01
waivers: []
"""

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:-]*$")


@click.command()
@click.argument("path", default="licensecheck.yaml", type=click.Path(dir_okay=False))
@click.option("--name", help="Project name (default: the directory's name).")
@click.option("--use", type=click.Choice(USES), help="commercial or research (default commercial).")
@click.option(
    "--release", type=click.Choice(RELEASES), help="How the student is released (default open-weights)."
)
@click.option("--model-kind", type=click.Choice(KINDS), help="What the student is (default general-llm).")
@click.option("--student", help="The trained model's release name (default: the project name).")
@click.option("--base-model", help="The weights training starts from, e.g. Qwen/Qwen2.5-7B (default: none).")
@click.option("--domicile", help="ISO 3166-1 alpha-2 country of the entity, e.g. US (default: none).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("-y", "--yes", "no_input", is_flag=True, help="Ask nothing, even on a terminal.")
@handles_errors
def init(
    path: str,
    name: str | None,
    use: str | None,
    release: str | None,
    model_kind: str | None,
    student: str | None,
    base_model: str | None,
    domicile: str | None,
    force: bool,
    no_input: bool,
) -> None:
    """Write a commented starter manifest to PATH (default ./licensecheck.yaml).

    On a terminal, asks for the values no option gives; elsewhere asks nothing.
    """
    target = Path(path)
    if target.exists() and not force:
        raise InputError(path, None, "already exists; pass --force to overwrite it")
    ask = not no_input and sys.stdin.isatty()
    default_name = target.resolve().parent.name or "my-project"
    if ask:
        name = name or click.prompt("Project name", default=default_name)
        use = use or click.prompt("Use", type=click.Choice(USES), default="commercial")
        release = release or click.prompt("Release", type=click.Choice(RELEASES), default="open-weights")
        model_kind = model_kind or click.prompt("Model kind", type=click.Choice(KINDS), default="general-llm")
        student = student or click.prompt("Release name of the trained model", default=name)
        # A bad answer is asked again at once, with the reason, rather than failing at the end.
        if base_model is None:
            base_model = click.prompt(
                "Base model (empty: from scratch)",
                default="",
                show_default=False,
                value_proc=_answer("student:\n    name: x\n    base_model: {}"),
            )
        if domicile is None:
            domicile = click.prompt(
                "Domicile, ISO country code (empty: leave out)",
                default="",
                show_default=False,
                value_proc=_answer("domicile: {}", upper=True),
            )
    name = name or default_name
    use, release, kind = use or "commercial", release or "open-weights", model_kind or "general-llm"
    text = TEMPLATE.format(
        name=_scalar(name),
        use=use,
        pad_use=" " * (24 - len(use)),
        release=release,
        pad_release=" " * (20 - len(release)),
        kind=kind,
        pad_kind=" " * (17 - len(kind)),
        domicile=f"domicile: {_scalar(domicile.upper())}"
        if domicile
        else "# domicile: US               # ISO country of the entity; some terms exclude regions",
        student=_scalar(student or name),
        base_model=f"base_model: {_scalar(base_model)}"
        if base_model
        else "# base_model: Qwen/Qwen2.5-7B  # the weights training starts from; leave out from scratch",
    )
    from licensecheck.manifest import loads

    loads(text, path)  # what init writes must pass `check`'s own validation
    target.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {path}. Declare the teachers and datasets, then run: licensecheck check {path}")


def _answer(field: str, *, upper: bool = False) -> Callable[[str], str]:
    """A prompt's check: the answer must pass the manifest's own validation where it goes."""

    def check(value: str) -> str:
        value = value.strip().upper() if upper else value.strip()
        if not value:
            return value
        from licensecheck.errors import InputError
        from licensecheck.manifest import loads

        snippet = "licensecheck: 1\nproject:\n  name: x\n  use: research\n  release: internal\n  "
        try:
            loads(snippet + field.format(_scalar(value)) + "\n", "your answer")
        except InputError as exc:
            raise click.BadParameter(exc.problem) from None
        return value

    return check


def _scalar(value: str) -> str:
    """A YAML scalar: plain when it is safe, else double-quoted (a JSON string is valid YAML)."""
    import yaml

    if _PLAIN.match(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value)
