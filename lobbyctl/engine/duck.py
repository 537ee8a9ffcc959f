"""A region's pivot read from its Parquet dataset through DuckDB.

DuckDB does the heavy part: it reads only the branch's partitions, the
entry type and the days asked, and groups alike entries (``GROUP BY`` the
day and every column the pivot looks at), summing their weights.  Each
group then goes through the very extractors and ``--where`` filters of
``report table`` (``pivot_count.count_weighed``), so the two paths cannot
count differently.

The dataset folds every update into its entry; a referral, complaint or
note counted "as of --to" can come from it only when no update is later
than --to (``usable`` says when the dataset gives the figures the journals
would), free text is masked in it, so ``--no-mask`` or a ``--where`` on
free text reads the journals, and so does a branch whose code cannot name a
partition."""

import datetime
import json
import os

from lobbyctl.engine.arrow_schema import KINDS
from lobbyctl.engine.dataset_files import PART
from lobbyctl.schema import vocab

# a pivot's derived fields and the file column each comes from
_DERIVED = {"hour": "at", "date": "date", "weekday": "date", "week": "date", "month": "date",
            "branch": None, "group": None, "by": "by"}
_MASKED_KINDS = ("text", "names", "id")


def usable(request, branches):
    """Whether the dataset gives this pivot the figures the journals would."""
    from lobbyctl.engine.dataset_files import SAFE_CODE

    if not request.masked:
        return False
    if any(not SAFE_CODE.match(branch.code) for branch in branches):
        return False  # a code that cannot name a partition: the journals are read
    if any(where.kind in _MASKED_KINDS for where in request.filters):
        return False
    if request.entry_type in vocab.UPDATABLE:
        for branch in branches:
            days = branch.journal.day_files(None, None, on_problem=lambda _problem: None)
            if days and days[-1][0] > request.end:
                return False  # an update after --to may be folded into the dataset's row
    return True


def count_region(request, branches, target):
    """The region's ``Counter`` from the dataset at ``target`` (up to date
    for ``branches``), each branch read and counted on its own."""
    from lobbyctl.engine import require
    from lobbyctl.reports.pivot_count import Counter, count_weighed

    duckdb = require("duckdb", "region table")
    columns = _columns(request)
    weight = "sum(coalesce(\"count\", 1))" if request.entry_type == "greet" else "count(*)"
    selected = ", ".join(_select(name) for name in columns)
    grouped = ", ".join(_quoted(name) for name in columns)
    total = Counter()
    connection = duckdb.connect()
    try:
        for branch in branches:
            folder = os.path.join(target, f"branch_code={branch.code}")
            if not os.path.isdir(folder):
                continue  # a branch without a day file yet
            pattern = os.path.join(folder, "year=*", "month=*", PART).replace("'", "''")
            query = (f"SELECT {selected}, {weight} AS weight FROM read_parquet('{pattern}') "
                     f"WHERE \"type\" = ? AND \"date\" BETWEEN ? AND ? GROUP BY {grouped}")
            result = connection.execute(query, [request.entry_type, request.start,
                                                request.end])
            filters, extractors = request.for_journal(branch.journal)
            tz = branch.journal.tz
            while True:
                rows = result.fetchmany(10000)
                if not rows:
                    break
                count_weighed(_groups(rows, columns, tz), extractors, filters, request.period,
                              branch.code, total)
    finally:
        connection.close()
    return total


def _columns(request):
    """The file columns the pivot reads: the day, the --by and --where fields
    (a derived one through the column it comes from)."""
    wanted = ["date"]
    for field in list(request.by) + [where.field for where in request.filters]:
        column = _DERIVED[field] if field in _DERIVED else field
        if column is not None and column not in wanted:
            wanted.append(column)
    return wanted


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def _select(name):
    kind = KINDS[name]
    if kind == "timestamp":
        # seconds since the epoch: the wall clock is each branch's own zone's
        return f"CAST(epoch({_quoted(name)}) AS BIGINT) AS {_quoted(name)}"
    if kind == "date" and name != "date":
        return f"CAST({_quoted(name)} AS VARCHAR) AS {_quoted(name)}"
    return _quoted(name)


def _groups(rows, columns, tz):
    """``(date, entry, weight)`` of each group, its values as a journal holds them."""
    kinds = [KINDS[name] for name in columns]
    for row in rows:
        entry = {}
        day = row[0]
        for name, kind, value in zip(columns, kinds, row):
            if value is None:
                continue
            if kind == "timestamp":
                value = datetime.datetime.fromtimestamp(value, tz).isoformat()
            elif kind == "json":
                value = json.loads(value)
            elif name == "date":
                value = value.isoformat()
            entry[name] = value
        yield day, entry, row[-1]


# --- region month --------------------------------------------------------

class ReadAhead:
    """Each branch's form months (the form's and the one before) made from
    the days its export has just read (``export_dataset(on_read=...)``), so
    that a branch read to be exported is not read a second time for its
    form.  A branch whose form cannot be made so is left to be read the
    ordinary way, which names what is wrong."""

    def __init__(self, year, month, generated):
        from lobbyctl.reports.region_month import previous_month

        self.months = [(year, month), previous_month(year, month)]
        self.generated = generated
        self.held = {}  # (journal root, year, month) -> (parts, facts)

    def __call__(self, journal, months):
        from lobbyctl.errors import LobbyError
        from lobbyctl.reports.region_month import read_month_parts

        for year, month in self.months:
            if year < 1:
                continue
            days = months.get(f"{year:04d}-{month:02d}", [])
            try:
                self.held[(journal.root, year, month)] = read_month_parts(
                    journal, year, month, self.generated, days=days)
            except LobbyError:
                pass

    def take(self, journal, year, month, generated):
        """The form month made ahead, or None; each is taken once."""
        if generated != self.generated:
            return None
        return self.held.pop((journal.root, year, month), None)


