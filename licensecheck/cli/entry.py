"""The `licensecheck` command: `check` and `audit` with plain arguments run without Click
(fastcheck.py, fastaudit.py), everything else through the Click group (main.py); an audit's
objects are set aside before exit, as a plain check's are."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        import gc

        # Start-up makes objects that live to the end, and the run itself is short and
        # acyclic (console.guarded): the collector would only walk them. Click's turn: on.
        gc.disable()
        from licensecheck.deferred import defer

        defer("ipaddress")  # urllib.parse (pathlib's) asks it only of a bracketed URL host
        from licensecheck.cli import fastcheck

        options = fastcheck.parse(args[1:])
        if options is not None:
            fastcheck.run(options)  # exits, unless Click has to word a usage error
        gc.enable()
    from licensecheck import classcache, recache

    recache.install()  # before the commands' patterns and record classes are made
    classcache.install()
    if args[:1] != ["audit"]:
        from licensecheck.cli.main import cli

        cli()
        return
    try:
        from licensecheck.cli import fastaudit

        options = fastaudit.parse(args[1:])
        if options is not None:
            fastaudit.run(options)  # exits
        from licensecheck.cli.main import cli

        cli()
    finally:
        import gc

        # An audit holds every subject and the lineage to the end: the interpreter's last
        # collection need not walk them all at exit (as a plain check's does not).
        gc.freeze()
