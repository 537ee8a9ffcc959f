"""Finding one entry by its id.

An id starts with the date of the day it was recorded on (``261120-7kq3xm``),
so finding it reads that one day file, never the whole journal."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.store.dayfile import Day, read_day
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.ids import id_date, normalise_id
from lobbyctl.schema.text.messages import say


class Found:
    """An entry and where it is: its day file and the line it starts on."""

    __slots__ = ("entry", "path", "line")

    def __init__(self, entry, path, line):
        self.entry = entry
        self.path = path
        self.line = line


def find_entry(journal, entry_id, accept=None):
    """The ``Found`` entry with the (normalised) id ``entry_id``, or None.
    A day file that does not parse raises ``FileProblem``.  ``accept(day)``
    (the reading checks of the layer above) is given the entries carrying
    that id, as a ``Day``, and returns those it accepts or raises."""
    parts = id_date(entry_id)
    if parts is None:
        return None
    try:
        day = datetime.date(*parts)
    except ValueError:  # 261340-...: the shape of an id, but no such day
        return None
    loaded = read_day(journal.day_path(day))
    matches = [(entry, line) for entry, line in zip(loaded.entries, loaded.lines)
               if entry.get("id") == entry_id]
    if accept is not None and matches:
        accepted = accept(Day(loaded.path, [entry for entry, _ in matches],
                              [line for _, line in matches]))
        matches = list(zip(accepted.entries, accepted.lines))
    if matches:
        entry, line = matches[0]
        return Found(entry, loaded.path, line)
    return None


def require_entry(journal, typed, option, lang, entry_type=None, accept=None):
    """The entry a person named on the command line; a usage problem if the
    text is no id, no entry has it, or it is not of ``entry_type``
    (``accept`` as in ``find_entry``)."""
    entry_id = normalise_id(typed or "")
    if entry_id is None:
        raise UsageProblem(say("not_an_id", lang, option=option, typed=typed))
    found = find_entry(journal, entry_id, accept)
    if found is None:
        raise UsageProblem(say("no_such_entry", lang, option=option, id=entry_id))
    actual = found.entry.get("type")
    if entry_type is not None and actual != entry_type:
        raise UsageProblem(say("wrong_entry_type", lang, option=option, id=entry_id,
                               actual=vocab.label("type", actual, lang),
                               expected=vocab.label("type", entry_type, lang)))
    return found
