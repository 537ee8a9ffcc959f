"""Validation of the journal as data: every problem with its path and line."""
