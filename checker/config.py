"""User configuration: the ``[tool.checker]`` table of pyproject.toml, or of a file named by --config.

Looked up as ruff does: from the current folder upwards, the first pyproject.toml that has a
``[tool.checker]`` table. Every key is validated here, so a typo is a clear error naming the key
instead of a setting silently ignored. Paths in the file, and the globs of ``per-path-ignores``,
are relative to the file's folder.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from types import MappingProxyType

from checker.models import Finding
from checker.rules import rules

SEVERITIES = ("error", "warning", "info")
FAIL_ON = (*SEVERITIES, "never")
KEYS = ("select", "ignore", "severity", "fail-on", "language-data", "baseline", "per-path-ignores")


class ConfigError(ValueError):
    """The configuration is not usable; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings for one run; ``select`` None means every rule."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: str = "error"
    language_data: tuple[str, ...] = ()
    baseline: str | None = None
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str | None = None

    def selected(self) -> tuple[str, ...]:
        """The ids of the rules to run: those selected (all by default) less those ignored."""
        chosen = self.select if self.select is not None else tuple(rules())
        return tuple(r for r in rules() if r in chosen and r not in self.ignore)

    def ignored_at(self, rule: str, path: str) -> bool:
        """Whether ``per-path-ignores`` turns ``rule`` off for the article file at ``path``.

        A glob is matched (``fnmatch``, case-sensitive, ``*`` crossing folders) against the path
        relative to the configuration file's folder; a glob without ``/`` against the file name.
        """
        base = os.path.dirname(os.path.abspath(self.source)) if self.source else os.getcwd()
        relative = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
        if relative.startswith("../"):
            relative = os.path.abspath(path).replace(os.sep, "/")
        name = relative.rsplit("/", 1)[-1]
        return any(
            rule in ids and fnmatchcase(relative if "/" in glob else name, glob)
            for glob, ids in self.per_path_ignores
        )

    def hides(self, finding: Finding, paths: Mapping[str, str]) -> bool:
        """Whether ``per-path-ignores`` hides ``finding``: every article it blames (its outliers,
        else all its articles) has its rule turned off. ``paths`` maps article id to file."""
        blamed = finding.outliers or finding.articles
        return bool(self.per_path_ignores) and all(
            a in paths and self.ignored_at(finding.rule, paths[a]) for a in blamed
        )


def rule_ids(value: object, where: str) -> tuple[str, ...]:
    """``value`` as a tuple of known rule ids; ``where`` names the setting in errors."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule ids")
    unknown = sorted(set(value) - set(rules()))
    if unknown:
        raise ConfigError(f"{where}: unknown rule {', '.join(map(repr, unknown))} (see check --list-rules)")
    return tuple(value)


def _string_list(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of paths")
    return value


def parse(table: Mapping[str, object], source: Path) -> Config:
    """Validate a ``[tool.checker]`` table read from ``source``."""
    where = f"{source}: [tool.checker]"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    base = source.parent
    settings: dict[str, object] = {"source": str(source)}
    if "select" in table:
        settings["select"] = rule_ids(table["select"], f"{where} select")
    if "ignore" in table:
        settings["ignore"] = rule_ids(table["ignore"], f"{where} ignore")
    if "severity" in table:
        levels = table["severity"]
        if not isinstance(levels, dict):
            raise ConfigError(f"{where} severity: expected a table of rule id = level")
        rule_ids(list(levels), f"{where} severity")
        bad = sorted(k for k, v in levels.items() if v not in SEVERITIES)
        if bad:
            raise ConfigError(f"{where} severity.{bad[0]}: expected one of {', '.join(SEVERITIES)}")
        settings["severity"] = MappingProxyType(dict(sorted(levels.items())))
    if "fail-on" in table:
        if table["fail-on"] not in FAIL_ON:
            raise ConfigError(f"{where} fail-on: expected one of {', '.join(FAIL_ON)}")
        settings["fail_on"] = table["fail-on"]
    if "language-data" in table:
        paths = [base / p for p in _string_list(table["language-data"], f"{where} language-data")]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise ConfigError(f"{where} language-data: no such file: {missing[0]}")
        settings["language_data"] = tuple(str(p) for p in paths)
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{where} baseline: expected a path")
        settings["baseline"] = str(base / table["baseline"])
    if "per-path-ignores" in table:
        globs = table["per-path-ignores"]
        if not isinstance(globs, dict):
            raise ConfigError(f"{where} per-path-ignores: expected a table of glob = [rule ids]")
        settings["per_path_ignores"] = tuple(
            (glob, rule_ids(ids, f"{where} per-path-ignores.{glob!r}")) for glob, ids in sorted(globs.items())
        )
    return Config(**settings)


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _checker_table(data: dict) -> dict | None:
    tool = data.get("tool")
    return tool.get("checker") if isinstance(tool, dict) else None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a ``[tool.checker]`` table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _checker_table(_read(candidate)) is not None:
            return candidate
    return None


def load_config(path: str | None = None, cwd: Path | None = None) -> Config:
    """The configuration from ``path`` (its ``[tool.checker]`` table, else its top-level keys),
    or from the nearest pyproject.toml; defaults when there is none."""
    if path is not None:
        source = Path(path)
        data = _read(source)
        if isinstance(data.get("tool"), dict):
            return parse(_checker_table(data) or {}, source)
        return parse(data, source)
    found = find_pyproject((cwd or Path.cwd()).resolve())
    if found is None:
        return Config()
    return parse(_checker_table(_read(found)) or {}, found)
