"""Task extraction on real items of the genre, agency normalisation, deadlines, and QĐ 42 statuses."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Date, create_engine, literal, select
from sqlalchemy.orm import Session

from planwatch.extract.agencies import default_registry
from planwatch.extract.deadlines import find_deadlines
from planwatch.extract.tasks import extract_tasks
from planwatch.monitor.tasks import DONE_LATE, DONE_ON_TIME, IN_PROGRESS, OVERDUE, status_of
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.structure.sections import outline
from planwatch.vocab.dates import DateError, parse_date
from planwatch.vocab.periods import Month, Period

YEAR_2024 = Period(Month(2024, 1), Month(2024, 12))

PLAN = """II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU

1. Tập trung cải thiện môi trường đầu tư kinh doanh, nâng cao chất lượng thu hút đầu tư

1.1. Sở Kế hoạch và Đầu tư, Ban Quản lý các KCN tỉnh: Chủ trì, phối hợp với các ngành, địa phương rà soát, đề xuất ban hành các cơ chế, chính sách.

Phối hợp với Cục Thống kê chủ động xây dựng các kịch bản tăng trưởng GRDP.

1.2. Sở Văn hóa, Thể thao và Du lịch: Chủ trì, tham mưu tổ chức thành công Lễ khai hội Xuân.

1.3. Các cơ quan thông tin, truyền thông: Đổi mới, nâng cao chất lượng, hiệu quả các hoạt động tuyên truyền.

III. TỔ CHỨC THỰC HIỆN

1. Giám đốc sở, thủ trưởng cơ quan thuộc UBND tỉnh, Chủ tịch UBND huyện, thành phố:

- Trước ngày 20/01/2024 xây dựng và ban hành chương trình kế hoạch hành động.

- Định kỳ hàng quý, tổng hợp, đánh giá tình hình thực hiện các chỉ tiêu gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng cuối quý để tổng hợp.

2. Đề nghị HĐND tỉnh, Ủy ban MTTQ tỉnh và đoàn thể nhân dân các cấp tổ chức giám sát.

3. Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Văn phòng UBND tỉnh, các sở, ngành tổng hợp đánh giá kết quả.
"""


@pytest.fixture(scope="module")
def plan_tasks():  # type: ignore[no-untyped-def]
    plain = assemble(read_text("ke-hoach.txt", PLAN.encode()))
    return extract_tasks(outline(plain), default_registry(), YEAR_2024)


def test_numbered_items_with_addressees_are_tasks(plan_tasks) -> None:  # type: ignore[no-untyped-def]
    tasks, groups = plan_tasks
    # each dash under an addressee heading is a task of its own, with the heading's agencies (PLANS.md K10)
    assert [t.ref for t in tasks] == ["1.1", "1.2", "1.3", "III.1", "III.1~2", "III.2", "III.3"]
    assert tasks[0].agencies == ["Sở Kế hoạch và Đầu tư", "Ban Quản lý các KCN tỉnh"]
    assert tasks[0].coordinating == ["các ngành", "địa phương", "Cục Thống kê"]
    assert tasks[1].agencies == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert tasks[2].agencies == ["Các cơ quan thông tin, truyền thông"]
    assert (
        tasks[3].agencies
        == tasks[4].agencies
        == ["Giám đốc sở", "thủ trưởng cơ quan thuộc UBND tỉnh", "Chủ tịch UBND huyện, thành phố"]
    )
    assert tasks[5].agencies == ["HĐND tỉnh", "Ủy ban MTTQ tỉnh", "đoàn thể nhân dân các cấp"]
    assert tasks[6].agencies == ["Sở Kế hoạch và Đầu tư"] and "Văn phòng UBND tỉnh" in tasks[6].coordinating
    assert tasks[0].group and tasks[0].group.startswith("1. Tập trung cải thiện")
    assert [(g.number, g.period) for g in groups] == [("1", YEAR_2024)]


def test_deadlines_one_off_and_recurring(plan_tasks) -> None:  # type: ignore[no-untyped-def]
    once, every_quarter = plan_tasks[0][3:5]
    assert once.deadline == date(2024, 1, 20) and not once.recurring
    assert [(d.every, d.day) for d in every_quarter.recurring] == [("quarter", 15)]
    assert every_quarter.recurring[0].dates_in(2024) == [
        date(2024, 3, 15),
        date(2024, 6, 15),
        date(2024, 9, 15),
        date(2024, 12, 15),
    ]
    assert once.subtasks[0].text.startswith("Trước ngày 20/01/2024")


def test_quote_points_into_the_text(plan_tasks) -> None:  # type: ignore[no-untyped-def]
    plain = assemble(read_text("ke-hoach.txt", PLAN.encode()))
    for task in plan_tasks[0]:  # a dash's quote is its own words; its agencies are its heading's
        quote = plain.text[task.start : task.end]
        assert (task.agencies[0] in quote) if task.agencies_text else f"- {quote}" in PLAN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trong tháng 6/2024", date(2024, 6, 30)),
        ("hoàn thành trong quý II/2024", date(2024, 6, 30)),
        ("chậm nhất ngày 31/12/2024", date(2024, 12, 31)),
    ],
)
def test_one_off_deadline_phrases(text: str, expected: date) -> None:
    assert [d.due for d in find_deadlines(text)] == [expected]


def test_report_items_without_addressees_are_groups_of_their_period() -> None:
    text = (
        "Phần thứ hai\nMỘT SỐ NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU CẦN TẬP TRUNG\nCHỈ ĐẠO THỰC HIỆN TRONG 6 THÁNG CUỐI NĂM 2024\n"
        "1. Tiếp tục thực hiện các Nghị quyết của Chính phủ, Tỉnh ủy, HĐND tỉnh.\n"
        "2. Đẩy mạnh thu ngân sách nhà nước.\n"
    )
    plain = assemble(read_text("bao-cao.txt", text.encode()))
    tasks, groups = extract_tasks(outline(plain), default_registry(), Period(Month(2024, 1), Month(2024, 6)))
    assert tasks == []
    assert [(g.number, g.period) for g in groups] == [
        ("1", Period(Month(2024, 7), Month(2024, 12))),
        ("2", Period(Month(2024, 7), Month(2024, 12))),
    ]


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("Sở KH&ĐT", "SKHDT"),
        ("Sở Nông nghiệp và PTNT", "SNNPTNT"),
        ("Sở Lao động – Thương binh và Xã hội", "SLDTBXH"),
        ("UBND các huyện, thành phố", "UBND_HUYEN"),
        ("Bộ CHQS tỉnh", "BCHQS"),
        ("so ke hoach va dau tu", "SKHDT"),
        ("UBND huyện Việt Yên", "UBND_VIET_YEN"),
    ],
)
def test_agency_names_normalise_to_one_registry(printed: str, code: str) -> None:
    agency = default_registry().normalise(printed)
    assert agency is not None and agency.code == code


@pytest.mark.parametrize(
    ("due", "done", "as_of", "status"),
    [
        (date(2024, 1, 20), date(2024, 1, 18), date(2024, 3, 1), DONE_ON_TIME),
        (date(2024, 1, 20), date(2024, 2, 1), date(2024, 3, 1), DONE_LATE),
        (date(2024, 1, 20), None, date(2024, 1, 20), IN_PROGRESS),
        (date(2024, 1, 20), None, date(2024, 1, 21), OVERDUE),
        (date(2024, 1, 20), date(2024, 2, 1), date(2024, 1, 25), OVERDUE),  # "as of" before completion: not done yet
        (None, None, date(2030, 1, 1), IN_PROGRESS),
    ],
)
def test_status_is_computed_from_dates(due: date | None, done: date | None, as_of: date, status: str) -> None:
    with Session(create_engine("sqlite://")) as session:  # the expression the store filters and counts by
        assert session.scalar(select(status_of(literal(due, Date()), literal(done, Date()), as_of))) == status


def test_dates_parse_the_vietnamese_way_or_fail_clearly() -> None:
    assert parse_date("20/01/2024") == date(2024, 1, 20) and parse_date("2024-01-20") == date(2024, 1, 20)
    with pytest.raises(DateError, match="20/13/2024"):
        parse_date("20/13/2024")


def test_resolution_articles_assign_tasks_but_approvals_do_not() -> None:
    text = (
        "Điều 1. Hội đồng nhân dân tỉnh tán thành với nhận định: Sáu tháng đầu năm 2024, kinh tế tiếp tục tăng trưởng.\n"
        "Điều 3. Giao Uỷ ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n"
        "Điều 4. Tổ chức thực hiện\n"
        "2. Giao Thường trực HĐND tỉnh, các Ban của HĐND tỉnh và đại biểu HĐND tỉnh giám sát việc thực hiện.\n"
    )
    plain = assemble(read_text("nghi-quyet.txt", text.encode()))
    tasks, _ = extract_tasks(outline(plain), default_registry(), YEAR_2024)
    assert [(t.ref, t.agencies) for t in tasks] == [
        ("Điều 3", ["Ủy ban nhân dân tỉnh"]),  # read in one spelling: "Uỷ" is "Ủy"
        ("Điều 4.2", ["Thường trực HĐND tỉnh", "các Ban của HĐND tỉnh", "đại biểu HĐND tỉnh"]),
    ]
    agency = default_registry().normalise(tasks[0].agencies[0])
    assert agency is not None and agency.code == "UBND_TINH"


def test_task_tables_read_by_their_header() -> None:
    text = (
        "PHỤ LỤC: DANH MỤC NHIỆM VỤ NĂM 2025\n"
        "STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
        "1 | Xây dựng kịch bản tăng trưởng năm 2025 | Sở Kế hoạch và Đầu tư | Cục Thống kê | Tháng 01/2025\n"
        "2 | Hoàn thành đóng điện trạm 110kV | Sở Công Thương | Công ty Điện lực | Quý II/2025\n"
        "3 | Báo cáo tình hình thu ngân sách | Sở Tài chính | Cục Thuế tỉnh | Hàng quý\n"
        "4 | Rà soát thủ tục hành chính | Các sở, ngành | | Thường xuyên\n"
    )
    plain = assemble(read_text("phu-luc.txt", text.encode()))
    tasks, _ = extract_tasks(outline(plain), default_registry(), YEAR_2024)
    assert [(t.ref, t.agencies, t.deadline) for t in tasks] == [
        ("1", ["Sở Kế hoạch và Đầu tư"], date(2025, 1, 31)),
        ("2", ["Sở Công Thương"], date(2025, 6, 30)),
        ("3", ["Sở Tài chính"], None),
        ("4", ["Các sở, ngành"], None),
    ]
    assert tasks[0].coordinating == ["Cục Thống kê"] and tasks[2].recurring[0].every == "quarter"
    assert plain.text[tasks[1].start : tasks[1].end].startswith("2 | Hoàn thành đóng điện")


LETTER = """Gò Sim: Đẩy nhanh giải ngân vốn đầu tư công

