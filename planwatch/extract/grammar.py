"""The report grammar as data: the words around a number that say what the number measures.

Each rule is a regular expression read against the text just before (`LEFT_*`) or just after
(`RIGHT_*`) a number. A new wording of the genre is one more alternative here and one test.
"""

from __future__ import annotations

import re

from planwatch.vocab.periods import WORD_MONTHS


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


_HEDGE = _words("xấp xỉ", "khoảng", "gần", "trên", "hơn", "dưới", "ước", "đạt")
# "(-21,9%)", "(- 21,9%)", "(giảm 22,2%)"
LEFT_SIGN = re.compile(r"(?:(?:^|\()\s*|(?<=\s)(?=\+))(?P<sign>[-+])\s*$")
# ... but a dash and a space that open a line are a list item's mark: "- 100% trường học đạt chuẩn quốc gia"
LIST_DASH = re.compile(r"^[-–]\s+$")
LEFT_RANK = re.compile(r"(?:đứng|xếp|xếp\s+hạng|vị\s+trí|xếp\s+vị)\s+(?:thứ\s+)?$|(?:^|\s)thứ\s+$", re.IGNORECASE)
# A rank listed after another without "thứ": "xếp thứ 11/63 tỉnh; 2/6 tỉnh trong vùng" (a total of a few dozen)
RANK_SEQUEL = re.compile(r"^/\s*\d{1,2}(?![\d/.,])")
# A base named in a paragraph ("có 3 nhóm giảm giá so với tháng trước"): its single-month changes share it
BASE_NAMED = re.compile(r"so\s+với\s+(?:(?P<previous>tháng\s+trước)|cùng\s+(?:kỳ|tháng))", re.IGNORECASE)
# ... or a month named by its number: "tăng 6,8% về số doanh nghiệp và 4,1% về vốn so với tháng 9/2025"
BASE_MONTH_NAMED = re.compile(r"so\s+với\s+tháng\s+0?(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?!\d|/|[.,]\d)", re.IGNORECASE)
# Nothing but a joiner between a figure and the one before: "tăng 0,9% và 4,1%"
ONLY_A_JOINER = re.compile(
    r"^\s*(?:so\s+(?:với\s+)?(?:(?:tháng|kỳ|quý)\s+trước|cùng\s+kỳ(?:\s+năm\s+(?:trước|\d{4}))?)\s*)?(?:và|,|đến)\s*$",
    re.IGNORECASE,
)  # "... so với tháng trước và 9,6% so với cùng kỳ": the base of the one before may stand between
# A list handed out in order: "tăng lần lượt 8,1% và 5,4%", "đạt tương ứng 685 và 402 triệu USD", also with the verb
# after: "lần lượt gấp 2,5 lần và 3 lần", "lần lượt tăng 8,1% và 5,4%"
RESPECTIVELY = re.compile(r"\b(?:lần\s+lượt|tương\s+ứng)(?:\s+(?:là|tăng|giảm|đạt|gấp|bằng|chiếm))?\s*$", re.IGNORECASE)
# the rest of such a list after its first number: "% và 5,4%", " triệu USD và 402 triệu USD"
_UNIT_WORDS = r"(?:\s*%|\s+[^\d\s,;.%]{1,15}(?:\s+[^\d\s,;.%]{1,15})?)?"
LIST_REST = re.compile(rf"^{_UNIT_WORDS}(?:\s*(?:,|và)\s*\d[\d.,]*{_UNIT_WORDS})+", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"\s*(?:,|\bvà\b)\s*", re.IGNORECASE)  # "A, B và C": no list without "và"
AND = re.compile(r"\bvà\b", re.IGNORECASE)
# A figure its subjects share: "thị xã A và huyện B cùng giảm 12,4%" (not "tiêu dùng cuối cùng tăng 7%": final)
SHARED = re.compile(
    r"(?<!cuối\s)\bcùng\s+(?:tăng|giảm|đạt|bằng|ở\s+mức)(?:\s+(?:khoảng|gần|hơn|trên))?\s*$", re.IGNORECASE
)
# Two bases after a list: "... so với tháng trước và cùng kỳ"
BASES_AFTER = re.compile(
    r"^\s*(?:so\s+)?(?:với\s+)?[^,;.]{0,40}?\s+và\s+(?:so\s+với\s+)?(?:cùng|tháng|kỳ|quý|năm)", re.IGNORECASE
)
# A pair of changes with their two bases after: "tăng 0,4% và 2,9% so với tháng trước và (so với) cùng kỳ"
PAIR_THEN_BASES = re.compile(
    r"^\s*(?:và|,)\s*(?:tăng\s+|giảm\s+)?\d[\d.,]*\s*%\s+so\s+(?:với\s+)?(?P<a>[^,;.]+?)\s+và\s+(?:so\s+(?:với\s+)?)?"
    r"(?P<b>[^,;.]+)",
    re.IGNORECASE,
)
# A bare change followed by its pair: "tăng 0,9% và 4,1%"
PAIR_FOLLOWS = re.compile(r"^\s*và\s+(?:tăng\s+|giảm\s+)?\d[\d.,]*\s?%(?!\s*so\b)", re.IGNORECASE)
LEFT_TIMES = re.compile(rf"(?:(?:tăng\s+)?gấp|tăng)(?:\s+{_HEDGE})*\s*$", re.IGNORECASE)  # "tăng 2,2 lần" too
LEFT_ESTIMATE = re.compile(r"\b(?:ước|dự\s+kiến|dự\s+báo|khoảng|xấp\s+xỉ)\b", re.IGNORECASE)
# "cùng kỳ đạt 40% kế hoạch": a figure of the year before, not "so với cùng kỳ"
LEFT_PRIOR = re.compile(
    r"(?<!so\s)(?<!với\s)(?<!so\svới\s)(?<!và\s)\bcùng\s+kỳ(?:\s+năm\s+(?P<year>\d{4}))?(?:\s+[^\s\d,;()]+){0,3}?\s+(?:đạt|bằng|là|tăng|giảm)",
    re.I,
)
# A standard named by its period: "theo chuẩn nghèo đa chiều giai đoạn 2022-2025", "theo Bộ tiêu chí quốc gia về nông
# thôn mới các cấp giai đoạn 2026-2030" (not the figure's months)
STANDARD_NAMED = re.compile(
    r"(?:chuẩn\s+nghèo(?:\s+đa\s+chiều)?(?:\s+(?:của\s+)?(?:Trung\s+ương|quốc\s+gia))?|bộ\s+tiêu\s+chí[^()]{0,80}?)\s*$",
    re.I,
)
# How far a rate moves, in points, the first figure of its clause: "Tỷ lệ hộ nghèo giảm 1,2 điểm phần trăm" (after the
# rate's level, "giảm còn 1,85%, giảm 0,72 điểm phần trăm", the move restates it)
# The index a group's move carries along, in points: "làm CPI chung giảm khoảng 1,02 điểm phần trăm", "(tác động tăng
# 0,22 điểm phần trăm)"
_MOVED_INDEX = r"(?:CPI|GRDP|IIP|chỉ\s+số\s+giá(?:\s+tiêu\s+dùng)?)(?:\s+chung)?"
IMPACT_ON = re.compile(
    rf"(?:tác\s+động(?:\s+làm(?:\s+cho)?)?(?:\s+(?P<on>{_MOVED_INDEX}))?|(?<![\wÀ-ỹ])làm(?:\s+cho)?\s+(?P<index>{_MOVED_INDEX}))"
    r"\s+(?P<move>tăng|giảm)(?:\s+(?:khoảng|gần|hơn|trên))?\s*$",
    re.IGNORECASE,
)
POINTS_MOVE = re.compile(r"(?P<move>tăng|giảm)(?:\s+(?:bình\s+quân|khoảng|ít\s+nhất|tối\s+thiểu|từ))?\s*$", re.I)
LEFT_ABSOLUTE_CHANGE = re.compile(
    r"(?:tăng|giảm|(?<!không\s)(?:thấp|cao)\s+hơn(?:\s+(?:cùng\s+kỳ|năm\s+trước))?)(?:\s+(?:gần|khoảng|hơn|trên|xấp\s+xỉ))?\s*$",
    re.IGNORECASE,
)
# ... restated in units after a change in %, or added and compared: "tăng 29,25% (tương đương kim ngạch tăng thêm
# 2,75 tỷ USD)", "tăng thêm 500 tỷ đồng so với năm trước" (not "vốn điều chỉnh tăng thêm 206,8 triệu USD": a level)
RESTATED_CHANGE = re.compile(
    r"tương\s+đương(?:\s+[^\d,;()]{1,30}?)?\s+(?:tăng|giảm)(?:\s+thêm)?(?:\s+(?:gần|khoảng|hơn|trên|xấp\s+xỉ))?\s*$",
    re.IGNORECASE,
)
ADDED_BEFORE = re.compile(r"tăng\s+thêm(?:\s+(?:gần|khoảng|hơn|trên|xấp\s+xỉ))?\s*$", re.IGNORECASE)
COMPARED_AFTER = re.compile(r"^\s*,?\s*so\s+(?:với\s+)?(?:cùng\s+kỳ|năm|tháng|quý|kỳ)", re.IGNORECASE)
# Only "bằng" between a change and a figure in units: "tăng 1,9%, bằng 4.100 con" gives the change in units
EQUALS_ONLY = re.compile(r"^\s*bằng(?:\s+(?:khoảng|gần|hơn))?\s*$", re.IGNORECASE)

