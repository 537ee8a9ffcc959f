"""``region table``: ``report table``'s pivot across a region's branches.

Not a second pivot: the request is ``table.PivotRequest`` (the same
``--by``, ``--period``, ``--where``, ``--from``/``--to``), each branch is
counted on its own by the same counting (``pivot_count``), its entries under
its branch code (the derived field ``branch``), and the counts are added up.
Ids are unique only within a branch, so updates are folded branch by branch:
nothing ever matches an id across two branches.

A branch is counted whole or not at all: one whose journal fails its
reading checks is named with the reason, and without ``skip_bad`` the
whole table fails; with it the table is drawn from the rest and its header
names the branches missing.

The labels (a journal's own vocabulary) and the ``--where`` values are the
first branch's; each branch's timezone is its own.

``group`` is a field of the region's (``RegionPivot``): each branch's
``group:`` in region.yaml, "" (shown 未分组 / no group) for a branch without
one.  Every entry of a branch has its branch's group, so a branch counted on
its own (from its journal or from the dataset) counts under one group, and
the region's counts by group are its branches' added up."""

from lobbyctl.errors import JournalProblem, LobbyError
from lobbyctl.reports.pivot_count import Counter
from lobbyctl.reports.table import PivotRequest
from lobbyctl.schema.text.messages import problem, said, say
from lobbyctl.schema.text.privacy import mask


GROUP_FIELDS = {"group": "branch_group"}


def region_request(branches, **asked):
    """The pivot as asked, checked against the first branch (its labels)."""
    return RegionPivot(branches, **asked)


def no_group_words():
    """What ``--where group=`` / ``--group`` take for a branch without a group."""
    from lobbyctl.schema.text import words

    return {name.casefold() for name in words.REGION["no_group"]} | {"none", "-"}


def resolve_group(typed, branches, option):
    """The group ``typed`` names among ``branches``' (a group's own name
    first, then 未分组 / no group for ""); else a ``UsageProblem`` listing
    the region's groups."""
    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text import words

    known = list(dict.fromkeys(branch.group for branch in branches))
    if typed and typed in known:
        return typed
    folded = typed.strip().casefold()
    for group in known:
        if group and group.casefold() == folded:
            return group
    if (not folded or folded in no_group_words()) and "" in known:
        return ""
    shown = [group or f"{words.REGION['no_group'][0]} / {words.REGION['no_group'][1]}"
             for group in known]
    raise problem(UsageProblem, "region_unknown_group", option=option, typed=typed,
                  valid=", ".join(shown),
                  # `group` was the special groups' field in a region table before
                  hint_key="region_group_not_groups_hint" if option.startswith("--where")
                  else None)


class RegionPivot(PivotRequest):
    """``report table``'s request with the region's own field ``group``:
    its value in a branch's entries is that branch's group."""

    def __init__(self, branches, **asked):
        super().__init__(branches[0].journal, extra_fields=GROUP_FIELDS, **asked)
        self.group_of = {id(branch.journal): branch.group for branch in branches}
        for where in self.filters:
            if where.field == "group":
                # typed as written, or in either language for no group: each
                # checked here, before any branch is read
                where.wanted = {resolve_group(shown.partition("=")[2], branches, "--where group")
                                for shown in where.shown}

    def for_journal(self, journal):
        filters, extractors = super().for_journal(journal)
        group = self.group_of.get(id(journal), "")
        constant = _constant([group])
        # shown as the region form shows it: a number in a group's name masked
        shown = _constant([mask(group)] if self.masked else [group])
        for where in filters:
            if where.field == "group":
                where.extract = constant
                where.wanted = next(mine.wanted for mine in self.filters
                                    if mine.field == "group")
        extractors = [shown if field == "group" else extract
                      for field, extract in zip(self.by, extractors)]
        return filters, extractors


def _constant(values):
    """An extractor giving every entry of a branch the same ``values``: it
    reads no field of the entry (``reads``), so alike entries stay alike."""
    def extract(_entry, _facts):
        return values
    extract.reads = ()
    return extract


def branch_problem(bad, lang):
    """A ``JournalProblem`` naming a branch that cannot be read, and why."""
    reason = said(bad.error, lang)[0] if isinstance(bad.error, LobbyError) else str(bad.error)
    return problem(JournalProblem, "region_branch_bad", hint_key="region_branch_bad_hint",
                   branch=bad.path, reason=reason)


def count_direct(request, branches, read_days, skip_bad, missing, lang="en"):
    """The region's ``Counter`` from the branch journals themselves:
    ``read_days(branch)`` gives a branch's ``(date, day)`` pairs.  A branch
    that fails while read is added to ``missing`` (``BadBranch``) with
    ``skip_bad``, else raised."""
    from lobbyctl.store.region import BadBranch

    total = Counter()
    for branch in branches:
        try:
            counted = request.count(read_days(branch), branch.journal)
        except LobbyError as exc:
            if not skip_bad:
                raise branch_problem(BadBranch(branch.path, exc), lang) from None
            missing.append(BadBranch(branch.path, exc))
            continue
        total.absorb(counted)
    return total


def draw_region(request, region, branches, missing, counter, lang):
    """The region's pivot as a ``Report``: its header names the region, how
    many branches were counted and which are missing."""
    hide = mask if request.masked else str
    head = {
        "region": (say("region_label", lang), hide(f"{region.code} {region.name}".strip())),
        "branches": (say("branches_label", lang), len(branches)),
    }
    if missing:
        head["missing"] = (say("missing_label", lang),
                           "; ".join(mask(str(bad.path)) for bad in missing))
    return request.draw(counter, branches[0].journal.config, lang, meta=head)
