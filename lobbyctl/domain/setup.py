"""Creating a journal folder."""

import os

from lobbyctl.store.config import CACHE_DIR, CONFIG_NAME, default_config_text
from lobbyctl.errors import JournalProblem, UsageProblem
from lobbyctl.store.journal import load_timezone
from lobbyctl.store.torn import TORN_DIR
from lobbyctl.domain.record import clean_text
from lobbyctl.schema.text.messages import say
from lobbyctl.schema.text.privacy import mask

# Day files are only ever appended to, one whole line an entry: git's union
# driver merges two clones' appends to the same day by keeping both sides' lines.
GITATTRIBUTES = (
    "# lobbyctl: day files are append-only, one entry a line; keep both sides' lines on merge\n"
    "[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.yaml merge=union\n"
)
# No trailing slash: a rule must also match a file or a link of that name, or
# a committed link ``.lobbyctl-cache -> ..`` would reach every clone.
GITIGNORE = (f"# unfinished last lines cut from day files, kept for a person to look at\n{TORN_DIR}\n"
             f"# lobbyctl's cache of parsed day files: rebuilt from the files at any time\n{CACHE_DIR}\n")


def create_journal(root, *, branch_code, branch_name, managers, timezone, lang):
    root = os.path.abspath(root)
    config_path = os.path.join(root, CONFIG_NAME)
    if os.path.lexists(config_path):
        raise JournalProblem(f"{root} already holds a journal ({CONFIG_NAME}); nothing was changed")
    if os.path.exists(root) and not os.path.isdir(root):
        raise JournalProblem(f"{root} is a file, not a folder")
    try:
        load_timezone(timezone, "--timezone")
    except JournalProblem as exc:
        raise UsageProblem(exc.message) from None
    # a new journal does not store personal data (store_personal_data: false):
    # a number typed into its branch name or a manager's name is masked.  A
    # branch code is an identifier: one the mask would change (0101 or a
    # 12-digit CNAPS code never is) is refused, not silently stored altered
    branch_code = clean_text(branch_code, "--branch-code")
    if mask(branch_code) != branch_code:
        raise UsageProblem(say("branch_code_personal", lang))
    branch_name = mask(clean_text(branch_name, "--branch-name"))
    managers = [mask(clean_text(name, "--manager")) for name in managers]
    if any(not name for name in managers):
        raise UsageProblem("--manager: a name is blank")
    text = default_config_text(branch_code=branch_code, branch_name=branch_name,
                               managers=managers, timezone=timezone, lang=lang)
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
        _write_new(config_path, text)
        for name, content in ((".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)):
            path = os.path.join(root, name)
            if not os.path.lexists(path):
                _write_new(path, content)
    except OSError as exc:
        raise JournalProblem(f"cannot create the journal at {root}: {exc.strerror}") from None
    return root


def _write_new(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
