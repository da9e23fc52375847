"""GX's Data Docs index page, readable offline too.

GX draws the index's tables (validation results, expectation suites) in the browser with bootstrap-table and
jQuery from CDNs: opened from disk without a network, the index lists nothing. This view is GX's own
(DefaultJinjaIndexPageView, configured in the site's `site_index_builder`), with one template in front of
GX's: each table is also written as plain HTML rows, removed by the page itself when bootstrap-table did load.
Imported by Great Expectations from the site's configuration only, so GX stays out of this package's imports.
"""
from __future__ import annotations

from pathlib import Path

from great_expectations.render.view import DefaultJinjaIndexPageView
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

TEMPLATES = Path(__file__).parent / "data_docs_views"


class OfflineIndexPageView(DefaultJinjaIndexPageView):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        gx = self.env.loader  # ours first; GX's own templates stay reachable as gx/<name>
        self.env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), PrefixLoader({"gx": gx}), gx])
