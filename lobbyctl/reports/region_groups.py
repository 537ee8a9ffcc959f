"""A region form's groups (region.yaml ``group:``: a sub-branch, a
district): the league table's group column and the section ``groups``,
each group's figures POOLED from its branches' parts exactly as the
region's total is (``region_month.region_values``: counts summed, rates
from the summed numerators and denominators, waits over the merged
tallies, the daily average over the summed business days) -- never an
average of its branches' rates.

A branch without a group is under "" (shown 未分组 / no group), drawn last;
the groups in the order region.yaml first names them.  A region none of
whose branches has a group has no group column and no section: its form
is as before."""

from lobbyctl.reports.model import Column, Section, Table
from lobbyctl.schema.targets import HEADLINE
from lobbyctl.schema.text import words


def _word(key, lang, **values):
    return words.pick(words.REGION[key], lang, **values)


def grouped(read_in):
    """Whether any branch of the form has a group."""
    return any(item.branch.group for item in read_in)


def group_column(lang):
    return Column("group", _word("group", lang), "text",
                  labels={"": words.REGION["no_group"]})


def group_cell(branch, hide):
    return {"group": hide(branch.group) if branch.group else ""}


def group_order(read_in):
    """``{group: [BranchMonth]}``: groups as region.yaml first names them,
    no group last."""
    members = {}
    for item in read_in:
        members.setdefault(item.branch.group, []).append(item)
    if "" in members:
        members[""] = members.pop("")
    return members


def groups_section(read_in, figure_keys, lang, hide):
    """The section ``groups``: one row a group, its branches counted and
    each figure of ``figure_keys`` pooled over them."""
    from lobbyctl.reports.region_month import region_values

    section = Section("groups", _word("groups_section", lang))
    rows = []
    for group, members in group_order(read_in).items():
        values = region_values(item.parts for item in members)
        rows.append({"group": hide(group) if group else "", "branches": len(members),
                     **{key: values[key] for key in figure_keys}})
    columns = [group_column(lang), Column("branches", _word("branches", lang), "int")] + [
        Column(key, words.pick(words.HEADLINE[key], lang), HEADLINE[key][0])
        for key in figure_keys]
    section.blocks.append(Table("groups", _word("groups_table", lang), columns, rows,
                                row_key="group"))
    return section


def group_label(group, lang):
    """How a form names the group it is drawn for."""
    return group if group else _word("no_group", lang)
