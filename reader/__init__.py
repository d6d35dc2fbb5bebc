"""reader: a terminal reader for German news that knows who is in the story and who said what.

Importing ``reader`` is cheap: spaCy and Textual load only when analysis or the app needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"
__all__ = ["Analysis", "__version__", "analyze_path", "analyze_text"]

if TYPE_CHECKING:
    from reader.analysis import Analysis, analyze_path, analyze_text


def __getattr__(name: str) -> Any:
    # Lazy, so that `import reader` and `reader --help` stay fast.
    if name in ("Analysis", "analyze_path", "analyze_text"):
        from reader import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'reader' has no attribute {name!r}")
