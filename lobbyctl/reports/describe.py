"""One entry as a person reads it: its time, type label, who, id, and a
one-line summary of its main fields with their labels, in Chinese or English.

``show`` draws these rows as a table and reports reuse ``details`` for their
listings.  Anything read from a day file may be hostile (wrong types, control
characters, huge numbers, nesting), so every value goes through ``_text``,
which never recurses and never lets a control character reach a terminal.
Free text is masked (``privacy.mask``) unless the caller asks otherwise.

Field labels come from the one table, ``lobbyctl.schema.text.field_labels``,
which the reports read too.
"""

import datetime
from typing import NamedTuple

from lobbyctl.schema import vocab
from lobbyctl.schema.text import field_labels, words
from lobbyctl.schema.text.privacy import mask as mask_text
from lobbyctl.domain.when import local_time, time_order
from lobbyctl.schema.fields import count_digits
from lobbyctl.reports.queue_figures import minutes_between
from lobbyctl.schema.text.safe import neutralise

# What a false boolean says, where it says something (an existing customer is
# the usual case: not worth a word on every row).
_FALSE_LABELS = {"fixed": ("未修复", "not fixed")}
# Enumerated fields whose value label says enough without the field's name.
_BARE = {"segment", "groups", "purpose", "route", "assist", "level", "category", "channel",
         "kind", "complexity", "scene", "business"}
# Fields each type shows in its short form (an update's target).
_MAIN = {
    "open": ("ok", "problems"),
    "close": ("ok", "problems"),
    "greet": ("count", "segment", "purpose", "route"),
    "refer": ("product", "to", "outcome"),
    "complain": ("level", "category", "summary", "status"),
    "note": ("kind", "text", "fixed"),
    "update": ("ref",),
    "void": ("ref", "reason"),
    "outreach": ("scene", "venue", "leads"),
    "ticket": ("ticket", "business", "status"),
    "rate": ("result", "count", "teller"),
}
# A ticket's times, shown as the clock in the journal's zone (its wait after
# the call); its staff is the teller who served it, not the staff on duty.
_TICKET_TIMES = ("called", "start", "end")
_WORDS = words.SHOW
_SEPARATOR = {"zh": "，", "en": ", "}
_LIST = {"zh": "、", "en": ", "}
_COLON = {"zh": "：", "en": ": "}
# A row is one line: line breaks and tabs inside a value become spaces
# (the other controls, bidi characters and lone surrogates are shown
# escaped by neutralise).
_BREAKS = str.maketrans("\n\r\t", "   ")
_MAX_CHARS = 2000


class Row(NamedTuple):
    time: str
    type: str
    by: str
    id: str
    details: str
    entry: dict


