"""The label of a figure: the words that name the indicator, less places, periods, frames and clauses."""

from __future__ import annotations

import re
from functools import cache

from planwatch.extract import grammar as g
from planwatch.extract.facts.chain import Chain
from planwatch.extract.measures import cue
from planwatch.text.fold import fold
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import NUMBER_RE
from planwatch.vocab.units import match_unit, unit_by_name, unit_kind

COUNT_BASES = {
    "doanh nghiệp",
    "dự án",
    "người",
    "lao động",
    "lượt",
    "hộ",
    "xã",
    "vụ",
    "con",
    "cái",
    "hợp tác xã",
    "trường",
    "sản phẩm",
    "hồ sơ",
    "mã số",
    "đối tượng",
    "giường bệnh",
    "bác sĩ",
    "cây",
}


def named_before_paren(before: str) -> str:
    """The words a parenthesis holding the figure follows, when they name something and hold no figure."""
    m = _BEFORE_PAREN.search(before)
    return clean_label(m.group(1)) if m and not re.search(r"\d", m.group(1)) else ""


_BEFORE_PAREN = re.compile(r"([^,:;()]+)\(\s*[^()]*$")


_PLAN_YEAR = re.compile(r"^\s*(?:cả\s+)?năm(?:\s+\d{4})?\s*$", re.IGNORECASE)  # "kế hoạch năm": of what, unsaid


def plan_label(label: str, subject: str, word: str) -> str:
    """ "Kế hoạch tăng trưởng GRDP", "Dự toán thu ngân sách": the plan's word first, then what it is for."""
    named = _PLAN_YEAR.sub("", g.PLAN_WORDS.sub("", label)).strip(" ,")
    if named and g.PLAN_WORDS.match(label):
        return label  # "Kế hoạch vốn đầu tư công ..." names itself
    named = named or subject
    # "KH", "nghị quyết đề ra (23.600 tỷ đồng)": the plan a resolution sets
    plan = word.upper() == "KH" or word.lower().startswith("nghị")
    word = "Kế hoạch" if plan else f"{word[:1].upper()}{word[1:].lower()}"
    return f"{word} {in_sentence(named)}"


def in_sentence(name: str) -> str:
    """A name that opens a sentence, lower-cased to go after a word ("Tốc độ ..." → "tốc độ ..."; "GRDP" stays)."""
    return name if name[1:2].isupper() else f"{name[:1].lower()}{name[1:]}"


def respective(chain: Chain, left: str, label: str, right: str) -> str:
    """The name a figure of a "lần lượt" / "tương ứng" list takes, in order: from the subjects listed before the
    verb ("Xuất khẩu và nhập khẩu tăng lần lượt 8,1% và 5,4%") or the clause's levels before it ("341 doanh
    nghiệp với vốn đăng ký 2.986 tỷ đồng, tăng lần lượt 9,9% và 23,5%"). Not when the list pairs bases
    ("tăng lần lượt 1,2% và 5,4% so với tháng trước và cùng kỳ")."""
    if g.RESPECTIVELY.search(left):
        listed = g.LIST_REST.match(right)
        size = 1 + len(NUMBER_RE.findall(listed.group(0))) if listed else 0
        parts = [p for p in g.LIST_SEPARATOR.split(label) if p] if g.AND.search(label) else [label]
        if size < 2 or g.BASES_LISTED.search(left) or g.BASES_AFTER.match(right[listed.end() :] if listed else ""):
            chain.respective = []
        elif len(parts) == size:
            chain.respective = parts
        else:
            chain.respective = chain.clause_values[-size:] if len(chain.clause_values) >= size else []
        chain.listed = list(chain.respective)
    elif chain.listed and not label and (listed := g.LIST_REST.match(right)):
        # "đạt lần lượt 685 triệu USD và 402 triệu USD, tăng 14,6% và 9,3%": the same names again
        size = 1 + len(NUMBER_RE.findall(listed.group(0)))
        chain.respective = list(chain.listed) if size == len(chain.listed) else []
    elif not (chain.respective and g.ONLY_A_JOINER.match(left)):
        chain.respective = []
    return chain.respective.pop(0) if chain.respective else ""


