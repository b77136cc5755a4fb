"""Fixtures for rendering: the repository's catalogs and a translator per language."""

from __future__ import annotations

import pytest

from bot.parsing.models import Language
from bot.rendering.i18n import Catalogs, Translator


@pytest.fixture(scope="session")
def en(catalogs: Catalogs) -> Translator:
    """English: the source text."""
    return catalogs.translator(Language.EN)


@pytest.fixture(scope="session")
def ko(catalogs: Catalogs) -> Translator:
    """Korean, from locales/ko."""
    return catalogs.translator(Language.KO)


@pytest.fixture(scope="session", params=list(Language), ids=[lang.value for lang in Language])
def tr(catalogs: Catalogs, request: pytest.FixtureRequest) -> Translator:
    """Each language in turn."""
    language: Language = request.param
    return catalogs.translator(language)
