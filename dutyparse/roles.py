"""Canonical roles, public: `仓管员`, `仓库管理员` and `库管` share one role id.

>>> from dutyparse.roles import canonical
>>> canonical("仓管员") == canonical("仓库管理员") == canonical("库管")
True
>>> canonical("客服专员") == canonical("客户服务专员")
True

The rules and the lexicon are described in `dutyparse.classify.canonical`.
"""

from __future__ import annotations

from dutyparse.classify.canonical import canonical, is_known, surfaces

__all__ = ["canonical", "is_known", "surfaces"]
