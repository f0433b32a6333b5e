"""The dictionary as Markdown files, for wikis and MkDocs: the same pages as the HTML site.

Markdown renderers pass raw HTML through, so plan text is escaped here too: the
templates' environment escapes every value by default (its ``finalize``), and only
values the writer built itself (:class:`MdSafe`) are emitted as they are.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from evdict.docs.content import CodeLink, SiteContent
from evdict.docs.output import SiteOutput
from evdict.docs.richtext import Quoted, RichText, code_span, escape_markdown, markdown_url

# Optional sections leave runs of blank lines; Markdown needs one.
_BLANK_LINES = re.compile(r"\n{3,}")


class MdSafe(str):
    """Markdown the writer made itself: emitted without escaping."""


def _finalize(value: Any) -> str:
    if isinstance(value, MdSafe):
        return value
    if isinstance(value, (RichText, Quoted)):
        return MdSafe(value.markdown)
    return escape_markdown("" if value is None else str(value))


def _blockquote(value: Any) -> MdSafe:
    text = _finalize(value)
    return MdSafe("\n".join(f"> {line}".rstrip() for line in text.splitlines()))


def _code_link(link: CodeLink) -> MdSafe:
    label = code_span(link.label, in_table=True)
    return MdSafe(f"[{label}]({markdown_url(link.url)})" if link.url else label)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("evdict.docs", "templates/md"),
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        code=lambda text: MdSafe(code_span(str(text))),
        code_cell=lambda text: MdSafe(code_span(str(text), in_table=True)),
        url=lambda text: MdSafe(quote(str(text))),
        code_link=_code_link,
        blockquote=_blockquote,
    )
    return env


def write_markdown(site: SiteContent, output: SiteOutput) -> None:
    """Write every page of the site as a Markdown file into ``output``."""
    env = environment()
    for page in site.pages():
        template = env.get_template(f"{page.template}.md")
        text = template.render(page.values, site=site, root=page.root)
        output.write(f"{page.path}.md", _BLANK_LINES.sub("\n\n", text).strip() + "\n")
