"""Citations as data: data/citations.yml, the pages that cite it, and the hook that links them."""

import datetime
import importlib.util
import pathlib
import re

import pytest
from mkdocs.exceptions import PluginError

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("citations_hook", ROOT / "scripts" / "hooks" / "citations.py")
hook = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(hook)

ENTRIES = hook.load()
PAGES = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "includes").rglob("*.md"))


def used_keys(history=None):
    """{key: [files citing it]} over docs/ and includes/; history=True/False keeps only that kind."""
    used = {}
    for path in PAGES:
        for key, is_history in hook.cited_keys(path.read_text(encoding="utf-8")):
            if history is None or history == is_history:
                used.setdefault(key, []).append(str(path.relative_to(ROOT)))
    return used


# Grade C items of legal-facts.md that are easy to recognise: they must never appear as fact.
GRADE_C_MARKERS = [
    "法发〔2017〕22号",
    "整治办函〔2017〕141号",
    "法释〔2020〕17号",
    "法释〔2020〕27号",
    "法释〔2018〕19号",
    "法释〔2023〕13号",
    "12315",
]


def test_there_are_citations_and_pages():
    assert len(ENTRIES) >= 20
    assert PAGES


def test_every_cited_key_exists():
    unknown = {key: files for key, files in used_keys().items() if key not in ENTRIES}
    assert unknown == {}


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_entry_is_complete(key):
    entry = ENTRIES[key]
    for name in ("law", "article", "issuer", "date", "grade", "status", "checked", "summary"):
        assert isinstance(entry.get(name), str) and entry[name].strip(), f"{key}: {name}"
    assert entry["grade"] in {"A", "B"}
    datetime.date.fromisoformat(entry["checked"])
    assert entry["status"] in {"current", "superseded"}
    if entry["status"] == "superseded":
        assert ENTRIES[entry["superseded_by"]]["status"] == "current"
    else:
        assert "superseded_by" not in entry
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key), "keys are readable slugs"
    if entry["grade"] == "B":
        assert entry.get("source", "").strip(), f"{key}: grade B needs a source"
        assert entry.get("hedge", "").strip(), f"{key}: grade B needs a hedge"
    assert entry.get("used_by") in (None, "sources-only")


def test_no_page_cites_a_superseded_entry_as_current_law():
    wrong = {key: files for key, files in used_keys(history=False).items() if ENTRIES[key]["status"] != "current"}
    assert wrong == {}


def test_history_citations_name_superseded_entries_only():
    wrong = {key: files for key, files in used_keys(history=True).items() if ENTRIES[key]["status"] != "superseded"}
    assert wrong == {}


@pytest.mark.parametrize(
    "old, new",
    [
        ("dishonest-list-2013", "dishonest-list-2017"),  # 2017 revision: inability alone is not a ground, each duty is
        ("high-consumption-rules", "high-consumption-2015"),  # 2015 revision of the consumption restriction
        ("public-security-42", "public-security-2025"),  # 2025 public-order law, in force 2026-01-01
    ],
)
def test_replaced_texts_are_marked_superseded(old, new):
    assert ENTRIES[old]["status"] == "superseded"
    assert ENTRIES[old]["superseded_by"] == new
    assert ENTRIES[new]["status"] == "current"


def test_the_2017_dishonest_list_text_is_grade_a_and_the_2025_public_order_law_is_hedged():
    assert ENTRIES["dishonest-list-2017"]["grade"] == "A"
    law = ENTRIES["public-security-2025"]
    assert law["grade"] == "B" and "条号未核" in law["hedge"]
    assert not re.search(r"第[一二三四五六七八九十百零]+条", law["article"] + law["summary"])


def test_every_entry_is_used_or_marked_sources_only():
    used = used_keys()
    unused = [key for key, entry in ENTRIES.items() if key not in used and entry.get("used_by") != "sources-only"]
    assert unused == []


def test_sources_only_entries_are_really_unused():
    used = used_keys()
    wrongly_marked = [key for key, entry in ENTRIES.items() if entry.get("used_by") == "sources-only" and key in used]
    assert wrongly_marked == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_grade_c_marker_in_pages(path):
    text = path.read_text(encoding="utf-8")
    assert [m for m in GRADE_C_MARKERS if m in text] == []


def test_no_grade_c_marker_in_citations():
    text = (ROOT / "data" / "citations.yml").read_text(encoding="utf-8")
    assert [m for m in GRADE_C_MARKERS if m in text] == []


def test_sources_page_has_the_marker():
    assert hook.MARKER in (ROOT / "docs" / "about" / "sources.md").read_text(encoding="utf-8")


# ---- the hook, called directly