def framed(segment: str) -> str:
    """The indicator a framing segment names: "Theo kết quả công bố Chỉ số PCI năm 2019 của Phòng ..." →
    "Chỉ số PCI"."""
    m = g.FRAMED.match(g.AGENCY_TAG.sub("", segment))
    return clean_label(m.group("named")) if m else ""


def add_to_label(pending: str, segment: str) -> str:
    """The number-less segments before a clause's first figure, less those that only say where the figure
    comes from or frame it ("Theo Sở Kế hoạch và Đầu tư", "Xét theo ngành hoạt động", "Về thu hút đầu tư")."""
    segment = g.AGENCY_TAG.sub("", segment).strip()
    if g.DISCOURSE.fullmatch(segment):
        return ""  # "..., đặc biệt, ngành công nghiệp tăng 14,8%": what follows names itself
    nothing = not clean_label(segment) and not cue("words", "clause_opens").match(segment)  # a clause: the whole says
    if nothing or g.ATTRIBUTION.match(segment) or g.NO_FIGURE_STATED.search(segment):
        return pending  # "Tính chung 7 tháng của năm nay, ...": nothing but a period and "của"
    lead_in = g.LIST_LEAD_IN.search(pending) or (segment and g.LIST_LEAD_IN_IS.search(pending))
    if pending and (g.TOPIC.match(pending) or lead_in or _ITEM_LABEL.fullmatch(pending)):
        return segment  # "Về thu hút đầu tư, ...", "... thông qua nhiều chỉ tiêu quan trọng như: ...": no name
    if pending and (opens := g.LIST_OPENS.match(segment)):
        return segment[opens.end() :]  # "Nhiều mặt hàng tăng, gồm thủy sản ...": the first item
    if pending and set(fold(clean_label(pending)).split()) <= set(fold(segment).split()):
        return segment  # "sản xuất công nghiệp [tăng khá], chỉ số sản xuất công nghiệp ...": the topic, named again
    return f"{pending}, {segment}" if pending else segment


# what a list item's letter or number leaves before its text ("b) Về xã hội: ..."): it names nothing
_ITEM_LABEL = re.compile(r"\W*(?:[a-zđ]|\d{1,2})\W*")


def remember_counted(left: str, right: str, chain: Chain) -> None:
    """ "giảm 07 vụ (-21,9%)": the change in % that follows is about what was counted."""
    change = g.LEFT_ABSOLUTE_CHANGE.search(left)
    if change:
        chain.change_sign = -1 if change.group(0).lower().startswith("giảm") else 1
        noun = _noun_phrase(right)
        unit = match_unit(right)
        generic = g.GENERIC_COUNTED.match(noun) or g.NOT_A_COUNT.match(right) or (unit and not _is_count(unit[0].name))
        if noun and not (chain.subject and generic):
            chain.subject = noun  # "giảm 01 người chết (-6,3%)"; not "giảm 19 trường hợp (16,5%)", "tăng 1.120 ha"


def without_place(text: str, province: str | None) -> str:
    """The label less the document's own province ("tỉnh Đầm Nguyệt đạt 66,74 điểm" is about the subject)."""
    return _place_pattern(province).sub(" ", text) if province else text


@cache
def _place_pattern(province: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(?:của\s+)?(?:tỉnh|thành\s+phố)\s+)?{re.escape(province)}(?![\wÀ-ỹ])", re.IGNORECASE)


_SPACES = re.compile(r"\s+")
_OPEN_AT_END = re.compile(r"\s*\($")


def clean_label(text: str) -> str:
    label = _SPACES.sub(" ", text).strip(" ,:;.-–(+•/")
    label = _past_verdict(label)
    label = _LIST_NUMBER_LEFT.sub("", label)
    if g.ELSEWHERE.match(label):
        return label
    label = g.SET_BY.sub("", g.SAID_BY.sub("", label))
    if compared := g.ELSEWHERE_COMPARED.match(label):
        return compared.group("named")  # "cao hơn mức bình quân chung của cả nước (14,3%)": somewhere else's
    for _ in range(4):
        before = label
        label = g.LABEL_HEAD.sub("", _past_clause(label)).strip(" ,:;.-–")
        label = g.LABEL_TAIL.sub("", label).strip(" ,:;.-–")
        label = _OPEN_AT_END.sub("", label)
        if label == before:
            break
    return label


