"""Storage: canonical lines, day files, the journal folder, its config, loading and caches."""
