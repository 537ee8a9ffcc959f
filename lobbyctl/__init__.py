"""lobbyctl: the lobby manager's journal, kept as plain YAML day files."""

__version__ = "0.1.0"
