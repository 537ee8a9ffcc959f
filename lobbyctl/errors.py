"""The one exception family of lobbyctl.

Core code raises these; the CLI maps each to one message on stderr and its
exit code in a single place (``lobbyctl.cli.main``).  Exit codes:

* 0 — done;
* 1 — a journal problem (missing journal, unreadable or read-only file, a day
  file that does not parse, a failed write) or ``check`` found problems;
* 2 — a usage problem (unknown option or label, unparsable date, missing
  required option, a value out of range).
"""


class LobbyError(Exception):
    """``message`` is English; an error raised with a catalogue ``key`` (see
    ``lobbyctl.schema.text.messages.problem``) keeps the key and its
    ``values`` too, so the CLI can say it in the journal's language."""

    exit_code = 1

    def __init__(self, message, *, hint=None, key=None, values=None, hint_key=None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key = key
        self.values = dict(values or {})
        self.hint_key = hint_key


class JournalProblem(LobbyError):
    """Something is wrong with the journal on disk, or it cannot be written."""

    exit_code = 1


class UsageProblem(LobbyError):
    """The user asked for something that cannot be done as asked."""

    exit_code = 2


class FileProblem(JournalProblem):
    """A problem at a place in a file: printed as ``path:line: message``."""

    def __init__(self, path, line, message, *, hint=None, key=None, values=None,
                 hint_key=None):
        if key is None and getattr(message, "key", None) is not None:
            # a catalogue sentence (``check``'s judgement of an entry): its key
            # and values come along, so the CLI says it in the journal's language
            key, values = message.key, message.values
        location = f"{path}:{line}" if line else str(path)
        super().__init__(f"{location}: {message}", hint=hint, key=key, values=values,
                         hint_key=hint_key)
        self.path = path
        self.line = line
        self.location = location
        self.detail = message
