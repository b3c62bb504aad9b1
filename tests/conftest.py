"""Fixtures shared across test modules."""

from __future__ import annotations

import pytest

from tests.helpers import SEEDS


@pytest.fixture(scope="session", autouse=True)
def _cache_of_the_session(tmp_path_factory):
    """Compiled patterns (``checker.compiled``) kept in a folder of the test session's, for every
    run the tests make, in this process or another: not in the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_CACHE_DIR", str(tmp_path_factory.mktemp("compiled")))
        yield


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
