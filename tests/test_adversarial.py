"""An adversarial round against the hardening of issue 8: each test is a
defect found by attacking the merged code as a careless or hostile user
would, beyond the cases the item tests list (see the report of branch
h8-attack).  Every test goes through the CLI and asserts what a user sees."""

import pytest

from conftest import day_file

DAY = "2026-11-20"


@pytest.mark.parametrize("offset", ["+25:00", "+24:00", "-99:00"])
@pytest.mark.parametrize("command", [("greet",), ("note", "fault", "3号ATM吞卡")])
def test_an_offset_of_a_day_or_more_is_a_usage_error_not_a_traceback(run, journal, command,
                                                                     offset):
    result = run(*command, "--at", f"{DAY}T10:00{offset}")
    assert result.exit_code == 2, result.output
    assert "--at" in result.stderr and offset in result.stderr
    assert not day_file(journal, DAY).exists()
