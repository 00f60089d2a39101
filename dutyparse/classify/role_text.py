"""Reading the role a heading, a title or an item's label names (SPEC §3).

A heading names a role when, once its duty suffix and organisation prefix are gone, what
is left ends like a position or a unit (`lexicons/role_heads.txt`,
`role_unit_heads.txt`) or is a known role:

    商贸公司总经理工作职责   →  strip 职责, 工作; drop 商贸公司   →  总经理
    客户服务部岗位职责及管理制度  →  strip 制度, 管理, 及, 职责, 岗位  →  客户服务部
    客户服务中心组织架构及客服部门岗位职责  →  whole fails; first part  →  客户服务中心
    各部门职责 / 岗位人员工作职责  →  generic (`role_generic.txt`)  →  None

The rules run on the matching form (`matchform.fold`) and the role is cut from the text
as written, whitespace removed: `網吧店長崗位職責` → `網吧店長`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from dutyparse.classify.canonical import is_known, surfaces
from dutyparse.classify.matchform import CACHE_SIZE, fold, squeeze
from dutyparse.lexicons import lines
from dutyparse.pattern_cache import compiled
from dutyparse.textclean import SPACE

_ROLE_MIN, _ROLE_MAX, _LABEL_MAX = 2, 16, 24
# Characters trimmed from both ends of a window: spaces and punctuation.
_TRIM = " \n:：、,，.。;；!！?？-—_·*#"
# A bracket closing a heading: `(一)`, `（20200502123308）`, `(加挂院工会牌子)`.
_TRAILING_BRACKET = compiled(r"\s*[(\[【][^()\[\]【】]*[)\]】]\s*$")
# A bracket opening a heading: `(岗位职责)组织机构和职责`.
_LEADING_BRACKET = compiled(r"\s*[(\[【][^()\[\]【】]*[)\]】]\s*")
# A list marker or year left on a heading: `A、`, `3.2`, `四、`, `第二条`, `职责一:`,
# `2021年度`; a bare `2020` is no marker.
_LEADING_MARKER = compiled(
    r"\s*(?:[A-Za-z]|[一二三四五六七八九十]{1,3})[、.．)]\s*"
    r"|\s*[0-9]{1,2}(?:[.．][0-9]{1,2})*[、.．)]?\s*(?=\p{Han})"
    r"|\s*第[一二三四五六七八九十百0-9]{1,4}[章节条款]\s*"
    r"|\s*职责[一二三四五六七八九十]{1,3}[:：]\s*"
    r"|\s*[0-9]{4}\s*年度?\s*"
)
# A share of time closing a heading: `会务项目管理 60%`.
_PERCENT = compiled(r"\s*[0-9]+(?:\.[0-9]+)?\s*%\s*$")
# Connectors that join two parts of a heading: `…组织架构及客服部门岗位职责`.
_CONNECTOR = compiled(r"以及|及|和")
# A phase before a unit: `项目前期客户服务部`, `项目交房后客户服务部`.
_PHASE = re.compile(r"(?:前期|中期|后期|初期|阶段|期间|之前|之后|前|后)$")
# Clause punctuation: a label containing it is a sentence, not a name.
_CLAUSE = re.compile(r"[,，。;；!！?？、]")
# What a role's name never contains besides clause punctuation: `岗位名称：店长`.
_NOT_IN_NAME = re.compile(r"[,，。;；!！?？、:：]")
# The label of an item: text up to the first whitespace or colon; read no further than
# one character past the longest label (a longer run is no label either way).
_LABEL = re.compile(rf"[{SPACE}]*([^{SPACE}:：]{{1,{_LABEL_MAX + 1}}})")
# A place written with its level: `南京市`, `岚皋县`, `徐汇区`.
_PLACE_LEVEL = compiled(r"^\p{Han}{1,6}?(?:省|市|区|县|镇|乡|州)$")
# Parts of a posting title: `淘宝运营/店长`, `销售行政专员-会务方向`, `客服（徐汇）`.
_TITLE_PART = compiled(r"[(（][^()（）]*[)）]|[-—_/][^-—_/()（）]+|[^-—_/()（）]+")
_TITLE_SPLIT = compiled(r"[+|｜丨]")
# The position a form or posting names: `岗位名称：出纳`, `职位名称 项目经理`, `职位：店长`;
# the second kind of field needs its colon. One word a branch: `re` then skips straight
# to where one may start. The spaces after are written once: a set of non-Latin
# characters costs `re` ~0.2 ms to compile each time it is written.
_NAME_FIELDS = ("岗位名称", "职位名称")
_COLON_FIELDS = ("招聘岗位", "招聘职位", "应聘岗位", "岗位", "职位")
_FIELD_NAMES = [rf"{field}[:：]?" for field in _NAME_FIELDS]
_FIELD_NAMES += [rf"{field}[:：]" for field in _COLON_FIELDS]
_POSITION_FIELD = re.compile(f"(?:{'|'.join(_FIELD_NAMES)})[{SPACE}]*")
# Where a field value ends: whitespace or punctuation.
_VALUE_END = re.compile(rf"[{SPACE},，。;；:：、|｜]")
# Tags opening a posting title: `【招聘】`, `[急聘]`, `急聘：`.
_TITLE_TAGS = compiled(
    r"(?:\s*[【\[][^【】\[\]]*[】\]]|\s*(?:急聘|急招|诚聘|热招|招聘)[:：\s])*\s*"
)
# Pay closing a posting title: `销售经理 8-15K`, `客服专员4000-6000元/月`, `店长 1.5万`.
_TITLE_PAY = compiled(
    r"\s*[0-9.]+\s*(?:[-~～至]\s*[0-9.]+)?\s*(?:[kKwW]|千|万|元)(?:/月|每月)?(?:以上)?\s*$"
)


@cache
def _alternation(name: str) -> re.Pattern[str]:
    words = sorted(lines(name), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(word) for word in words) + ")")


@cache
def _suffix() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternation('role_suffixes.txt').pattern}|[{SPACE}])+$")


@cache
def _org_prefix() -> re.Pattern[str]:
    return re.compile(rf".*({_alternation('org_suffixes.txt').pattern})")


@cache
def _set(name: str) -> frozenset[str]:
    return frozenset(lines(name))


@cache
def _tuple(name: str) -> tuple[str, ...]:
    return tuple(_set(name))


def is_role(name: str) -> bool:
    """Whether a stripped phrase (matching form) names a position or a unit.

    >>> is_role("总经理"), is_role("教务处"), is_role("各部门"), is_role("成长"), is_role("活动前")
    (True, True, False, False, False)
    """
    if not _ROLE_MIN <= len(name) <= _ROLE_MAX or _NOT_IN_NAME.search(name):
        return False
    if _alternation("role_stops.txt").search(name):
        return False
    return name in surfaces() or ends_like_role(name)


def ends_like_role(name: str) -> bool:
    """Whether `name` ends like a position or a unit and is neither generic nor a
    look-alike (`各部门`, `成长`).

    >>> ends_like_role("值日教师"), ends_like_role("采购"), ends_like_role("内部")
    (True, False, False)
    """
    if name in _set("role_generic.txt"):
        return False
    if _headed_surfaces().end(name):
        return True  # `项目部安全员`: 安全员 is a role though 全员 is a look-alike
    if _endings("role_false_heads.txt").end(name):
        return False
    return _endings("role_heads.txt", "role_unit_heads.txt").end(name)


class _Endings(NamedTuple):
    """Words a name may end with, and how to cut a name's ending of each length they
    have: whether one ends it is a set lookup per length (`str.endswith` with a tuple
    tries the words one by one, ~600 for the headed surfaces).

    >>> _Endings.of(("员", "经理")).end("总经理"), _Endings.of(("员",)).end("主管")
    (True, False)
    """

    words: frozenset[str]
    tails: tuple[slice, ...]  # name[tail]: the name's last n characters, for each length n

    @classmethod
    def of(cls, words: tuple[str, ...]) -> _Endings:
        lengths = sorted({len(word) for word in words})
        return cls(frozenset(words), tuple(slice(-n, None) for n in lengths))

    def end(self, name: str) -> bool:
        # Past the name's length a tail is the name itself: one of the words only if the
        # name is, and then it ends with itself.
        return not self.words.isdisjoint(map(name.__getitem__, self.tails))


@cache
def _endings(*names: str) -> _Endings:
    """The words of the lexicons `names`, as `_Endings`."""
    return _Endings.of(tuple(word for name in names for word in lines(name)))


def _is_position(name: str) -> bool:
    """Whether `name` ends like a position rather than a unit (`校长`, not `领导小组`)."""
    return name.endswith(_tuple("role_heads.txt")) and is_role(name)


@cache
def _heads() -> tuple[str, ...]:
    return tuple(_set("role_heads.txt") | _set("role_unit_heads.txt"))


@cache
def _headed_surfaces() -> _Endings:
    """Lexicon roles that themselves end like a role (`安全员`; not `销售`, `采购`)."""
    return _Endings.of(tuple(name for name in surfaces() if name.endswith(_heads())))


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in _TRIM:
        start += 1
    while end > start and folded[end - 1] in _TRIM:
        end -= 1
    return start, end


def _strip_suffix(folded: str, start: int, end: int) -> int:
    """End of the window once duty words are stripped (`…岗位职责及管理制度`)."""
    if end > start and folded[end - 1] not in _suffix_ends() and not folded[end - 1].isspace():
        return end  # the window ends with no duty word
    found = _suffix().search(folded, start, end)
    return found.start() if found else end


@cache
def _suffix_ends() -> frozenset[str]:
    """The characters duty words end with (`责` of 职责)."""
    return frozenset(word[-1] for word in lines("role_suffixes.txt"))


@cache
def _longest_surface() -> int:
    return max(map(len, surfaces()), default=0)


def _strip_prefix(folded: str, start: int, end: int) -> int:
    """Start of the window once an organisation or phase prefix is dropped. A named
    organisation always goes (`商贸公司|总经理`, `华晟…有限公司|部门`); a bare type only
    before a position (`学校|校长`, but `学校安全工作领导小组`); a known role stays whole
    (`分公司经理`)."""
    whole = squeeze(folded[start:end])
    if whole in surfaces():
        return start
    org = _org_prefix().match(folded, start, end)
    if org and org.end() < end:
        rest = squeeze(folded[org.end() : end])
        if len(squeeze(folded[start : org.start(1)])) >= 2 or _is_position(rest):
            return int(org.end())
    # A known role after a phase; without whitespace in the window, a cut further back
    # than the longest role leaves too much to be one.
    first = start + 3 if len(whole) < end - start else max(start + 3, end - _longest_surface())
    for cut in range(first, end - 1):
        rest = squeeze(folded[cut:end])
        if rest in surfaces() and len(rest) >= 3 and _PHASE.search(folded, start, cut):
            return cut
    return start


def _window_role(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the role a window names, or None (`协助收入会计工作` names none)."""
    start, end = _trim(folded, start, end)
    if _alternation("role_label_verbs.txt").match(folded, start, end):
        return None
    end = _trim(folded, start, _strip_suffix(folded, start, end))[1]
    bracket = _trailing_bracket(folded, start, end)
    end = _trim(folded, start, bracket)[1] if bracket is not None else end
    start = _strip_prefix(folded, start, end)
    return (start, end) if is_role(squeeze(folded[start:end])) else None


