"""The schema: entry types, fields, kinds, ranges, vocabularies, ids."""
