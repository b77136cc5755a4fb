"""Translation catalogs compiled in memory at start-up, and a per-language Translator."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from bot.parsing.models import Language
from bot.rendering.numbers import NumberFormat, number_format

SOURCE_LANGUAGE = Language.EN
"""The language the msgids are written in; it needs no catalog."""

DOMAIN = "messages"


class CatalogError(RuntimeError):
    """A catalog is missing or unreadable: the bot must not start with half its replies."""


class Translator:
    """Look up the replies' text in one language; English (the source) passes text through."""

    __slots__ = ("gettext", "language", "ngettext", "numbers")

    gettext: Callable[[str], str]
    """The translation of a msgid, or the msgid itself when there is none."""
    ngettext: Callable[[str, str, int], str]
    """The plural form that fits n (English: singular for 1, plural otherwise)."""
    numbers: NumberFormat
    """How the language writes numbers and quantities."""

    def __init__(self, language: Language, translations: NullTranslations) -> None:
        self.language = language
        # The catalog's own bound methods: a reply makes a few dozen lookups, and a wrapper
        # method around each would cost more than the lookup itself.
        self.gettext = translations.gettext
        self.ngettext = translations.ngettext
        self.numbers = number_format(language)

    def __repr__(self) -> str:
        return f"Translator({self.language.value!r})"


def default_locales_path() -> Path:
    """The repository's locales/ directory."""
    return Path(__file__).resolve().parents[2] / "locales"


class Catalogs:
    """Every language's compiled catalog; build it once with `Catalogs.load` at start-up."""

    def __init__(self, translations: Mapping[Language, NullTranslations]) -> None:
        self._translators = {
            language: Translator(language, found) for language, found in translations.items()
        }
        self._translators.setdefault(
            SOURCE_LANGUAGE, Translator(SOURCE_LANGUAGE, NullTranslations())
        )
        missing = [language.value for language in Language if language not in self._translators]
        if missing:
            raise CatalogError(f"no catalog for {', '.join(missing)}")

    @classmethod
    def load(cls, locales_dir: Path) -> Catalogs:
        """Compile every locales/<lang>/LC_MESSAGES/messages.po in memory (no .mo on disk)."""
        if not locales_dir.is_dir():
            raise CatalogError(f"locales directory {locales_dir} not found")
        translations: dict[Language, NullTranslations] = {}
        for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            code = po_path.parents[1].name
            try:
                language = Language(code)
            except ValueError:
                known = ", ".join(language.value for language in Language)
                raise CatalogError(
                    f"catalog {po_path}: unknown language {code!r} (the bot speaks {known})"
                ) from None
            translations[language] = _compile(po_path, code)
        for language in Language:
            if language is not SOURCE_LANGUAGE and language not in translations:
                expected = locales_dir / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"
                raise CatalogError(f"catalog {expected} not found")
        return cls(translations)

    def translator(self, language: Language) -> Translator:
        """The translator for `language` (English: the text as written)."""
        return self._translators[language]

    @property
    def languages(self) -> tuple[Language, ...]:
        """The languages with a translator, in enum order."""
        return tuple(language for language in Language if language in self._translators)


class _BadLine(ValueError):
    pass


# One keyword and a complete quoted string, or a continuation string. Babel's reader quietly
# drops a missing closing quote's last character, so a hand-edited typo would go unnoticed.
_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"'
)


def _check_lines(text: str) -> None:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not _PO_LINE.fullmatch(line):
            raise _BadLine(f"line {number}: {line[:60]!r}")


def _compile(po_path: Path, code: str) -> Translations:
    try:
        data = po_path.read_bytes()
        _check_lines(data.decode("utf-8"))
        catalog = read_po(BytesIO(data), locale=code, domain=DOMAIN, abort_invalid=True)
    except (PoFileError, _BadLine) as error:
        raise CatalogError(f"catalog {po_path} does not parse: {error}") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise CatalogError(f"catalog {po_path} cannot be read: {error}") from None
    buffer = BytesIO()
    # Fuzzy entries are left out, as msgfmt does: a guessed translation is worse than English.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