TINY = {
    "law-1": {"law": "某法", "article": "第一条", "issuer": "某机关", "date": "2020-01-01",
              "grade": "A", "status": "current", "checked": "2026-11-28", "summary": "一句话。"},
    "news-1": {"law": "某报道", "article": "全文", "issuer": "某报", "date": "2025-01-01",
               "grade": "B", "status": "current", "checked": "2026-11-28", "summary": "据报道一句话。",
               "source": "某报 2025-01-01", "hedge": "据报道，以官方公布为准"},
    "memory-1": {"law": "凭记忆的文件", "article": "第二条", "issuer": "某机关", "date": "2020",
                 "grade": "C", "status": "current", "checked": "2026-11-28", "summary": "未核实。"},
    "old-law-1": {"law": "某法（旧本）", "article": "第一条", "issuer": "某机关", "date": "2010-01-01",
                  "grade": "A", "status": "superseded", "superseded_by": "law-1", "checked": "2026-11-30",
                  "summary": "旧的一句话。"},
}


def test_unknown_key_raises_naming_page_and_key():
    with pytest.raises(PluginError) as err:
        hook.replace_citations("见[[cite:no-such-key]]。", "guide/rights.md", TINY)
    assert "guide/rights.md" in str(err.value)
    assert "no-such-key" in str(err.value)


def test_grade_c_entry_raises_naming_page_and_key():
    with pytest.raises(PluginError) as err:
        hook.replace_citations("见[[cite:memory-1]]。", "guide/legal-risks.md", TINY)
    assert "guide/legal-risks.md" in str(err.value)
    assert "memory-1" in str(err.value)


def test_grade_c_entry_raises_in_html_too():
    with pytest.raises(PluginError, match="memory-1"):
        hook.replace_citations_html("<p>[[cite:memory-1]]</p>", "index.md", TINY, "about/sources/")


@pytest.mark.parametrize(
    "src_uri, target",
    [
        ("index.md", "about/sources.md#law-1"),
        ("guide/rights.md", "../about/sources.md#law-1"),
        ("about/sources.md", "sources.md#law-1"),
        ("tools/deep/page.md", "../../about/sources.md#law-1"),
    ],
)
def test_grade_a_link_is_relative_to_the_page(src_uri, target):
    out = hook.replace_citations("见[[cite:law-1]]。", src_uri, TINY)
    assert out == f"见[〔《某法》第一条〕]({target}){{ .cite }}。"


def test_grade_b_link_carries_its_hedge():
    out = hook.replace_citations("[[cite:news-1]]", "guide/watch-out.md", TINY)
    assert out.startswith("[〔《某报道》全文〕](../about/sources.md#news-1)")
    assert out.endswith("（据报道，以官方公布为准）")


def test_label_overrides_the_inline_text():
    entries = {"line": dict(TINY["news-1"], label="12378 热线")}
    out = hook.replace_citations("[[cite:line]]", "index.md", entries)
    assert out.startswith("[〔12378 热线〕](about/sources.md#line)")


def test_text_without_citations_is_unchanged():
    text = "普通文字 [链接](x.md) [[不是引用]]"
    assert hook.replace_citations(text, "index.md", TINY) == text


def test_html_citation_links_to_the_given_url():
    out = hook.replace_citations_html("<li>[[cite:news-1]]</li>", "index.md", TINY, "../about/sources/")
    assert out == ('<li><a class="cite" href="../about/sources/#news-1">〔《某报道》全文〕</a>'
                   "（据报道，以官方公布为准）</li>")


def test_render_sources_lists_every_real_entry():
    page = hook.render_sources(ENTRIES)
    for key, entry in ENTRIES.items():
        block = page.split(f'id="{key}"', 1)
        assert len(block) == 2, key
        body = block[1].split("</p>", 1)[0]
        assert entry["article"] in body
        assert entry["issuer"] in body
        assert entry["date"] in body
        assert entry["checked"] in body
        assert {"A": "原文已核", "B": "二手来源"}[entry["grade"]] in body
        if entry["grade"] == "B":
            assert entry["source"] in body
    for law in {entry["law"] for entry in ENTRIES.values()}:
        assert f"### {law}\n" in page


def test_render_sources_groups_by_law_in_file_order():
    entries = {"law-1": TINY["law-1"], "news-1": TINY["news-1"], "law-2": dict(TINY["law-1"], article="第二条")}
    page = hook.render_sources(entries)
    assert page.index("### 某法") < page.index('id="law-1"') < page.index('id="law-2"') < page.index("### 某报道")
    assert page.count("### 某法") == 1


def test_render_sources_refuses_grade_c():
    with pytest.raises(PluginError, match="memory-1"):
        hook.render_sources(TINY)