Cập nhật: 12/06/2024 10:15

Tại cuộc họp, UBND tỉnh giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính rà soát, điều chuyển kế hoạch vốn của các dự án chậm giải ngân, hoàn thành trước ngày 30/6/2024. Giao Sở Xây dựng chủ trì kiểm tra chất lượng công trình, báo cáo UBND tỉnh trước ngày 15/7/2024. Năm 2023, tỉnh giải ngân đạt 95% kế hoạch.
"""


def test_assignments_in_running_text_are_tasks_without_a_printed_number() -> None:
    blocks = outline(assemble(read_text("cong-van.txt", LETTER.encode())))
    tasks, _ = extract_tasks(blocks, default_registry(), YEAR_2024)
    assert [(t.ref, t.agencies, t.coordinating, t.deadline) for t in tasks] == [
        ("#1", ["Sở Kế hoạch và Đầu tư"], ["Sở Tài chính"], date(2024, 6, 30)),
        ("#2", ["Sở Xây dựng"], [], date(2024, 7, 15)),
    ]


NOTICE = "\n\n".join(
    [
        "Thông báo ý kiến chỉ đạo của Chủ tịch UBND tỉnh",
        "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế năm 2025. "
        "Yêu cầu gửi kết quả về UBND tỉnh trước ngày 15/4/2025.",
        "Trên cơ sở ý kiến của các huyện, Sở Giao thông vận tải chủ trì, phối hợp với Công an tỉnh lập phương án "
        "phân luồng; hoàn thành trong quý II/2025.",
        "Sở Công Thương đã chủ trì tổ chức hội chợ thương mại.",
    ]
)


def test_an_assignment_runs_to_the_next_and_an_agency_may_be_its_subject() -> None:
    blocks = outline(assemble(read_text("thong-bao.txt", NOTICE.encode())))
    tasks, _ = extract_tasks(blocks, default_registry(), Period(Month(2025, 1), Month(2025, 12)))
    assert [(t.ref, t.agencies, t.coordinating, t.deadline) for t in tasks] == [
        ("#1", ["Sở Nội vụ"], ["Sở Tài chính"], date(2025, 4, 15)),
        ("#2", ["Sở Giao thông vận tải"], ["Công an tỉnh"], date(2025, 6, 30)),
    ]
