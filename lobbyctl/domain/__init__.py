"""The lobby's rules: recording, tracked items and their state, checklists, complaints, privacy, time."""