def _trailing_bracket(folded: str, start: int, end: int) -> int | None:
    """Where a bracket closing folded[start:end] starts (`(一)`), if one does."""
    if end > start and folded[end - 1] not in ")]】" and not folded[end - 1].isspace():
        return None  # the bracket would close the window, spaces aside
    bracket = _TRAILING_BRACKET.search(folded, start, end)
    return bracket.start() if bracket else None


def _heading_span(folded: str) -> tuple[int, int] | None:
    """Span of the role in a folded heading: whole first, then part by part."""
    start = 0
    for opening in (_LEADING_MARKER, _LEADING_BRACKET, _POSITION_FIELD):
        found = opening.match(folded, start)
        start = found.end() if found else start
    end = len(folded)
    for pattern in (_PERCENT, _TRAILING_BRACKET, _PERCENT):
        found = pattern.search(folded, start, end)
        end = found.start() if found else end
    whole = _window_role(folded, start, end)
    if whole or not _CONNECTOR.search(folded, start, end):
        return whole
    cuts = [start, *(m.end() for m in _CONNECTOR.finditer(folded, start, end))]
    ends = [m.start() for m in _CONNECTOR.finditer(folded, start, end)] + [end]
    return next(
        filter(None, (_window_role(folded, a, b) for a, b in zip(cuts, ends, strict=True))), None
    )


