"""`python -m licensecheck`."""

from licensecheck.cli.main import main

main()
