"""A day the reading checks found clean is remembered in the (signed) day
cache and not judged again -- but only while the same rules would judge it:
a change to lobbyctl.yaml's vocabulary is a change of the verdict."""

from conftest import day_file
from lobbyctl.store.lines import dump_entry

DAY = "2026-11-20"


def greet(entry_id, route):
    return {"id": entry_id, "type": "greet", "at": f"{DAY}T10:00:00+08:00", "by": "王芳",
            "count": 2, "route": route}


def pivot(run, *extra):
    return run("report", "table", "--type", "greet", "--by", "route", "--from", DAY,
               "--to", DAY, "-f", "csv", *extra)


def test_a_rule_change_judges_a_cached_day_again(run, journal):
    config = journal / "lobbyctl.yaml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain.replace("vocabulary: {}", 'vocabulary: {route: {kiosk: "便民服务点"}}'),
                      encoding="utf-8")
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_entry(greet("261120-aaaaaa", "kiosk")), encoding="utf-8")
    for _run in (1, 2):  # parsed and judged, then from the cache marked clean
        result = pivot(run)
        assert result.exit_code == 0, result.stderr
        assert "kiosk,2," in result.stdout
    # the journal no longer knows the route: the cached verdict is void
    config.write_text(plain, encoding="utf-8")
    refused = pivot(run)
    assert refused.exit_code == 1
    assert f"{DAY}.yaml:1: route：未知的 route 'kiosk'" in refused.stderr
    assert run("check").exit_code == 1
    skipping = pivot(run, "--skip-bad")
    assert skipping.exit_code == 0 and "kiosk" not in skipping.stdout


def test_a_bad_day_is_never_remembered_clean(run, journal):
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_entry(greet("261120-aaaaaa", "counter"))
                    + dump_entry(greet("261120-bbbbbb", "柜台")), encoding="utf-8")
    for _run in (1, 2, 3):
        assert pivot(run, "--skip-bad").exit_code == 0
        result = pivot(run)
        assert result.exit_code == 1 and f"{DAY}.yaml:2: route：" in result.stderr


def test_a_day_remembered_clean_still_has_its_refs_judged(run, journal):
    earlier = day_file(journal, "2026-11-19")
    earlier.parent.mkdir(parents=True, exist_ok=True)
    earlier.write_text(dump_entry({"id": "261119-aaaaaa", "type": "refer",
                                   "at": "2026-11-19T10:00:00+08:00", "by": "王芳",
                                   "product": "大额存单", "outcome": "pending"}), encoding="utf-8")
    path = day_file(journal, DAY)
    path.write_text(dump_entry({"id": "261120-bbbbbb", "type": "update",
                                "at": f"{DAY}T10:00:00+08:00", "by": "王芳",
                                "ref": "261119-aaaaaa", "outcome": "accepted"}), encoding="utf-8")
    table = ("report", "table", "--type", "update", "--by", "outcome", "--from", DAY,
             "--to", DAY, "-f", "csv")
    for _run in (1, 2):  # judged, then remembered clean in the day cache
        result = run(*table)
        assert result.exit_code == 0 and "accepted,1," in result.stdout, result.stderr
    earlier.unlink()  # the original is gone: the update now leads nowhere
    refused = run(*table)
    assert refused.exit_code == 1 and f"{DAY}.yaml:1: ref：" in refused.stderr
    assert run("check").exit_code == 1
