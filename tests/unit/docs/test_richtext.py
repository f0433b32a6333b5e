from __future__ import annotations

import pytest

from evdict.docs.richtext import RichText, escape_markdown, is_safe_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " javascript:x",
        "vbscript:x",
        "data:text/html,<script>",
        "file:///etc/passwd",
    ],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize(
    "url", ["https://example.com/a?b=c#d", "http://x", "mailto:pm@example.com", "../a.html", "#x"]
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


def test_html_is_commonmark_without_raw_html_headings_images_or_unsafe_links() -> None:
    text = RichText(
        "Paid *once*, see [spec](https://x.dev) and [x](javascript:alert(1)).\n\n"
        "- `amount_cents` <b>raw</b>\n\n# Not a heading ![img](https://x.dev/t.png)"
    )
    assert text.html == (
        '<p>Paid <em>once</em>, see <a href="https://x.dev">spec</a> and '
        "[x](javascript:alert(1)).</p>\n"
        "<ul>\n<li><code>amount_cents</code> &lt;b&gt;raw&lt;/b&gt;</li>\n</ul>\n"
        '<p># Not a heading !<a href="https://x.dev/t.png">img</a></p>\n'
    )
    assert text.text == (
        "Paid once, see spec and [x](javascript:alert(1)). amount_cents <b>raw</b> "
        "# Not a heading !img"
    )


def test_plain_text_skips_the_parser_and_renders_the_same() -> None:
    source = 'Fires when a user clicks "Upgrade" (once per session); 3 steps?'
    text = RichText(source)
    assert text.plain
    assert (
        text.html
        == "<p>Fires when a user clicks &#34;Upgrade&#34; (once per session); 3 steps?</p>\n"
    )
    assert text.text == source
    assert not RichText("1. a list").plain
    assert not RichText("- a list").plain


def test_markdown_is_rebuilt_from_the_parse_so_nothing_unsafe_passes() -> None:
    text = RichText(
        "Paid *once* [spec](https://x.dev/a_(b)) [x](javascript:alert(1)) <script>x</script>\n"
        "![i](https://t.dev/p.png)\n\n"
        "1. first `a|b`\n2. second\n\n> quoted\n\n    code <b>"
    )
    assert text.markdown == (
        "Paid *once* [spec](<https://x.dev/a_(b)>) \\[x\\](javascript:alert(1)) "
        "&lt;script&gt;x&lt;/script&gt; \\![i](<https://t.dev/p.png>)\n"
        "\n1. first `a|b`\n2. second\n\n> quoted\n\n```\ncode <b>\n```"
    )


def test_escape_markdown_neutralises_block_starts_and_html() -> None:
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("1. not a list") == "1\\. not a list"
    assert escape_markdown("a_b | <i>&") == "a\\_b \\| &lt;i&gt;&amp;"
    assert escape_markdown("two\nlines") == "two lines"