def _past_verdict(label: str) -> str:
    """The label less a verdict on it ("Thu ngân sách đạt được kết quả khả quan" → "Thu ngân sách"); a verdict whose
    figures it names after "với" gives that name ("kinh tế tỉnh ghi nhận nhiều tín hiệu tích cực với bán lẻ" → "bán
    lẻ")."""
    verdict = cue("words", "verdict").search(label)
    if verdict and verdict.group("named_after"):
        return label[verdict.end() :].strip(" ,")
    return cue("words", "verdict").sub("", label).strip(" ,")


def listed_name(segment: str, rest: str, after_colon: bool = False) -> bool:
    """A short name alone between commas after a figure: the first items of a name listed with commas ("nông, lâm
    nghiệp, thủy sản"), a name whose figure stands alone in the parenthesis after it ("Vĩnh Phúc (-2,47%)"), or the
    first item of a list after a colon ("là: Thuốc và dịch vụ y tế, tăng 50,03%"): no verb, hedge or connector to
    strip."""
    words = len(_SECTOR_HEAD.sub("", segment).split())  # "khu vực nông, lâm nghiệp và thủy sản": the sector's words
    longest = _NAMED_BEFORE_FIGURE if _FIGURE_IN_PARENS.match(rest) or after_colon else _LISTED_WORDS
    return 0 < words <= longest and clean_label(segment) == segment and not _NOT_A_NAME.search(segment)


