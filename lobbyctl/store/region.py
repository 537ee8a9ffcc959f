"""A region: a folder with ``region.yaml`` naming its branches, each a
branch journal (a git clone) by path or glob.

``region.yaml``::

    format: 1
    region:
      code: "R01"
      name: "城东区"
    lang: "zh"
    branches:
      - path: "branches/*"          # a glob: every match, in sorted order
      - path: "/srv/clones/0101"    # one journal, with how the region shows it
        name: "城东支行"
        group: "东片"

Paths are relative to the region folder.  ``store/region_branches.py``
opens each one as a ``Journal`` (``open_branches``).  Ids are unique only
within a branch, so everything across branches is keyed by (code, id).

Here: the file read (``load_region``, errors at their line) and written
(``create_region``), the language its problems are said in when it does not
load (``region_language``), and what a report may not write over
(``region_output_target``)."""

import os
import re
import stat

from lobbyctl.errors import FileProblem, JournalProblem, LobbyError, UsageProblem
from lobbyctl.schema.text.messages import os_reason, problem

REGION_NAME = "region.yaml"
FORMAT = 1
MAX_REGION_BYTES = 1024 * 1024
# A region is a few hundred branches; a glob that finds more is a mistake
# (`/*/*`), and each one opened costs a file read.
MAX_BRANCHES = 5000


class Region:
    """The settings of a region, validated: ``branches`` are ``BranchSpec``."""

    def __init__(self, root, code, name, lang, specs, path):
        self.root = root
        self.code = code
        self.name = name
        self.lang = lang
        self.specs = specs
        self.path = path


class BranchSpec:
    """One ``branches:`` item: a path or glob and how the region shows it."""

    def __init__(self, pattern, name, group, line):
        self.pattern = pattern
        self.name = name
        self.group = group
        self.line = line


class Branch:
    """An opened branch journal and how the region shows it."""

    def __init__(self, path, journal, name, group):
        self.path = path
        self.journal = journal
        self.code = journal.config.branch_code
        self.name = name or journal.config.branch_name
        # a group of blanks is none: it would be drawn as an empty name
        self.group = (group or "").strip()


class BadBranch:
    """A branch that cannot be read: where, why (a ``LobbyError``), and the
    group region.yaml puts it in ("" if none or not known)."""

    def __init__(self, path, error, group=""):
        self.path = path
        self.error = error
        self.group = (group or "").strip()


def load_region(root):
    """The region at ``root``; a ``JournalProblem`` if there is no
    ``region.yaml``, a ``FileProblem`` at its line if it is wrong."""
    root = os.path.abspath(root)
    path = os.path.join(root, REGION_NAME)
    if os.path.exists(root) and not os.path.isdir(root):
        from lobbyctl.store.dayopen import kind_of

        raise problem(JournalProblem, "region_root_not_folder", root=root,
                      kind=kind_of(os.stat(root).st_mode))
    raw = _read_regular(path)
    if raw is None:
        raise problem(JournalProblem, "region_missing", hint_key="region_missing_hint",
                      root=root, name=REGION_NAME)
    from lobbyctl.store import safeyaml

    document = safeyaml.compose(path, safeyaml.decode(path, raw))
    node = document.root
    data = document.data()
    if not isinstance(data, dict):
        raise problem(FileProblem, "region_not_mapping", path=path,
                      line=node.start_mark.line + 1 if node is not None else 1)
    lines = {key.value: value.start_mark.line + 1 for key, value in node.value
             if hasattr(key, "value") and isinstance(key.value, str)}

    def bad(field, what):
        return problem(FileProblem, "region_bad_field", path=path, line=lines.get(field, 1),
                       field=field, what=what)

    if data.get("format", FORMAT) != FORMAT:
        raise bad("format", f"{FORMAT}")
    head = data.get("region") or {}
    if not isinstance(head, dict):
        raise bad("region", "code: ..., name: ...")
    code, name = _text(head.get("code")), _text(head.get("name"))
    if code is None or name is None:
        raise bad("region", "code: ..., name: ...")
    lang = data.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise bad("lang", "zh, en")
    items = data.get("branches")
    if not isinstance(items, list) or not items:
        raise bad("branches", "- path: \"branches/*\"")
    item_nodes = _sequence_nodes(node, "branches")
    specs = []
    for index, item in enumerate(items):
        line = item_nodes[index].start_mark.line + 1 if index < len(item_nodes) else \
            lines.get("branches", 1)
        if isinstance(item, str):
            item = {"path": item}
        if not isinstance(item, dict) or not isinstance(item.get("path"), str) \
                or not item["path"].strip() or "\x00" in item["path"]:
            raise problem(FileProblem, "region_bad_field", path=path, line=line,
                          field="branches", what="- path: \"branches/*\"")
        shown, group = _text(item.get("name")), _text(item.get("group"))
        if shown is None or group is None:
            raise problem(FileProblem, "region_bad_field", path=path, line=line,
                          field="name, group", what="\"text\"")
        specs.append(BranchSpec(item["path"], shown, group, line))
    return Region(root, code, name, lang, specs, path)


