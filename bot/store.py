"""Per-chat settings in SQLite: a chat id and its language choice, nothing else."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Self

from bot.parsing.models import Language

DATABASE_NAME = "kilowhat.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_language (
    chat_id INTEGER PRIMARY KEY,
    language TEXT NOT NULL
)
"""


class StoreError(Exception):
    """The store cannot be opened; str() is one line naming the file and the problem."""


class ChatStore:
    """The language each chat chose; a chat without a row follows its users' languages.

    Every write is its own transaction, committed before the call returns. With the WAL journal
    and synchronous=FULL, an acknowledged write survives a kill -9 and a power cut.
    sqlite3 calls here take well under a millisecond, so they are fine inside async handlers.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        # One connection shared by whatever thread PTB or a test calls from.
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute(_SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> Self:
        """Open (creating if needed) DATA_DIR/kilowhat.sqlite3; raise StoreError if impossible."""
        path = data_dir / DATABASE_NAME
        try:
            # Chat ids are personal data: keep a newly created directory private to the user.
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            connection = _connect(str(path))
        except (OSError, sqlite3.Error) as error:
            raise _store_error(path, error) from None
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            return cls(connection)
        except sqlite3.Error as error:
            connection.close()
            raise _store_error(path, error) from None

    @classmethod
    def in_memory(cls) -> Self:
        """A private store that vanishes on close, for tests."""
        return cls(_connect(":memory:"))

    def get_language(self, chat_id: int) -> Language | None:
        """The language the chat chose, or None when it follows each user's language."""
        with self._lock:
            row = self._connection.execute(
                "SELECT language FROM chat_language WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        if row is None:
            return None
        try:
            return Language(row[0])
        except ValueError:
            # A language dropped from the bot since it was chosen: fall back to automatic.
            return None

    def set_language(self, chat_id: int, language: Language | None) -> None:
        """Remember the chat's language; None goes back to automatic and removes the row."""
        with self._lock:
            if language is None:
                self._connection.execute("DELETE FROM chat_language WHERE chat_id = ?", (chat_id,))
            else:
                self._connection.execute(
                    "INSERT INTO chat_language (chat_id, language) VALUES (?, ?) "
                    "ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
                    (chat_id, language.value),
                )

    def forget(self, chat_id: int) -> None:
        """Delete everything stored about the chat."""
        with self._lock:
            self._connection.execute("DELETE FROM chat_language WHERE chat_id = ?", (chat_id,))

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """Move a group's settings to the supergroup it became.

        A setting the new chat already has wins, because it can only have been made after the
        migration; the old chat's row is removed either way.
        """
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                self._connection.execute(
                    "INSERT OR IGNORE INTO chat_language (chat_id, language) "
                    "SELECT ?, language FROM chat_language WHERE chat_id = ?",
                    (new_chat_id, old_chat_id),
                )
                self._connection.execute(
                    "DELETE FROM chat_language WHERE chat_id = ?", (old_chat_id,)
                )
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def close(self) -> None:
        """Close the database; later calls raise sqlite3.ProgrammingError."""
        with self._lock:
            self._connection.close()


def _connect(database: str) -> sqlite3.Connection:
    # isolation_level=None is autocommit: each statement outside BEGIN is its own transaction.
    return sqlite3.connect(database, isolation_level=None, check_same_thread=False)


def _store_error(path: Path, error: Exception) -> StoreError:
    problem = " ".join(str(error).split())
    return StoreError(f"cannot open the chat store {path}: {problem}")
