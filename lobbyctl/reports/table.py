"""``report table``: a pivot of one entry type over any of its fields.

Counts entries of one type in a date range — a greeting counts its ``count``
(customers), any other entry counts one — by one or more fields of that type
(``vocab.FIELDS``) or derived ones (``hour``, ``weekday``, ``date``, ``week``,
``month``, ``by``), optionally spread over periods (day, week or month).

Layout:

* no period: one row per combination of the ``--by`` values, a count column;
* periods as columns: the same rows, one column per period, a total column;
* periods as rows (``period_rows``): one row per period (and per value of
  every ``--by`` field but the last), one column per value of the last
  ``--by`` field, a total column — what reads best for "each day of the month
  by route", many periods and few values.

A list field (groups, assist, steps, staff, checklist problems) counts an
entry once under each of its members, and under "—" when empty, so a column
can add up to more than its total: the totals row and total column count
each entry once.  Referrals, complaints and notes are counted in their
folded state as of the end of the range (a referral accepted on a later
follow-up counts as accepted, if that follow-up is in the range).

One pass over the day files the caller streams one at a time; only the
entries of an updatable type and their updates are kept until the fold.

The parts: pivot_fields.py (fields, their titles and values), pivot_where.py
(the --where language), pivot_count.py (counting), pivot_layout.py (the
layouts); this module checks the request and assembles the report."""

from lobbyctl.schema import vocab
from lobbyctl.schema.text.privacy import mask
from lobbyctl.errors import UsageProblem
from lobbyctl.reports.labelled import with_journal_labels
from lobbyctl.reports.model import Report, Section
from lobbyctl.schema.text.messages import problem
from lobbyctl.reports.pivot_count import count_entries
from lobbyctl.reports.pivot_fields import (PERIODS, check_field, extractor, field_title,
                                           fields_of, word)
from lobbyctl.reports.pivot_layout import layout, period_table
from lobbyctl.reports.pivot_where import parse_where


def build_table(journal, days, *, today, entry_type="greet", by_fields=(), period=None, start,
                end, where=(), lang="zh", period_rows=False, masked=True):
    """The pivot as a ``Report``.  ``days`` are the range's day files as the
    caller reads them (``(date, loaded day)`` pairs: a ``DayStream``);
    ``today`` is what a relative ``--where date=`` is counted from;
    ``by_fields`` and ``where`` are what the user typed (validated here).
    ``journal`` brings only the config and the timezone: no I/O here."""
    request = PivotRequest(journal, today=today, entry_type=entry_type, by_fields=by_fields,
                           period=period, start=start, end=end, where=where,
                           period_rows=period_rows, masked=masked)
    counter = request.count(days, journal)
    return request.draw(counter, journal.config, lang)


class PivotRequest:
    """A pivot as asked (validated): what to count, by what, over which
    days; ``count`` counts one journal's days, ``draw`` makes the report of
    a ``Counter`` (one journal's, or a region's branches added up)."""

    def __init__(self, journal, *, today, entry_type, by_fields, period, start, end, where,
                 period_rows, masked, extra_fields=None):
        if entry_type not in vocab.FIELDS:
            raise problem(UsageProblem, "unknown_entry_type", typed=entry_type,
                          valid=", ".join(vocab.FIELDS))
        if start > end:
            raise problem(UsageProblem, "from_after_to", start=start.isoformat(),
                          end=end.isoformat())
        if period is not None and period not in PERIODS:
            raise problem(UsageProblem, "not_one_of", option="--period", typed=period,
                          valid=", ".join(PERIODS))
        if period_rows and period is None:
            raise problem(UsageProblem, "period_rows_alone")
        self.entry_type, self.period, self.start, self.end = entry_type, period, start, end
        self.period_rows, self.masked = period_rows, masked
        self.where, self.today = where, today
        # fields beyond a journal's own (a region's ``group``): their values
        # come from the caller's ``for_journal``
        self.extra = extra_fields
        self.fields = fields_of(entry_type, extra_fields)
        self.by = list(dict.fromkeys(check_field(name, entry_type, "--by", extra_fields)
                                     for name in by_fields))
        self.filters = parse_where(where, entry_type, journal.config, today, journal.tz,
                                   extra_fields)

    def for_journal(self, journal):
        """The filters and extractors with ``journal``'s labels and timezone
        (a region's branches may differ in both)."""
        filters = parse_where(self.where, self.entry_type, journal.config, self.today,
                              journal.tz, self.extra)
        extractors = [extractor(field, self.fields[field], self.masked, journal.tz)
                      for field in self.by]
        return filters, extractors

    def count(self, days, journal):
        """The ``Counter`` of ``journal``'s ``days`` (``(date, day)`` pairs),
        its entries under its branch code."""
        filters, extractors = self.for_journal(journal)
        return count_entries(days, self.entry_type, extractors, filters, self.period,
                             self.end, journal.config.branch_code)

    def draw(self, counter, config, lang, meta=None):
        """The report of ``counter``; ``meta`` replaces the header's branch
        line (a region names itself and its branches)."""
        by, period, start, end = self.by, self.period, self.start, self.end
        drawn = layout(counter, by, self.fields, period, start, end, self.period_rows, config,
                       lang, self.entry_type)
        table = period_table(drawn, counter, by, self.fields, period, start, end, config,
                             lang, self.entry_type)
        return _report(config, table, by, period, start, end, self.filters, lang,
                       self.entry_type, mask if self.masked else str, meta)


def _report(config, table, by, period, start, end, filters, lang, entry_type, hide, head=None):
    type_label = vocab.label("type", entry_type, lang)
    meta = dict(head) if head is not None else {
        "branch": (word("branch", lang),
                   hide(f"{config.branch_code} {config.branch_name}".strip())),
    }
    meta.update({
        "period": (word("period", lang), f"{start.isoformat()} – {end.isoformat()}"),
        # the English key, for JSON and CSV readers (the title names the type for people)
        "type": (field_title("type", lang), entry_type),
        "counting": (word("counting", lang),
                     word("customers" if entry_type == "greet" else "entries", lang)),
    })
    if filters:
        # the filter as typed: `--where customer=13812345678` is echoed masked
        meta["where"] = (word("where", lang), hide("; ".join(shown for where in filters
                                                             for shown in where.shown)))
    if entry_type in vocab.UPDATABLE:
        meta["as_of"] = (word("as_of", lang), end.isoformat())
    joiner = word("joiner", lang)
    by_text = word("by", lang, fields=joiner.join(field_title(field, lang) for field in by)) \
        if by else word("all", lang)
    heading = by_text if period is None else word("per", lang, by=by_text,
                                                   period=word(period, lang))
    # the table stays when empty: its CSV still has its header
    section = Section("table", heading, [table])
    return with_journal_labels(Report("table", word("title", lang, type=type_label), lang, meta,
                                      [section]), config)

