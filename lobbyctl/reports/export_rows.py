"""``export``: the journal as one row per entry, for DuckDB, pandas or Spark.

The schema is fixed and stable: every row has every column below, in this
order, whatever its type (a column that does not apply is empty in CSV and
``null`` in JSON Lines).  New columns are only ever added at the end.

=============  ==============================================================
column         meaning
=============  ==============================================================
branch_code    the branch code from ``lobbyctl.yaml``
branch_name    the branch name
id             the entry id (``YYMMDD-xxxxxx``)
type           open, close, greet, refer, complain, note, update, void, rate, ticket
at             when, ISO 8601 with the UTC offset (2026-11-20T10:30:00+08:00)
date           the day (YYYY-MM-DD) of the day file holding the entry
by             who recorded it
staff          open: staff on duty (list); ticket: the teller who served it
ok             open/close: checklist items fine (list of keys)
problems       open/close: items with a problem: item key -> what was wrong
forced         open: recorded although the day was already opened
note           free text
remarks        close: the manager's remarks for the day
count          greet: customers in the party; rate: ratings of its result
segment        greet: regular, mid, high, private
potential      greet: a mid/high-end prospect discovered
new            greet: a new (true) or existing (false) customer
groups         greet: special groups (list: elderly, disabled, foreign)
purpose        greet: what the customer came for
route          greet: where the customer was routed
wait           greet: minutes waited
ticket         greet/ticket: queue ticket number
assist         greet: help given (list: form, device, care)
customer       greet/refer/complain: how the customer is referred to (张先生)
product        refer: the product recommended
to             refer: wealth-manager, customer-manager, teller, self
to_name        refer: the person referred to
outcome        refer (current): pending, accepted, declined; update: the new one
follow_up      refer/complain (current): next follow-up date; update: the new one
via            refer: how to follow up; update: how the contact was made
greet          refer: the id of the greeting it came from
level          complain: grumble or complaint
category       complain: the cause (JR/T 0169-2018 axis, plus fees and waiting)
channel        complain: where it arose
summary        complain: the main facts
remedy         complain: what the customer asks for
steps          complain (current): handling steps done (list)
complexity     complain: ordinary, complex, very-complex
due            complain: the date a decision is due (formal complaints)
status         complain (current): open, resolved, escalated; ticket: served,
               no-show, cancelled, transferred
resolution     complain/note (current): how it was resolved
escalated_to   complain: to whom it was escalated
kind           note: fault, hygiene, hazard, fraud, teller, opinion, ...
text           note: what happened
device         note: the machine or facility (faults)
praise         note: an opinion that praised
fixed          note (current): the fault is fixed
ref            update: the id of the entry it updates; void: of the entry it voids
decided_on     refer: the date the outcome became accepted/declined
closed_on      complain: the date it was resolved
fixed_on       note: the date the fault was fixed
contacts       refer/complain/note: follow-up contacts made (updates with via)
updates        refer/complain/note: updates folded into the row
reason         void: why the entry ``ref`` names was voided; rate: why, when the customer said
remind_rating  greet: the customer was asked to rate the counter service
result         rate: very-satisfied, satisfied, basic, dissatisfied
window         rate/ticket: the counter window
teller         rate: the teller rated
business       ticket: the business type (a purpose key)
called         ticket: when it was called (ISO 8601); ``at`` is when it was taken
start          ticket: service start
end            ticket: service end
rating         ticket: the rating the queue system recorded
lead           greet/refer: the id of the outreach that brought the customer
returning      greet: the id of the referral whose customer came back
after          refer: the id of the first cross-sell this one follows
satisfaction   refer (current): the satisfaction check after the sale;
               update: the one recorded (very-satisfied, satisfied, basic,
               dissatisfied)
scene          outreach: community, enterprise, market, school, village, ...
venue          outreach: where it took place
gifts          outreach: gifts handed out
contacts_collected  outreach: customers whose information was collected (a
               count; the numbers themselves are never in the journal)
icebreakers    outreach: ice-breaker sales, a list of {product, sold}
leads          outreach: leads gathered
=============  ==============================================================

Enumerated values are the English keys of ``lobbyctl.schema.vocab``.  "(current)"
means: unless ``raw``, each ``update`` is folded into the entry it changes,
as of the last day exported (``--to``, default today), and is not a row of
its own; an update whose entry is before ``--from`` belongs to that entry's
row.  With ``raw``, updates are rows (``ref`` names their entry) and the
five folded columns stay empty.

An entry a ``void`` took out is no row, and neither is the void, unless
``raw`` (the caller then reads the days with the voided entries kept,
``DayStream(with_voided=True)``): both are rows, the void with ``ref`` and
``reason``.  Asking for voids by name (``--type void``) lists them.

xlsx (written by the CLI through render/xlsx.py): one sheet, the same
header row, an autofilter; counts, ``wait``, ``contacts`` and ``updates``
as numbers, the date columns as Excel dates, flags as TRUE/FALSE, the rest
as text (lists and ``problems`` as in CSV, text never a formula).

CSV: one header row with these names; lists joined with ``;``; booleans
``true``/``false``; ``problems`` as a JSON object and ``icebreakers`` as a
JSON array; empty for absent.  JSON
Lines: one object a line with these keys in this order and native types
(lists, objects, true/false, numbers, null).  Free text is masked (phone,
ID-card and card numbers) unless ``masked=False``.

Neither format lets a value act on its reader: a CSV text cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a line break (or their full-width forms)
gets a leading ``'`` so that a spreadsheet shows it rather than running it
as a formula, and terminal controls and bidi characters in it are shown
escaped (``\\x1b``, ``\\u202e``); JSON Lines keeps every value as it is, those
characters written as ``\\uXXXX`` escapes (``schema.text.safe``)."""

