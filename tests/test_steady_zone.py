"""A recording's zone kept steady (``store.zone``): a zone with one offset
through the years a journal keeps is had without zoneinfo, and answers
exactly as zoneinfo does -- in those years by its offset, outside them by
asking zoneinfo itself; a zone with daylight saving, a record of another
file or another Python, is zoneinfo's every time."""

import datetime
import json
import os
import pathlib
import zoneinfo

import pytest
from hypothesis import given, settings, strategies as st

from conftest import day_file
from lobbyctl.store.zone import LAST, FIRST, SteadyZone, _derive

NOW = "2026-11-20T18:00"


def zone_record():
    """Beside the machine key (the session's own: conftest.private_cache_home)."""
    return pathlib.Path(os.environ["XDG_CACHE_HOME"]) / "lobbyctl" / "zones.json"


def recorded_at(run, at):
    result = run("--now", NOW, "greet", "--at", at, "--route", "counter")
    assert result.exit_code == 0, result.stderr
    day = result.stdout.strip()[:6]
    path = day_file(run.root, f"20{day[:2]}-{day[2:4]}-{day[4:]}")
    return json.loads(path.read_text("utf-8").splitlines()[-1][2:])["at"]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Asia/Kolkata", "Europe/Berlin"])
def test_every_at_is_recorded_as_zoneinfo_reads_it(run, zone):
    assert run("init", "--manager", "王芳", "--timezone", zone).exit_code == 0
    real = zoneinfo.ZoneInfo(zone)
    typed = ["2026-11-20T10:30", "2026-11-20T10:30+09:00", "2026-11-20T02:30:15+00:00",
             "2026-11-19T23:59:59-05:00", "2026-01-01T00:00", "2026-11-20T17:59"]
    for at in typed * 2:  # the first recording reads the zone's rules, the rest use them
        when = datetime.datetime.fromisoformat(at)
        expected = (when.astimezone(real) if when.tzinfo else when.replace(tzinfo=real))
        assert recorded_at(run, at) == expected.isoformat(), (zone, at)
    zones = json.loads(zone_record().read_bytes().split(b"\n", 1)[1])["zones"]
    assert (zone in zones) is (zone != "Europe/Berlin")
    assert not (run.root / ".lobbyctl-cache").exists()  # the machine's, not the journal's


def test_a_record_of_another_file_is_no_record(run):
    assert run("init", "--manager", "王芳", "--timezone", "Asia/Shanghai").exit_code == 0
    assert recorded_at(run, "2026-11-20T10:30") == "2026-11-20T10:30:00+08:00"
    record = zone_record()
    mac, body = record.read_bytes().split(b"\n", 1)
    # a forged record (a zone of +09:00) is unsigned for this journal: ignored
    record.write_bytes(mac + b"\n" + body.replace(b'"offset":28800', b'"offset":32400'))
    assert recorded_at(run, "2026-11-20T10:31") == "2026-11-20T10:31:00+08:00"


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Asia/Tokyo", "Asia/Kolkata", "UTC"])
@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime.datetime(1850, 1, 1),
                           max_value=datetime.datetime(2300, 1, 1)),
       fold=st.sampled_from([0, 1]))
def test_a_steady_zone_answers_as_zoneinfo_everywhere(zone, moment, fold):
    found = _derive(zone)
    real = zoneinfo.ZoneInfo(zone)
    if found is None:  # not steady here (or not a file on the search path): zoneinfo's
        return
    steady = SteadyZone(zone, datetime.timedelta(seconds=found["offset"]),
                        found["abbreviation"], zoneinfo.ZoneInfo)
    local = moment.replace(fold=fold)
    for method in ("utcoffset", "dst", "tzname"):
        assert getattr(steady, method)(local.replace(tzinfo=steady)) == \
            getattr(real, method)(local.replace(tzinfo=real)), (method, local)
    utc = moment.replace(tzinfo=datetime.timezone.utc)
    mine, theirs = utc.astimezone(steady), utc.astimezone(real)
    assert (mine.replace(tzinfo=None), mine.fold, mine.isoformat()) == \
        (theirs.replace(tzinfo=None), theirs.fold, theirs.isoformat())
    assert local.replace(tzinfo=steady).astimezone(datetime.timezone.utc) == \
        local.replace(tzinfo=real).astimezone(datetime.timezone.utc)
    assert str(steady) == str(real)


def test_shanghai_is_steady_and_berlin_is_not():
    assert _derive("Asia/Shanghai")["offset"] == 8 * 3600
    assert _derive("Europe/Berlin") is None
    assert FIRST.year == 1999 and LAST.year == 2100