def month_reader(target, branches, digests, ahead=None):
    """A ``region_month.read_month_parts`` over the dataset at ``target``
    (up to date for ``branches``; ``digests`` the export's digest of each):
    a branch month kept for the same inputs (``month_cache``) is not read
    again; another is read from the journal, its greeting figures --
    customers, diverted and high-end customers -- taken from the dataset
    through one DuckDB aggregation a month (the business days are the
    form's: a day holding only an update has no row of its month there).

    The other figures are read from the journal itself, as the direct path
    does: the tracked states as of the form's day (the dataset folds every
    update, later ones too, and has no index of earlier months' open items),
    the checklists, tickets, ratings and wait tallies per day.  A branch not
    among ``branches`` (its export failed) is read wholly from its journal.
    A month in ``ahead`` (a ``ReadAhead`` the export fed) is not read again.
    ``read.save()`` keeps what was read."""
    from lobbyctl.engine.dataset_files import SAFE_CODE
    from lobbyctl.engine.month_cache import MonthCache
    from lobbyctl.reports.headline import Parts
    from lobbyctl.reports.month import as_of_day
    from lobbyctl.reports.region_month import read_month_parts

    codes = {branch.journal.root: branch.code for branch in branches
             if SAFE_CODE.match(branch.code)}
    months = {}  # (year, month) -> {code: greeting figures}: one query a month
    kept = MonthCache(target, {code: digests[code] for code in codes.values()
                               if code in digests})

    def read(journal, year, month, generated):
        code = codes.get(journal.root)
        as_of = as_of_day(year, month, generated) if year >= 1 else None
        if code is not None and as_of is not None:
            held = kept.get(code, journal.root, year, month, as_of)
            if held is not None:
                return _parts_from(held["parts"]), held["facts"]
        held = ahead.take(journal, year, month, generated) if ahead is not None else None
        parts, facts = held if held is not None else read_month_parts(journal, year, month,
                                                                     generated)
        if parts is None or code is None:
            if code is not None and as_of is not None:
                kept.put(code, journal.root, year, month, as_of, {"parts": None, "facts": None})
            return parts, facts
        if (year, month) not in months:
            # the branches of this month not kept: all of them on a first
            # run, the one that recorded since on the next (not 200 partitions)
            unkept = sorted(other for root, other in codes.items()
                            if kept.get(other, root, year, month, as_of) is None)
            months[(year, month)] = month_greetings(target, unkept, year, month)
        customers, diverted, high_end = months[(year, month)].get(code, (0, 0, 0))
        # the business days are the form's own: a day may hold only an update
        # of an earlier month's entry, which the dataset folds into that month
        days = parts["daily_average"].denominator
        parts = {**parts, "customers": Parts("count", customers),
                 "daily_average": Parts("average", customers, days),
                 "diversion_rate": Parts("ratio", diverted, customers),
                 "highend": Parts("count", high_end)}
        kept.put(code, journal.root, year, month, as_of,
                 {"parts": _parts_kept(parts), "facts": facts})
        return parts, facts

    read.save = kept.save
    return read


def _parts_kept(parts):
    # a tally's minutes are JSON object keys: kept as [minutes, n] pairs
    return {key: [p.how, p.numerator, p.denominator,
                  None if p.tally is None else sorted(p.tally.items()), p.index]
            for key, p in parts.items()}


def _parts_from(kept):
    from lobbyctl.reports.headline import Parts

    if kept is None:
        return None
    return {key: Parts(how, numerator, denominator,
                       None if tally is None else {minutes: n for minutes, n in tally}, index)
            for key, (how, numerator, denominator, tally, index) in kept.items()}


def month_greetings(target, codes, year, month):
    """``{code: (customers, diverted, high-end)}`` of the branches
    ``codes`` in one month of the dataset, in one query over their
    partitions: a greeting counts its ``count`` customers (1 when it has
    none, as ``figures.count_of``)."""
    from lobbyctl.engine import require
    from lobbyctl.engine.dataset_files import part_path

    duckdb = require("duckdb", "region month")
    paths = [path for path in (part_path(target, code, f"{year:04d}-{month:02d}")
                               for code in codes) if os.path.isfile(path)]
    if not paths:
        return {}
    routes = ", ".join("'" + route.replace("'", "''") + "'" for route in vocab.DIVERTED_ROUTES)
    weight = "CASE WHEN \"count\" > 0 THEN \"count\" ELSE 1 END"
    query = (f"SELECT branch_code, "
             f"coalesce(sum(CASE WHEN \"type\" = 'greet' THEN {weight} END), 0), "
             f"coalesce(sum(CASE WHEN \"type\" = 'greet' AND \"route\" IN ({routes}) "
             f"THEN {weight} END), 0), "
             f"coalesce(sum(CASE WHEN \"type\" = 'greet' AND \"segment\" IN ('high', 'private') "
             f"THEN {weight} END), 0) "
             # partition values as written: branch_code=0101 is the text "0101"
             f"FROM read_parquet(?, hive_partitioning = true, hive_types_autocast = false) "
             f"GROUP BY branch_code")
    connection = duckdb.connect()
    try:
        return {str(row[0]): tuple(int(value) for value in row[1:])
                for row in connection.execute(query, [paths]).fetchall()}
    finally:
        connection.close()
