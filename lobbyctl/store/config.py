"""A journal's ``lobbyctl.yaml``: read from the file itself on every command.

Parsing YAML means importing ruamel.yaml (~40 ms), more than a recording
command may spend, so the subset ``init`` writes is read by a small exact
parser (``_parse_simple``) and only anything else goes to ruamel.  No cache
of the settings: a cache inside the journal can be committed, and settings
(``store_personal_data``) taken from one would override the file."""

import json
import os
import re
import stat

from lobbyctl.errors import FileProblem

CONFIG_NAME = "lobbyctl.yaml"
CACHE_DIR = ".lobbyctl-cache"
FORMAT = 1
DEFAULT_TIMEZONE = "Asia/Shanghai"


class Config:
    """The settings of one journal, validated."""

    def __init__(self, data, path):
        self.path = path
        self.data = data
        branch = data.get("branch") or {}
        if not isinstance(branch, dict):
            raise _problem(path, None, "config_branch")
        self.branch_code = str(branch.get("code") or "")
        self.branch_name = str(branch.get("name") or "")
        self.timezone = str(data.get("timezone") or DEFAULT_TIMEZONE)
        self.lang = str(data.get("lang") or "zh")
        if self.lang not in ("zh", "en"):
            raise _problem(path, None, "config_lang", typed=repr(self.lang))
        self.managers = _strings(data.get("managers"), "managers", path)
        self.products = _strings(data.get("products"), "products", path)
        checklist = data.get("checklist") or {}
        vocab = data.get("vocabulary") or {}
        if not isinstance(checklist, dict) or not isinstance(vocab, dict):
            raise _problem(path, None, "config_extra_mappings")
        self._extra = {"open-item": checklist.get("open") or {},
                       "close-item": checklist.get("close") or {}}
        for name, extra in vocab.items():
            self._extra[str(name)] = extra
        for name, extra in self._extra.items():
            if not isinstance(extra, dict):
                raise _problem(path, None, "config_extra_labels", name=name)
        # judged by ``queue_problems`` (``check``, ``import queue``), not here:
        # a slip in the queue map must not stop the day's recording
        self.queue = data.get("queue")
        self._service_level = data.get("service_level_minutes")
        # targets on the headline figures, as written: judged where they are
        # used (schema/targets.py), so a wrong one never stops a recording
        self.targets = data.get("targets")
        self.store_personal_data = data.get("store_personal_data") is True
        self.shared = data.get("permissions") == "shared"
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            raise _problem(path, None, "config_format", typed=repr(fmt), format=FORMAT)

    def extra_vocabulary(self, name):
        return self._extra.get(name)

    @property
    def service_level_setting(self):
        """``service_level_minutes`` as the file has it (None: not set)."""
        return self._service_level

    @property
    def service_level_minutes(self):
        """The target wait of the service level (minutes): the setting when
        it is a whole number in range (``check`` names any other), else 10."""
        value = self._service_level
        least, most = SERVICE_LEVEL_RANGE
        if type(value) is int and least <= value <= most:
            return value
        return DEFAULT_SERVICE_LEVEL_MINUTES

    @property
    def file_mode(self):
        return 0o644 if self.shared else 0o600

    @property
    def dir_mode(self):
        return 0o755 if self.shared else 0o700


# The target wait of queue systems' service level (share called within it).
DEFAULT_SERVICE_LEVEL_MINUTES = 10
SERVICE_LEVEL_RANGE = (1, 240)


def _strings(value, name, path):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise _problem(path, None, "config_not_list", name=name)
    return [str(item) for item in value]


