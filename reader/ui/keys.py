"""How keys are shown to people: `]` rather than `right_square_bracket`."""

from __future__ import annotations

KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "slash": "/",
    "question_mark": "?",
    "space": "space",
}


def key_label(keys: str) -> str:
    return " ".join(KEY_NAMES.get(k, k) for k in keys.split(","))