def test_render_sources_shows_status_and_date_and_links_the_successor():
    entries = {k: v for k, v in TINY.items() if k != "memory-1"}
    page = hook.render_sources(entries)
    old = page.split('id="old-law-1"', 1)[1].split("</p>", 1)[0]
    assert "状态：已被取代" in old and "(#law-1)" in old and "核对日期：2026-11-30" in old
    new = page.split('id="law-1"', 1)[1].split("</p>", 1)[0]
    assert "状态：现行" in new


def test_real_sources_page_shows_status_for_every_entry():
    page = hook.render_sources(ENTRIES)
    for key, entry in ENTRIES.items():
        body = page.split(f'id="{key}"', 1)[1].split("</p>", 1)[0]
        assert ("状态：现行" if entry["status"] == "current" else "状态：已被取代") in body, key


# ---- present tense and history

def test_present_tense_citation_of_a_superseded_entry_fails_naming_page_key_and_successor():
    with pytest.raises(PluginError) as err:
        hook.replace_citations("见[[cite:old-law-1]]。", "guide/legal-risks.md", TINY)
    message = str(err.value)
    assert "guide/legal-risks.md" in message and "old-law-1" in message
    assert "law-1" in message and "[[cite-history:old-law-1]]" in message


def test_present_tense_citation_fails_in_included_html_too():
    with pytest.raises(PluginError, match="old-law-1"):
        hook.replace_citations_html("<p>[[cite:old-law-1]]</p>", "index.md", TINY, "about/sources/")


def test_history_marker_names_a_superseded_entry_as_old_text():
    out = hook.replace_citations("旧规定[[cite-history:old-law-1]]。", "guide/rights.md", TINY)
    assert out == "旧规定[〔旧文本：《某法（旧本）》第一条〕](../about/sources.md#old-law-1){ .cite }。"
    out = hook.replace_citations_html("<p>[[cite-history:old-law-1]]</p>", "index.md", TINY, "about/sources/")
    assert out == '<p><a class="cite" href="about/sources/#old-law-1">〔旧文本：《某法（旧本）》第一条〕</a></p>'


def test_history_marker_on_a_current_entry_fails():
    with pytest.raises(PluginError, match=r"cite-history:law-1"):
        hook.replace_citations("[[cite-history:law-1]]", "index.md", TINY)


def test_cited_keys_tells_present_from_history():
    assert hook.cited_keys("[[cite:a]] 和 [[cite-history:b]]") == [("a", False), ("b", True)]


# ---- the loader's checks on status and dates

def write_entries(tmp_path, entries):
    path = tmp_path / "citations.yml"
    lines = []
    for key, entry in entries.items():
        lines.append(f"{key}:")
        lines += [f"  {name}: {value}" if name == "checked" else f"  {name}: '{value}'" for name, value in entry.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good():
    return {"law-1": dict(TINY["law-1"], checked="2026-11-30"), "old-law-1": dict(TINY["old-law-1"])}


def test_load_accepts_a_quoted_or_unquoted_date(tmp_path):
    entries = good()
    entries["law-1"]["checked"] = "'2026-11-30'"
    loaded = hook.load(write_entries(tmp_path, entries))
    assert loaded["law-1"]["checked"] == loaded["old-law-1"]["checked"] == "2026-11-30"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda e: e["law-1"].pop("status"), "lacks status"),
        (lambda e: e["law-1"].pop("checked"), "lacks checked"),
        (lambda e: e["law-1"].update(status="old"), "status 'old'"),
        (lambda e: e["law-1"].update(checked="2026-13-01"), "checked"),
        (lambda e: e["law-1"].update(checked="上个月"), "checked"),
        (lambda e: e["old-law-1"].pop("superseded_by"), "needs superseded_by"),
        (lambda e: e["old-law-1"].update(superseded_by="no-such-key"), "not a current entry"),
        (lambda e: e["law-1"].update(superseded_by="old-law-1"), "is current but names superseded_by"),
    ],
)
def test_load_refuses_bad_status_or_dates(tmp_path, change, message):
    entries = good()
    change(entries)
    with pytest.raises(PluginError, match=message):
        hook.load(write_entries(tmp_path, entries))


def test_load_refuses_an_incomplete_entry(tmp_path):
    bad = tmp_path / "citations.yml"
    bad.write_text("x:\n  law: 某法\n  article: 第一条\n  grade: A\n", encoding="utf-8")
    with pytest.raises(PluginError, match="x"):
        hook.load(bad)