def setting_lines(path, section):
    """``(line of section:, {name: line})`` for the settings under a
    top-level ``section:`` of the config at ``path``, for a problem's
    ``lobbyctl.yaml:line``: each name as the settings have it (text, as
    ``_parse`` makes every key), at the line of its key in the parsed
    document -- block or flow style, quoted, escaped (``"\\u202e..."``) or
    not.  ``(None, {})`` where it cannot tell (no such section, a file that
    does not parse)."""
    from lobbyctl.store import safeyaml

    try:
        raw = _read_regular(path)
        document = safeyaml.compose(path, safeyaml.decode(path, raw or b""))
    except FileProblem:
        return None, {}
    root = document.root
    if root is None or root.tag != "tag:yaml.org,2002:map":
        return None, {}
    for key, value in root.value:
        if _key_text(document, key) != section:
            continue
        names = {}
        if value.tag == "tag:yaml.org,2002:map":
            for name, _setting in value.value:
                text = _key_text(document, name)
                if text is not None:
                    names.setdefault(text, name.start_mark.line + 1)
        return key.start_mark.line + 1, names
    return None, {}


def _key_text(document, node):
    """A key node as ``_parse`` names it (``null`` -> "null", 1.5 -> "1.5"),
    or None for a key that is no scalar or does not construct."""
    if node.tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        return None
    try:
        value = document.data(node)
        return next(iter(json.loads(json.dumps({value: 0}, ensure_ascii=False))))
    except (FileProblem, TypeError, ValueError):
        return None


def load_config(root):
    path = os.path.join(root, CONFIG_NAME)
    raw = _read_regular(path)
    if raw is None:
        return None
    data = _parse_simple(raw)
    if data is None:
        data = _parse(path, raw)
    return Config(data, path)