RIGHT_COMPARED_MONTH = re.compile(
    r"^\s*so\s+(?:với\s+)?tháng\s+0?(\d{1,2})(?:\s*[/.-]\s*(\d{4})|\s+năm\s+(?:(\d{4})|(?P<before>trước)))?(?![\d/])",
    re.IGNORECASE,
)
# ... a month named in words: "so với tháng Mười" (its year the figure's, or the year before for a later month)
_MONTH_WORDS = "|".join(sorted(WORD_MONTHS, key=len, reverse=True))
RIGHT_COMPARED_WORD_MONTH = re.compile(
    rf"^\s*so\s+(?:với\s+)?tháng\s+(?-i:(?P<w>{_MONTH_WORDS}))(?![\wÀ-ỹ])", re.IGNORECASE
)
RIGHT_TIMES = re.compile(r"^\s*lần\b", re.IGNORECASE)
RIGHT_OF_TOTAL = re.compile(r"^(?:/\s*|\s+trong\s+(?:số\s+)?)(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)")
RIGHT_PERCENT = re.compile(r"^\s?(?:%|phần\s+trăm(?![\wÀ-ỹ]))", re.IGNORECASE)  # "9%", "9 phần trăm"
# "9-10 nghìn đồng/kg", "63-66 nghìn đồng/kg": a range; both ends are figures in the unit of the second
RIGHT_RANGE = re.compile(r"^\s*-\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)")

# A clause that opens with its comparison base: "So sánh với cùng kỳ năm 2023: giảm 07 vụ (-21,9%)".
CLAUSE_VS_PREVIOUS = re.compile(r"^\W*so\s+(?:sánh\s+)?với\s+(?:tháng|kỳ)\s+trước", re.IGNORECASE)
CLAUSE_VS_SAME_PERIOD = re.compile(r"^\W*so\s+(?:sánh\s+)?với\s+cùng\s+kỳ", re.IGNORECASE)
# "so với 31/12/2022 tăng ...", "So với cuối năm trước, ...": the end of a year (the year before unless named)
CLAUSE_VS_YEAR_END = re.compile(
    r"^\W*so\s+(?:sánh\s+)?với\s+(?:(?:ngày\s+)?31/12(?:/(?P<date_year>\d{4}))?|cuối\s+năm\s+(?:trước|(?P<year>\d{4}))|đầu\s+năm)",
    re.IGNORECASE,
)
# "So sánh với tháng 4 năm 2024:": previous month or same month a year earlier, by the report's month
CLAUSE_VS_MONTH = re.compile(r"^\W*so\s+(?:sánh\s+)?với\s+tháng\s+0?(\d{1,2})(?:\s*[/.-]\s*|\s+năm\s+)(\d{4})", re.I)
# "so với quý 3-2022", "so với quý II/2023", "so với quý trước" is handled as "previous"
RIGHT_COMPARED_QUARTER = re.compile(
    r"^\s*so\s+(?:với\s+)?(?:bình\s+quân\s+)?quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*[/.-]\s*(?P<y>\d{4}))?(?![\w/])", re.I
)
# Two bases listed before the verb of a pair of changes: "so với tháng trước và cùng kỳ tăng lần lượt 5,4% và 17,2%"
BASES_LISTED = re.compile(r"so\s+với\s+tháng\s+trước\s+và\s+(?:so\s+với\s+)?cùng\s+kỳ\b[^%]*$", re.I)

