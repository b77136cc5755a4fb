"""The chat store: language per chat, forgetting, group migration, and durability on disk."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.parsing.models import Language
from bot.store import DATABASE_NAME, ChatStore, StoreError

REPO = Path(__file__).resolve().parents[1]


def test_a_chat_without_a_choice_has_no_language(store: ChatStore) -> None:
    assert store.get_language(42) is None


def test_a_chosen_language_is_remembered_per_chat(store: ChatStore) -> None:
    store.set_language(42, Language.KO)
    store.set_language(-100123, Language.EN)
    assert store.get_language(42) is Language.KO
    assert store.get_language(-100123) is Language.EN


def test_choosing_again_replaces_the_language(store: ChatStore) -> None:
    store.set_language(42, Language.KO)
    store.set_language(42, Language.EN)
    assert store.get_language(42) is Language.EN


def test_choosing_automatic_removes_the_row(tmp_path: Path) -> None:
    on_disk = ChatStore.open(tmp_path)
    on_disk.set_language(42, Language.KO)
    on_disk.set_language(42, None)
    on_disk.close()
    assert rows(tmp_path) == []


def test_forget_deletes_only_that_chat(store: ChatStore) -> None:
    store.set_language(1, Language.KO)
    store.set_language(2, Language.EN)
    store.forget(1)
    assert store.get_language(1) is None
    assert store.get_language(2) is Language.EN


def test_forgetting_an_unknown_chat_is_harmless(store: ChatStore) -> None:
    store.forget(999)
    assert store.get_language(999) is None


def test_a_group_keeps_its_language_when_it_becomes_a_supergroup(store: ChatStore) -> None:
    store.set_language(-4000001, Language.KO)
    store.migrate(-4000001, -1001000000001)
    assert store.get_language(-1001000000001) is Language.KO
    assert store.get_language(-4000001) is None


def test_a_setting_made_in_the_supergroup_wins_over_the_old_group(store: ChatStore) -> None:
    store.set_language(-4000001, Language.KO)
    store.set_language(-1001000000001, Language.EN)
    store.migrate(-4000001, -1001000000001)
    assert store.get_language(-1001000000001) is Language.EN
    assert store.get_language(-4000001) is None


def test_migrating_a_chat_without_settings_changes_nothing(store: ChatStore) -> None:
    store.set_language(-1001000000001, Language.EN)
    store.migrate(-4000001, -1001000000001)
    assert store.get_language(-1001000000001) is Language.EN


def test_migrating_twice_is_harmless(store: ChatStore) -> None:
    # Telegram sends both migrate_to_chat_id and migrate_from_chat_id service messages.
    store.set_language(-4000001, Language.KO)
    store.migrate(-4000001, -1001000000001)
    store.migrate(-4000001, -1001000000001)
    assert store.get_language(-1001000000001) is Language.KO


def test_the_store_holds_only_chat_ids_and_languages(tmp_path: Path) -> None:
    store = ChatStore.open(tmp_path)
    store.set_language(7, Language.KO)
    store.close()
    with sqlite3.connect(tmp_path / DATABASE_NAME) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        columns = [row[1] for row in db.execute("PRAGMA table_info(chat_language)")]
    db.close()
    assert tables == [("chat_language",)]
    assert columns == ["chat_id", "language"]


def test_settings_persist_across_reopening(tmp_path: Path) -> None:
    first = ChatStore.open(tmp_path)
    first.set_language(42, Language.KO)
    first.close()
    second = ChatStore.open(tmp_path)
    assert second.get_language(42) is Language.KO
    second.close()


def test_the_database_uses_the_wal_journal(tmp_path: Path) -> None:
    ChatStore.open(tmp_path).close()
    with sqlite3.connect(tmp_path / DATABASE_NAME) as db:
        mode = db.execute("PRAGMA journal_mode").fetchone()
    db.close()
    assert mode == ("wal",)


def test_a_missing_data_dir_is_created(tmp_path: Path) -> None:
    data_dir = tmp_path / "a" / "b"
    ChatStore.open(data_dir).close()
    assert (data_dir / DATABASE_NAME).is_file()


def test_an_unusable_data_dir_is_a_one_line_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match=r"^cannot open the chat store .*file") as caught:
        ChatStore.open(blocker)
    assert "\n" not in str(caught.value)


def test_a_corrupt_database_is_a_one_line_store_error(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a database"):
        ChatStore.open(tmp_path)


def test_an_unknown_stored_language_falls_back_to_automatic(tmp_path: Path) -> None:
    ChatStore.open(tmp_path).close()
    with sqlite3.connect(tmp_path / DATABASE_NAME) as db:
        db.execute("INSERT INTO chat_language VALUES (5, 'xx')")
    db.close()
    store = ChatStore.open(tmp_path)
    assert store.get_language(5) is None
    store.close()


def test_an_acknowledged_write_survives_kill_9(tmp_path: Path) -> None:
    child = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from bot.parsing.models import Language
        from bot.store import ChatStore
        store = ChatStore.open(Path({str(tmp_path)!r}))
        store.set_language(1, Language.KO)
        store.set_language(2, Language.EN)
        store.migrate(2, 3)
        print("written", flush=True)
        time.sleep(60)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", child], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "written\n"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        process.kill()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
    store = ChatStore.open(tmp_path)
    assert store.get_language(1) is Language.KO
    assert store.get_language(3) is Language.EN
    assert store.get_language(2) is None
    store.close()


def rows(data_dir: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(data_dir / DATABASE_NAME) as db:
        found = db.execute("SELECT chat_id, language FROM chat_language").fetchall()
    db.close()
    return found