def heading_role(heading: str | None) -> str | None:
    """The role a heading names, as written (whitespace removed), or None.

    >>> heading_role("商贸公司总经理工作职责"), heading_role("A、教务处安全工作职责")
    ('总经理', '教务处')
    >>> heading_role("客户服务部岗位职责及管理制度"), heading_role("各部门职责")
    ('客户服务部', None)
    """
    return _heading_role(heading) if heading else None


@lru_cache(maxsize=CACHE_SIZE)
def _heading_role(heading: str) -> str | None:
    """`heading_role`, once per distinct heading (`岗位职责` heads many sections)."""
    span = _heading_span(fold(heading))
    return squeeze(heading[span[0] : span[1]]) if span else None


def _is_place(text: str) -> bool:
    """A place, or places run together (`徐汇`, `上海浦东`, `浦东新区`)."""
    if not text or _PLACE_LEVEL.match(text):
        return bool(text)
    heads = [p for p in _set("places.txt") if text.startswith(p)]
    return any(len(p) == len(text) or _is_place(text[len(p) :]) for p in heads)


def _keeps_qualifier(part: str) -> bool:
    """A bracketed qualifier of a job title that belongs to it (`（偏行政）`)."""
    inner = part[1:-1]
    if not inner or len(inner) > 6 or _CLAUSE.search(inner) or _is_place(inner):
        return False
    return inner not in _set("role_decorations.txt") and not inner.isdigit()


