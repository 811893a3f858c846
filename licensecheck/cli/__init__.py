"""The command line: one small Click module per command, no logic beyond wiring."""
