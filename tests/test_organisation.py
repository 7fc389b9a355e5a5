"""A mirror's own organisation contact (scripts/hooks/organisation.py): validated, escaped, and
shown wherever a page has the marker, beside the national lines; absent when unset."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from scripts.hooks import organisation
from scripts.hooks.organisation import MARKER, Organisation, block, read
from tests.html_parts import Parsed

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GROUP = {
    "ORG_NAME": '阳光<script>alert("x")</script>法律服务站',
    "ORG_PHONE": "+86 010-6543 2100",
    "ORG_ADDRESS": "某市某区 \"人民路\" 1 号 & 2 号",
    "ORG_HOURS": "周一至周五 9:00-17:00",
}


def marked_pages() -> list[str]:
    """Every page whose Markdown source holds the marker, as its built path ('help/index.html')."""
    found = []
    for source in DOCS.rglob("*.md"):
        if MARKER in source.read_text(encoding="utf-8"):
            rel = source.relative_to(DOCS).with_suffix("")
            found.append("index.html" if rel.as_posix() == "index" else (rel.parent if rel.name == "index" else rel).as_posix() + "/index.html")
    return sorted(found)


def build(target: Path, url: str, env: dict) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in organisation.ENV.values()}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**clean, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, "PRINT_PAGE_NUMBERS": "0", **env},  # numbers: test_outreach
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def group_site(tmp_path_factory, site_server, built_site) -> Path:
    """The site built for the same address as `built_site`, with an organisation set by environment variables."""
    target = tmp_path_factory.mktemp("org-site") / "out"
    result = build(target, site_server.url, GROUP)
    if result.returncode != 0:
        pytest.fail(f"build with an organisation failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return target


# --- reading and validating the setting -------------------------------------------------------


def test_nothing_set_means_no_organisation():
    assert read({}, environ={}) is None
    assert read({"organisation": {"name": "", "phone": "", "address": "", "hours": ""}}, environ={}) is None
    assert block(None) == ""


def test_environment_variables_override_the_config_file():
    extra = {"organisation": {"name": "配置里的名字", "phone": "010-1234567", "address": "", "hours": ""}}
    found = read(extra, environ={"ORG_NAME": "环境变量里的名字", "ORG_HOURS": "9:00"})
    assert found == Organisation(name="环境变量里的名字", phone="010-1234567", address="", hours="9:00")


@pytest.mark.parametrize("phone", ["12", "abc123456", "010_12345678", "1" * 21, "010--", "+", "-010", "123 456 7890 123 456 78901"])
def test_a_bad_phone_is_refused_naming_the_setting(phone):
    with pytest.raises(PluginError, match=r"extra\.organisation\.phone \(or ORG_PHONE\).*3 to 20 digits"):
        read({}, environ={"ORG_NAME": "某站", "ORG_PHONE": phone})


@pytest.mark.parametrize("phone", ["12348", "010-12345678", "+86 10 1234 5678", "400-123-4567"])
def test_ordinary_phone_numbers_are_accepted(phone):
    assert read({}, environ={"ORG_NAME": "某站", "ORG_PHONE": phone}).phone == phone


def test_a_number_unquoted_in_mkdocs_yml_is_refused_with_the_fix():
    with pytest.raises(PluginError, match="quotes"):
        read({"organisation": {"name": "某站", "phone": 12348}}, environ={})


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ORG_PHONE": "12348"}, "name is needed"),
        ({"ORG_NAME": "某站"}, "phone number or an address"),
        ({"ORG_NAME": "某" * 61, "ORG_PHONE": "12348"}, "at most 60"),
        ({"ORG_NAME": "某站\n第二行", "ORG_PHONE": "12348"}, "one line"),
    ],
)
def test_incomplete_or_oversized_settings_are_refused(env, message):
    with pytest.raises(PluginError, match=message):
        read({}, environ=env)


def test_an_unknown_setting_is_refused():
    with pytest.raises(PluginError, match="unknown setting"):
        read({"organisation": {"name": "某站", "telephone": "12348"}}, environ={})


@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip() and not organisation.CONTROL.search(s)))
def test_every_name_is_shown_as_text_never_as_markup(name):
    html = block(read({}, environ={"ORG_NAME": name, "ORG_PHONE": "12348"}))
    parsed = Parsed(html)
    assert parsed.tags == ["div", "p", "p", "ul", "li", "a"]
    assert f"「{name.strip()}」" in "".join(parsed.text)


# --- the built site ---------------------------------------------------------------------------


def test_the_help_page_carries_the_marker():
    assert "help/index.html" in marked_pages()


def test_without_an_organisation_the_marker_disappears(built_site):
    for page in marked_pages():
        text = (built_site / page).read_text(encoding="utf-8")
        assert MARKER not in text and "data-organisation" not in text, page
    for path in built_site.rglob("*.html"):
        assert MARKER not in path.read_text(encoding="utf-8"), path


def test_with_an_organisation_every_marked_page_shows_its_escaped_contact(group_site):
    for page in marked_pages():
        text = (group_site / page).read_text(encoding="utf-8")
        assert MARKER not in text, page
        contact = re.search(r'<div class="admonition info org-contact" data-organisation[^>]*>.*?</div>', text, re.S)
        assert contact, page
        html = contact.group(0)
        assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "「阳光" in html and "&quot;人民路&quot; 1 号 &amp; 2 号" in html
        assert 'href="tel:+8601065432100"' in html and "周一至周五 9:00-17:00" in html


def test_the_contact_sits_beside_the_national_lines_and_changes_nothing_else(group_site, built_site):
    with_group = (group_site / "help/index.html").read_text(encoding="utf-8")
    without = (built_site / "help/index.html").read_text(encoding="utf-8")
    for number in ("12356", "110", "120", "12348", "12368"):
        assert f'href="tel:{number}"' in with_group
    contact = re.search(r'<div class="admonition info org-contact" data-organisation[^>]*>.*?</div>', with_group, re.S).group(0)
    squeeze = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert squeeze(with_group.replace(contact, "")) == squeeze(without)


def test_a_bad_phone_fails_the_build_with_a_clear_message(tmp_path, site_server):
    result = build(tmp_path / "out", site_server.url, {"ORG_NAME": "某站", "ORG_PHONE": "call us"})
    assert result.returncode != 0
    assert "extra.organisation.phone (or ORG_PHONE)" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "help" / "index.html").exists()
