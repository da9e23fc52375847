"""Pages from Jinja2 templates with autoescaping, written under the site's folder.

Every value that comes from an article (titles, names, sentences) reaches the page through a template, so
it is HTML-escaped there; values for charts go through `tojson`, which escapes `<`, `>`, `&` and `'` so a
string holding `</script>` or `<!--` cannot end the script block that carries it.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pycountry

HERE = Path(__file__).parent
PAGE_ROWS = 100  # rows per page of a long list
SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = day
    env.filters["minutes"] = minutes
    env.filters["country"] = country
    env.filters["web"] = web_address
    env.filters["many"] = many
    env.filters["shown"] = shown
    return env


def page_name(identifier: str) -> str:
    """A file name for an id: ids are hex digests, but a page name must never hold a path separator."""
    return SAFE_NAME.sub("_", identifier) or "_"


def day(value: object) -> str:
    """A date as ISO text, or an empty string for a missing one (NULL, NaT)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return "" if text in ("NaT", "nan", "None") else text[:10]


def shown(value: object) -> object:
    """A table cell's value as a reader wants it: times to the second."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value


def minutes(value: int) -> str:
    hours, rest = divmod(int(value), 60)
    return f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"


def many(count: int, noun: str) -> str:
    """"1 report", "3 reports"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def country(code: str) -> str:
    """"Germany (DEU)" for an ISO alpha-3 code; the code alone when it is not one."""
    found = pycountry.countries.get(alpha_3=code) if isinstance(code, str) and len(code) == 3 else None
    return f"{getattr(found, 'common_name', None) or found.name} ({code})" if found else str(code)


def web_address(url: object) -> str | None:
    """An article's address for a link, only if it is http(s): a `javascript:` address never becomes one."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class Page:
    """One page of a paged list: its rows, its number (from 1) and how to name any page of the list."""
    rows: Sequence
    number: int
    count: int
    total: int  # rows in the whole list
    stem: str  # page n > 1 of the list is f"{stem}-{n}.html", from the site's root
    first: str  # page 1, from the site's root (it may be a section of another page)

    def href(self, number: int) -> str:
        return self.first if number == 1 else f"{self.stem}-{number}.html"


def paged(rows: Sequence, stem: str, first: str, size: int = PAGE_ROWS) -> Iterator[Page]:
    """The pages of a list; an empty list still has one (empty) page."""
    count = max(1, math.ceil(len(rows) / size))
    for number in range(1, count + 1):
        yield Page(rows[(number - 1) * size:number * size], number, count, len(rows), stem, first)


class Writer:
    """Renders templates into files under `root`. A page whose file already holds the same text is left
    alone: writing the files is half of a large site's time, and most pages of a site written again are
    unchanged."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = environment()
        self.paths: set[Path] = set()  # every page of this build, changed or not
        self.changed = 0

    def write(self, relative: str, template: str, **values: object) -> Path:
        path = self.root / relative
        html = self.env.get_template(template).render(root="../" * relative.count("/"), **values).encode("utf-8")
        if not same_content(path, html):
            path.write_bytes(html)
            self.changed += 1
        self.paths.add(path)
        return path

    @property
    def written(self) -> int:
        return len(self.paths)


def same_content(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except FileNotFoundError:
        return False
