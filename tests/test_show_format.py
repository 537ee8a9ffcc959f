"""`show --format`: the day as a report; text fitted to the terminal width
(COLUMNS, else 80) by wrapping only the details, measured in display cells;
Markdown, CSV and JSON carry the same rows, JSON the details in full."""

import csv
import io
import json

import pytest
import wcwidth

from test_show import DAY, append, entry

LONG = ("为老人倒水，并且陪同他到自助设备办理业务，客户非常满意，表示下次还会再来这个网点办理业务"
        " and then some English words to wrap at a space 😀 e\u0301 done")


@pytest.fixture
def day(run, journal):
    assert run("greet", "--at", f"{DAY}T09:00", "--segment", "private", "--customer",
               "欧阳先生", "--by", "王").exit_code == 0
    append(journal, DAY,
           entry("note", "261120-n0te00", f"{DAY}T12:00:00+08:00", kind="care", text=LONG),
           entry("complain", "261120-c0m000", f"{DAY}T11:00:00+08:00", by="司马晓燕",
                 level="grumble", category="attitude", summary="柜员态度不好" * 20,
                 status="resolved"))
    return journal


def show(run, *args, columns=None):
    env = {"COLUMNS": columns} if columns is not None else {"COLUMNS": ""}
    result = run("show", DAY, *args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def text_rows(stdout):
    """Rows of the fitted table, continuation lines (the other cells empty)
    joined to their row's details."""
    rows = []
    for line in stdout.rstrip("\n").split("\n")[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if rows and not any(cells[:4]):
            rows[-1][4] += cells[4]
        else:
            rows.append(cells)
    return rows


def json_rows(run, *args):
    data = json.loads(show(run, "-f", "json", *args))
    return data["sections"]["entries"]["entries"]["rows"]


@pytest.mark.parametrize("columns", ["60", "80", "120", "200"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_fits_the_terminal_by_wrapping_the_details(run, day, columns, lang):
    stdout = show(run, "--lang", lang, columns=columns)
    lines = stdout.rstrip("\n").split("\n")
    widths = {wcwidth.wcswidth(line) for line in lines}
    assert max(widths) <= int(columns), [(wcwidth.wcswidth(line), line) for line in lines]
    assert len(widths) == 1  # every line bordered at the same width
    # the borders of the other columns sit at the same place on every line
    borders = {tuple(wcwidth.wcswidth(line[:index]) for index, char in enumerate(line)
                     if char == "|") for line in lines}
    assert len(borders) == 1
    full = {row["id"]: row["details"] for row in json_rows(run, "--lang", lang)}
    rows = text_rows(stdout)
    assert [row[3] for row in rows] == list(full)
    for row in rows:
        # nothing lost or split: only the spaces a line broke at are gone
        assert row[4] == full[row[3]].replace(" ", "") or \
            row[4].replace(" ", "") == full[row[3]].replace(" ", "")
    if columns == "60":
        assert len(lines) > 2 + len(rows)  # it did wrap


def test_chinese_wraps_between_characters_and_no_line_starts_with_a_comma(run, day):
    stdout = show(run, columns="60")
    details = [line.strip("|").split("|")[4].strip() for line in stdout.splitlines()[2:]]
    assert all(not piece.startswith(("，", "、")) for piece in details if piece)
    assert "为老人倒水" in "".join(details)
    assert all(wcwidth.wcswidth(piece) >= 0 for piece in details)


@pytest.mark.parametrize("value", ["", "abc", "0", "-5", "99999999999"])
def test_columns_not_a_sensible_width_means_80(run, day, value):
    assert show(run, columns=value) == show(run, columns="80")


def test_a_terminal_too_narrow_still_shows_everything(run, day):
    # the other columns never wrap; the details keep room for their header
    rows = text_rows(show(run, columns="20"))
    assert len(rows) == 3 and "为老人倒水" in rows[2][4]


def test_json_keeps_the_details_in_full_and_the_type_key(run, day):
    rows = json_rows(run, "--lang", "en")
    assert [row["type"] for row in rows] == ["greet", "complain", "note"]
    assert rows[2]["details"].endswith("😀 e\u0301 done")
    assert "为老人倒水，并且陪同" in rows[2]["details"]
    assert rows[1]["details"].count("柜员态度不好") == 20


def test_markdown_and_csv_carry_the_same_rows(run, day):
    rows = json_rows(run, "--lang", "en")
    markdown = show(run, "-f", "markdown", "--lang", "en")
    assert markdown.startswith(f"# Entries of {DAY}\n")
    body = [line for line in markdown.splitlines() if line.startswith("|")][2:]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in body]
    assert [row[3] for row in cells] == [row["id"] for row in rows]
    assert [row[1] for row in cells] == ["Greeting", "Complaint", "Note"]
    lines = list(csv.DictReader(io.StringIO(show(run, "-f", "csv"))))
    by_id = {}
    for line in lines:
        if line["section"] == "entries":
            by_id.setdefault(line["row"], {})[line["column"]] = line["value"]
    assert by_id == {row["id"]: {key: value for key, value in row.items() if key != "id"}
                     for row in json_rows(run)}


def test_show_help_names_the_formats(run):
    result = run("show", "--help")
    assert "-f, --format [text|markdown|csv|json]" in result.stdout
