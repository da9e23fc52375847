"""The report site: static HTML pages over the warehouse that open from disk (file://) with no network.

An index with a timeline of events and an actor network, a page per event and per actor, paged lists and
a data quality page, from Jinja2 templates (templates/), SQL (sql/) and Plotly's own JavaScript.
"""
from warehouse.site.build import Built, SiteNotWritable, after_run, build, default_folder

__all__ = ["Built", "SiteNotWritable", "after_run", "build", "default_folder"]
