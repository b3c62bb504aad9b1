"""Fixtures shared across test modules."""

from __future__ import annotations

import pytest

from tests.helpers import SEEDS


@pytest.fixture(scope="session")
def seed_report_json() -> str:
    """The JSON report of ``check seeds/``, produced once through the command line's own code."""
    import contextlib
    import io

    from checker.cli import main

    out = io.StringIO()
    with contextlib.chdir(SEEDS.parent), contextlib.redirect_stdout(out):
        main(["seeds/", "--format", "json", "--fail-on", "never"])
    return out.getvalue()
