"""Counter ratings (柜台服务评价): the ``rate`` entries of a day or a month.

Definitions, so a branch head can check them by hand:

* ratings = the sum of the ``rate`` entries' ``count`` (one entry may copy a
  result's tally off an evaluator);
* satisfaction = (very satisfied + satisfied) ÷ all ratings
  (``vocab.SATISFIED_RATINGS``); None when there are no ratings;
* customers asked to rate = the customers of greetings marked
  ``--remind-rating``.

Ratings a queue export carries on its tickets are the queue system's and are
shown with the tickets (``queue_figures``), not added here: an evaluator
wired to the queue machine would count each rating twice."""

from collections import Counter

from lobbyctl.schema import vocab
from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Section, Table


def rating_counts(entries):
    """``{result: ratings}`` of ``rate`` entries, each weighted by its count."""
    counts = Counter()
    for entry in entries:
        if entry.get("type") == "rate" and isinstance(entry.get("result"), str):
            counts[entry["result"]] += figures.count_of(entry)
    return counts


def satisfaction(counts):
    """(very satisfied + satisfied) ÷ all ratings of a ``{result: n}`` tally."""
    satisfied, total = satisfaction_parts(counts)
    return satisfied / total if total else None


def satisfaction_parts(counts):
    """``(satisfied, all ratings)`` of a ``{result: n}`` tally (pooled by a region)."""
    return sum(counts.get(key, 0) for key in vocab.SATISFIED_RATINGS), sum(counts.values())


def reminded(greets):
    """Customers asked to rate: greetings marked ``remind_rating``."""
    return sum(figures.count_of(entry) for entry in greets if entry.get("remind_rating") is True)


def ratings_section(rates, greets, lang, hide, tz, *, compared=False, previous=None,
                    dated=False):
    """The ratings section of either form; ``compared`` (the month form)
    shows ``previous``, the previous month's satisfaction as its headline
    figure counts it (None: no ratings, or a month the journal does not
    cover); ``dated`` shows each dissatisfied rating's date as well as its
    time."""
    counts = rating_counts(rates)
    asked = reminded(greets)
    section = Section("ratings", word("ratings_section", lang))
    if not counts and not asked and previous is None:
        return section
    items = [("ratings", word("ratings", lang), sum(counts.values()), "int")]
    items += [(key, vocab.label("rating", key, lang), counts.get(key, 0), "int")
              for key in vocab.LABELS["rating"]]
    items.append(("satisfaction", word("satisfaction", lang), satisfaction(counts), "pct"))
    if compared:
        items.append(("previous_satisfaction", word("previous_satisfaction", lang),
                      previous, "pct"))
    items.append(("reminded", word("reminded", lang), asked, "int"))
    section.blocks.append(Facts("summary", word("summary", lang), items))
    for key, field, heading in (("by_window", "window", "by_window"),
                                ("by_teller", "teller", "by_teller")):
        section.blocks.append(Table(key, word(heading, lang), [
            Column(field, word(field, lang)),
            Column("ratings", word("ratings", lang), "int"),
            Column("dissatisfied", vocab.label("rating", "dissatisfied", lang), "int"),
            Column("satisfaction", word("satisfaction", lang), "pct"),
        ], _rows_by(rates, field, hide)))
    rows = []
    for entry in figures.by_time(rates, tz):
        if entry.get("result") != "dissatisfied":
            continue
        local = figures.clock_of(entry, tz)
        when = f"{str(entry.get('at'))[5:10]} {local}" if dated and local else local
        rows.append({"time": when, "window": hide(entry.get("window")),
                     "teller": hide(entry.get("teller")), "ratings": figures.count_of(entry),
                     "reason": hide(entry.get("reason"))})
    section.blocks.append(Table("dissatisfied", word("dissatisfied_list", lang), [
        Column("time", word("time", lang)),
        Column("window", word("window", lang)),
        Column("teller", word("teller", lang)),
        Column("ratings", word("ratings", lang), "int"),
        Column("reason", word("reason", lang)),
    ], rows))
    return section


def _rows_by(rates, field, hide):
    tallies = {}
    for entry in rates:
        if not isinstance(entry.get("result"), str):
            continue
        name = hide(entry.get(field))
        tallies.setdefault(name, Counter())[entry["result"]] += figures.count_of(entry)
    return [{field: name, "ratings": sum(counts.values()),
             "dissatisfied": counts.get("dissatisfied", 0), "satisfaction": satisfaction(counts)}
            for name, counts in sorted(tallies.items(), key=lambda pair: (pair[0] is None,
                                                                          pair[0] or ""))]
