"""Extract a typed ClaimRecord, with evidence, from one article.

``record.extract_article`` chains one module per field (``dates``, ``participants``, ``location``,
``instrument``, ``actions``), each reading the article's language data through ``text.ArticleText``.
Extraction depends on nothing else in the run, so articles can be extracted in any order.
"""
