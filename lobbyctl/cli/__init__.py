"""The command line: the root group, shared options and one module per command."""
