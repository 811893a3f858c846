"""What `licensecheck check` does once its arguments are read, without Click: the Click
command (cli/check.py) and the Click-free path (cli/entry.py) both run this."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from licensecheck.cli.console import (
    EXIT_FAILED,
    EXIT_OK,
    chunked,
    echo,
    load_all,
    refuse_overwriting_inputs,
    use_color,
    write_report,
)

if TYPE_CHECKING:
    from licensecheck.manifest import Manifest
    from licensecheck.policy import Policy
    from licensecheck.registry import Registry
    from licensecheck.result import Result


class UsageProblem(Exception):
    """A usage error (exit 2) that Click words, with the command's usage line."""


def run(
    manifests: tuple[str, ...],
    all_manifests: bool,
    exclude: tuple[str, ...],
    output_format: str,
    output_path: str | None,
    fail_on: str | None,
    detail: str | None,
    policy_path: str | None,
    as_of: datetime.date,
    offline: bool,
    locked: bool,
    registry_path: str | None,
    with_scan: bool = False,
) -> int:
    """Judge the manifests, print the report, and return the exit code. With `with_scan`, what
    the code and data beside each manifest use but it does not declare needs review."""
    from licensecheck import manifest as manifest_mod
    from licensecheck.lock import lock_path
    from licensecheck.registry import Registry
    from licensecheck.report import check_parts, render_check

    paths = manifest_paths(manifests, all_manifests, exclude)
    refuse_overwriting_inputs([output_path], [*paths, policy_path, *(lock_path(Path(p)) for p in paths)])
    # Every manifest is read before any is judged: one bad one means nothing is reported.
    parsed_all = load_all(paths, manifest_mod.load)
    policies = policies_for(parsed_all, policy_path, fail_on)  # every one read before any judging
    registry = Registry(Path(registry_path) if registry_path else None)
    results = []
    for parsed, policy in zip(parsed_all, policies, strict=True):
        result, _ = judge(parsed, registry, policy, as_of, offline=offline, locked=locked)
        if with_scan:
            from licensecheck.scan.gate import add_scan, scan_beside

            result = add_scan(result, scan_beside(parsed, registry))
        results.append(result)
    if output_path:
        write_report(output_path, render_check(output_format, results))
        output_format = "text"
    # Written as it is made: a report of 100,000 subjects is never held whole.
    for chunk in chunked(check_parts(output_format, results, color=use_color(), detail=detail or "normal")):
        echo(chunk, nl=False)
    return EXIT_FAILED if any(r.failed for r in results) else EXIT_OK


def policy_with(policy_path: str | None, fail_on: str | None) -> Policy:
    """The policy a run judges under: the file given (else the default), `--fail-on` applied."""
    from licensecheck import policy as policy_mod
    from licensecheck.verdict import Verdict

    policy = policy_mod.load(policy_path)
    return dataclasses.replace(policy, fail_on=Verdict(fail_on)) if fail_on else policy


def policies_for(parsed_all: list[Manifest], policy_path: str | None, fail_on: str | None) -> list[Policy]:
    """Each manifest's policy: `--policy`, else the file its `policy:` names, else the nearest
    `.licensecheck/policy.yaml` up to its repository's root, else the default. Each file is
    loaded once however many manifests share it."""
    from licensecheck import orgpolicy

    loaded: dict[str | None, Policy] = {}
    out = []
    for parsed in parsed_all:
        chosen = policy_path or orgpolicy.find(parsed)
        key = str(Path(chosen).resolve()) if chosen else None
        if key not in loaded:
            loaded[key] = policy_with(chosen, fail_on)
        out.append(loaded[key])
    return out


def judge(
    parsed: Manifest, registry: Registry, policy: Policy, as_of: datetime.date, *, offline: bool, locked: bool
) -> tuple[Result, Registry]:
    """One manifest judged, and the registry it was judged with: Hub ids the catalogue does
    not list become entries before the (pure) engine runs."""
    from licensecheck.engine import evaluate
    from licensecheck.huboverlay import hub_overlay

    judged_with = hub_overlay(parsed.file, parsed, registry, offline=offline, locked=locked)
    return evaluate(parsed, judged_with, policy, as_of), judged_with


def manifest_paths(
    manifests: tuple[str, ...], all_manifests: bool, exclude: tuple[str, ...] = ()
) -> list[str]:
    paths = list(manifests)
    if all_manifests:
        from licensecheck.discover import manifests as discover

        found = discover(Path.cwd(), exclude)
        if not found and not paths:
            raise UsageProblem(f"--all: no licensecheck.yaml under {Path.cwd()}")
        paths += [str(p) for p in found]
    if not paths:
        paths = ["licensecheck.yaml"]
    # The same file named twice (or also found by --all) is judged once.
    seen: set[Path] = set()
    unique = []
    for p in paths:
        if Path(p).resolve() not in seen:
            seen.add(Path(p).resolve())
            unique.append(p)
    return unique
