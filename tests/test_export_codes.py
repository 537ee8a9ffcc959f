"""`export -o` fills strftime codes as `report -o` does (issue 9): from
--from, else the first day exported."""

NOW = {"LOBBYCTL_NOW": "2026-12-01T16:00"}


def test_export_output_fills_codes_from_the_first_day_exported(run, journal, tmp_path):
    assert run("greet", "--at", "2026-11-03T10:00", env=NOW).exit_code == 0
    assert run("greet", "--at", "2026-12-01T10:00", env=NOW).exit_code == 0
    target = tmp_path / "exp"
    result = run("export", "-f", "csv", "-o", f"{target}/%Y-%m.csv", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert [path.name for path in target.iterdir()] == ["2026-11.csv"]
    assert (target / "2026-11.csv").read_text(encoding="utf-8").count("\n") == 3
    result = run("export", "--from", "2026-12-01", "-o", f"{target}/%Y-%m-%d.jsonl", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert (target / "2026-12-01.jsonl").read_text(encoding="utf-8").count("\n") == 1
    assert not list(target.glob("%*"))


def test_export_output_of_an_empty_journal_takes_the_last_day(run, journal, tmp_path):
    result = run("export", "-o", f"{tmp_path}/%Y-%m.jsonl", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "2026-12.jsonl").read_text(encoding="utf-8") == ""


def test_export_output_codes_cannot_reach_the_journals_files(run, journal):
    assert run("greet", "--at", "2026-11-03T10:00", env=NOW).exit_code == 0
    day = journal / "2026" / "11" / "2026-11-03.yaml"
    before = day.read_bytes()
    result = run("export", "-o", f"{journal}/%Y/%m/%Y-%m-%d.yaml", env=NOW)
    assert result.exit_code == 2
    assert day.read_bytes() == before


def test_export_help_shows_the_codes(run):
    text = " ".join(run("export", "--help", journal=False).stdout.split())
    assert "strftime codes" in text and "-o 'exports/%Y-%m.csv'" in text
