"""The rule registry: every rule is a small named unit that registers itself by decorator.

As in ruff and flake8, a rule has a stable id (what users select, ignore, override and baseline),
a default severity, the record field it looks at, and a docstring that is its ``--explain`` text.
The engine reads only this metadata, so adding a rule never touches the engine.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from checker.models import Severity

if TYPE_CHECKING:
    from checker.rules.view import EventView, Issue

CheckFunction = Callable[["EventView"], Iterable["Issue"]]


@dataclass(frozen=True)
class Rule:
    """One registered rule: metadata plus the function that yields its issues for one event."""

    id: str
    severity: Severity
    field: str
    check: CheckFunction

    @property
    def explanation(self) -> str:
        """The full docstring, dedented: what the rule checks, why, and examples."""
        return inspect.getdoc(self.check) or self.id

    @property
    def summary(self) -> str:
        """The first line of the docstring, as ``--list-rules`` shows it."""
        return self.explanation.splitlines()[0]


_RULES: dict[str, Rule] = {}


def register(id: str, severity: Severity, field: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as the rule ``id``; ids must be unique and documented."""

    def decorate(check: CheckFunction) -> CheckFunction:
        if id in _RULES:
            raise ValueError(f"rule {id!r} is registered twice")
        if not inspect.getdoc(check):
            raise ValueError(f"rule {id!r} needs a docstring: it is the --explain text")
        _RULES[id] = Rule(id, severity, field, check)
        return check

    return decorate


def rules() -> MappingProxyType:
    """Every registered rule by id, in id order (the order of --list-rules)."""
    return MappingProxyType(dict(sorted(_RULES.items())))
