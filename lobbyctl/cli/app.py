"""What every command shares, on ``ctx.obj``: where the journal (and the
region) is, opened on first use."""

import click


class App:
    """What every command shares: where the journal is, opened on first use."""

    def __init__(self, journal_option, debug, now=None, region_option=None):
        self.journal_option = journal_option
        self.region_option = region_option
        self.in_region = False  # a `region` command: its messages in the region's language
        self._region = None
        self.debug = debug
        self.now = now
        self._journal = None
        self._language = None

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

    @property
    def region_root(self):
        from lobbyctl.store.region import locate_region

        return locate_region(self.region_option)

    @property
    def region(self):
        if self._region is None:
            from lobbyctl.store.region import load_region

            self._region = load_region(self.region_root)
        return self._region

    def speak(self, lang):
        """Say every message in ``lang`` from now on (``region init --lang``:
        the region's language before its region.yaml exists)."""
        self._language = lang

    def language(self):
        """The journal's language for messages (a ``region`` command's: the
        region's), ``en`` while there is none to ask (``init``, a wrong -J or
        -R): an error must never fail to be said because the journal it is
        about cannot be opened."""
        if self._language is None:
            try:
                self._language = self.region.lang if self.in_region else \
                    self.journal.config.lang
            except Exception:  # noqa: BLE001 — whatever is wrong, the error in hand is said
                if self.in_region:  # a region.yaml that does not load: the lang it writes
                    from lobbyctl.store.region import region_language

                    return region_language(self.region_root)
                return "en"
        return self._language
