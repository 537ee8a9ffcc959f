"""A journal's own labels (``vocabulary:`` in lobbyctl.yaml) show in every
report, not only in ``show``: the day and month forms, the pivot and ``due``
name ``pension`` 养老金, as the schema's keys are named by their labels."""

import pytest

DAY = "2026-11-20"


def first_cells(text):
    """The first cell of every line of a text or Markdown table."""
    return {line.strip().strip("|").split()[0] for line in text.splitlines()
            if line.strip().strip("|").split()}


@pytest.fixture
def labelled(run, journal):
    config = journal / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(
        "vocabulary: {}",
        "vocabulary:\n  purpose: {pension: 养老金}\n  group: {student: [学生, Student]}\n"
        "  target: {insurer: [保险专员, Insurance agent]}\n  kind: {lost-item: 失物招领}"),
        encoding="utf-8")
    for args in (("greet", "--purpose", "pension", "--group", "student", "--route", "counter"),
                 ("greet", "--purpose", "deposit", "--route", "counter"),
                 ("refer", "--product", "养老保险", "--to", "insurer", "--outcome", "pending",
                  "--follow-up", DAY),
                 ("note", "lost-item", "一把伞")):
        result = run(*args, "--at", f"{DAY} 10:00")
        assert result.exit_code == 0, result.stderr
    return run


@pytest.mark.parametrize("lang, pension, student", [("zh", "养老金", "学生"),
                                                    ("en", "pension", "Student")])
def test_the_day_form_names_the_journals_own_labels(labelled, lang, pension, student):
    result = labelled("report", "day", DAY, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    # the purpose table of the day: the journal's label, not a bare key
    assert pension in first_cells(result.stdout), result.stdout
    assert student in first_cells(result.stdout), result.stdout
    if lang == "zh":
        assert "保险专员" in result.stdout and "失物招领" in result.stdout
        assert " pension " not in result.stdout and "insurer" not in result.stdout


def test_the_month_form_names_the_journals_own_labels(labelled):
    result = labelled("report", "month", DAY[:7], "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "养老金" in first_cells(result.stdout), result.stdout
    assert "学生" in first_cells(result.stdout)
    assert "保险专员" in first_cells(result.stdout)
    assert "pension" not in result.stdout and "insurer" not in result.stdout


def test_the_pivot_and_due_name_the_journals_own_labels(labelled):
    pivot = labelled("report", "table", "--from", DAY, "--to", DAY, "--by", "purpose",
                     "--lang", "zh")
    assert pivot.exit_code == 0, pivot.stderr
    assert "养老金" in first_cells(pivot.stdout), pivot.stdout
    groups = labelled("report", "table", "--from", DAY, "--to", DAY, "--by", "groups",
                      "--lang", "zh")
    assert "学生" in first_cells(groups.stdout), groups.stdout
    due = labelled("due", "--on", DAY, "--lang", "zh")
    assert due.exit_code == 0, due.stderr
    assert "保险专员" in due.stdout and "insurer" not in due.stdout


def test_machine_formats_keep_the_key(labelled):
    result = labelled("report", "day", DAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"pension"' in result.stdout and "养老金" not in result.stdout
