"""Fact-consistency checker for news coverage of official meetings.

The pipeline, in the order a run goes through it:

1. ``read``     reads article files into Documents (``checker/read.py``);
2. ``extract``  turns each Document into a typed ClaimRecord with evidence (``checker/extract/``);
3. ``group``    groups the articles that report the same meeting into Events (``checker/group.py``);
4. ``rules``    applies the registered rules to each Event and yields Findings (``checker/rules/``);
5. ``report``   writes the findings as text, JSON and other formats (``checker/report/``).

``checker/pipeline.py`` chains the first three, ``checker/cli.py`` is the ``check`` command.
"""

__version__ = "0.1.0"