# Words that open a breakdown of the figure before: its parts are children of that indicator.
BREAKDOWN = re.compile(r"^\W*(?:trong\s+đó|bao\s+gồm|gồm)\s*[:,]?\s*", re.IGNORECASE)

# Segments before a figure that frame it rather than name it: a source, a cause, a breakdown's axis.
ATTRIBUTION = re.compile(
    r"^\W*(?:cũng\s+theo\s|[^,;]{3,60}?\s(?:vừa|đã|mới)\s+(?:công\s+bố|cho\s+biết|thông\s+tin)$|[^,;]{3,80}?\scho\s+(?:thấy|biết|hay)$|(?:sáng|chiều|tối|trưa|ngày)\s+(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{4})?$|theo(?!\s+giá)|nhờ|do\s+(?:tác\s+động|ảnh\s+hưởng)|xét\s+(?:theo|về|trên)|phân\s+theo|chia\s+theo|"
    r"mặc\s+dù|tuy\s+nhiên|bên\s+cạnh\s+đó|nhìn\s+chung|như\s+vậy|(?:còn\s+)?so\s+với|"
    # where the figure was read: "số liệu cập nhật trên hệ thống Tabmis đến hết ngày 26/12 đạt ..."
    r"số\s+liệu\s+(?:cập\s+nhật|tổng\s+hợp|thống\s+kê)|"
    r"trong\s+(?:tổng\s+số\s+)?\d+\s)\b",
    re.IGNORECASE,
)
# A segment that says a change is too small to state: no figure, no name ("mức tăng so với tháng 6 không đáng kể")
NO_FIGURE_STATED = re.compile(r"không\s+đáng\s+kể|không\s+nhiều\W*$", re.IGNORECASE)
# What a source's result is about: "Theo kết quả công bố Chỉ số PCI năm 2019 của Phòng Thương mại ..."
FRAMED = re.compile(
    r"^\W*theo\s+(?:kết\s+quả|số\s+liệu|báo\s+cáo)(?:\s+(?:công\s+bố|khảo\s+sát|đánh\s+giá))?\s+"
    r"(?P<named>[^,;]+?)(?:\s+(?:của|do)\s+[^,;]*)?$",
    re.IGNORECASE,
)
# A segment that only marks what follows as notable or as the next point ("..., đặc biệt, ngành công nghiệp tăng
# 14,8%"): the words before it are not the name of what follows
DISCOURSE = re.compile(
    r"\W*(?:đặc\s+biệt|đáng\s+chú\s+ý|nổi\s+bật|theo\s+đó|trong\s+khi\s+đó|bên\s+cạnh\s+đó|ngoài\s+ra|mặt\s+khác"
    # the steps of an explanation: "Cơ quan thống kê phân tích, thứ nhất, chỉ số giá nhóm ... tăng 6,08%"
    r"|thứ\s+(?:nhất|hai|ba|tư|năm)|trước\s+(?:hết|tiên)|(?:một|hai|ba)\s+là|cuối\s+cùng)\W*",
    re.IGNORECASE,
)
# "Về thu hút đầu tư, cấp mới 14 dự án": a topic, replaced by the segment that names the figure
TOPIC = re.compile(r"^\W*(?:về|trong\s+(?:các|số|những))\b", re.IGNORECASE)  # "Trong các ngành công nghiệp, ..."
# The words that open a list: what follows names itself ("... các chỉ tiêu quan trọng như: tăng trưởng GRDP ...")
# ... or opens the segment that names the first item: "Nhiều mặt hàng tăng, gồm thủy sản chế biến đạt ..."
LIST_OPENS = re.compile(r"^\W*(?:gồm|bao\s+gồm|như|cụ\s+thể(?:\s+là)?)\s*:?\s+(?=\S)", re.IGNORECASE)
LIST_LEAD_IN = re.compile(r"\b(?:như|gồm|bao\s+gồm|sau\s+đây|như\s+sau|cụ\s+thể)\s*:?\s*$", re.IGNORECASE)
# ... or ends with "là" before the named items: "các khoản thu tăng cao là: Thu từ doanh nghiệp ... tăng 35,5%"
LIST_LEAD_IN_IS = re.compile(r"(?<![\wÀ-ỹ])là\s*:?\s*$", re.IGNORECASE)
# A sentence that opens with its date: "Tại thời điểm 01/10/2021, ...", "Đến 30/11, ...", also after the source it
# cites ("Theo kết quả điều tra chăn nuôi, tại thời điểm 01/4 ...")
OPENS_WITH_DATE = re.compile(
    r"^\W*(?:theo\s+[^,;:]{1,80},\s*)?(?:tại\s+|vào\s+)?(?:thời\s+điểm|tính\s+đến|đến)\b", re.IGNORECASE
)
# A period for one clause only: "riêng quý III tăng 10,3%", "bình quân giai đoạn 2016-2020", a census date
ASIDE = re.compile(
    r"\briêng\s+(?:trong\s+)?(?:quý|tháng)\b[^,;]*$|\bgiai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}[^;]*$"
    r"|\bthời\s+điểm\s+(?:ngày\s+)?\d{1,2}/\d{1,2}[^;]*$"
    r"|\b(?:lũy|luỹ)\s+kế(?!\s+\d)[^;]*$",  # "trong tháng thu hoạch 5.245 tấn, lũy kế đạt 21.395 tấn": its own
    re.IGNORECASE,
)
# A plan's own figure quoted beside the actual: "(kế hoạch 8%)", "thấp hơn kế hoạch đề ra (7,2%)", "dự toán giao là";
# not a figure measured against the plan ("vượt kế hoạch 2,4%", "so với kế hoạch") nor "hỗ trợ có mục tiêu"
# An act that sets a plan, its number and its date: "Nghị quyết số 03-NQ/TU ngày 10/12/2021", "Quyết định 546/QĐ-TTg"
_ACT = r"nghị\s+quyết|quyết\s+định|kế\s+hoạch|chỉ\s+thị|kết\s+luận"
_CODE = r"\d+(?:/\d{4})?[-/][A-ZĐ][^\s(),;:%]*"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
PLAN_FIGURE_BEFORE = re.compile(
    r"(?<![\wÀ-ỹ])(?<!vượt\s)(?<!với\s)(?<!so\s)(?<!bằng\s)(?<!đạt\s)(?<!thành\s)(?<!có\s)(?<!theo\s)"
    r"(?P<word>kế\s+hoạch|KH|dự\s+toán|mục\s+tiêu|kịch\s+bản)(?:\s+(?:HĐND|UBND|Trung\s+ương|Chính\s+phủ)(?:\s+tỉnh)?)?"
    r"(?:\s+(?:đề\s+ra|được\s+giao|giao|cả\s+năm))?"
    r"(?:\s+(?:là|đạt))?\s*\(?\s*$"
    # "(KH năm tăng 8% trở lên)", "(kế hoạch năm 2023 tăng 7,5%)": the plan's figure, in its own parenthesis
    r"|\(\s*(?P<own>kế\s+hoạch|KH|mục\s+tiêu|kịch\s+bản)(?:\s+(?:cả\s+)?năm(?:\s+\d{4})?)?"
    r"\s+(?:tăng|giảm|là|đạt)(?:\s+(?:khoảng|trên|từ))?\s*$"
    # "cao hơn kịch bản xây dựng đầu năm (7,59%)": the figure alone in the parenthesis after the plan's name
    # ... also after "so với": "tăng 0,4% so với kế hoạch đề ra (10,5%)"
    r"|(?<![\wÀ-ỹ])(?<!vượt\s)(?<!bằng\s)(?<!đạt\s)"
    r"(?P<near>kế\s+hoạch|KH|dự\s+toán|mục\s+tiêu|kịch\s+bản|nghị\s+quyết|chỉ\s+tiêu)(?:\s+[^\s\d(),;:%]+){1,6}\s*\(\s*$"
    # ... also with the act that set it: "thấp hơn 5,25% so với chỉ tiêu được giao tại Quyết định số 546/QĐ-TTg ngày
    # 29/4/2022 của Thủ tướng Chính phủ (91,5%)"
    rf"|(?<![\wÀ-ỹ])(?<!vượt\s)(?<!bằng\s)(?<!đạt\s)(?P<cited>kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)(?:\s+[^\s\d(),;:%]+){{0,6}}"
    rf"\s+(?:tại|theo)\s+(?:{_ACT})(?:\s+(?:[^\s\d(),;:%]+|{_CODE}|{_DATE})){{1,14}}\s*\(\s*$"
    # "cao hơn nhiều so với chỉ tiêu 1,765 tỷ USD": a sum or count right after the plan it is compared with (a
    # percentage there is measured against the plan: reader.py keeps those)
    r"|(?<![\wÀ-ỹ])so\s+với\s+(?P<compared>kế\s+hoạch|KH|dự\s+toán|mục\s+tiêu|chỉ\s+tiêu)"
    r"(?:\s+(?:đề\s+ra|được\s+giao|giao|cả\s+năm|năm))?(?:\s+là)?\s*$",
    re.IGNORECASE,
)
SCENARIO = re.compile(r"kịch\s+bản", re.IGNORECASE)  # a scenario's figure: what was expected, never an actual
PLAN_WORDS = re.compile(r"\b(?:kế\s+hoạch|KH|dự\s+toán|mục\s+tiêu|kịch\s+bản)\b", re.IGNORECASE)
# ... left over after a figure of it, before the next figure of the segment: "đạt 85% kế hoạch năm tăng 11,8%"
PLAN_LEFTOVER = re.compile(
    r"^(?:kế\s+hoạch|KH|dự\s+toán|chỉ\s+tiêu)(?:\s+(?:năm|vốn|tỉnh|trung\s+ương|HĐND|được|giao|đề\s+ra|\d{4}))*$", re.I
)
# A period named right after the figure: "thấp hơn mức tăng 6,8% của quý IV/2022"
PERIOD_AFTER = re.compile(r"^\s*%?\s*(?:của|trong)\s+$", re.IGNORECASE)
# A level that moved, without years: "giảm từ 11,25% xuống còn 9,22%" (the first is the year before's)
FROM_LEFT = re.compile(r"(?:(?:tăng|giảm)\s+|^\W*)từ\s*$", re.IGNORECASE)  # "(từ 11,25% xuống còn 9,22%)" too
TO_AFTER = re.compile(r"^\s*%?\s*(?:xuống|lên)(?:\s+(?:còn|mức))?\s+\d", re.IGNORECASE)
# ... or a level's year right after it: "lên 24% năm 2020" (after a change, "tăng 16,7% năm 2023" is its base)
LEVEL_YEAR_AFTER = re.compile(r"^\s*%\s*$")
# ... or the same window of an earlier year: "thấp hơn mức tăng 7,2% của cùng kỳ năm 2016 / năm trước"
# ... or named before its parenthesis: "cao hơn mức tăng cùng kỳ năm trước (6,4%)"
# A list item whose name ends with its verb before a colon: "Giá trị sản xuất công nghiệp tăng: 15% - 16%"
VERB_BEFORE_COLON = re.compile(r"(?<![\wÀ-ỹ])(?P<move>tăng|giảm)\s*:\s*$", re.IGNORECASE)
# The most moved of a list named before its change: "tăng nhiều nhất là nhóm giao thông, với 1,66%"
MOVED_MOST_BEFORE = re.compile(
    r"(?P<move>tăng|giảm)\s+(?:nhiều|cao|mạnh|sâu)\s+nhất\s+(?:là|ở|thuộc\s+về)\s+(?P<named>[^,;()]{1,80}),\s*(?:với\s*)?$",
    re.IGNORECASE,
)
# ... named before its verb: "nhóm giao thông giảm mạnh nhất, với 3,48%"
MOVED_MOST_AFTER_NAME = re.compile(
    r"(?:^|[,;:]\s*)(?:trong\s+đó\s*,?\s*)?(?P<named>[^,;:()]{1,80}?)\s+(?P<move>tăng|giảm)\s+(?:nhiều|cao|mạnh|sâu)?\s*nhất,\s*"
    r"(?:với\s*)?$",
    re.IGNORECASE,
)
ONLY_WITH = re.compile(r"\s*với\s*", re.IGNORECASE)
SAME_PERIOD_BEFORE_PAREN = re.compile(
    r"(?:mức|tốc\s+độ)\s+(?P<move>tăng|giảm)(?:\s+trưởng)?\s+(?:của\s+)?cùng\s+kỳ\s+năm\s+(?:(?P<year>\d{4})|trước)\s*\(\s*$",
    re.IGNORECASE,
)
# A move and its base before the bracket that gives its size: "tăng so với cùng kỳ (12,4%)", "giảm đáng kể so với
# tháng trước (39,9%)"
MOVE_COMPARED_BEFORE_PAREN = re.compile(
    r"(?<![\wÀ-ỹ])(?:(?P<move>tăng|giảm)(?:\s+[^\s\d,;()]+){0,2}?|\)\s*và)\s+(?P<base>so\s+(?:với\s+)?"
    r"(?:(?:tháng|kỳ|quý)\s+trước|cùng\s+(?:kỳ|tháng)(?:\s+năm\s+(?:trước|\d{4}))?))\s*\(\s*$",
    re.IGNORECASE,
)
SAME_PERIOD_OF_YEAR = re.compile(r"^\s*%?\s*(?:của|trong)\s+cùng\s+kỳ\s+năm\s+(?:(?P<year>\d{4})|trước)", re.I)
# Counted nouns that name nothing on their own: a change counted in them is about the subject before
GENERIC_COUNTED = re.compile(r"^(?:trường\s+hợp|đơn\s+vị|lượt|cơ\s+sở)$", re.IGNORECASE)
# An action at the end of the words before a count: the count is of what was acted on ("tin báo tiếp nhận")
ACTION_AT_END = re.compile(
    r"(?:^|\s)(?P<verb>đón|tiếp\s+nhận|xử\s+lý|phát\s+hiện|kiểm\s+tra|giải\s+quyết|thu\s+hút|cấp\s+mới|"
    r"cấp|thành\s+lập|đăng\s+ký|khởi\s+tố|bắt\s+giữ|tuyển\s+sinh|đào\s+tạo|hỗ\s+trợ)$",
    re.IGNORECASE,
)
# Figures written in words. "gấp đôi" (twice), "tương đương cùng kỳ" (no change against the base that follows),
# "dẫn đầu" / "đứng đầu" (rank 1), "vị trí thứ hai mươi tám" (rank 28), "chỉ xếp sau hai tỉnh" (rank 3).
_DIGIT_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín)"
_ORDINAL = rf"(?:(?:hai|ba|bốn|năm|sáu)\s+mươi(?:\s+{_DIGIT_WORD})?|mười(?:\s+{_DIGIT_WORD})?|nhất|{_DIGIT_WORD})"
WORD_FIGURE = re.compile(
    r"(?P<double>(?<=gấp\s)đôi)"
    r"|(?P<same>(?:tương\s+đương|ngang\s+bằng)(?=\s+(?:so\s+)?(?:với\s+)?(?:cùng\s+(?:kỳ|dịp|thời\s+điểm)|tháng\s+trước)))"
    r"|(?P<first>(?:(?<=dẫn\s)|(?<=đứng\s))đầu(?=\s+(?:cả\s+nước|toàn\s+quốc|khu\s+vực|vùng|các\s+tỉnh)))"
    # ... also a place among the highest of places: "tăng trưởng cao thứ hai cả nước" (not "thấp thứ hai": from the
    # bottom; nor "mức tăng cao thứ hai kể từ năm 2021": among years)
    rf"|(?P<ordinal>(?:(?<=vị\strí\sthứ\s)|(?<=đứng\sthứ\s)|(?<=xếp\sthứ\s)){_ORDINAL}(?![\wÀ-ỹ])"
    rf"|(?:(?<=cao\sthứ\s)|(?<=lớn\sthứ\s)|(?<=nhiều\sthứ\s)){_ORDINAL}(?=\s+(?:cả\s+nước|toàn\s+quốc|khu\s+vực|vùng|miền"
    r"|trong\s+(?:số\s+)?(?:\d+\s+)?(?:tỉnh|địa\s+phương)|các\s+tỉnh)))"
    rf"|(?P<behind>(?<=xếp\ssau\s){_DIGIT_WORD}(?=\s+(?:tỉnh|địa\s+phương)))"
    # (not the "tư" of "đầu tư" before "xã hội": "tổng vốn đầu tư xã hội" counts no communes)
    rf"|(?P<count>(?<![\wÀ-ỹ])(?<!đầu\s)(?!một\b){_ORDINAL}(?=\s+(?:dự\s+án|doanh\s+nghiệp|công\s+trình|cơ\s+sở|"
    r"hợp\s+tác\s+xã|xã(?!\s+hội)|huyện|vụ|sản\s+phẩm|nhiệm\s+vụ|đơn\s+vị|trường|bệnh\s+viện|khu\s+công\s+nghiệp|"
    r"cụm\s+công\s+nghiệp)\b))",
    re.IGNORECASE,
)
# What a change is of, named after it: "tăng 12,1% về số doanh nghiệp", "tăng 7,6% về tấn và 8,2% về tấn.km"
ABOUT_AFTER = re.compile(
    r"^\s*về\s+(?P<named>[^\d,;()]+?)(?=\s+(?:so\s+với|và|tăng|giảm)\b|\s*(?:[,;)]|\.(?:\s|$))|\s*$)", re.I
)
# ... and what a rank ranks, named after its scope: "dẫn đầu cả nước về xuất khẩu hàng hóa", "đứng thứ 5 về thu hút FDI"
RANKED_IN = re.compile(
    r"^[^\d,;:()]{0,40}?(?<![\wÀ-ỹ])về\s+(?P<named>[^\d,;:()]+?)"
    r"(?=\s+(?:trong|năm|với|so|khi|sau|của\s+(?:cả|toàn))\b|\s*(?:[,;:)]|\.(?:\s|$))|\s*$)",
    re.IGNORECASE,
)
# "Trong mức tăng 0,42% của CPI tháng 9, ...": the opener restates a figure given before, to break it down
RESTATED_OPENER = re.compile(r"^\W*trong\s+(?:tổng\s+)?mức\s+(?:tăng|giảm)(?:\s+chung)?\s*$", re.IGNORECASE)
# What a transport figure measures by its unit: "tăng 7,6% về tấn và 8,2% về tấn.km"
MEASURED_IN = {
    "tấn": "hàng hóa vận chuyển",
    "tấn.km": "hàng hóa luân chuyển",
    "lượt người": "hành khách vận chuyển",
    "lượt khách": "hành khách vận chuyển",
    "người.km": "hành khách luân chuyển",
    "lượt người.km": "hành khách luân chuyển",
}
# A share stated as how much of a need is met: "tổng thu đáp ứng 31,1% nhu cầu chi"
MEETS = re.compile(r"đáp\s+ứng(?:\s+(?:khoảng|được|gần|hơn))?\s*$", re.IGNORECASE)
# "thuộc nhóm các tỉnh dẫn đầu": among the leaders, not first
AMONG_LEADERS = re.compile(r"\b(?:nhóm|top)\b[^;.]{0,50}?\s(?:dẫn|đứng)\s+$", re.IGNORECASE)
# A label that points back: "nhóm hàng này đạt 689 triệu USD" is about the one named before
ANAPHORA = re.compile(r"^(?:với\s+)?(?:[^\s,;]+\s+){1,3}này$", re.IGNORECASE)  # "chỉ số này", "nhóm hàng này"
# The whole a count is taken from ("Trong số 11 nhóm hàng ... có 6 nhóm tăng giá"): no name of the count
WHOLE_OF_COUNT = re.compile(r"^(?:trong\s+)?(?:tổng\s+)?số\s+\d+\s|^trong\s+\d+\s", re.IGNORECASE)
# "12 đơn vị giải ngân trên | 60%", "17 đơn vị từ | 30% đến 60%": a threshold, part of what is counted
THRESHOLD_OF_COUNT = re.compile(
    r"\b\d+\s+(?:đơn\s+vị|chủ\s+đầu\s+tư|khoản\s+thu|sở|ngành|xã|huyện|doanh\s+nghiệp|dự\s+án)"
    r"(?:[\s,]+(?!tăng|giảm)[^\d\s,;%]+){0,5}\s+(?:(?:đạt\s+)?(?:trên|dưới|từ)|\d+(?:,\d+)?\s?%\s+đến)\s+$",
    re.IGNORECASE,
)
# ... unless what stands at it is a sum of money: "994 dự án, vốn đăng ký trên 6,1 tỉ USD"
SUM_AT = re.compile(r"[\d.,]+\s*(?:nghìn\s+|ngàn\s+)?(?:tỷ|tỉ|triệu)\s+(?:đồng|USD)\b", re.IGNORECASE)
# A news agency's tag at the start of a lead: "(BĐL) -", "(TSVN) –"
# ... or without parentheses: "ĐTO - Tháng 8/2019, ...", "BHG - ..."
AGENCY_TAG = re.compile(r"^\s*(?:\([A-ZĐ]{1,6}\)|[A-ZĐ]{2,6}(?=\s*[-–](?:\s|$)))\s*[-–]\s*")
# What is left of the figure before, up to the "và"/"với" that opens this one: "chiếm 77% tổng mức và tăng 12,6%",
# "11 dự án FDI với tổng vốn đăng ký 208,5 triệu USD"
AND_NAME = re.compile(r"^\s*và\s+(?P<name>\S.*?)\s*$", re.IGNORECASE)  # "và xổ số kiến thiết (512 tỷ đồng)"
LEFTOVER = re.compile(r"^(?:.*\s)?(?P<joiner>và|với)(?:\s+|$)", re.IGNORECASE)
# A figure of somewhere else quoted for comparison: "(cả nước +8,02%)", "bình quân chung cả nước (47,3%)"
ELSEWHERE = re.compile(r"^(?:bình\s+quân\s+(?:chung\s+)?(?:của\s+)?)?(?:cả\s+nước|toàn\s+quốc)$", re.IGNORECASE)
# ... named after the comparison: "cao hơn mức bình quân chung của cả nước (14,3%)", "thấp hơn cả nước (3,3%)"
ELSEWHERE_COMPARED = re.compile(
    r"^(?:(?:cao|thấp)\s+hơn|so\s+với|bằng)(?:\s+(?:mức|tốc\s+độ)(?:\s+(?:tăng|giảm))?)?\s+"
    r"(?P<named>(?:bình\s+quân\s+(?:chung\s+)?(?:của\s+)?)?(?:cả\s+nước|toàn\s+quốc))$",
    re.IGNORECASE,
)