_NOT_A_NAME = re.compile(
    r"(?<![\wÀ-ỹ])(?:vượt|tăng|giảm|đạt|bằng|chiếm|so|là|có|kế\s+hoạch|dự\s+toán|mục\s+tiêu|kịch\s+bản)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)


_LISTED_WORDS = 2
_SECTOR_HEAD = re.compile(r"^(?:khu\s+vực|ngành|lĩnh\s+vực)\s+(?=\S)", re.IGNORECASE)


_NAMED_BEFORE_FIGURE = 6


_FIGURE_IN_PARENS = re.compile(r"^\s*\(\s*[-+]?\s*\d[\d.,]*\s*(?:%|[^\W\d][^()\d]{0,20})?\s*\)")


def _past_clause(label: str) -> str:
    """What a label names after a clause of concession, cause or time that opens it ("dù khó khăn do dịch bệnh
    song tốc độ tăng trưởng GRDP" → "tốc độ tăng trưởng GRDP", "Do mưa lớn, sản lượng lúa" → "sản lượng lúa"); the
    subject of a clause of contrast that states its own figure ("Trong khi xuất khẩu" → "xuất khẩu"); else nothing."""
    if not cue("words", "clause_opens").match(label):
        return label
    closers = list(cue("words", "clause_closes").finditer(label))
    if closers:
        return label[closers[-1].end() :]
    if "," in label:
        return label[label.rfind(",") + 1 :]
    own = cue("words", "clause_own_figure")
    return own.sub("", label, count=1) if own.match(label) else ""


_LIST_NUMBER_LEFT = re.compile(r"^\d{1,2}\s*[,)]\s*(?=\D)")  # what "(4) Tổng kim ngạch ..." leaves of "(4)"


_REACHES = re.compile(r"(?<![\wÀ-ỹ])đạt(?:\s+(?:hơn|gần|khoảng|trên|xấp\s+xỉ))?\s*$", re.IGNORECASE)


def _count_reaches(own: str, before: str) -> bool:
    """A count named as such reaches its bare number: "Số doanh nghiệp thành lập mới trong tháng đạt 412"."""
    return bool(g.QUANTITY_HEAD.match(own) and _REACHES.search(before))


def figure_subject(label: str, after_unit: str, unit: str, chain: Chain, measure: Measure, before: str) -> str:
    """The label of the figure: its own words, else the chain's subject."""
    own = label.strip()
    if g.ANAPHORA.match(own) or (_is_count(unit) and g.WHOLE_OF_COUNT.match(own)):
        own = ""  # "nhóm hàng này": the one named before; "Trong số 11 nhóm ... có 6 nhóm": the whole
    if measure == Measure.SHARE and own and g.MEETS.search(before) and (whole := _noun_phrase(after_unit)):
        return f"{own} đáp ứng {whole}"  # "tổng thu đáp ứng 31,1% nhu cầu chi"
    if own.lower() == "tỷ lệ" and unit == "%" and chain.subject:
        return f"Tỷ lệ {g.QUANTITY_HEAD.sub('', chain.subject).strip()}"  # "..., đạt tỷ lệ 95%": the subject's rate
    if g.ELSEWHERE.match(own) and chain.subject:
        return f"{chain.subject} ({own})"  # a comparator, not the province's own figure (tagged "elsewhere")
    if measure == Measure.VALUE and len(own.split()) == 1 and (quantity := g.QUANTITY_OF_UNIT.get(unit_kind(unit))):
        own = f"{quantity} {own}"  # "trồng được 367,8 ha": the area planted
    if measure == Measure.VALUE and not unit:
        # a bare number is a figure only when the text introduces it: "... là: 164.283", "tuyến tỉnh: 58.976",
        # or names it as a part of the figure before: "24.485 (tuyến tỉnh 12.397; tuyến huyện 12.088)"
        introduced = re.search(r"(?:\blà|:)\s*$", before) or (chain.paren_parent and own) or _count_reaches(own, before)
        return (own or chain.subject) if introduced else ""
    if measure == Measure.VALUE and _is_count(unit):
        noun = _noun_phrase(after_unit)
        counted = f"{unit} {noun}".strip() if noun else unit
        if noun and unit.lower() in g.CLASSIFIERS:  # "05 cuộc thanh tra": what is counted is "cuộc thanh tra"
            return counted
        scaled = (known := unit_by_name(unit)) is not None and known.factor != 1  # "triệu lượt": not a noun
        if scaled and noun:
            counted = f"{unit_kind(unit)} {noun}"  # "968,5 nghìn lượt khách": what is counted is "lượt khách"
        elif scaled and not own and (chain.paren_parent or chain.subject):
            return chain.paren_parent or chain.subject  # "(700,8 nghìn lượt)": more of the same
        if own and not scaled and unit_kind(unit) != "lượt" and (action := g.ACTION_AT_END.search(own)):
            return f"{counted} {action.group('verb')}"  # "Công an tiếp nhận 486 tin báo": "tin báo tiếp nhận"
        if own and not _generic(own):
            if not noun and (unit.lower() in g.BARE_CLASSIFIERS or g.QUANTITY_HEAD.match(own)):
                return own  # "đàn bò 48.100 con", "Lượng khách đạt 436.500 lượt"
            if len(own.split()) <= 3 and (noun or not scaled):
                return f"{counted} {own}"
            # "mục tiêu năm 2024 đón 8,2 triệu lượt khách": what is counted belongs to a long name too
            named = noun and not g.GENERIC_COUNTED.match(counted) and not _subset(counted, own)
            return f"{own} {counted}" if named else own
        return counted
    if own and not _generic(own) and (chain.parent or not _subset(own, chain.subject)):
        noun = _noun_phrase(after_unit) if measure == Measure.VALUE else ""
        return f"{own} {noun}".strip() if noun and len(own.split()) <= 4 else own
    if not own and unit == "%" and measure == Measure.VALUE and _figure_opens(before):
        # a clause that opens with its figure names it after: "40,1% lao động trong độ tuổi tham gia BHXH"; so does a
        # segment after another's figure: "tỷ lệ tham gia BHYT đạt 96%, 98% khu dân cư đạt chuẩn văn hóa"
        named_after = _noun_phrase(after_unit)
        if named_after:
            return named_after
    if (
        chain.subject
        and measure == Measure.VALUE
        and not own
        and chain.unit
        and unit_kind(unit) != unit_kind(chain.unit)
    ):
        noun = _noun_phrase(after_unit)  # "4,5 triệu cây ..., đạt 70,3% kế hoạch và 6.500 ha rừng trồng tập trung"
        quantity = g.QUANTITY_OF_UNIT.get(unit_kind(unit))
        if noun:
            return f"{quantity} {noun}" if quantity else noun
    if chain.subject:
        return chain.subject
    # "...; trong đó quý I tăng 7,94%": a breakdown by period is still the parent indicator
    return own or _noun_phrase(after_unit) or chain.parent or chain.carried or chain.framing


def _figure_opens(before: str) -> bool:
    """The figure opens its clause, or a segment after the comma that closes another's figure."""
    return not before.strip(" ;:,-") or bool(_OPENS_SEGMENT.search(before))


_OPENS_SEGMENT = re.compile(r"[,;:]\s*(?:có\s+|trên\s+|hơn\s+|gần\s+|khoảng\s+)?$", re.IGNORECASE)


# The words after a figure that name what it counts, up to the next verb or punctuation; a number of months
# inside stays ("đơn vị còn nợ bảo hiểm từ 3 tháng trở lên").
_MOVE_AFTER_COUNT = re.compile(
    r"^\s*((?:tăng|giảm|giữ)\s+(?:giá|điểm)(?:\s+ổn\s+định)?|đạt\s+chuẩn(?:\s+[^\d\s,;:()%.]+){0,5})(?![\wÀ-ỹ])",
    re.IGNORECASE,
)


_NOUN_PHRASE = re.compile(
    r"^\s*((?:[^\d,;:()%]|\d+(?=\s+tháng)|(?<=trên\s|dưới\s)\d+(?:,\d+)?\s?%){3,80}?)"
    r"(?=\s*(?:[,;:()]|\.(?:\s|$)|\s(?:tăng|giảm|bằng|đạt|chiếm|với|gấp|so)\s|$))"
)


def spelled_noun(text: str) -> str:
    """The noun a unit's spelling carries beyond its name: "nghìn lượt khách" (unit "nghìn lượt") → "khách"."""
    found = match_unit(text)
    if not found:
        return ""
    unit = found[0]
    return " ".join(unit.spelling.split()[len(unit.name.split()) :])


def _noun_phrase(text: str) -> str:
    if move := _MOVE_AFTER_COUNT.match(text):
        return move.group(1)  # "6 nhóm tăng giá", "3 xã đạt chuẩn nông thôn mới": what they did names them
    m = _NOUN_PHRASE.match(text)
    if not m:
        return ""
    phrase = m.group(1).strip()
    return "" if re.match(r"^(?:so|tăng|giảm|bằng|đạt|và|trong|với|trở\s+(?:lên|xuống))\b", phrase, re.I) else phrase


def _is_count(unit: str) -> bool:
    """A count of things ("doanh nghiệp", "huy chương"), not a measurement unit ("tỷ đồng", "ha")."""
    if unit in {"", "%"}:
        return False
    known = unit_by_name(unit)
    return known is None or known.base in COUNT_BASES


_GENERIC = {"chỉ số", "giá trị", "quy mô", "tổng", "tổng số", "số", "mức", "tốc độ", "con số", "kết quả", "tỷ lệ"}


def _generic(label: str) -> bool:
    return label.lower() in _GENERIC or len(label) < 2


def _subset(label: str, subject: str) -> bool:
    """The words of `label` all name the subject again, not the whole the subject is measured in: "GRDP" after
    "tỷ trọng kinh tế số trong GRDP" or "GRDP bình quân đầu người" names the GRDP itself."""
    words = set(label.lower().split())
    whole = _WHOLE_OF_SUBJECT.search(subject)
    names_whole = whole is not None and label.strip().lower() == whole.group(1).lower()
    per_head = _PER_HEAD.fullmatch(subject[len(label.strip()) :]) and subject.lower().startswith(label.strip().lower())
    return bool(subject) and words <= set(subject.lower().split()) and not names_whole and not per_head


# the whole a subject is measured in, at its end: "tỷ trọng kinh tế số trong GRDP", "tỷ lệ nợ xấu so với tổng dư nợ"
_WHOLE_OF_SUBJECT = re.compile(r"\s(?:trong|so\s+với|của)\s+(?:tổng\s+)?(\S.*?)\s*$", re.IGNORECASE)
# ... or the whole a subject is a share per head of: "GRDP bình quân đầu người"
_PER_HEAD = re.compile(r"\s+bình\s+quân(?:\s+(?:đầu\s+người|một\s+người|mỗi\s+người))?\s*", re.IGNORECASE)
