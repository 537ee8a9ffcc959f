"""Reading a queue machine's CSV export: every row judged into a ticket's
fields (``read_export``), or a ``FileProblem`` at its line.

The encoding is given or found (UTF-8 with or without a BOM, else GB18030,
what Chinese Excel writes); the columns, time formats and the vendor's words
come from the ``queue:`` map (``domain.queue_map``); times are read in the
journal's zone (a naive time is its wall clock there; one the clocks skip
is refused).  Nothing here writes."""

import csv
import datetime
import io
import os

from lobbyctl.domain.queue_map import QUEUE_VALUES
from lobbyctl.domain.record import MAX_TEXT, control_character
from lobbyctl.domain.when import FIRST_YEAR, LAST_YEAR
from lobbyctl.errors import FileProblem, LobbyError, UsageProblem
from lobbyctl.schema import vocab
from lobbyctl.schema.text.messages import os_reason, problem, sentence

MAX_EXPORT_BYTES = 64 * 1024 * 1024
# a branch's queue machine takes about a thousand tickets a day: a month's
# export is a few tens of thousands, and more rows than this are not an export
MAX_EXPORT_ROWS = 100_000
_TIMES = ("called", "start", "end")
# how long after it was taken a ticket may be called, served, finished (as ``check`` holds)
_SPAN = datetime.timedelta(hours=vocab.TIME_SPAN_HOURS["ticket"])