def _read_regular(path):
    """The bytes of ``path``, None if it is missing.  Opened non-blocking and
    checked to be a regular file: a FIFO or a device there must not hang a command."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _problem(path, None, "config_not_regular")
        with os.fdopen(fd, "rb") as handle:
            fd = None
            # read no more than the limit: a huge file is refused, not loaded
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    finally:
        if fd is not None:
            os.close(fd)
    if len(raw) > MAX_CONFIG_BYTES:
        raise _problem(path, None, "config_too_big", limit=MAX_CONFIG_BYTES)
    return raw


def _problem(path, line, key, **values):
    """A ``FileProblem`` saying the catalogue's ``key`` (said in the
    journal's or the region's language where it is printed).  The catalogue
    is imported only on the way to an error: a recording command's start-up
    reads the config and never needs it."""
    from lobbyctl.schema.text.messages import problem

    return problem(FileProblem, key, path=path, line=line, **values)


def _cannot_read(path, exc):
    from lobbyctl.schema.text.messages import os_reason

    return _problem(path, None, "cannot_read", reason=os_reason(exc))


# The subset of YAML that ``init`` writes, read without importing ruamel
# (~40 ms a recording command must not spend): comment lines, ``key: value``
# with a double-quoted string, an integer, a decimal (``0.70``: a target),
# true/false, {} or [], nested
# mappings by indentation and ``- "item"`` lists.  Anything else -- a trailing
# comment, a plain string, a tab, a CR, an escape YAML and JSON read apart --
# returns None and goes to ruamel, so this never gives a value ruamel would not.
# ruamel reads an implicit key of at most 1024 characters
_KEY = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +(.*?))? *\Z")
_ITEM = re.compile(r"( *)- +(.*?) *\Z")
_NOT_PLAIN_KEYS = {"true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL"}
# a quoted string without a raw control, line break or non-printable character,
# and only escapes YAML and JSON decode alike (no surrogate \u escapes)
# (these two compiled by ``re`` on first need: a usual config -- printable,
# its strings without escapes -- is read without them)
_QUOTED = (r'"(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]'
           r'|\\["\\/bfnrt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"\Z')
# ruamel's reader refuses these anywhere, comments included; tabs and CRs
# (separators and line ends with rules of their own) are left to it too
_REFUSED = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
_INTEGER = re.compile(r"(?:0|-?[1-9][0-9]{0,17})\Z")
# a decimal with digits on both sides of the point: YAML 1.2 and float() agree
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17}\Z")
_SCALARS = {"true": True, "false": False, "{}": None, "[]": None}


def _scalar(text):
    """The value of one scalar in the subset, else raise ValueError."""
    if text in _SCALARS:
        value = _SCALARS[text]
        if value is None:
            return {} if text == "{}" else []
        return value
    if _INTEGER.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text)
    inner = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == '"' and inner.isprintable() \
            and '"' not in inner and "\\" not in inner:
        return inner  # no escape: what json.loads gives; isprintable refuses all _QUOTED does
    if re.match(_QUOTED, text):
        return json.loads(text)
    raise ValueError(text)


def _parse_simple(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    flat = text.replace("\n", " ")
    # every character _REFUSED names is one isprintable refuses: the usual text costs one C call
    if not flat.isprintable() and re.search(_REFUSED, flat):
        return None
    rows = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        rows.append(line)
    try:
        data, used = _block(rows, 0, 0)
    except (ValueError, IndexError, RecursionError):
        return None
    if used != len(rows) or not isinstance(data, dict) or not data:
        return None
    return data


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _block(rows, at, indent):
    """The mapping or list whose rows start at ``rows[at]`` with ``indent``
    spaces; returns it and the index of the first row after it."""
    if _ITEM.match(rows[at]):
        items = []
        while at < len(rows) and _indent(rows[at]) == indent:
            item = _ITEM.match(rows[at])
            if item is None:
                raise ValueError(rows[at])
            items.append(_scalar(item.group(2)))
            at += 1
        return items, at
    mapping = {}
    while at < len(rows) and _indent(rows[at]) == indent:
        match = _KEY.match(rows[at])
        if match is None or match.group(2) in _NOT_PLAIN_KEYS or match.group(2) in mapping:
            raise ValueError(rows[at])
        key, value = match.group(2), match.group(3)
        at += 1
        if value:
            mapping[key] = _scalar(value)
            continue
        if at >= len(rows) or _indent(rows[at]) <= indent:
            raise ValueError(key)  # an empty value (null) or a list at the key's indent
        mapping[key], at = _block(rows, at, _indent(rows[at]))
    if at < len(rows) and _indent(rows[at]) > indent:
        raise ValueError(rows[at])
    return mapping, at


# A config is a page of settings; anything this big is not one someone meant.
MAX_CONFIG_BYTES = 1024 * 1024


def _parse(path, raw):
    """The settings in the bytes ``raw`` of the config file at ``path``, as a
    dict of plain data (see ``safeyaml``)."""
    from lobbyctl.store import safeyaml

    if len(raw) > MAX_CONFIG_BYTES:
        raise _problem(path, None, "config_too_big", limit=MAX_CONFIG_BYTES)
    data = safeyaml.load(path, raw)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _problem(path, 1, "config_not_mapping")
    try:
        # JSON-safe for the cache: keys become text
        return json.loads(json.dumps(data, ensure_ascii=False))
    except TypeError:  # a list or mapping as a key: `? [a, b]`
        raise _problem(path, None, "config_key_not_text") from None


def default_config_text(*, branch_code, branch_name, managers, timezone, lang):
    """The ``lobbyctl.yaml`` that ``init`` writes: every string quoted."""

    from lobbyctl.store.lines import quote as q

    manager_lines = "".join(f"  - {q(name)}\n" for name in managers) or "  []\n"
    if not managers:
        manager_lines = ""
    return (
        "# lobbyctl journal settings. Day files live in YYYY/MM/YYYY-MM-DD.yaml.\n"
        f"format: {FORMAT}\n"
        "branch:\n"
        f"  code: {q(branch_code)}\n"
        f"  name: {q(branch_name)}\n"
        f"timezone: {q(timezone)}\n"
        f"lang: {q(lang)}\n"
        + ("managers:\n" + manager_lines if managers else "managers: []\n")
        + "# Products offered for completion in `lobbyctl refer --product`.\n"
        "products: []\n"
        "# Extra checklist items, key: 中文标签, e.g. open: {queue-machine: 叫号机}\n"
        "checklist:\n"
        "  open: {}\n"
        "  close: {}\n"
        "# Extra labels for a vocabulary, e.g. purpose: {pension: 养老金}\n"
        "vocabulary: {}\n"
        "# Phone, ID-card and bank-card numbers are masked when recorded unless this is true.\n"
        "store_personal_data: false\n"
        "# private: files readable by their owner only (0600); shared: readable by the group too.\n"
        "permissions: \"private\"\n"
    )
