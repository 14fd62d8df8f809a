"""The database search backend (SQLite FTS5 or PostgreSQL full text); see `backend` for how it works."""
from .backend import DatabaseSearchBackend, SearchIndexMissing

__all__ = ["DatabaseSearchBackend", "SearchIndexMissing"]
