"""What every command shares, on ``ctx.obj``: where the journal is, opened on
first use."""

import click


class App:
    """What every command shares: where the journal is, opened on first use."""

    def __init__(self, journal_option, debug, now=None):
        self.journal_option = journal_option
        self.debug = debug
        self.now = now
        self._journal = None

    @property
    def journal_root(self):
        from lobbyctl.store.journal import locate

        return locate(self.journal_option, click.get_app_dir("lobbyctl"))

    @property
    def journal(self):
        if self._journal is None:
            from lobbyctl.store.journal import Journal

            self._journal = Journal.open(self.journal_root, now=self.now)
        return self._journal