# Words to drop from the edges of a label: verbs of the figure, hedges, connectors.
LABEL_TAIL = re.compile(
    r"(?:\s+|^)(?:phải|cần(?:\s+phải)?|dự\s+ước|ước\s+đạt|ước\s+tính|ước|đạt\s+khá\s+với|đạt\s+khoảng|đạt|là|được|có|với|khoảng|xấp\s+xỉ|trên|dưới|"
    r"gần|hơn|(?<!gian\s)tới|của|(?<!cuối\s)cùng|vừa\s+qua|trong|tháng|(?<!giảm\s)(?<!tăng\s)từ|(?:tăng|giảm)\s+từ|phấn\s+đấu|đến|tăng\s+gấp|gấp|đứng\s+thứ|xếp\s+thứ|xếp\s+vị(?:\s+thứ)?|đứng|xếp\s+hạng|xếp|tăng|giảm|bằng|vượt|chiếm|tổng\s+cộng|tổng|đến\s+nay|hiện\s+nay|(?:ước\s+)?thực\s+hiện|hiện|hoàn\s+thành|dự\s+kiến|lũy\s+kế|"
    r"toàn\s+(?:tỉnh|xã)|của\s+(?:tỉnh|xã)|(?<!phẩm\s)trên\s+địa\s+bàn\s+(?:tỉnh|xã)|(?<!phẩm\s)trên\s+địa\s+bàn|cả\s+nước|đã|thì|nay|"
    r"(?<!làm\s)(?<!lập\s)(?<!thôn\s)(?<!ký\s)mới\s+đạt|còn|"  # not "việc làm mới", "thành lập mới" + "đạt"
    r"duy\s+trì\s+ở\s+mức|duy\s+trì|ở\s+mức|(?:cán|chạm|vượt)\s+(?:mốc|ngưỡng)|(?:lên|đạt)\s+(?:mức|tới)|tương\s+đương|nâng\s+tổng\s+số\s+lên|đóng\s+góp|xảy\s+ra|"
    r"tăng\s+lần\s+lượt|tăng\s+tương\s+ứng|lần\s+lượt|tương\s+ứng|(?:nhiều|ít|cao|thấp)\s+hơn|(?:cao|lớn|nhiều)\s+thứ|thứ|"
    r"vượt\s+(?:kế\s+hoạch|dự\s+toán|chỉ\s+tiêu)|(?:thấp|cao)\s+hơn(?:\s+nhiều)?(?:\s+so\s+với)?\s+mức(?:\s+tăng)?(?:\s+(?:của\s+)?cùng\s+kỳ(?:\s+năm\s+(?:trước|\d{4}))?)?|"
    r"(?<!chứng\s)(?<!địa\s)chỉ(?:\s+(?:đạt|chiếm))?|đón|nhưng\s+vẫn|vẫn|nhưng|đứng\s+ở\s+vị\s+trí|vị\s+trí|dẫn|"
    r"so\s+với\s+(?:và\s+)?cùng\s+kỳ|chiếm\s+tỷ(?:\s+trọng|\s+lệ)?|(?<!việc\s)làm(?:\s+(?:giảm|tăng))?|đáp\s+ứng|"
    r"(?:tăng(?:\s+trưởng)?|giảm)\s+(?:khá|rất|mạnh(?:\s+mẽ)?|nhẹ|cao|thấp|sâu|nhanh|vọt|trở\s+lại|đột\s+biến|đáng\s+kể|ấn\s+tượng|tích\s+cực)"
    r"(?:\s+(?:cao|mạnh|nhanh))?(?:\s+so(?:\s+với)?(?:\s+cùng\s+kỳ)?)?|"
    rf"tác\s+động(?:\s+làm(?:\s+cho)?)?(?:\s+{_MOVED_INDEX})?|làm(?:\s+cho)?\s+{_MOVED_INDEX}|"
    r"ghi\s+nhận(?:\s+mức(?:\s+(?:tăng|giảm)(?:\s+trưởng)?)?)?|"
    r"không\s+đáng\s+kể)\s*$",
    re.IGNORECASE,
)
# Who said the figure, before it: "Ông A, Chủ tịch UBND thành phố, cho biết thành phố hiện có 49 chi nhánh ngân hàng"
SAID_BY = re.compile(
    r"^[^;]{3,120}?\s(?:cho\s+(?:biết|hay)|vừa\s+công\s+bố)(?:\s*,?\s+(?=\S)|\s*$)"
    # ... or the office or place that recorded it, before what it recorded: "Thống kê thành phố ghi nhận tổng khách
    # lưu trú ..." (not "Doanh thu ghi nhận 500 tỷ đồng", nor "ghi nhận mức tăng 12%")
    r"|^(?:[^;]{0,60}?\s)?(?:thống\s+kê|cục|chi\s+cục|sở|ngành|báo\s+cáo|số\s+liệu|tỉnh|thành\s+phố|TP\.?|xã|phường)"
    r"(?![\wÀ-ỹ])[^;]{0,60}?\s(?:đã\s+|cũng\s+|vẫn\s+)?ghi\s+nhận\s+"
    r"(?!(?:mức|tốc\s+độ|sự|con\s+số|nhiều|những|các|kết\s+quả)(?![\wÀ-ỹ]))(?=[^\d\s])",
    re.IGNORECASE,
)
# Who sets a target before what it is for: "Chủ tịch UBND tỉnh đặt ra mục tiêu tăng trưởng GRDP" → "tăng trưởng GRDP"
SET_BY = re.compile(
    r"^[^;]{3,200}?\s(?:đặt\s+ra|đặt|đề\s+ra|xác\s+định|thống\s+nhất|chốt)\s+(?:mục\s+tiêu|chỉ\s+tiêu)\s+(?=\S)",
    re.IGNORECASE,
)
LABEL_HEAD = re.compile(
    r"^(?:\s*(?:trong\s+đó|(?:đơn\s+cử|chẳng\s+hạn|ví\s+dụ)(?:\s+như)?|lên|xuống(?:\s+còn)?|qua(?=\s|,|$)|dự\s+ước|(?:ước\s+)?(?:(?:tính\s+)?đến\s+)?(?:hết|cuối)(?=\s|,|$)|tính\s+đến(?=\s|,|$)|đạt(?=\s+tỷ\s+lệ)|về(?=\s)|của\s+cùng\s+kỳ|bình\s+quân(?:\s+chung)?|(?:tính\s+|chỉ\s+)?riêng|tính\s+chung|đồng\s+thời|bên\s+cạnh\s+đó|ngoài\s+ra|và|còn|cụ\s+thể|nhìn\s+chung|"
    r"(?:tại|vào)\s+thời\s+điểm|toàn\s+(?:tỉnh|xã(?!\s+hội))|tỉnh(?:\s+mới(?=\s))?|cả\s+(?:tỉnh|xã(?!\s+hội))|đã|có|theo\s+đó|(?:tính\s+)?(?:lũy|luỹ)\s+kế|(?:tính\s+)?cộng\s+dồn(?:\s+từ\s+đầu\s+năm)?|trong|(?:đặc\s+biệt|đáng\s+chú\s+ý|nổi\s+bật)(?:\s+là)?(?=\s)|nếu\s+như|nếu|thì|tiếp\s+(?:theo|đến)\s+là|tính\s+đến\s+nay|đến\s+nay|lũy\s+kế|so\s+sánh\s+với\s+cùng\s+kỳ|"
    r"(?:so\s+(?:với\s+)?)?cùng\s+(?:kỳ|tháng|thời\s+điểm)(?:\s+năm\s+(?:\d{4}|trước))?|so\s+với\s+tháng\s+trước|so\s+với\s+(?:cuối|đầu)(?:\s+năm(?:\s+trước)?)?|so\s+với|so|với|"
    r"nhưng|song|nên|tuy\s+nhiên|như\s+vậy|phấn\s+đấu|còn\s+so\s+với|(?:chỉ\s+)?(?:cao|thấp)\s+hơn(?:\s+nhiều)?(?:\s+so\s+với)?(?:\s+(?:mức|tốc\s+độ)(?:\s+tăng)?)?|dự\s+kiến|ước(?:\s+tính)?|%)(?:\b|(?<=%))[\s:,]*)+",
    re.IGNORECASE,
)
# A sum in "tỷ" with no currency after it, as the press writes đồng: "doanh thu ước đạt 1.496 tỷ, tăng 9,8%"
BARE_BILLION = re.compile(
    r"^\s*t[ỷỉ](?=\s*(?:$|[,;.)(]|(?:đạt|tăng|giảm|bằng|chiếm|và|so|vượt|trong|từ|tương\s+đương)(?![\wÀ-ỹ])))", re.I
)
# ... and an income in "triệu" with nothing after it: "thu nhập bình quân đầu người đạt 72 triệu; ..."
BARE_MILLION = re.compile(r"^\s*triệu(?=\s*(?:$|[,;.)(]|(?:tăng|giảm|và|so|vượt)(?![\wÀ-ỹ])))", re.I)
# Nouns after a number that never make it an indicator figure; meetings held are how a body works, not what it
# achieved ("tổ chức 05 cuộc họp", "02 phiên họp"); the pillars and breakthroughs of a programme are its outline
# ("kiên định 5 trụ cột, 4 đột phá", "3 khâu đột phá chiến lược", "6 nhóm giải pháp").
NOT_A_COUNT = re.compile(
    r"^\s*(?:năm|tháng|ngày|tuổi|giờ|phút|(?:kỳ|cuộc|phiên|buổi)\s+họp|khóa|khoá|lần\s+thứ|tầng|bước|bậc|cấp|tỷ|"
    r"triệu|nghìn|ngàn|đến|và|so|trở|THPT|THCS|trụ\s+cột|(?:khâu\s+)?đột\s+phá|quan\s+điểm|"
    r"nhóm\s+(?:nhiệm\s+vụ|giải\s+pháp))(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
# ... and a number after the verb of meeting: "Ban Thường vụ họp 4 phiên", "đã họp 3 lần"
MEETINGS_HELD = re.compile(r"(?<![\wÀ-ỹ])họp(?:\s+(?:được|tổng\s+cộng|định\s+kỳ|thường\s+kỳ))?\s*$", re.IGNORECASE)
# What a figure in these base units measures, when the text names only the action ("trồng được 367,8 ha").
QUANTITY_OF_UNIT = {"ha": "diện tích", "tấn": "sản lượng", "m3": "khối lượng"}
# Classifier nouns that count on their own: "05 cuộc thanh tra" counts "cuộc", not "cuộc thanh".
CLASSIFIERS = {
    "cuộc",
    "đoạn",
    "nhóm",
    "giải",
    "lượt",
    "vụ",
    "cái",
    "chiếc",
    "con",
    "bộ",
    "khoản",
    "lần",
    "đợt",
    "tuyến",
}
# ... and those that name nothing but a head count: "tổng đàn trâu 25.600 con" is "tổng đàn trâu", never "con ..."
BARE_CLASSIFIERS = {"con", "cái", "chiếc"}
# A name that opens with how much of something it is names what is counted itself: "Lượng khách", "Số lượt khách"
QUANTITY_HEAD = re.compile(r"^(?:tổng\s+)?(?:số\s+lượng|số|lượng)(?![\wÀ-ỹ])", re.IGNORECASE)
# A count noun after a number: "182 doanh nghiệp được thành lập", "08 HCV".
COUNT_NOUN = re.compile(
    r"^\s*(?P<noun>[A-ZĐ]{2,6}\b|[a-zà-ỹđA-ZÀ-ỸĐ][a-zà-ỹđ]+(?:\s+(?!(?:đạt|tăng|giảm|là|được|chiếm|có|và|với)\b)[a-zà-ỹđ]+)?)"
)