import csv
import json

from lobbyctl.check.entry import steady_offset_text
from lobbyctl.schema import vocab
from lobbyctl.errors import UsageProblem
from lobbyctl.store.loader import collector_paused
from lobbyctl.schema.text.messages import problem
from lobbyctl.domain.fold import fold
from lobbyctl.schema.text.privacy import mask_value
from lobbyctl.domain.when import time_order
from lobbyctl.schema.text.safe import json_safe, spreadsheet_safe

HEAD = ("branch_code", "branch_name", "id", "type", "at", "date", "by")
FOLDED = ("decided_on", "closed_on", "fixed_on", "contacts", "updates")
# columns added later, at the end (the schema only ever grows there)
LATER = ("reason", "remind_rating", "result", "window", "teller",
         "business", "called", "start", "end", "rating",
         # the outreach and the nine links (issue 12)
         "lead", "returning", "after", "satisfaction",
         "scene", "venue", "gifts", "contacts_collected", "icebreakers", "leads")
FIELDS = (
    "staff", "ok", "problems", "forced", "note", "remarks",
    "count", "segment", "potential", "new", "groups", "purpose", "route", "wait", "ticket",
    "assist", "customer",
    "product", "to", "to_name", "outcome", "follow_up", "via", "greet",
    "level", "category", "channel", "summary", "remedy", "steps", "complexity", "due",
    "status", "resolution", "escalated_to",
    "kind", "text", "device", "praise", "fixed",
    "ref",
)
COLUMNS = HEAD + FIELDS + FOLDED + LATER
FORMATS = ("jsonl", "csv")  # xlsx: the CLI writes ``workbook_values`` through render/xlsx.py

# Which columns hold free text (masked), whatever type the entry is: names
# too (staff on duty, who recorded it), since show and the reports mask them.
_TEXT = frozenset(["by"] + [name for fields in vocab.FIELDS.values()
                            for name, kind in fields.items()
                            if kind in ("text", "names", "sales")
                            or kind.startswith("checklist:")])


def export_rows(journal, days, *, types=(), raw=False, masked=True, until=None, sparse=False):
    """The rows (dicts in ``COLUMNS`` order) of the entries in ``days`` (an
    iterable of ``(date, Day)``, in date order), of ``types`` if given.
    ``sparse``: each row holds only the columns the entry gives a value, in
    no set order (a columnar writer fills the rest; an entry has a tenth of
    the columns)."""
    unknown = [name for name in types if name not in vocab.FIELDS]
    if unknown:
        raise problem(UsageProblem, "unknown_entry_type", typed=unknown[0],
                      valid=", ".join(vocab.FIELDS))
    wanted = set(types) if types else set(vocab.FIELDS)
    # asking for updates (or voids) by name means seeing them as rows
    raw = raw or wanted == {"update"} or wanted == {"void"}
    config = journal.config
    head = {"branch_code": mask_value(config.branch_code) if masked else config.branch_code,
            "branch_name": mask_value(config.branch_name) if masked else config.branch_name}
    kept = []
    tz = journal.tz
    for day, loaded in days:
        date = day.isoformat()
        for entry in _in_day_order(loaded.entries, day, tz):
            kind = entry.get("type")
            if kind in wanted or (not raw and kind == "update"):
                kept.append((date, entry))
    states = {}
    if not raw:
        # only what a fold reads: a year's greetings need not pass through it
        states, _orphans = fold((entry for _date, entry in kept
                                 if entry.get("type") in _FOLDED_IN), until=until)
    for date, entry in kept:
        kind = entry.get("type")
        if kind not in wanted or (kind in ("update", "void") and not raw):
            continue
        state = states.get(entry.get("id")) if kind in vocab.UPDATABLE else None
        yield _row(head, date, state or entry, state, masked, sparse)


