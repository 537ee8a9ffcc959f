"""The index of tracked items is derived data: it follows every change of a
day file or of lobbyctl.yaml, and one that came from anywhere else gives no
figure."""

import json
import os

from conftest import day_file
from lobbyctl.store.lines import dump_entry

INDEX = os.path.join(".lobbyctl-cache", "index")


def due_ids(run, on="2026-11-20"):
    result = run("due", "--on", on, "--format", "json")
    assert result.exit_code == 0, result.stderr
    section = json.loads(result.stdout)["sections"]["due"]
    return {row["id"] for row in section.get("items", {}).get("rows", [])}


def complaint(entry_id, day, **fields):
    return {"id": entry_id, "type": "complain", "at": f"{day}T10:00:00+08:00", "by": "王芳",
            "level": "complaint", "category": "waiting", "summary": "排队太久",
            "status": "open", **fields}


def write_day(journal, day, entries):
    path = day_file(journal, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dump_entry(entry) for entry in entries), encoding="utf-8")
    return path


def test_a_hand_edit_of_an_old_day_is_seen_at_once(run, journal):
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01")])
    assert due_ids(run) == {"250301-aaaaaa"}
    assert os.listdir(journal / INDEX)  # the index was made
    # resolved by a hand edit of the same day file, same size or not
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01",
                                                status="resolved")])
    assert due_ids(run) == set()
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01"),
                                      complaint("250301-bbbbbb", "2025-03-01")])
    assert due_ids(run) == {"250301-aaaaaa", "250301-bbbbbb"}


def test_an_entry_check_rejects_fails_from_the_index_too(run, journal):
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01",
                                                category="柜台")])
    for _attempt in (1, 2):  # the first run builds the index, the second reads it
        result = run("due", "--on", "2026-11-20")
        assert result.exit_code == 1
        assert "2025-03-01.yaml:1: category：未知的 category '柜台'" in result.stderr
        skipping = run("due", "--on", "2026-11-20", "--skip-bad")
        assert skipping.exit_code == 0
        assert "2025-03-01.yaml:1:" in skipping.stderr


def test_a_change_to_lobbyctl_yaml_rebuilds_the_index(run, journal):
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01",
                                                category="queue")])
    assert run("due", "--on", "2026-11-20").exit_code == 1  # queue: not a category here
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "vocabulary: {}", 'vocabulary: {category: {queue: "排队"}}'), encoding="utf-8")
    assert due_ids(run) == {"250301-aaaaaa"}


def test_an_index_from_elsewhere_gives_no_figure(run, journal, tmp_path):
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01")])
    assert due_ids(run) == {"250301-aaaaaa"}
    (name,) = os.listdir(journal / INDEX)
    path = journal / INDEX / name
    signature, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    record = next(iter(data["files"].values()))
    record["data"]["entries"] = []  # a forged index: the complaint is gone
    forged = json.dumps(data, ensure_ascii=False).encode("utf-8")
    for text in (signature + b"\n" + forged, b"0" * 64 + b"\n" + forged, forged, b"[]", b""):
        path.write_bytes(text)
        assert due_ids(run) == {"250301-aaaaaa"}


def test_a_linked_index_folder_is_never_followed(run, journal, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (journal / ".lobbyctl-cache").mkdir(exist_ok=True)
    os.symlink(outside, journal / INDEX)
    write_day(journal, "2025-03-01", [complaint("250301-aaaaaa", "2025-03-01")])
    result = run("due", "--on", "2026-11-20")
    assert result.exit_code == 0 and "250301-aaaaaa" in result.stdout
    assert os.listdir(outside) == []
