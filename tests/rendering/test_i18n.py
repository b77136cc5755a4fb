"""Catalogs compile in memory at start-up; a broken or missing catalog stops the start."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.parsing.models import Language
from bot.rendering.i18n import CatalogError, Catalogs, Translator, default_locales_path

REPO = Path(__file__).resolve().parents[2]


def _copy_locales(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(default_locales_path(), target)
    return target


def test_the_default_locales_path_is_the_repositorys_locales_directory() -> None:
    assert default_locales_path() == REPO / "locales"


def test_catalogs_load_every_language_the_bot_speaks(catalogs: Catalogs) -> None:
    assert catalogs.languages == (Language.EN, Language.KO)


def test_english_is_the_source_text_unchanged(en: Translator) -> None:
    assert en.gettext("a year") == "a year"
    assert en.ngettext("{count} hot bath", "{count} hot baths", 1) == "{count} hot bath"
    assert en.ngettext("{count} hot bath", "{count} hot baths", 2) == "{count} hot baths"


@pytest.mark.parametrize(
    ("singular", "plural", "n", "expected"),
    [
        ("{count} hot bath", "{count} hot baths", 1, "욕조 목욕 {count}번"),
        ("{count} hot bath", "{count} hot baths", 2, "욕조 목욕 {count}번"),
        ("{count} image", "{count} images", 0, "이미지 {count}장"),
    ],
)
def test_korean_has_one_plural_form(
    ko: Translator, singular: str, plural: str, n: int, expected: str
) -> None:
    assert ko.ngettext(singular, plural, n) == expected


def test_korean_translates_from_the_compiled_catalog(ko: Translator) -> None:
    assert ko.gettext("a year") == "1년에"
    assert ko.language is Language.KO


def test_a_msgid_without_translation_falls_back_to_english(ko: Translator) -> None:
    assert ko.gettext("not in any catalog") == "not in any catalog"


def test_no_mo_file_is_needed_or_committed() -> None:
    assert not list(default_locales_path().rglob("*.mo"))


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ('msgid "a year"\nmsgstr "1년에\n', "does not parse"),
        ('msgid "a year"\nmsgstr 1년에\n', "does not parse"),
        (b"\xff\xfe not utf-8", "cannot be read"),
    ],
    ids=["unterminated string", "unquoted string", "not utf-8"],
)
def test_a_catalog_that_does_not_parse_is_a_start_up_error(
    tmp_path: Path, broken: str | bytes, message: str
) -> None:
    locales = _copy_locales(tmp_path)
    po = locales / "ko" / "LC_MESSAGES" / "messages.po"
    if isinstance(broken, bytes):
        po.write_bytes(broken)
    else:
        po.write_text(broken, encoding="utf-8")

    with pytest.raises(CatalogError, match=message) as raised:
        Catalogs.load(locales)

    assert str(po) in str(raised.value)


def test_a_missing_korean_catalog_is_a_start_up_error(tmp_path: Path) -> None:
    locales = _copy_locales(tmp_path)
    (locales / "ko" / "LC_MESSAGES" / "messages.po").unlink()

    with pytest.raises(CatalogError, match=r"ko/LC_MESSAGES/messages.po not found"):
        Catalogs.load(locales)


def test_a_missing_locales_directory_is_a_start_up_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        Catalogs.load(tmp_path / "nowhere")


def test_a_catalog_for_a_language_the_bot_does_not_speak_is_a_start_up_error(
    tmp_path: Path,
) -> None:
    locales = _copy_locales(tmp_path)
    shutil.copytree(locales / "ko", locales / "ja")

    with pytest.raises(CatalogError, match="unknown language 'ja'"):
        Catalogs.load(locales)


def test_fuzzy_translations_are_left_out_like_msgfmt_does(tmp_path: Path) -> None:
    locales = _copy_locales(tmp_path)
    po = locales / "ko" / "LC_MESSAGES" / "messages.po"
    po.write_text('#, fuzzy\nmsgid "a year"\nmsgstr "일 년"\n', encoding="utf-8")

    translator = Catalogs.load(locales).translator(Language.KO)

    assert translator.gettext("a year") == "a year"


def test_importing_rendering_does_not_import_telegram() -> None:
    """Rendering is pure: the Telegram shell imports it, never the other way round."""
    code = "import sys, bot.rendering; assert 'telegram' not in sys.modules, sorted(sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
