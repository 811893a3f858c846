"""`python -m licensecheck`."""

from licensecheck.cli.entry import main

main()