class Describer:
    """Describes entries of one journal in one language.

    ``config`` brings the journal's extra labels, ``tz`` the timezone times
    are shown in, ``lookup`` maps ids to entries an update or a void may
    point at, ``voids`` (``check.voids.Voids``) marks the entries a void
    took out, with the void's id and reason."""

    def __init__(self, lang="zh", *, config=None, tz=None, mask=True, lookup=None, voids=None):
        self.lang = lang if lang in ("zh", "en") else "en"
        self.config = config
        self.tz = tz
        self.mask = mask
        self.lookup = lookup or {}
        self.voids = voids
        self._vocabularies = {}

    def _pick(self, pair):
        return pair[0] if self.lang == "zh" else pair[1]

    def field_name(self, name):
        """A field's label from the one table, as a word inside the line."""
        return field_labels.inline(field_labels.field_label(name, self.lang), self.lang)

    def word(self, key, **values):
        return self._pick(_WORDS[key]).format(**values)

    # --- rows ---------------------------------------------------------------

    def row(self, entry):
        details = self.details(entry)
        void = self.voids.of(entry.get("id")) if self.voids else None
        if void is not None:
            marker = self.word("voided", void=_text(void.id), reason=self.free(void.reason))
            # the English bracket ends in "]": a space before the details
            details = marker + ("" if marker.endswith("】") else " ") + details
        return Row(self.time(entry), self.type_label(entry.get("type")),
                   self.free(entry.get("by")), self.free(entry.get("id")) or "?",
                   details, entry)

    def rows(self, entries):
        """Rows in the order of their wall clock in the journal's zone, ties
        by instant, then file order; entries whose time cannot be read come
        last, in file order (the same order as every report)."""
        return [self.row(entry) for entry in sorted(
            entries, key=lambda entry: time_order(entry.get("at"), self.tz))]

    def time(self, entry):
        when = local_time(entry.get("at"), self.tz)
        return "?" if when is None else when.strftime("%H:%M")

    def type_label(self, entry_type):
        if isinstance(entry_type, str) and entry_type in vocab.FIELDS:
            return vocab.label("type", entry_type, self.lang)
        return _text(entry_type) or "?"

    # --- details ------------------------------------------------------------

    def details(self, entry, *, short=False):
        """The entry's fields as one line; ``short`` keeps the main ones."""
        return _SEPARATOR[self.lang].join(self.parts(entry, short=short))

    def parts(self, entry, *, short=False):
        entry_type = entry.get("type")
        schema = vocab.FIELDS.get(entry_type) if isinstance(entry_type, str) else None
        if schema is None:
            # an unknown type: every field, by its stored name, masked
            return [f"{_text(key)}={self.free(value)}" for key, value in entry.items()
                    if key not in vocab.COMMON_FIELDS]
        wanted = _MAIN.get(entry_type, ()) if short else None
        parts = []
        done = set()
        for name, kind in schema.items():
            if name in done or name not in entry or (wanted is not None and name not in wanted):
                continue
            text = self._special(entry_type, name, entry, done, short)
            if text is None:
                done.add(name)
                text = self.field(name, kind, entry[name])
            if text:
                # not only free text: a hand-edited file may hold a phone
                # number as a count, a label or a date (masking is idempotent)
                parts.append(self.free(text))
        if not short:
            for key, value in entry.items():
                if key not in schema and key not in vocab.COMMON_FIELDS:
                    parts.append(f"{_text(key)}={self.free(value)}")
        return parts

    def _special(self, entry_type, name, entry, done, short):
        """Fields that read better together or in their own words."""
        if name == "count" and type(entry["count"]) is int:
            done.add(name)
            return self.word("people", n=_text(entry["count"]))
        if name == "wait" and type(entry["wait"]) is int:
            done.add(name)
            return f"{self.field_name('wait')} {self.word('minutes', n=_text(entry['wait']))}"
        if entry_type == "greet" and name in ("purpose", "route") and "route" in entry:
            done.update(("purpose", "route"))
            purpose = self.label("purpose", entry["purpose"]) if "purpose" in entry else ""
            return f"{purpose} → {self.label('route', entry['route'])}".strip()
        if entry_type == "refer" and name in ("product", "to", "to_name"):
            done.update(("product", "to", "to_name"))
            target = " ".join(text for text in (
                self.label("target", entry["to"]) if "to" in entry else "",
                self.free(entry["to_name"]) if "to_name" in entry else "") if text)
            product = self.free(entry["product"]) if "product" in entry else ""
            return f"{product} → {target}" if target else product
        if entry_type == "complain" and name in ("level", "category"):
            done.update(("level", "category"))
            return "/".join(text for text in (
                self.label("level", entry["level"]) if "level" in entry else "",
                self.label("category", entry["category"]) if "category" in entry else "") if text)
        if entry_type in ("refer", "complain") and name == "follow_up" and "via" in entry:
            done.update(("follow_up", "via"))
            return (f"{self.field_name('follow_up')} {_text(entry['follow_up'])} "
                    f"{self.label('via', entry['via'])}")
        if entry_type == "outreach" and name == "icebreakers" and isinstance(entry[name], list):
            done.add(name)
            sales = _LIST[self.lang].join(
                f"{self.free(sale.get('product'))}×{_text(sale.get('sold'))}"
                if isinstance(sale, dict) else _text(sale) for sale in entry[name][:50])
            return f"{self.field_name(name)}{_COLON[self.lang]}{sales}"
        if entry_type == "ticket":
            text = self._ticket_part(name, entry, done)
            if text is not None:
                return text
        if entry_type == "rate" and name == "result":
            done.update(("result", "count"))
            count = entry.get("count")
            times = f" ×{_text(count)}" if type(count) is int and count != 1 else ""
            return f"{self.label('rating', entry['result'])}{times}"
        if entry_type == "outreach" and name == "staff" and isinstance(entry[name], list):
            done.add(name)
            return (f"{self.word('outreach_staff')}{_COLON[self.lang]}"
                    + _LIST[self.lang].join(self.free(item) for item in entry[name][:50]))
        if entry_type in ("open", "close") and name == "ok":
            done.add(name)
            return self._checklist_ok(entry_type, entry)
        if entry_type in ("update", "void") and name == "ref":
            done.add(name)
            # a target's short form never follows its own ref: refs may loop
            return self._target(entry["ref"], expand=not short)
        if isinstance(entry.get(name), bool) and vocab.FIELDS[entry_type].get(name) == "bool":
            done.add(name)
            if entry[name]:
                return self.field_name(name)
            false = _FALSE_LABELS.get(name)
            return self._pick(false) if false else ""
        return None

    def _ticket_part(self, name, entry, done):
        """A ticket's own words: its times as a clock, the wait after the
        call, how it ended as its label alone, its staff as the teller."""
        if name in _TICKET_TIMES:
            when = local_time(entry[name], self.tz)
            if when is None:
                return None  # shown as stored: check names what is wrong with it
            done.add(name)
            taken = local_time(entry.get("at"), self.tz)
            shape = "%H:%M" if taken is not None and taken.date() == when.date() \
                else "%Y-%m-%d %H:%M"
            text = f"{self.field_name(name)} {when.strftime(shape)}"
            if name == "called" and taken is not None:
                # the queue's own figure: instants, not wall clocks (a
                # repeated hour would give a wait below zero)
                waited = minutes_between(entry.get("at"), entry[name], self.tz)
            if name == "called" and taken is not None and waited is not None:
                minutes = round(waited)
                text += self.word("after_call", wait=self.field_name("wait"),
                                  minutes=self.word("minutes", n=minutes))
            return text
        if name == "status":
            done.add(name)
            return self.label("ticket-status", entry[name])
        if name == "staff":
            done.add(name)
            return f"{self.field_name('teller')}{_COLON[self.lang]}{self.free(entry[name])}"
        return None

    def _checklist_ok(self, entry_type, entry):
        vocabulary = self.vocabulary(f"{entry_type}-item")
        ok = entry.get("ok")
        if isinstance(ok, list) and not entry.get("problems") \
                and set(vocabulary.keys()) <= {item for item in ok if isinstance(item, str)}:
            return self.word("all_fine")
        return self.field("ok", f"labels:{entry_type}-item", ok)

    def _target(self, ref, expand=True):
        target = self.lookup.get(ref) if isinstance(ref, str) else None
        if not expand:
            return f"→ {_text(ref)}"
        if not isinstance(target, dict):
            return f"→ {_text(ref)}{self.word('missing')}"
        summary = self.details(target, short=True)
        label = self.type_label(target.get("type"))
        inside = f"（{summary}）" if self.lang == "zh" else f" ({summary})"
        return f"→ {label} {_text(ref)}{inside if summary else ''}"

    def field(self, name, kind, value):
        """``label：value`` for one field, or the value alone where it says enough."""
        base, _, vocabulary = kind.partition(":")
        if base == "label":
            shown = self.label(vocabulary, value)
        elif base == "labels":
            shown = self.labels(vocabulary, value)
        elif base == "checklist" and isinstance(value, dict):
            shown = _LIST[self.lang].join(
                f"{self.label(vocabulary, item)}（{self.free(text)}）" if self.lang == "zh"
                else f"{self.label(vocabulary, item)} ({self.free(text)})"
                for item, text in value.items())
        elif base == "text":
            shown = self.free(value)
        elif base == "bool" and isinstance(value, bool):
            shown = self.word("yes" if value else "no")
        elif base == "names" and isinstance(value, list):
            shown = _LIST[self.lang].join(self.free(item) for item in value)
        elif base in ("int", "date", "id", "timestamp"):
            shown = _text(value)
        else:
            shown = self.free(value)
        if name in _BARE:
            return shown
        return f"{self.field_name(name)}{_COLON[self.lang]}{shown}"

    def label(self, vocabulary, value):
        if not isinstance(value, str):
            return _text(value)
        return _text(self.vocabulary(vocabulary).label(value, self.lang))

    def labels(self, vocabulary, value):
        if not isinstance(value, list):
            return self.free(value)
        return _LIST[self.lang].join(self.label(vocabulary, item) for item in value)

    def vocabulary(self, name):
        if name not in self._vocabularies:
            try:
                self._vocabularies[name] = vocab.vocabulary(name, self.config)
            except KeyError:
                self._vocabularies[name] = vocab.Vocabulary(name, {})
        return self._vocabularies[name]

    def free(self, value):
        """Free text as shown: masked unless asked not to; other values plainly."""
        text = _text(value)
        return mask_text(text) if self.mask and text else text


