"""A region's branches opened: each path or glob of ``region.yaml`` as
journals (``open_branches``), in the file's order (a glob's matches
sorted); one that cannot be opened -- missing, not a journal, a file, a
FIFO, a link loop, a glob matching nothing, a timezone unknown, a code the
region cannot key it by -- is a ``BadBranch`` with its reason, never a
crash.  Branch codes are unique in a region: two journals with one code are
an error naming both paths."""

import glob
import os

from lobbyctl.errors import FileProblem, JournalProblem, LobbyError
from lobbyctl.schema.text.messages import problem
from lobbyctl.store.region import MAX_BRANCHES, BadBranch, Branch


def open_branches(region, now=None):
    """``(branches, bad)``: every branch journal the region names, opened,
    in the order of ``region.yaml`` (a glob's matches sorted), and those
    that cannot be opened.  Two branches with one code are a
    ``JournalProblem`` naming both paths; a path named twice counts once."""
    from lobbyctl.store.journal import Journal

    branches, bad, seen, codes = [], [], set(), {}
    for spec in region.specs:
        for path in _expand(region, spec, bad):
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            if len(seen) > MAX_BRANCHES:
                raise problem(FileProblem, "region_too_many", path=region.path, line=None,
                              limit=MAX_BRANCHES)
            try:
                journal = Journal.open(path, now=now)
                _check_branch(journal)
                branch = Branch(path, journal, spec.name, spec.group)
            except LobbyError as exc:
                bad.append(BadBranch(path, exc, spec.group))
                continue
            except (OSError, ValueError) as exc:  # a name no system call takes
                bad.append(BadBranch(path, JournalProblem(f"{path}: {exc}"), spec.group))
                continue
            if branch.code in codes:
                raise problem(JournalProblem, "region_code_clash", code=branch.code,
                              first=codes[branch.code].path, second=path)
            codes[branch.code] = branch
            branches.append(branch)
    return branches, bad


def _check_branch(journal):
    """What a region needs of a branch beyond a journal that opens: its
    timezone (read lazily by a journal, so a wrong one would surface only
    later, outside the branch's name), and a code that names it -- not
    empty (every table keys branches by code), not a personal number (it
    would be shown and exported in full: codes are never masked)."""
    from lobbyctl.schema.text.privacy import mask
    from lobbyctl.store.config import setting_lines

    journal.tz  # noqa: B018 -- a JournalProblem naming lobbyctl.yaml if unknown
    code = journal.config.branch_code
    written = (journal.config.data.get("branch") or {}).get("code")
    # `code: 0101` unquoted is the number 101 to YAML: the region would know
    # the branch by a code that is not its own
    problem_key = "region_code_not_text" if written is not None and \
        not isinstance(written, str) else "region_code_empty" if not code.strip() else \
        "region_code_personal" if mask(code) != code else None
    if problem_key is not None:
        line = setting_lines(journal.config.path, "branch")[1].get("code")
        raise problem(FileProblem, problem_key, path=journal.config.path, line=line,
                      **({"read": code} if problem_key == "region_code_not_text" else {}))


def _expand(region, spec, bad):
    pattern = os.path.join(region.root, os.path.expanduser(spec.pattern))
    if not glob.has_magic(spec.pattern):
        return [os.path.abspath(pattern)]
    # a glob names journals: folders, never the files beside them, nor the
    # region's dataset (``region export`` writes it where the user says, by
    # default dataset/ in the region folder: `*` there would match it).
    # Walked lazily and given up past the limit: `/*/*/*/*` would otherwise
    # list a whole disk before saying it is too many
    found = []
    try:
        for match in glob.iglob(pattern):
            if os.path.isdir(match) and not _is_dataset(match):
                found.append(os.path.abspath(match))
                if len(found) > MAX_BRANCHES:
                    raise problem(FileProblem, "region_too_many", path=region.path,
                                  line=spec.line, limit=MAX_BRANCHES)
    except (OSError, ValueError, RecursionError):
        pass
    found.sort()
    if not found:
        bad.append(BadBranch(spec.pattern, problem(FileProblem, "region_glob_empty",
                                                   path=region.path, line=spec.line,
                                                   pattern=spec.pattern),
                              spec.group))
    return found


# what marks a folder written by ``region export`` (engine/dataset_files.py):
# its manifest, or a partition folder's name
DATASET_MANIFEST = "_lobbyctl_manifest.json"
PARTITION_PREFIX = "branch_code="


def _is_dataset(folder):
    return os.path.basename(os.path.normpath(folder)).startswith(PARTITION_PREFIX) or \
        os.path.lexists(os.path.join(folder, DATASET_MANIFEST))
