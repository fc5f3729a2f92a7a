import re
from pathlib import Path

import pytest

from etl.present.i18n import LANGUAGES, catalogue, t

ROOT = Path(__file__).resolve().parents[1]


def test_every_message_has_every_language() -> None:
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_every_key_used_in_code_exists() -> None:
    used = set()
    for path in [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("etl/**/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", path.read_text("utf-8")))
    assert used, "no t() calls found: the scan is broken"
    assert used <= set(catalogue()), sorted(used - set(catalogue()))


def test_fields_are_filled() -> None:
    assert "schematic" in t("boundary_source_caption", "en", source="schematic")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        t("app_title", "fr")
