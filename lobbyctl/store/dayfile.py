"""One day file: loading it (fast path or full YAML); appending is
``store.append``, opening safely ``store.dayopen``.

A day file is a top-level YAML block sequence of entry mappings.  lobbyctl
writes each entry as one canonical line (``lobbyctl.store.lines``) with a single
``write`` on a descriptor opened ``O_APPEND``, under an exclusive ``flock`` on
the file, then ``fsync``: the bytes already in the file are never rewritten,
concurrent recorders are serialised, and a crash leaves either the old file or
the old file plus the whole new line.

The one exception to "never rewritten": a trailing line with no newline that is
the beginning of an unfinished canonical line (a write cut short by a crash or
a full disk) is not an entry; the loader ignores it, and the next append under
the lock cuts it off before writing.
"""

import os

from lobbyctl.errors import FileProblem
from lobbyctl.schema.text.messages import problem
from lobbyctl.store.dayopen import MAX_DAY_BYTES, open_day, read_all, reason, require_regular, too_big
from lobbyctl.store.lines import ENTRY_PREFIX, parse_line, parse_lines


class Day:
    """The entries of one day file, with the line each starts on."""

    __slots__ = ("path", "entries", "lines", "torn_line", "canonical", "size", "linked",
                 "text", "proven")

    def __init__(self, path, entries, lines, torn_line=None, canonical=True, size=0):
        self.path = path
        self.entries = entries
        self.lines = lines
        self.torn_line = torn_line  # line number of an unfinished last line, if any
        self.canonical = canonical  # every entry on a canonical line (fast path)
        self.size = size
        # the indexes of the entries the judgement of links must see (those
        # with links, and the targets it keeps: ``check.refs``), once a
        # reader found every entry clean; None: not known
        self.linked = None
        # read with a line proof (``parse_day``'s ``typed``): the text and the
        # runs of entries its pattern proved, until the reader's check used them
        self.text = None
        self.proven = None

    def ids(self):
        return {entry.get("id") for entry in self.entries}


def read_day(path):
    """Load a day file; a missing file is an empty day.

    Raises ``FileProblem`` (path and line) for anything that is not a sequence
    of mappings: a YAML error, a tag, an alias, a file too big to be a day."""
    data = read_day_bytes(path)
    if data is None:
        return Day(path, [], [])
    return parse_day(path, data)


