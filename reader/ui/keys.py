"""How keys are shown to people: `]` rather than `right_square_bracket`."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

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


def binding_keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys of a binding as the user set them (``[keymap]`` in the config), else its own."""
    return keymap.get(binding.id, binding.key) if binding.id else binding.key


def binding_ids() -> dict[str, Binding]:
    """Every binding with an id in the app's modules: what a ``[keymap]`` can name."""
    import importlib
    import pkgutil

    import reader.ui

    found: dict[str, Binding] = {}
    for module_info in pkgutil.walk_packages(reader.ui.__path__, "reader.ui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                for binding in getattr(value, "BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.id:
                        found[binding.id] = binding
    return found