def _posting_title(title: str) -> str | None:
    """A posting's first line when it is a job title, qualifiers kept:
    `物业客服助理（徐汇）` → `物业客服助理`, `淘宝运营/店长` unchanged."""
    folded = fold(title.strip())
    parts = [m.group() for m in _TITLE_PART.finditer(folded)]
    if not parts or not (is_role(parts[0].strip()) or is_known(parts[0].strip())):
        return None
    spans = [m.span() for m in _TITLE_PART.finditer(folded)]
    original = title.strip()
    kept = [
        original[a:b]
        for (a, b), part in zip(spans, parts, strict=True)
        if part[0] not in "(（" or _keeps_qualifier(part)
    ]
    return squeeze("".join(kept))


def title_role(title: str | None) -> str | None:
    """The role a document title names: a job title as a posting gives it, or the role
    of a `…岗位职责` title.

    >>> title_role("行政人事专员（偏行政）"), title_role("物业客服助理（徐汇）")
    ('行政人事专员（偏行政）', '物业客服助理')
    >>> title_role("客户服务主管岗位职责"), title_role("商贸公司岗位职责")
    ('客户服务主管', None)
    """
    if not title:
        return None
    title = title[_TITLE_TAGS.match(title).end() :]
    pay = _TITLE_PAY.search(title)
    title = title[: pay.start()] if pay else title
    parts = _TITLE_SPLIT.split(title)
    if len(parts) > 1:
        return next(filter(None, map(title_role, parts)), None)
    return _posting_title(title) or heading_role(title)


def label_span(body: str, folded: str | None = None) -> tuple[int, int] | None:
    """Span of an item's label: the text before the first whitespace or colon, when it is
    short and holds no clause punctuation; a closing bracket is left out. `folded` is
    `fold(body)`, when the caller has it.

    >>> body = "党政办公室(加挂院工会牌子) 负责"
    >>> span = label_span(body); body[span[0]:span[1]]
    '党政办公室'
    >>> label_span("每日按规定交清当天的营业报表，发送营业信息") is None
    True
    """
    folded = fold(body) if folded is None else folded
    label = _LABEL.match(folded)
    if not label or not 0 < len(label.group(1)) <= _LABEL_MAX:
        return None
    start, end = label.span(1)
    bracket = _trailing_bracket(folded, start, end)
    end = bracket if bracket is not None else end
    return None if _CLAUSE.search(folded, start, end) else (start, end)


def label_role(body: str, folded: str | None = None) -> str | None:
    """The unit or position an item's own label names (`党政办公室(…) 负责…`); a label
    opening with a verb (`协助总经理 …`) names no owner. `folded` is `fold(body)`, when
    the caller has it.

    >>> label_role("党政办公室(加挂院工会牌子) 负责学院党政会议组织"), label_role("语言能力 这是…")
    ('党政办公室', None)
    """
    folded = fold(body) if folded is None else folded
    return role_in_label(body, folded, label_span(body, folded))


def role_in_label(body: str, folded: str, label: tuple[int, int] | None) -> str | None:
    """`label_role`, where `label` is `label_span(body, folded)`."""
    # A label holds no whitespace, so no `\r\n` either: its form is a slice of the body's.
    if label is None or folded[label[0] : label[1]] in _set("form_fields.txt"):
        return None
    span = _window_role(folded, *label)
    return squeeze(body[span[0] : span[1]]) if span else None


def position_fields(text: str, folded: str | None = None) -> list[str]:
    """The positions named by the form fields of `text`, as written, in text order;
    `folded` is `fold(text)`, when the caller has it.

    >>> position_fields("岗位名称：出纳　所属部门：财务部")
    ['出纳']
    >>> position_fields("岗位名称项目经理所属部门工程部直接上级总经理")
    ['项目经理']
    """
    folded = fold(text) if folded is None else folded
    found = []
    for field in _POSITION_FIELD.finditer(folded):
        end = _VALUE_END.search(folded, field.end())
        stop = end.start() if end else len(folded)
        label = _alternation("form_fields.txt").search(folded, field.end(), stop)
        stop = label.start() if label else stop
        span = _window_role(folded, field.end(), stop)
        if span:
            found.append(squeeze(text[span[0] : span[1]]))
    return found
