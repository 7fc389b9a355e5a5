"""cite: tool text names the law by key into the citation registry; unknown, superseded, regraded
or unnamed articles are refused. Runs in CPython and in Pyodide (no YAML, no MkDocs here)."""

import pytest

from calculators.core import cite


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十二", 12), ("一百七十一", 171), ("二百零五", 205), ("一千零三十三", 1033)])
def test_article_numerals(numeral, value):
    assert cite.number(numeral) == value


def test_ranges_are_spelled_out():
    named = cite.articles("第二百五十三条至第二百五十五条")
    assert {"#253", "#254", "#255"} <= named and "#256" not in named


def test_cite_refuses_unknown_superseded_and_unnamed_articles():
    assert cite.cite("civil-procedure-236") == "第二百三十六条"
    assert cite.cite("civil-procedure-236", law=True) == "《民事诉讼法》第二百三十六条"
    assert cite.cite("civil-procedure-253", "第二百五十四条") == "第二百五十四条"  # inside 第二百五十三条至第二百五十五条
    assert cite.cite("civil-procedure-171", "第一百七十一条第二款") == "第一百七十一条第二款"
    assert cite.cite("high-consumption-2015", "第一条").endswith("（据转载，以最高人民法院公布的文本为准）")
    with pytest.raises(cite.CitationError, match="superseded; cite 'dishonest-list-2017'"):
        cite.cite("dishonest-list-2013")
    with pytest.raises(cite.CitationError, match="unknown"):
        cite.cite("no-such-key")
    regraded = dict(cite.ENTRIES["civil-procedure-236"], grade="C")
    original = cite.ENTRIES["civil-procedure-236"]
    try:
        cite.ENTRIES["civil-procedure-236"] = regraded
        with pytest.raises(cite.CitationError, match="grade 'C'"):
            cite.cite("civil-procedure-236")
    finally:
        cite.ENTRIES["civil-procedure-236"] = original
    with pytest.raises(cite.CitationError, match="not 第一百七十二条"):
        cite.cite("civil-procedure-171", "第一百七十二条")
