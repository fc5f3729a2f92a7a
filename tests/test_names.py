import unicodedata

import pytest

from etl.names import admin_key, exact_key, fold, loose_key, name_words, text_key, without_area

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


# --- the loose comparison (etl/reference/name_words.csv, name_letters.csv, name_areas.csv) ----

SAME_UNIT = [
    ("Phòng VH và TT", "Phòng Văn hoá & Thông tin"),
    ("P.GD&ĐT", "Phòng Giáo dục - Đào tạo"),
    ("Phòng GD&\u00d0T", "phòng gd-đt"),  # Ð (U+00D0) from an old encoding
    ("Phòng LĐ-TB và XH", "Phòng Lao động, Thương binh & Xã hội"),
    ("TT VH-TT&TT", "Trung tâm Văn hoá Thể thao và Truyền thông"),
    ("UB MTTQ xã Bản Thi", "Uỷ ban Mặt trận Tổ quốc xã Bản Thi"),
]


@pytest.mark.parametrize(("a", "b"), SAME_UNIT)
def test_abbreviated_and_full_words_are_the_same_words(a: str, b: str) -> None:
    assert fold(" ".join(name_words(a))) == fold(" ".join(name_words(b)))


SAME_PLACE_LOOSELY = [
    ("Tổ 3", "Tổ dân phố số 3"),
    ("TDP 03", "Tổ III"),
    ("Thôn Pù IV", "thôn Pù 04"),
    ("Bản số 07", "Bản VII"),
    ("Thôn Kéo 2(cũ)", "Thôn Kéo 2 (cũ)"),
    ("Trường TH và THCS Yên Mỹ", "TH&THCS Yên Mỹ"),
    ("Trường Tiểu học - THCS Yên Mỹ", "TH-THCS Yên Mỹ"),
    ("Trường PT DTBT THCS Bản Thi", "Phổ thông dân tộc bán trú THCS Bản Thi"),
    ("MN Bản Thi", "Trường Mầm non Bản Thi"),
    ("X.Bản Thi", "xã Bản Thi"),
    ("\u00d0ại Sảo", "Đại Sảo"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PLACE_LOOSELY)
def test_spellings_of_one_place_share_the_loose_key(a: str, b: str) -> None:
    assert loose_key(a, keep_accents=True) == loose_key(b, keep_accents=True)
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tổ 1", "Tổ 11"),
        ("Tổ II", "Tổ 11"),
        ("Thôn 1", "Thôn 10"),
        ("Trường TH Bằng Lũng", "Trường THCS Bằng Lũng"),
        ("Trường TH Bằng Lũng 1", "TH Bằng Lũng 2"),
        ("MN Bản Thi", "Mẫu giáo Bản Thi"),
        ("THPT Chợ Đồn", "PTDTNT Chợ Đồn"),
    ],
)
def test_the_loose_key_keeps_different_places_apart(a: str, b: str) -> None:
    assert loose_key(a) != loose_key(b)


def test_accents_still_count_in_the_first_loose_key() -> None:
    assert loose_key("Bản Tàn", keep_accents=True) != loose_key("Bản Tản", keep_accents=True)
    assert loose_key("Bản Tàn") == loose_key("Bản Tản")  # folded: matching calls it ambiguous


def test_look_alike_letters_are_folded_in_every_key() -> None:
    assert exact_key("\u00d0ồng Thắng") == exact_key("Đồng Thắng")
    assert text_key("Ngày bắt \u0111ầu") == text_key("NGÀY BẮT \u00d0ẦU")


def test_an_area_typed_after_a_name_is_dropped() -> None:
    words = name_words("Xã Nam Cường, huyện Chợ Đồn, tỉnh Bắc Kạn")
    assert without_area(words) == ("xã", "nam", "cường")
    assert without_area(name_words("Xã Yên Mỹ (huyện Chợ Đồn)")) == ("xã", "yên", "mỹ")
    assert without_area(name_words("Bản Thi")) is None
