"""The rules: named checks over one event's articles, run by the engine, selected by id.

Importing this package registers every rule (each module's ``@register`` runs on import).
``check`` runs them; ``rules()`` lists them for ``--list-rules`` and ``--explain``.
"""

from checker.rules import actions, dates, instrument, location, participants  # noqa: F401  (registers)
from checker.rules.engine import check
from checker.rules.registry import Rule, register, rules
from checker.rules.view import EventView, Issue

__all__ = ["EventView", "Issue", "Rule", "check", "register", "rules"]