def _in_day_order(entries, day, tz):
    """A day's entries in the order every reader lists them: the wall clock
    in the journal's zone, ties by instant, then as recorded.  As recorded,
    they are already: each time written in one shape with the day's own
    offset (a day without a clock change), in order as text -- then the
    text order is the wall clock's and the sort, stable, would move nothing."""
    suffix = steady_offset_text(tz, day)
    if suffix is not None:
        previous = ""
        for entry in entries:
            at = entry.get("at")
            if not (at.__class__ is str and len(at) == 25 and at[10] == "T"
                    and at.endswith(suffix) and at >= previous):
                break
            previous = at
        else:
            return entries
    return sorted(entries, key=lambda entry: time_order(entry.get("at"), tz))


_EMPTY = dict.fromkeys(COLUMNS)
_EMPTY_WHEN_FALSY = frozenset((str, list, dict))
_FOLDED_IN = frozenset(vocab.UPDATABLE) | {"update"}
_FROM_ENTRY = frozenset(("id", "type", "at", "by") + FIELDS + LATER)
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one encoder, not one per row


def _row(head, date, entry, state, masked, sparse=False):
    row = head.copy() if sparse else _EMPTY.copy()
    if not sparse:
        row.update(head)
    row["date"] = date
    # only the fields the entry has: most of the columns stay empty for any one type
    for name, value in entry.items():
        if name not in _FROM_ENTRY or (value.__class__ in _EMPTY_WHEN_FALSY and not value):
            continue  # "", [] and {} are empty columns; 0 and false are values
        if masked and name in _TEXT:
            value = mask_value(value)
        row[name] = value
    if state is not None:
        row["decided_on"] = state.get("decided_on")
        row["closed_on"] = state.get("closed_on")
        row["fixed_on"] = state.get("fixed_on")
        row["contacts"] = len(state.get("contacts") or ())
        row["updates"] = len(state.get("updates") or ())
    return row


def _workbook_kind(name):
    kinds = {kind for fields in (vocab.COMMON_FIELDS, *vocab.FIELDS.values())
             for field, kind in fields.items() if field == name}
    if kinds <= {"int"} and kinds:
        return "int"
    if kinds <= {"bool"} and kinds:
        return "bool"
    return "date" if kinds <= {"date"} and kinds else "text"


# each column in a workbook (render/xlsx.py): counts and minutes as numbers,
# days as dates, flags as TRUE/FALSE, the rest as text (``at`` keeps its
# offset, so it stays ISO text)
KINDS = {**{name: _workbook_kind(name) for name in COLUMNS}, "date": "date",
         "decided_on": "date", "closed_on": "date", "fixed_on": "date",
         "contacts": "int", "updates": "int"}


def workbook_values(rows):
    """Each row as the list of its values in ``COLUMNS`` order for a
    workbook: lists joined with ``;`` and ``problems`` as a JSON object, as
    in CSV; numbers, flags and dates left to the sheet's typed cells."""
    for row in rows:
        yield [_joined(row[name]) for name in COLUMNS]


def _joined(value):
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return value


_ROWS_A_WRITE = 512  # one write of many rows: a call a row costs more than the encoding


def write_jsonl(rows, out):
    count = 0
    encode, batch = _ENCODER.encode, []
    for row in rows:
        batch.append(json_safe(encode(row)))
        count += 1
        if len(batch) == _ROWS_A_WRITE:
            out.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        out.write("\n".join(batch) + "\n")
    return count


def write_csv(rows, out):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in COLUMNS])
        count += 1
    return count


def _csv_cell(value):
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        if any(isinstance(item, (dict, list)) for item in value):  # icebreakers
            return json_safe(json.dumps(value, ensure_ascii=False, sort_keys=False))
        return spreadsheet_safe(";".join(str(item) for item in value))
    if isinstance(value, dict):
        return json_safe(json.dumps(value, ensure_ascii=False, sort_keys=False))
    if isinstance(value, str):
        # decided by the value's kind: a count stored as -5 is a number, typed as "-5" text
        return spreadsheet_safe(value)
    return value


def write_export(journal, days, fmt, out, **options):
    """Write the export to the text handle ``out`` row by row (a year never
    sits in memory as text); returns how many rows it wrote."""
    if fmt not in FORMATS:
        raise problem(UsageProblem, "not_one_of", option="--format", typed=fmt,
                      valid=", ".join(FORMATS))
    with collector_paused():
        rows = export_rows(journal, days, **options)
        return write_csv(rows, out) if fmt == "csv" else write_jsonl(rows, out)
