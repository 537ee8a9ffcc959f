"""The fingerprint of lobbyctl's own source: what a kept figure (a month's
headline, a region's branch month) was counted by.  A figure is counted by
many modules, so any change to any of them makes every kept figure a miss."""

import hashlib
import os

_source = []


def source_fingerprint():
    """The SHA-256 of every module of the installed lobbyctl package, by
    its path in the package and its bytes; computed once a process."""
    if not _source:
        import lobbyctl

        digest = hashlib.sha256()
        root = os.path.dirname(os.path.abspath(lobbyctl.__file__))
        for base, folders, files in os.walk(root):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(base, name)
                    digest.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape"))
                    with open(path, "rb") as handle:
                        digest.update(handle.read())
        _source.append(digest.hexdigest())
    return _source[0]
