"""The HTML dictionary site: static pages that work from ``file://`` and any static host.

Templates are compiled once and rendered per page; autoescaping is on, so every value
from the plan is escaped unless it went through :class:`~evdict.docs.richtext.RichText`,
which produces safe HTML itself. The index embeds its search records as JSON inside a
``<script type="application/json">`` element (no fetch: ``file://`` forbids it).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from evdict.docs.content import SiteContent
from evdict.docs.output import SiteOutput

STATIC_FILES = ("style.css", "search.js")


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("evdict.docs", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def write_html(site: SiteContent, output: SiteOutput) -> None:
    """Render every page of the site, and its stylesheet and script, into ``output``."""
    env = environment()
    for page in site.pages():
        template = env.get_template(f"{page.template}.html")
        html = template.render(page.values, site=site, root=page.root, section=page.section)
        output.write(f"{page.path}.html", html)
    static = files("evdict.docs") / "static"
    for name in STATIC_FILES:
        output.write(f"assets/{name}", static.joinpath(name).read_text(encoding="utf-8"))
