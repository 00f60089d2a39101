"""Shared fixtures: our corpus, and the shared development set when it is present."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"


def corpus_docs() -> list[Path]:
    """Our own documents with gold (`corpora/docs/*.txt`)."""
    return sorted((CORPORA / "docs").glob("*.txt"))


def shared_docs() -> list[Path]:
    """The development set and the seed file, when this checkout sits beside them."""
    return sorted((SHARED / "dev" / "docs").glob("*.txt")) + sorted(
        (SHARED / "seeds").glob("*.txt")
    )


def gold_for(doc: Path) -> dict[str, Any]:
    """The gold annotation of a document (same folder layout as `shared/dev`)."""
    data: dict[str, Any] = json.loads(
        (doc.parent.parent / "gold" / (doc.stem + ".json")).read_text(encoding="utf-8")
    )
    return data


def hide_module(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Make `import module` (and its submodules) fail, as when an extra is not installed."""
    real_import = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module or name.startswith(module + "."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
