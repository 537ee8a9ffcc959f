"""A journal's ``lobbyctl.yaml``: read once per command, through a small cache.

Parsing YAML means importing ruamel.yaml (~40 ms), more than a recording
command may spend; the parsed config is cached as JSON in the journal's
``.lobbyctl-cache/`` keyed by the size and checksum of the file's bytes, so the cache can
never be trusted over the file."""

import json
import os
import zlib

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
            raise FileProblem(path, None, "branch: must be a mapping with code and name")
        self.branch_code = str(branch.get("code") or "")
        self.branch_name = str(branch.get("name") or "")
        self.timezone = str(data.get("timezone") or DEFAULT_TIMEZONE)
        self.lang = str(data.get("lang") or "zh")
        if self.lang not in ("zh", "en"):
            raise FileProblem(path, None, f"lang: {self.lang!r} is not zh or en")
        self.managers = _strings(data.get("managers"), "managers", path)
        self.products = _strings(data.get("products"), "products", path)
        checklist = data.get("checklist") or {}
        vocab = data.get("vocabulary") or {}
        if not isinstance(checklist, dict) or not isinstance(vocab, dict):
            raise FileProblem(path, None, "checklist and vocabulary must be mappings")
        self._extra = {"open-item": checklist.get("open") or {},
                       "close-item": checklist.get("close") or {}}
        for name, extra in vocab.items():
            self._extra[str(name)] = extra
        for name, extra in self._extra.items():
            if not isinstance(extra, dict):
                raise FileProblem(path, None, f"extra {name} labels must map key: 中文标签")
        self.store_personal_data = data.get("store_personal_data") is True
        self.shared = data.get("permissions") == "shared"
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            raise FileProblem(path, None, f"format {fmt!r} is not supported by this lobbyctl "
                                          f"(it reads format {FORMAT})")

    def extra_vocabulary(self, name):
        return self._extra.get(name)

    @property
    def file_mode(self):
        return 0o644 if self.shared else 0o600

    @property
    def dir_mode(self):
        return 0o755 if self.shared else 0o700


def _strings(value, name, path):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise FileProblem(path, None, f"{name}: must be a list")
    return [str(item) for item in value]


def load_config(root):
    path = os.path.join(root, CONFIG_NAME)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileProblem(path, None, f"cannot read: {exc.strerror}") from None
    # size and CRC-32 of the bytes: any edit changes them (hashlib would cost a
    # recording command 3 ms of imports)
    digest = f"{len(raw)}-{zlib.crc32(raw):08x}"
    cache_path = os.path.join(root, CACHE_DIR, "config.json")
    data = _cached(cache_path, digest)
    if data is None:
        data = _parse(path, raw)
        config = Config(data, path)
        _store(cache_path, digest, data, config.dir_mode, config.file_mode)
        return config
    return Config(data, path)


def _cached(cache_path, digest):
    try:
        with open(cache_path, encoding="utf-8") as handle:
            cached = json.load(handle)
    except (OSError, ValueError):
        return None
    if isinstance(cached, dict) and cached.get("digest") == digest:
        return cached.get("data")
    return None


def _store(cache_path, digest, data, dir_mode, file_mode):
    try:
        os.makedirs(os.path.dirname(cache_path), mode=dir_mode, exist_ok=True)
        temp = f"{cache_path}.{os.getpid()}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, file_mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"digest": digest, "data": data}, handle, ensure_ascii=False)
        os.replace(temp, cache_path)
    except (OSError, TypeError, ValueError):
        pass  # a cache is an optimisation; a read-only journal just goes without


# A config is a page of settings; anything this big is not one someone meant.
MAX_CONFIG_BYTES = 1024 * 1024


def _parse(path, raw):
    """The settings in the bytes ``raw`` of the config file at ``path``, as a
    dict of plain data (see ``safeyaml``)."""
    from lobbyctl.store import safeyaml

    if len(raw) > MAX_CONFIG_BYTES:
        raise FileProblem(path, None, f"file is {len(raw)} bytes; a config file is at most "
                                      f"{MAX_CONFIG_BYTES} bytes")
    data = safeyaml.load(path, raw)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FileProblem(path, 1, "the config must be a mapping of settings")
    try:
        # JSON-safe for the cache: keys become text
        return json.loads(json.dumps(data, ensure_ascii=False))
    except TypeError:  # a list or mapping as a key: `? [a, b]`
        raise FileProblem(path, None, "a setting name must be text, not a list or "
                                      "mapping") from None


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
