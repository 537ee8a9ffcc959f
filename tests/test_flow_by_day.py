"""The monthly form's flow takes a day's greetings at once
(``figures.Flow.add_day``: each field tallied at C speed): it must make of
any day exactly what adding its greetings one by one makes -- the common
day, and the odd one (another offset, a time that is no text, a list or a
number where a label belongs, 1 beside True) -- key for key, in the order
the keys first came (tables list rows in it)."""

import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from lobbyctl.reports.figures import Flow
from robustness import scale

DAY = datetime.date(2026, 10, 15)
TZ = ZoneInfo("Asia/Shanghai")

times = st.one_of(
    st.builds(lambda h, m, s: f"2026-10-15T{h:02d}:{m:02d}:{s:02d}+08:00",
              st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)),
    st.sampled_from(["2026-10-15T10:00:00+00:00", "2026-10-15T10:00+08:00", None, 5,
                     "2026-10-16T01:00:00+08:00", "2026-10-15 10:00:00+08:00"]))
labels = st.one_of(st.none(), st.sampled_from(["counter", "self-service", "none", "high", "1"]),
                   st.sampled_from([1, True, 1.0, False, 0]))
greeting = st.fixed_dictionaries(
    {"type": st.just("greet")},
    optional={"at": times, "count": st.one_of(st.integers(-1, 4), st.just(True)),
              "route": labels, "segment": labels, "purpose": labels,
              "new": st.sampled_from([True, False, 1, None]),
              "potential": st.sampled_from([True, False, 1]),
              "groups": st.one_of(st.lists(st.sampled_from(["elderly", 1]), max_size=2),
                                  st.just("elderly")),
              "assist": st.lists(st.sampled_from(["care", "form"]), max_size=2),
              "wait": st.one_of(st.integers(-2, 30), st.just(True), st.just("5"))})
common = st.fixed_dictionaries(
    {"type": st.just("greet"),
     "at": st.builds(lambda h, m: f"2026-10-15T{h:02d}:{m:02d}:00+08:00",
                     st.integers(8, 17), st.integers(0, 59))},
    optional={"count": st.integers(1, 3), "route": st.sampled_from(["counter", "none"]),
              "segment": st.sampled_from(["regular", "high"]), "new": st.booleans(),
              "wait": st.integers(0, 30)})


def state(flow):
    return {name: (list(value.items()) if isinstance(value, dict) else value)
            for name, value in vars(flow).items() if name != "tz"}


@settings(max_examples=scale(300, 5000), deadline=None)
@given(st.one_of(st.lists(greeting, max_size=12), st.lists(common, max_size=40)))
def test_a_day_at_once_is_the_day_one_by_one(greets):
    one_by_one, at_once = Flow(TZ), Flow(TZ)
    for entry in greets:
        one_by_one.add(DAY, entry)
    at_once.add_day(DAY, greets)
    assert state(at_once) == state(one_by_one)


def test_a_common_day_is_tallied_as_hand_counted():
    greets = [{"type": "greet", "at": "2026-10-15T09:10:00+08:00", "count": 2,
               "route": "counter", "wait": 5, "new": True},
              {"type": "greet", "at": "2026-10-15T09:40:00+08:00", "route": "self-service"},
              {"type": "greet", "at": "2026-10-15T10:05:00+08:00", "count": 3,
               "route": "counter", "wait": 12, "groups": ["elderly"]}]
    flow = Flow(TZ)
    flow.add_day(DAY, greets)
    assert (flow.total, flow.greetings, flow.new) == (6, 3, 2)
    assert dict(flow.by_hour) == {9: 3, 10: 3} and dict(flow.by_slot) == {18: 2, 19: 1, 20: 3}
    assert dict(flow.by_route) == {"counter": 5, "self-service": 1} and flow.diverted == 1
    assert dict(flow.waits) == {5: 2, 12: 3} and flow.max_wait == 12
    assert dict(flow.by_group) == {"elderly": 3}