def _text(value):
    """A setting that must be text (a number is taken as written): None if not."""
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        return None
    return str(value)


def _sequence_nodes(root, key):
    for key_node, value in root.value:
        if getattr(key_node, "value", None) == key and value.id == "sequence":
            return value.value
    return []


def _read_regular(path):
    """The bytes of ``region.yaml``, None if missing; a FIFO or device there
    must not hang, nor a huge file be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise problem(FileProblem, "cannot_read", path=path, line=None,
                      reason=os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise problem(FileProblem, "region_not_regular", path=path, line=None)
        data = os.read(fd, MAX_REGION_BYTES + 1)
    except OSError as exc:
        raise problem(FileProblem, "cannot_read", path=path, line=None,
                      reason=os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_REGION_BYTES:
        raise problem(FileProblem, "region_too_big", path=path, line=None,
                      limit=MAX_REGION_BYTES // 1024)
    return data


# a top-level ``lang:`` line as people write it, found in the bytes even when
# the rest of the file does not parse (a tab, a syntax error, GB18030 text)
_LANG_LINE = re.compile(rb"^(?:\xef\xbb\xbf)?lang[ \t]*:[ \t]*([\"']?)(zh|en)\1[ \t]*(?:#.*)?\r?$",
                        re.MULTILINE)


def region_language(root):
    """The language to say a problem of the region at ``root`` in when its
    ``region.yaml`` does not load: the ``lang:`` it writes, wherever the
    file states one; else ``zh``, the language a region without ``lang``
    has (its people are Chinese: a file that failed before its ``lang`` was
    read must not switch them to English); with no region.yaml at all, the
    locale's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): there is no file to
    ask, and someone whose terminal speaks English reads English."""
    if not os.path.isdir(root):
        return _locale_language()
    try:
        raw = _read_regular(os.path.join(os.path.abspath(root), REGION_NAME))
    except LobbyError:
        raw = b""  # there, but not readable: the region's own default
    if raw is None:
        return _locale_language()
    found = _LANG_LINE.search(raw)
    return found.group(2).decode("ascii") if found else "zh"


def _locale_language():
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def region_output_target(path, region, dataset_dir, lang):
    """``path`` (absolute) if a report may be written there: never over the
    region's ``region.yaml``, nor into its dataset folder (default
    dataset/), which Spark or DuckDB read whole -- a report in there is
    a file no reader of the dataset expects.  Else a ``UsageProblem``."""
    from lobbyctl.schema.text.messages import say

    absolute = os.path.abspath(path)
    real = os.path.realpath(absolute)
    dataset = os.path.realpath(dataset_dir or os.path.join(region.root, "dataset"))
    if real == os.path.realpath(region.path):
        raise UsageProblem(say("output_region_file", lang, option="--output", path=path,
                               what=region.path))
    if real == dataset or real.startswith(dataset.rstrip(os.sep) + os.sep):
        raise UsageProblem(say("output_region_file", lang, option="--output", path=path,
                               what=dataset))
    return absolute


def locate_region(option_value):
    """The region folder: ``-R``/``LOBBYCTL_REGION``, else ./region."""
    if option_value:
        return os.path.abspath(os.path.expanduser(option_value))
    return os.path.abspath("region")


def create_region(root, *, code, name, lang, patterns):
    """Write a new ``region.yaml`` in ``root`` (created); refuses to replace one."""
    from lobbyctl.store.lines import quote as q

    if lang not in ("zh", "en"):
        raise problem(UsageProblem, "not_one_of", option="--lang", typed=lang, valid="zh, en")
    for pattern in patterns:
        # what load_region would refuse at its line is refused before it is written
        if not pattern.strip() or "\x00" in pattern:
            raise problem(UsageProblem, "region_bad_branch_option", typed=pattern)
    root = os.path.abspath(root)
    path = os.path.join(root, REGION_NAME)
    if os.path.lexists(root) and not os.path.isdir(root):
        from lobbyctl.store.dayopen import kind_of

        raise problem(UsageProblem, "region_not_folder", root=root,
                      kind=kind_of(os.lstat(root).st_mode))
    lines = "".join(f"  - path: {q(pattern)}\n" for pattern in patterns) or \
        f"  - path: {q('branches/*')}\n"
    text = ("# lobbyctl region: its branches are branch journals (git clones), by path or\n"
            "# glob relative to this folder; each may have a name and group, e.g.\n"
            "#   - path: \"clones/0101\"\n#     name: \"城东支行\"\n#     group: \"东片\"\n"
            f"format: {FORMAT}\nregion:\n  code: {q(code)}\n  name: {q(name)}\n"
            f"lang: {q(lang)}\nbranches:\n{lines}")
    try:
        os.makedirs(root, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    except FileExistsError:
        raise problem(UsageProblem, "region_exists", file=path) from None
    except OSError as exc:
        raise problem(JournalProblem, "cannot_write", target=path,
                      reason=os_reason(exc)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return path
