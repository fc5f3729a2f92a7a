import unicodedata

import pytest

from etl.names import admin_key, exact_key, fold, text_key

SAME_PLACE = [
    ("TT Bằng Lũng", "Thị trấn Bằng Lũng"),
    ("TT. Bằng Lũng", "bằng lũng"),
    ("Thị trấn Bằng Lũng", unicodedata.normalize("NFD", "Thị trấn Bằng Lũng")),
    ("Xã Hòa Mục", "Hoà Mục"),
    ("Thủy", "Thuỷ"),
    ("Xã Bản Thi", "Bản Thi"),
    ("Thôn Nà Pài", "Bản Nà Pài"),
    ("Tổ dân phố số 1", "TDP 1"),
    ("Tổ dân phố 1A", "TDP 1A"),
    ("Tổ 1A", "tổ dân phố số 1a"),
    ("  Xã   Nghĩa  Tá ", "xã nghĩa tá"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PLACE)
def test_spellings_of_one_place_share_the_exact_key(a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)
    assert admin_key(a) == admin_key(b)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("bang lung", "bang lung"),
        ("TT Bằng Lũng", "bang lung"),
        ("Đồng Thắng", "dong thang"),
        ("ĐẠI SẢO", "dai sao"),
        ("Tỉnh Bắc Cạn", "bac kan"),  # alias table: old spelling
    ],
)
def test_folded_key(typed: str, key: str) -> None:
    assert admin_key(typed) == key


def test_accents_distinguish_places_in_the_exact_key() -> None:
    assert exact_key("Bằng Lãng") != exact_key("Bằng Lũng")
    assert admin_key("Bằng Lãng") != admin_key("Bằng Lũng")


def test_tone_moves_to_the_new_style_vowel() -> None:
    assert exact_key("Hòa") == "hoà"
    assert exact_key("người") == "người"
    assert exact_key("quả") == "quả"
    assert exact_key("gì") == "gì"


def test_prefix_kept_when_it_is_part_of_the_name() -> None:
    assert exact_key("Bản Thi") == "bản thi"
    assert exact_key("Thôn 3") == "3"
    assert exact_key("Tổ dân phố 1A") == "1a"
    assert exact_key("Tổ dân phố Bắc") == "tổ dân phố bắc"  # one word left: not a number


def test_blank_and_none() -> None:
    assert exact_key(None) == ""
    assert admin_key("   ") == ""


def test_fold_maps_d_bar_explicitly() -> None:
    assert fold("Đđ") == "Dd"


def test_text_key_keeps_prefix_words() -> None:
    assert text_key("Xã, thị trấn") == text_key("xã/thị trấn") == "xa thi tran"


def test_sql_function_is_the_same_code(warehouse) -> None:
    from etl import db

    con = db.connect(warehouse, read_only=True)
    got = con.execute("select admin_key('TT Bằng Lũng'), admin_exact_key('Hòa')").fetchone()
    assert got == ("bang lung", "hoà")