def _text(value):
    """Any stored value as one safe line of text; containers shallowly."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return f"<{count_digits(value)}-digit number>"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= _MAX_CHARS else value[:_MAX_CHARS] + "…"
        return neutralise(text.translate(_BREAKS))
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(item) if not isinstance(item, (list, tuple, dict)) else "…"
                         for item in value[:50])
    if isinstance(value, dict):
        return "{…}"
    return f"<{type(value).__name__}>"


def update_targets(journal, entries):
    """``{id: entry}`` for what the updates and voids among ``entries`` point at: the
    entries themselves, plus the earlier days' entries they refer to (each
    such day file read once; one that does not load just leaves its
    targets unknown)."""
    from lobbyctl.store.dayfile import read_day
    from lobbyctl.errors import LobbyError
    from lobbyctl.schema.ids import ID_PATTERN, id_date

    known = {entry.get("id"): entry for entry in entries if isinstance(entry.get("id"), str)}
    wanted = {entry.get("ref") for entry in entries if entry.get("type") in ("update", "void")
              and isinstance(entry.get("ref"), str) and ID_PATTERN.match(entry["ref"])}
    days_read = set()
    for ref in sorted(wanted - set(known)):
        try:
            day = datetime.date(*id_date(ref))
        except (TypeError, ValueError):
            continue
        if day in days_read:
            continue
        days_read.add(day)
        try:
            loaded = read_day(journal.day_path(day))
        except LobbyError:
            continue
        for entry in loaded.entries:
            if isinstance(entry.get("id"), str):
                known.setdefault(entry["id"], entry)
    return known