def read_day_bytes(path):
    """The bytes of a day file, None if there is none; a symlink (the file or
    its year or month folder) is refused, as a problem at line 1 of the file."""
    try:
        fd = open_day(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise problem(FileProblem, "cannot_read", path=path, line=1,
                      reason=reason(path, exc)) from None
    try:
        require_regular(fd, path)
        return read_all(fd, path)
    finally:
        os.close(fd)


def parse_day(path, data, typed=None):
    """Parse the bytes of a day file (see ``read_day``); ``typed``: a line
    proof for ``lines.parse_lines``, whose runs the day keeps."""
    if len(data) > MAX_DAY_BYTES:
        raise too_big(path, len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut = last_line_start(data)
        if exc.reason == "unexpected end of data" and exc.start > cut \
                and _is_torn(data[cut:exc.start].decode("utf-8")):
            # a write cut short inside a character: the rest of the file decides
            day = parse_day(path, data[:cut], typed)
            day.torn_line, day.size = data.count(b"\n", 0, cut) + 1, len(data)
            return day
        line = data.count(b"\n", 0, exc.start) + 1
        raise problem(FileProblem, "not_utf8", path=path, line=line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    day = _fast_parse(path, text, typed)
    if day is None:
        day = _yaml_parse(path, text)
    day.size = len(data)
    return day


def _fast_parse(path, text, typed=None):
    """Every line canonical, a comment or blank: the entries; else None.

    An unterminated last line that is not canonical is decided here only when
    it is the start of a canonical line that does not parse as YAML even on
    its own (a write cut short): a line at column 0 holding the whole of its
    item parses alone exactly as it parses after the canonical lines above
    it.  Anything else (a hand-written entry, a trailing comment) sends the
    whole file to the YAML loader, which decides."""
    share = {}.setdefault if len(text) > SHARED_FROM else None
    if share is None:
        proven = [] if typed is not None else None
        whole = parse_lines(text, typed, proven)  # the common day: proved and read in one go
        if whole is not None:
            day = Day(path, whole, list(range(1, len(whole) + 1)), None, canonical=True)
            if proven:
                day.text, day.proven = text, proven
            return day
    entries, lines = [], []
    torn_line = None
    last = text.count("\n") + 1
    for number, row in enumerate(_rows(text), 1):
        if not row or row.startswith("#") or row.isspace():
            continue
        entry = parse_line(row)
        if entry is None:
            if number == last and "\r" not in row and _is_unfinished(row):
                torn_line = number
                continue
            return None
        entries.append(entry if share is None else shared(entry, share))
        lines.append(number)
    return Day(path, entries, lines, torn_line, canonical=True)


# A day file this large (some 8,000 entries; a busy day is 100 KB) has its
# entries share their keys and short values: each line is decoded on its
# own, so each entry would hold copies of its own, and the largest day the
# cap allows (80,000 entries) would take some 60 MB more.
SHARED_FROM = 2 * 1024 * 1024
SHARED_LONGEST = 16  # a label, a name, a count; not an id or a time, each its own


def shared(entry, share):
    """``entry`` made of the very key strings (and short text values) of the
    entries of the day before it; the same mapping."""
    return {share(key, key): (share(value, value) if value.__class__ is str
                              and len(value) <= SHARED_LONGEST and key != "id" else value)
            for key, value in entry.items()}


def _rows(text):
    """The lines of ``text`` one at a time (as ``split("\\n")`` gives them):
    the largest day never sits in memory twice over as a list of lines."""
    start, find = 0, text.find
    while True:
        end = find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _not_an_entry(row):
    return not row or row.startswith("#") or row.isspace()


def canonical_rows(text, torn_line):
    """The rows of ``text`` that ``_fast_parse`` read as entries, given the
    torn line it found (None: none): the layout of a day file once proved
    canonical, for reading the same bytes again without the proof; None if
    ``torn_line`` is not a torn last line of ``text``."""
    rows = text.split("\n")
    if torn_line is not None:
        if torn_line != len(rows) or _not_an_entry(rows[-1]) or "\r" in rows[-1] \
                or parse_line(rows[-1]) is not None or not _is_unfinished(rows[-1]):
            return None
        rows[-1] = ""
    return [(number, row) for number, row in enumerate(rows, 1) if not _not_an_entry(row)]


def _is_unfinished(row):
    """The start of a canonical line that YAML cannot read as an entry even
    on its own: what a cut-short append leaves behind.  A line the parser
    reads whole as an entry is never torn, however wrong its values (a key
    twice, a tag): it is a hand-written entry, and a problem with it is the
    loader's to name, never a reason to cut it."""
    if not (ENTRY_PREFIX.startswith(row) or row.startswith(ENTRY_PREFIX)):
        return False
    from lobbyctl.store import safeyaml  # only a line that is not canonical needs it

    return not safeyaml.is_whole_entry(row)


def _is_torn(row):
    """Something a cut-short append may have left: a prefix of a canonical
    line, or a canonical line's start (a write cut inside a character)."""
    return ENTRY_PREFIX.startswith(row) or row.startswith(ENTRY_PREFIX)


def last_line_start(text):
    """Where the last line of ``text`` (str or bytes) starts: after the last
    line break, which for YAML is a line feed or a carriage return."""
    if isinstance(text, bytes):
        return max(text.rfind(b"\n"), text.rfind(b"\r")) + 1
    return max(text.rfind("\n"), text.rfind("\r")) + 1


def _yaml_parse(path, text):
    try:
        return _yaml_parse_whole(path, text)
    except FileProblem:
        # Only a last line that does not parse with the rest, when the rest
        # parses without it, is a torn write: a whole entry typed by hand
        # without a final newline stays an entry (the next append would
        # otherwise cut it off).
        cut = last_line_start(text)
        head, tail = text[:cut], text[cut:]
        if not tail or not _is_unfinished(tail):
            raise
        try:
            day = _fast_parse(path, head) or _yaml_parse_whole(path, head)
        except FileProblem:
            pass
        else:
            day.torn_line = head.count("\n") + 1
            return day
        raise


def _yaml_parse_whole(path, text):
    from lobbyctl.store import safeyaml  # only a hand-edited file needs it

    document = safeyaml.compose(path, text)  # refuses deep nesting, aliases, tags first
    root = document.root
    if root is None:
        return Day(path, [], [], canonical=False)
    if root.id != "sequence":
        raise problem(FileProblem, "not_a_list", path=path, line=root.start_mark.line + 1)
    entries, lines = [], []
    for node in root.value:
        # one entry at a time: a value that cannot be read is named by its entry's line
        line = node.start_mark.line + 1
        entry = document.data(node)
        if not isinstance(entry, dict):
            raise problem(FileProblem, "entry_not_mapping", path=path, line=line)
        entries.append(entry)
        lines.append(line)
    return Day(path, entries, lines, canonical=False)