def read_export(path, mapping, journal, encoding=None):
    """``(rows, bad)``: ``(line, fields)`` of every row that parses (``at``
    an aware time in the journal's zone) and a ``FileProblem`` for every
    row that does not.  A file that cannot be read at all raises."""
    text = _decoded(path, _read_bytes(path), encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise problem(FileProblem, "import_csv_error", path=path, line=1, reason=str(exc)) from None
    if not header or not any(cell.strip() for cell in header):
        raise problem(FileProblem, "import_no_header", path=path, line=1)
    names = [cell.strip() for cell in header]
    positions = {}
    for field, column in mapping.columns.items():
        if column in names:
            positions[field] = names.index(column)
        elif field in ("ticket", "taken", "status"):
            raise problem(FileProblem, "import_no_column", path=path, line=1, column=column,
                          field=field, header=", ".join(names)[:200])
    judge = _RowJudge(mapping, journal, positions)
    rows, bad = [], []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            bad.append(problem(FileProblem, "import_csv_error", path=path, line=line,
                               reason=str(exc)))
            break
        if len(rows) + len(bad) >= MAX_EXPORT_ROWS:
            bad.append(problem(FileProblem, "import_too_many_rows", path=path, line=line,
                               limit=MAX_EXPORT_ROWS))
            break
        if any(cell.strip() for cell in row):
            try:
                rows.append((line, judge(row)))
            except LobbyError as exc:
                message = sentence(exc.key, **exc.values) if exc.key else exc.message
                bad.append(FileProblem(path, line, message))
        line = reader.line_num + 1
    return rows, bad


def _read_bytes(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise problem(UsageProblem, "import_cannot_read", file=path,
                      reason=os_reason(exc)) from None
    try:
        import stat

        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise problem(UsageProblem, "import_not_regular", file=path)
        if info.st_size > MAX_EXPORT_BYTES:
            raise problem(UsageProblem, "import_too_big", file=path,
                          limit=MAX_EXPORT_BYTES // (1024 * 1024))
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_EXPORT_BYTES:
                raise problem(UsageProblem, "import_too_big", file=path,
                              limit=MAX_EXPORT_BYTES // (1024 * 1024))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decoded(path, data, encoding):
    """The text of an export: ``encoding`` if given, else UTF-8 (with or
    without a BOM) and failing that GB18030, what Chinese Excel writes."""
    if encoding:
        try:
            return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except (UnicodeDecodeError, LookupError):
            line = _bad_line(data, encoding)
            raise problem(FileProblem, "import_not_encoding", path=path, line=line,
                          encoding=encoding) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # a UTF-8 BOM written before GB18030 text (an export re-saved by a
        # tool that adds one) is not part of the header's first name
        return data[3:].decode("gb18030") if data.startswith(b"\xef\xbb\xbf") \
            else data.decode("gb18030")
    except UnicodeDecodeError:
        raise problem(FileProblem, "import_undecodable", path=path,
                      line=_bad_line(data, "utf-8")) from None


def _bad_line(data, encoding):
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return data[:exc.start].count(b"\n") + 1
    except LookupError:
        pass
    return 1


def _utc(when):
    # instants, not wall clocks: two times of one zone compare by their
    # wall clock alone, whatever the fold (a repeated hour) says
    return when.astimezone(datetime.timezone.utc)


def _after_if_repeated(when, taken):
    """A wall time of the hour the clocks repeat is its first occurrence
    (as ``--at`` reads it), unless only the second comes after ``taken``:
    a ticket is called after it was taken."""
    later = when.replace(fold=1)
    if later.utcoffset() != when.utcoffset() and _utc(when) < _utc(taken) <= _utc(later):
        return later
    return when


class _RowJudge:
    """One row of the export as a ticket's fields, or a ``LobbyError``."""

    def __init__(self, mapping, journal, positions):
        self.mapping = mapping
        self.tz = journal.tz
        self.positions = positions
        # a ticket taken more than a day after now is a wrong date, not an export
        self.latest = journal.now() + datetime.timedelta(days=1)
        self.vocabularies = {field: vocab.vocabulary(name, journal.config)
                             for field, name in QUEUE_VALUES.items()}

    def cell(self, row, field):
        position = self.positions.get(field)
        if position is None or position >= len(row):
            return ""
        return row[position].strip()

    def __call__(self, row):
        fields = {}
        ticket = self.cell(row, "ticket")
        if not ticket:
            raise problem(UsageProblem, "import_empty_cell", column=self.mapping.columns["ticket"])
        fields["ticket"] = self.text(ticket, "ticket")
        fields["at"] = taken = self.time(row, "taken", required=True)
        if not FIRST_YEAR <= taken.year <= LAST_YEAR:
            raise problem(UsageProblem, "outside_years", where=f"{self.mapping.columns['taken']}: ",
                          typed=self.cell(row, "taken"), first=FIRST_YEAR, last=LAST_YEAR)
        if taken > self.latest:
            raise problem(UsageProblem, "import_future", column=self.mapping.columns["taken"],
                          value=self.cell(row, "taken"))
        for field in _TIMES:
            when = self.time(row, field)
            if when is not None:
                when = _after_if_repeated(when, fields["at"])
                if _utc(when) < _utc(fields["at"]):
                    raise problem(UsageProblem, "import_before_taken", column=self.mapping.columns[field],
                                  value=self.cell(row, field), taken=self.cell(row, "taken"))
                if _utc(when) > _utc(fields["at"]) + _SPAN:
                    raise problem(UsageProblem, "import_long_after", column=self.mapping.columns[field],
                                  value=self.cell(row, field), taken=self.cell(row, "taken"),
                                  hours=vocab.TIME_SPAN_HOURS["ticket"])
                fields[field] = when
        if "start" in fields and "end" in fields and _utc(fields["end"]) < _utc(fields["start"]):
            raise problem(UsageProblem, "import_end_before_start",
                          end=self.cell(row, "end"), start=self.cell(row, "start"))
        for field in QUEUE_VALUES:
            value = self.cell(row, field)
            if value:
                fields[field] = self.value(field, value)
            elif field == "status":
                raise problem(UsageProblem, "import_empty_cell", column=self.mapping.columns[field])
        for field in ("window", "staff"):
            value = self.cell(row, field)
            if value:
                fields[field] = self.text(value, field)
        return fields

    def text(self, value, field):
        control = control_character(value)
        if control or len(value) > MAX_TEXT:
            raise problem(UsageProblem, "import_bad_text", column=self.mapping.columns[field])
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise problem(UsageProblem, "import_bad_text", column=self.mapping.columns[field]) from None
        return value

    def value(self, field, value):
        key = self.mapping.values[field].get(value)
        if key is not None:
            return key
        vocabulary = self.vocabularies[field]
        wanted = value.casefold()
        for key, (zh, en) in vocabulary.labels.items():
            if wanted in (key.casefold(), zh.casefold(), en.casefold()):
                return key
        raise problem(UsageProblem, "import_unknown_value", column=self.mapping.columns[field],
                      value=value[:60], field=field, known=", ".join(vocabulary.keys()))

    def time(self, row, field, required=False):
        text = self.cell(row, field)
        if not text:
            if required:
                raise problem(UsageProblem, "import_empty_cell", column=self.mapping.columns[field])
            return None
        when = None
        for fmt in self.mapping.time_formats:
            try:
                when = datetime.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if when is None and len(text) <= 40:
            try:
                when = datetime.datetime.fromisoformat(text)
            except ValueError:
                when = None
        if when is None:
            raise problem(UsageProblem, "import_bad_time", column=self.mapping.columns[field],
                          value=text[:60], formats=" | ".join(self.mapping.time_formats))
        return self.local(when, field, text)

    def local(self, when, field, text):
        """``when`` in the journal's zone: a naive time is its wall clock."""
        try:
            if when.tzinfo is not None:
                return when.astimezone(self.tz)
            local = when.replace(tzinfo=self.tz, fold=0)
            back = local.astimezone(datetime.timezone.utc).astimezone(self.tz)
        except (OverflowError, ValueError):
            back = None
        if back is None or back.replace(tzinfo=None) != when:
            raise problem(UsageProblem, "import_time_skipped", column=self.mapping.columns[field],
                          value=text[:60], zone=str(self.tz))
        return local
