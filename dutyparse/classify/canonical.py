"""Canonical roles across documents: `仓管员`, `仓库管理员` and `库管` are one role.

`canonical(name)` gives the role id that every way of writing a role shares. The ids are
the headwords of `lexicons/role_lexicon.txt` (360+ positions and units with their
variants). A name is looked up in this order, each step a small rule:

1. exactly, once folded (width, Traditional → Simplified, no whitespace or brackets);
2. without a seniority prefix (`高级会计` → 会计) or an organisation prefix
   (`商贸公司总经理` → 总经理);
3. as a unit plus a title, each canonical (`客服部主管` → 客户服务部 + 主管);
4. by fuzzy matching (rapidfuzz) against every variant, guarded so that the match keeps
   the name's ending and its `副` (a 副经理 is never a 经理).

Unknown roles keep their own (folded) text as id, so equal names still group.

>>> canonical("仓管员"), canonical("库管"), canonical("客户服务专员"), canonical("職員")
('仓库管理员', '仓库管理员', '客服专员', '职员')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from dutyparse.classify.matchform import CACHE_SIZE, fold, squeeze
from dutyparse.lexicons import lines

# Bracketed additions: `物业客服助理（徐汇）`, `总经理(CEO)`.
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
# A qualifier after a dash: `销售行政专员-会务方向`.
_DASH_QUALIFIER = re.compile(r"(?<=.)[-_][^-_]*$")
# Seniority that does not change the role: `高级会计`, `资深客服专员`, `储备店长`.
_SENIORITY = re.compile(r"^(?:高级|资深|初级|中级|见习|实习|储备|首席|助理(?=工程师))")
_FUZZY_CUTOFF = 86.0


@cache
def _lexicon() -> dict[str, str]:
    """Every surface form → its headword (the role id)."""
    forms: dict[str, str] = {}
    for entry in lines("role_lexicon.txt"):
        names = [name.strip() for name in entry.split("|")]
        for name in names:
            forms[name] = names[0]
    return forms


@cache
def _org_prefix() -> re.Pattern[str]:
    endings = "|".join(sorted(lines("org_suffixes.txt"), key=len, reverse=True))
    return re.compile(rf"^.{{2,}}?(?:{endings})(?=.{{2,}}$)")


def surfaces() -> dict[str, str]:
    """The lexicon: each surface form (Simplified) → its role id.

    >>> surfaces()["库管"]
    '仓库管理员'
    """
    return _lexicon()


def is_known(name: str) -> bool:
    """Whether `name` resolves to a lexicon role (by any of the rules above).

    >>> is_known("仓库保管员"), is_known("会务方向")
    (True, False)
    """
    key = _key(name)
    return bool(key) and _resolve(key) is not None


def canonical(name: str | None) -> str | None:
    """The role id of `name`; its own folded text when the lexicon does not know it.

    >>> canonical("客服部主管"), canonical("商贸公司总经理"), canonical("淘宝运营/店长")
    ('客服主管', '总经理', '淘宝运营/店长')
    """
    return _canonical(name or "")


@lru_cache(maxsize=CACHE_SIZE)
def _canonical(name: str) -> str | None:
    """`canonical`, once per distinct name: a document names its roles again and again."""
    key = _key(name)
    if not key:
        return None
    return _resolve(key) or key


def _key(name: str) -> str:
    """Folded, whitespace-free, brackets and dash qualifier dropped."""
    key = _BRACKETS.sub("", squeeze(fold(name)))
    return str(_DASH_QUALIFIER.sub("", key)).strip(":：、,，.。;；")


def _resolve(key: str) -> str | None:
    for rule in (_exact, _stripped, _composed, _fuzzy):
        found = rule(key)
        if found:
            return found
    return None


def _exact(key: str) -> str | None:
    return _lexicon().get(key)


def _stripped(key: str) -> str | None:
    """Seniority or organisation prefix removed, then exact."""
    for pattern in (_SENIORITY, _org_prefix()):
        rest = pattern.sub("", key, count=1)
        if rest != key and (found := _exact(rest)):
            return found
    return None


def _composed(key: str) -> str | None:
    """Unit + title, each canonical: `客服部主管` → `客户服务部` + `主管` → `客服主管`."""
    for title in lines("role_titles.txt"):
        unit = key.removesuffix(title)
        if unit == key or len(unit) < 2:
            continue
        unit_id = _exact(unit) or _exact(unit + "部")
        if unit_id:
            wholes = (unit_id + title, unit_id.removesuffix("部") + title)
            return next(filter(None, map(_exact, wholes)), wholes[0])
    return None


def _fuzzy(key: str) -> str | None:
    """Nearest variant by edit similarity, keeping the ending and any `副`."""
    forms = _lexicon()
    found = process.extractOne(key, forms.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if found is None:
        return None
    form = found[0]
    if form[-1] != key[-1] or ("副" in form) != ("副" in key) or abs(len(form) - len(key)) > 2:
        return None
    return forms[form]
