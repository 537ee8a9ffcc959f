"""A day file a person has edited by hand — block style, comments, no final
newline — stays theirs: recording appends after it without touching a byte,
comments included, and refuses where an append could not be read back."""

import yaml

from conftest import day_file

HAND_WRITTEN = (
    "# 2026-11-20 补记：上午系统故障，以下为手工登记\n"
    "- id: \"261120-aaaaaa\"   # 纸质登记簿第3页\n"
    "  type: greet\n"
    "  at: \"2026-11-20T09:15:00+08:00\"\n"
    "  by: 王芳\n"
    "  count: 2\n"
    "  route: counter\n"
    "  note: |\n"
    "    两位老人办理存款，\n"
    "    已指导填单\n"
)


def write(journal, text):
    path = day_file(journal, "2026-11-20")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_recording_after_a_hand_edit_keeps_its_bytes_and_comments(run, journal):
    path = write(journal, HAND_WRITTEN)
    result = run("greet", "--at", "2026-11-20T10:00", "--route", "self-service")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes().decode("utf-8")
    assert after.startswith(HAND_WRITTEN)
    entries = yaml.safe_load(after)
    assert [entry["id"] for entry in entries] == ["261120-aaaaaa", result.stdout.strip()]
    assert entries[0]["note"] == "两位老人办理存款，\n已指导填单\n"  # the block scalar ended where it should
    assert run("check").exit_code == 0
    shown = run("show", "2026-11-20", "--lang", "en")
    assert "261120-aaaaaa" in shown.stdout and result.stdout.strip() in shown.stdout


def test_a_hand_edit_without_a_final_newline_gets_one_before_the_entry(run, journal):
    text = HAND_WRITTEN.split("  note: |")[0].rstrip("\n")  # ends in "route: counter"
    path = write(journal, text)
    result = run("greet", "--at", "2026-11-20T10:00")
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text + "\n- {")
    assert [entry["id"] for entry in yaml.safe_load(after)] == ["261120-aaaaaa",
                                                               result.stdout.strip()]


def test_an_ending_that_would_swallow_an_append_is_refused(run, journal):
    for text in ('[{"id": "261120-aaaaaa", "type": "greet", "at": "2026-11-20T09:15:00+08:00", '
                 '"by": "王芳", "count": 1}]\n',   # a top-level flow list
                 HAND_WRITTEN + "- {id: \"261120-bbbbbb\", type: greet,\n",  # an open flow mapping
                 # a block scalar cut off by the end of the file: a newline
                 # before the new entry would add one to the old note's text
                 HAND_WRITTEN.rstrip("\n")):
        path = write(journal, text)
        result = run("greet", "--at", "2026-11-20T10:00")
        assert result.exit_code == 1, text
        assert "2026-11-20.yaml:" in result.stderr and result.stdout == ""
        assert path.read_text(encoding="utf-8") == text
