"""What each kind of unit does, and when: the sample's assumptions, kept as tables.

Weights, counts and rhythms here are invented to look plausible, not measured. ``PROFILES`` gives,
per unit kind, the (activity type, audience, place, weight) mix; places are ``village``,
``school``, ``commune``, ``district`` (district-wide, no commune) and ``online``.
"""

from __future__ import annotations

from datetime import date

LETTER = date(2024, 9, 1)  # the district's letter (August 2024) takes effect
COMMUNITY_MONTH = {1: 0.8, 2: 0.5, 3: 1.0, 4: 0.9, 5: 1.0, 6: 2.3, 7: 0.8, 8: 0.8, 9: 1.2,
                   10: 1.0, 11: 1.2, 12: 0.9}  # fmt: skip
SCHOOL_MONTH = {1: 1.0, 2: 0.6, 3: 1.2, 4: 1.1, 5: 0.9, 6: 0.3, 7: 0.1, 8: 0.4, 9: 1.8,
                10: 1.3, 11: 1.4, 12: 1.1}  # fmt: skip
BASE = {"vhtt": 16, "ldtbxh": 10, "gddt": 30, "cah": 10, "ttvhtttt": 18}
JOINT = {"vhtt": 0.45, "ldtbxh": 0.5, "gddt": 0.25, "cah": 0.35, "ttvhtttt": 0.2,
         "ubnd_xa": 0.4, "ca_xa": 0.3}  # fmt: skip
MASS_ORGANISATIONS = (
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Mặt trận Tổ quốc",
)

# What commune People's Committees do (before and after the reform).
COMMUNE_WORK = (
    ("integrated", "community", "village", 4.0), ("session", "parents", "village", 1.5),
    ("session", "children", "village", 0.6), ("session", "children", "school", 0.3),
    ("broadcast", "community", "commune", 2.2), ("broadcast", "community", "village", 0.6),
    ("print", "community", "village", 0.8), ("integrated", "parents", "school", 0.3),
    ("training", "officials", "commune", 0.3), ("online", "community", "online", 0.5),
)  # fmt: skip
# Unit kind → (activity type, audience, place, weight).
PROFILES: dict[str, tuple[tuple[str, str, str, float], ...]] = {
    "vhtt": (
        ("session", "community", "village", 3.0), ("session", "parents", "village", 2.0),
        ("training", "officials", "district", 1.2), ("training", "media", "district", 0.6),
        ("print", "community", "commune", 1.5), ("online", "community", "online", 2.0),
        ("content_review", "community", "online", 0.8), ("inspection", "officials", "commune", 0.8),
        ("session", "children", "school", 0.6),
    ),
    "ldtbxh": (
        ("session", "parents", "village", 2.5), ("session", "children", "village", 1.2),
        ("integrated", "parents", "village", 1.2), ("training", "officials", "district", 1.0),
        ("session", "children", "school", 0.8), ("print", "parents", "commune", 0.6),
    ),
    "gddt": (
        ("session", "children", "school", 4.0), ("integrated", "parents", "school", 2.0),
        ("training", "teachers", "district", 1.2), ("guidance", "teachers", "district", 0.6),
        ("filtering", "children", "school", 1.2), ("contest", "children", "school", 0.8),
        ("inspection", "teachers", "school", 0.5),
    ),
    "cah": (
        ("content_review", "community", "online", 2.0), ("violation_handling", "community",
        "commune", 0.6), ("session", "children", "school", 1.5),
        ("training", "officials", "district", 0.5), ("session", "parents", "village", 0.5),
    ),
    "ttvhtttt": (
        ("broadcast", "community", "commune", 3.0), ("print", "community", "commune", 1.5),
        ("online", "community", "online", 2.5), ("contest", "children", "online", 0.6),
        ("session", "community", "village", 0.6),
    ),
    "ubnd_xa": COMMUNE_WORK,
    "ca_xa": (
        ("session", "children", "school", 1.2), ("session", "community", "village", 1.5),
        ("integrated", "community", "village", 1.0), ("violation_handling", "community",
        "commune", 0.3), ("content_review", "community", "online", 0.3),
    ),
}  # fmt: skip
# After the reform the commune committee also does what Phòng GD&ĐT did for its schools.
NEW_COMMUNE_SCHOOL_WORK = (("session", "children", "school", 1.5),
                            ("filtering", "children", "school", 0.3))  # fmt: skip
COUNTED = {"session": (25, 120), "integrated": (15, 60), "training": (20, 80),
            "contest": (60, 450)}  # fmt: skip


def ramp(month: date) -> float:
    """Less before the letter, and in the quarter the new communes were settling in."""
    if month < LETTER:
        return 0.7
    if date(2025, 7, 1) <= month < date(2025, 10, 1):
        return 0.6
    return 1.0


CONTENT = {
    "session": ("Kỹ năng sử dụng mạng xã hội an toàn", "Nhận diện lừa đảo, dụ dỗ trẻ em trên mạng",
                "Phòng, chống xâm hại trẻ em trên không gian mạng",
                "Giới thiệu Tổng đài 111 và cách báo nội dung xấu"),
    "integrated": ("Lồng ghép trong họp thôn", "Lồng ghép trong họp phụ huynh",
                   "Lồng ghép trong sinh hoạt chi hội phụ nữ",
                   "Lồng ghép trong sinh hoạt Đội, Đoàn"),
    "training": ("Kỹ năng bảo vệ trẻ em trên môi trường mạng",
                 "Nghiệp vụ cho cán bộ truyền thanh cơ sở", "Dạy học trực tuyến an toàn"),
    "contest": ("Cuộc thi tìm hiểu về an toàn trên không gian mạng",),
    "broadcast": ("Tin bài về bảo vệ trẻ em trên mạng trên loa truyền thanh",
                  "Tiếp sóng chuyên mục bảo vệ trẻ em"),
    "print": ("Phát tờ rơi hướng dẫn cha mẹ quản lý thiết bị của con",
              "Treo băng rôn, khẩu hiệu tại nhà văn hóa"),
    "online": ("Tin bài trên Cổng thông tin điện tử", "Video cảnh báo lừa đảo trên nhóm Zalo"),
    "filtering": ("Cài phần mềm lọc truy cập tại phòng máy",
                  "Chặn trang web độc hại trên tường lửa"),
    "guidance": ("Hướng dẫn dạy học trực tuyến an toàn",
                 "Hướng dẫn quy chế sử dụng mạng trong trường"),
    "content_review": ("Rà soát trang, nhóm mạng xã hội có nội dung độc hại",),
    "violation_handling": ("Xử lý đăng tải hình ảnh trẻ em trái phép",
                           "Nhắc nhở điểm kinh doanh trò chơi điện tử"),
    "inspection": ("Kiểm tra điểm kinh doanh dịch vụ Internet, trò chơi điện tử",
                   "Kiểm tra, đôn đốc công tác tuyên truyền tại cơ sở"),
}  # fmt: skip
