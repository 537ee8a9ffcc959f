"""The one place lobbyctl turns YAML text into plain data.

Day files, ``lobbyctl.yaml`` and the user config are all read here, and all
are text people may edit, or an attacker may hand over.  YAML can do a lot of
harm from a few bytes, and none of it is anything a journal needs:

* nesting: ruamel.yaml.clib composes nodes by C recursion and overflows the
  stack (signal 11, no message) at about 30,000 levels, which 40 KB of ``[``
  reach; the pure-Python composer ends in ``RecursionError`` far sooner;
* anchors and aliases: a billion-laughs file expands without bound, and
  ``&m [*m]`` is a cycle no constructor can turn into plain data;
* tags: ``!!python/...`` and friends ask for objects, not values.

So before anything builds a node, one pass over the parser's *events* (the
libyaml event parser keeps its own stacks on the heap and never recurses)
measures the nesting and refuses an anchor, an alias, a tag or more values
than any journal file holds, naming the line.  The pass stops at the first
problem, so a 16 MiB file of ``[`` costs as much as 101 of them.  Only then is the text
composed and constructed; what comes out is plain data (dict, list, str, int,
float, bool, None, with dates and times as ISO text), and every parser error
is a ``FileProblem(path, line, message)``."""

import datetime
import re

from lobbyctl.errors import FileProblem
from lobbyctl.schema.text.messages import problem

# No journal entry or setting nests deeper than a handful of levels; far
# below where any composer fails.
MAX_DEPTH = 100
TOO_DEEP = "nested too deeply"
# A busy day written by hand is a few thousand values; composing costs ~800
# bytes and tens of microseconds a value (a million: 780 MB), so a flat
# 16 MiB list of 8 million would take gigabytes and minutes.  This many is
# dozens of busy days in one file, and seconds of work at most.
MAX_VALUES = 250_000


def decode(path, data):
    """UTF-8 bytes as text without a byte-order mark; bad bytes are a
    problem at the line they are on."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise problem(FileProblem, "not_utf8", path=path,
                      line=data.count(b"\n", 0, exc.start) + 1) from None
    return text[1:] if text.startswith("\ufeff") else text


def load(path, source):
    """The plain data of one YAML document (``source``: text or UTF-8 bytes);
    None for an empty document."""
    text = decode(path, source) if isinstance(source, bytes) else source
    return compose(path, text).data()


def compose(path, text):
    """The one document in ``text``, once the text has passed
    ``refuse_hazards``: its ``root`` node (None if empty; nodes carry their
    lines) and plain data from it."""
    yaml = _yaml()
    refuse_hazards(path, text, yaml)
    with _problems(path, text):
        return Document(path, text, yaml, yaml.compose(text))


class Document:
    """A composed document; one YAML loader serves all its nodes (making one
    costs more than constructing a day's entry)."""

    def __init__(self, path, text, yaml, root):
        self.path = path
        self.text = text
        self.root = root
        self._yaml = yaml

    def data(self, node=None):
        """Plain data from ``node`` (default: the root); a value no
        constructor takes is a problem at the node's line."""
        node = self.root if node is None else node
        if node is None:
            return None
        with _problems(self.path, self.text, node.start_mark.line + 1):
            return plain(self._yaml.constructor.construct_document(node))


def refuse_hazards(path, text, yaml=None):
    """Raise ``FileProblem`` at the line of the first level deeper than
    ``MAX_DEPTH``, anchor, alias or tag, or of value number ``MAX_VALUES + 1``."""
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

    yaml = yaml or _yaml()
    depth = values = 0
    with _problems(path, text):
        for event in yaml.parse(text):
            if isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            if not isinstance(event, NodeEvent):
                continue
            line = event.start_mark.line + 1
            values += 1
            if values > MAX_VALUES:
                raise problem(FileProblem, "yaml_too_many", path=path, line=line,
                              limit=f"{MAX_VALUES:,}")
            if isinstance(event, AliasEvent):
                raise problem(FileProblem, "yaml_alias", path=path, line=line, anchor=event.anchor)
            if event.anchor is not None:
                raise problem(FileProblem, "yaml_anchor", path=path, line=line, anchor=event.anchor)
            if event.tag is not None:
                raise problem(FileProblem, "yaml_tag", path=path, line=line,
                              tag=_as_written(event.tag))
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise problem(FileProblem, "too_deep", path=path, line=line)


def is_whole_entry(text):
    """Whether the parser reads ``text`` (one line) to its end as one block
    sequence item holding a mapping -- an entry, whatever its values say --
    rather than stopping at a YAML error or finding something else in the
    item (a write cut short leaves ``-``, ``- {"id": "26``...).  Only events
    are read, nothing is built: a duplicate key, a tag or a value too long
    to read makes a whole entry that is wrong, for the loader to name, never
    a torn line to cut.  Past ``MAX_DEPTH`` or ``MAX_VALUES`` the line counts
    as whole too, so the loader's refusal names it."""
    from ruamel.yaml.events import (CollectionEndEvent, CollectionStartEvent,
                                    MappingStartEvent, NodeEvent)
    from ruamel.yaml.error import YAMLError

    depth = values = 0
    try:
        for event in _yaml().parse(text):
            if isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            if not isinstance(event, NodeEvent):
                continue
            values += 1
            if values == 2 and not isinstance(event, MappingStartEvent):
                return False  # the item is not a mapping: `-` alone, `- "x`
            if isinstance(event, CollectionStartEvent):
                depth += 1
            if depth > MAX_DEPTH or values > MAX_VALUES:
                return True
    except (YAMLError, RecursionError, ValueError):
        return False
    return values >= 2


def _as_written(tag):
    standard = "tag:yaml.org,2002:"
    return "!!" + tag[len(standard):] if tag.startswith(standard) else tag


def plain(value):
    """Hand-written unquoted dates and times come back as date objects; the
    journal's values are text, so give them back as ISO text (keys too)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return value


class _problems:
    """Every way a YAML library can fail on text, as one ``FileProblem``."""

    def __init__(self, path, text, line=1):
        self.path = path
        self.text = text
        self.line = line  # where a problem that names no place is

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, _traceback):
        if kind is None or issubclass(kind, FileProblem):
            return False
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        path, text = self.path, self.text
        if isinstance(exc, MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            reason = exc.problem or exc.context or "YAML error"
            raise problem(FileProblem, "yaml_error", path=path, line=line or self.line,
                          problem=reason) from None
        if isinstance(exc, YAMLError):
            # a reader error (a control character, say) knows its offset, not its line
            position = getattr(exc, "position", None)
            line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
            reason = getattr(exc, "reason", None) or exc
            raise problem(FileProblem, "yaml_error", path=path, line=line or self.line,
                          problem=reason) from None
        if isinstance(exc, RecursionError):
            # refuse_hazards keeps nesting far from this; the place is unknown
            raise problem(FileProblem, "too_deep", path=path, line=self.line) from None
        if isinstance(exc, ValueError):
            # int() refuses more than 4300 digits (CVE-2020-10735 limit);
            # a date like 2026-13-45 is refused by datetime.date
            match = _LONG_NUMBER.search(text)
            if match:
                raise problem(FileProblem, "yaml_long_number", path=path,
                              line=_line_at(text, match.start())) from None
            raise problem(FileProblem, "yaml_error", path=path, line=self.line,
                          problem=str(exc)) from None
        return False


_LONG_NUMBER = re.compile(r"\d{4300}")


def _line_at(text, offset):
    return text.count("\n", 0, offset) + 1


def _yaml():
    from ruamel.yaml import YAML

    return YAML(typ="safe")