def test_load_refuses_grade_b_without_hedge(tmp_path):
    bad = tmp_path / "citations.yml"
    entry = {k: v for k, v in TINY["news-1"].items() if k != "hedge"}
    bad.write_text("y:\n" + "".join(f"  {k}: '{v}'\n" for k, v in entry.items()), encoding="utf-8")
    with pytest.raises(PluginError, match="hedge"):
        hook.load(bad)


def test_load_refuses_a_key_given_twice(tmp_path):
    # Two engineers adding the same article would otherwise leave only the second, silently.
    path = write_entries(tmp_path, good())
    text = path.read_text(encoding="utf-8")
    law = text[text.index("law-1:") : text.index("old-law-1:")]
    path.write_text(text + "\n" + law, encoding="utf-8")
    with pytest.raises(PluginError, match="given twice: law-1"):
        hook.load(path)


# ---- the calculators cite the same registry (issue 19)

import ast  # noqa: E402

from calculators.core import cite as calc_cite  # noqa: E402
from calculators.core import citations_data
from calculators.core import helplines  # noqa: E402

ARTICLE = re.compile(r"第[一二三四五六七八九十百千零]+条")
GENERATED = "citations_data.py"


def python_texts():
    """(file:line, text, cite calls) for calculators/*.py: every string constant that is not a
    docstring and not an argument of cite(), and every cite(...) call's constant arguments."""
    texts, calls = [], []
    for path in sorted((ROOT / "calculators").rglob("*.py")):
        if path.name == GENERATED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # a docstring
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "cite":
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                calls.append((f"{path.name}:{node.lineno}", args))
                skip.update(id(a) for a in node.args)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                texts.append((f"{path.name}:{node.lineno}", node.value))
    return texts, calls


def test_python_text_names_no_article_outside_the_registry():
    texts, _ = python_texts()
    raw = [(where, ARTICLE.findall(text)) for where, text in texts if ARTICLE.search(text)]
    assert raw == [], "write cite('key') instead of an article number"


def test_the_article_test_catches_a_raw_article(tmp_path):
    tree = ast.parse('X = "见《民事诉讼法》第二百三十六条。"\nY = f"见{cite(\'civil-procedure-236\')}。"\n')
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert any(ARTICLE.search(c) for c in constants)  # the raw one is found ...
    assert "civil-procedure-236" in constants  # ... and the cite() key is there to be checked


def test_every_cite_call_names_a_current_entry_and_an_article_it_names():
    _, calls = python_texts()
    assert len(calls) > 100
    for where, args in calls:
        key = args[0]
        assert key in ENTRIES, where
        assert ENTRIES[key]["status"] == "current", f"{where}: {key} is superseded"
        calc_cite.cite(*args)  # raises CitationError for an article the entry does not name


def test_the_generated_module_matches_the_registry():
    assert not hook.stale(), f"calculators/core/citations_data.py is out of date: run `{hook.COMMAND}`"
    assert set(citations_data.ENTRIES) == set(ENTRIES)
    for key, entry in citations_data.ENTRIES.items():
        assert (entry["article"], entry["grade"], entry["status"]) == (ENTRIES[key]["article"], ENTRIES[key]["grade"], ENTRIES[key]["status"])


def test_a_stale_module_is_detected(tmp_path):
    changed = dict(ENTRIES)
    changed["civil-procedure-236"] = dict(ENTRIES["civil-procedure-236"], status="superseded", superseded_by="civil-procedure-171")
    assert hook.stale(changed)


def test_help_line_numbers_and_the_one_12378_wording_come_from_the_registry():
    lines = {key: entry for key, entry in ENTRIES.items() if key.startswith("helpline-")}
    assert all(entry["number"] == key.removeprefix("helpline-") for key, entry in lines.items())
    assert (helplines.MENTAL_HEALTH, helplines.LEGAL_SERVICE, helplines.COURT_SERVICE, helplines.COMPLAINT_LINE) == (
        "12356", "12348", "12368", "12378")
    scope = ENTRIES["helpline-12378"]["scope"]
    assert helplines.COMPLAINT_LINE_SCOPE == scope and scope in helplines.COMPLAINT_LINE_TEXT
    shared = (ROOT / "includes" / "helplines.md").read_text(encoding="utf-8")
    for key, entry in lines.items():
        if f"[[cite:{key}]]" in shared:
            assert f"[{entry['number']}](tel:{entry['number']})" in shared, key
    assert f"：{scope}。[[cite:helpline-12378]]" in shared
    # every page that says what 12378 takes says it in these words
    for path in PAGES:
        for text in path.read_text(encoding="utf-8").splitlines():
            if "12378" in text and "不当催收" in text:
                assert scope in text, f"{path.relative_to(ROOT)}: {text}"
