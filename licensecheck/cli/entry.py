"""The `licensecheck` command: `check` with plain arguments runs without Click (fastcheck.py),
everything else through the Click group (main.py)."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        from licensecheck.cli import fastcheck

        options = fastcheck.parse(args[1:])
        if options is not None:
            fastcheck.run(options)  # exits, unless Click has to word a usage error
    from licensecheck import classcache

    classcache.install()  # before the commands' record classes are made
    from licensecheck.cli.main import cli

    cli()
