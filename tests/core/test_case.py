"""case: the model's file round-trips exactly, and every bad, foreign or hostile file is refused
with a calm Chinese message and nothing else."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.core import case as model
from calculators.core.case import Case, CaseError, Lender, LogRow, Owed, Paper, Plan, Reader, from_data, from_json, migrate, to_data, to_json
from strategies import json_values

D = Decimal


def seed_case() -> Case:
    """The seed's situation: income 5000, expenses 2000, three lenders of 10,000, 20,000 and 30,000."""
    return Case(
        reader=Reader("王小明", "138 0000 0000"),
        income=D("5000.00"),
        expenses=D("2000.00"),
        lenders=(
            Lender(name="借呗", kind="small_loan", loan_number="JB-001", owed=Owed(D("10000.00")), overdue_since=dt.date(2026, 3, 5), monthly_demand=D("1000.00"),
                   plan=Plan(monthly=D("500.00"), months=20, start=dt.date(2027, 1, 15))),
            Lender("微粒贷", "bank", owed=Owed(total=D("20000.00"), principal=D("18000.00"), interest=D("1500.00"), fees=D("500.00")), contract_date=dt.date(2024, 6, 1)),
            Lender("某某消费金融", "consumer_finance", owed=Owed(principal=D("30000.00"))),
        ),
        papers=(Paper("payment_order", dt.date(2026, 11, 28)),),
        log=(LogRow(date=dt.date(2026, 11, 2), time="09:40", channel="phone", who="工号 A1029", said="答应三天内回复", evidence="录音 1102.m4a"),),
        reasons=("job_loss", "illness"),
    )


def file_of(**changes) -> str:
    """The seed case's file with top-level parts replaced."""
    return json.dumps({**to_data(seed_case()), **changes}, ensure_ascii=False)


def refused(raw) -> CaseError:
    with pytest.raises(CaseError) as caught:
        from_json(raw)
    assert caught.value.message and "Traceback" not in caught.value.message
    return caught.value


def test_the_seed_case_round_trips_and_the_file_says_what_it_is():
    case = seed_case()
    text = to_json(case)
    assert from_json(text) == case
    data = json.loads(text)
    assert data["format"] == "xieshang-case" and data["version"] == model.VERSION == 2
    assert data["income"] == "5000.00" and data["lenders"][1]["owed"]["fees"] == "500.00"
    assert data["lenders"][0]["plan"] == {"monthly": "500.00", "months": 20, "start": "2027-01-15"}
    assert from_json(text.encode("utf-8")) == case == from_json(b"\xef\xbb\xbf" + text.encode("utf-8"))  # bytes, with a BOM too


def test_an_empty_case_round_trips():
    assert from_json(to_json(Case())) == Case()
    assert from_json('{"format": "xieshang-case", "version": 1}') == Case()


def test_amounts_are_written_to_the_fen():
    assert to_data(Case(income=D("5000")))["income"] == "5000.00"


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", '<img src=x onerror="x()">', "a</b>", "<!-- x -->", "<?xml?>", "甲<svg/onload=x>"])
def test_html_in_any_text_is_refused(text):
    assert "网页代码" in refused(file_of(reader={"name": text})).message
    assert refused(file_of(lenders=[{"name": "甲", "loan_number": text}])).path == "lenders[0].loan_number"
    assert refused(file_of(log=[{"date": "2026-11-02", "said": text}])).path == "log[0].said"
    with pytest.raises(CaseError):
        to_json(Case(reader=Reader(text)))


def test_angle_brackets_that_are_not_markup_are_kept():
    case = Case(reader=Reader("收入<5000 >3"), log=(LogRow(dt.date(2026, 11, 2), said="他说 < 1 周内回复"),))
    assert from_json(to_json(case)) == case


@pytest.mark.parametrize("key", ["__proto__", "constructor", "prototype"])
def test_prototype_keys_are_refused_anywhere(key):
    assert "不允许" in refused(f'{{"format": "xieshang-case", "version": 1, "{key}": {{}}}}').message
    data = to_data(seed_case())
    data["lenders"][0]["owed"][key] = "1.00"
    refused(json.dumps(data))
    data = to_data(seed_case())
    data["reader"] = {key: {"polluted": True}}
    refused(json.dumps(data))


def test_repeated_and_unknown_keys_are_refused():
    assert "重复" in refused('{"format": "xieshang-case", "version": 1, "income": "1.00", "income": "2.00"}').message
    assert "不认识" in refused(file_of(extra="x")).message
    data = to_data(seed_case())
    data["lenders"][0]["secret"] = 1
    assert refused(json.dumps(data)).path == "lenders[0]"


def test_numbers_where_strings_belong_and_the_reverse_are_refused():
    assert refused(file_of(income=5000)).path == "income"
    assert "3000.00" in refused(file_of(income="5000")).message  # two decimals, always
    data = to_data(seed_case())
    data["lenders"][0]["plan"]["months"] = "20"
    assert refused(json.dumps(data)).path == "lenders[0].plan.months"
    data["lenders"][0]["plan"]["months"] = True
    refused(json.dumps(data))
    assert refused(file_of(version="1")).path == "version"
    assert "小数" in refused(file_of(version=1.0)).message
    refused(file_of(reader={"name": 5}))
    refused('{"format": "xieshang-case", "version": 1, "income": NaN}')


def test_deep_nesting_is_refused():
    assert "嵌套" in refused("[" * 200_000).message
    assert "嵌套" in refused('{"format": "xieshang-case", "version": 1, "lenders": [{"name": "a", "owed": {"total": [[1]]}}]}').message


def test_ten_megabytes_of_padding_are_refused_before_reading():
    padding = " " * 10_000_000
    limit = f"{model.MAX_MB} MB"
    assert limit in refused(file_of()[:-1] + padding + "}").message
    assert limit in refused((file_of() + padding).encode("utf-8")).message
    assert limit in refused(file_of(reader={"name": "甲"})[:-1] + " " * (model.MAX_BYTES + 1) + "}").message
    for opened in (model.open_file(file_of()), model.open_file(file_of().encode("utf-8"))):
        assert opened == seed_case()
    with pytest.raises(CaseError) as caught:
        model.open_file(file_of()[:-1] + " " * model.MAX_BYTES + "}")  # under the locked files' limit, over the plain ones'
    assert limit in caught.value.message
    with pytest.raises(CaseError):
        model.open_file(file_of()[:-1] + padding + "}")


def test_truncated_foreign_and_newer_files_are_refused():
    text = to_json(seed_case())
    assert "不完整" in refused(text[: len(text) // 2]).message
    assert "不是本站" in refused('{"name": "a"}').message
    assert "不是本站" in refused("[1, 2]").message
    assert "不是本站" in refused(file_of(format="other")).message
    assert "更新版本" in refused(file_of(version=model.VERSION + 1)).message
    assert "版本" in refused(file_of(version=0)).message
    assert "无法读取" in refused(b"\xff\xfe{").message
    refused("")
    refused(None)


def test_the_tools_limits_hold():
    lender = {"name": "甲"}
    assert "最多只能处理 50" in refused(file_of(lenders=[lender] * 51)).message
    row = {"date": "2026-11-02"}
    assert "最多只能处理 500" in refused(file_of(log=[row] * 501)).message
    assert from_json(file_of(lenders=[lender] * 50, log=[row] * 500)).log[-1] == LogRow(dt.date(2026, 11, 2))
    assert "1 亿" in refused(file_of(income="100000000.01")).message
    assert refused(file_of(income="1.234")).path == "income"
    assert refused(file_of(expenses="-5.00")).path == "expenses"
    assert "真实存在" in refused(file_of(papers=[{"kind": "judgment", "received": "2026-02-30"}])).message
    assert "2000 到 2100" in refused(file_of(papers=[{"kind": "judgment", "received": "1999-12-31"}])).message
    assert refused(file_of(papers=[{"kind": "judgment", "received": "2026/1/5"}])).path == "papers[0].received"
    assert refused(file_of(papers=[{"kind": "letter", "received": "2026-01-05"}])).path == "papers[0].kind"
    assert refused(file_of(log=[{"date": "2026-11-02", "time": "9:5"}])).path == "log[0].time"
    assert refused(file_of(log=[{"date": "2026-11-02", "channel": "pigeon"}])).path == "log[0].channel"
    assert refused(file_of(lenders=[{"name": "甲" * 41}])).path == "lenders[0].name"
    assert refused(file_of(lenders=[{"name": "甲", "kind": "loan_shark"}])).path == "lenders[0].kind"
    assert refused(file_of(reasons=["illness", "illness"])).path == "reasons"
    assert refused(file_of(lenders=[{"name": "甲", "plan": {"monthly": "0.00"}}])).path == "lenders[0].plan.monthly"


def test_parts_that_do_not_add_up_to_the_total_are_refused():
    owed = {"total": "20000.00", "principal": "18000.00", "interest": "1500.00", "fees": "400.00"}
    assert "加起来" in refused(file_of(lenders=[{"name": "甲", "owed": owed}])).message
    assert from_json(file_of(lenders=[{"name": "甲", "owed": {**owed, "fees": None}}])).lenders[0].owed.fees is None


def test_control_characters_are_refused_but_line_breaks_kept():
    assert refused(file_of(reader={"name": "王\u0000"})).path == "reader.name"
    refused(file_of(reader={"name": "王\u200b"}))
    refused('{"format": "xieshang-case", "version": 1, "reader": {"name": "\\udcff"}}')
    assert from_json(file_of(log=[{"date": "2026-11-02", "said": "第一行\n第二行\t完"}])).log[0].said == "第一行\n第二行\t完"


def test_a_case_the_file_could_not_hold_is_not_written():
    with pytest.raises(CaseError):
        to_json(Case(income=D("1.234")))
    with pytest.raises(CaseError):
        to_json(Case(lenders=(Lender("甲"),) * 51))


def test_a_case_at_every_limit_of_the_tools_exports_and_imports():
    """50 lenders and 500 log rows, every text at its longest in 4-byte characters: the file
    limit (not the log tool's text limits) was moved so that this fits."""
    wide = "\U00020000"  # a CJK character outside the BMP: 4 bytes in UTF-8, the most a character takes
    big = D("99999999.99")
    lender = Lender(name=wide * model.MAX_NAME, kind="unknown", loan_number=wide * 60, owed=Owed(total=big, principal=big, interest=None, fees=None), overdue_since=dt.date(2026, 1, 31), contract_date=dt.date(2025, 1, 31), monthly_demand=big,
                    plan=Plan(monthly=big, months=model.MAX_MONTHS, start=dt.date(2026, 12, 31)))
    row = LogRow(date=dt.date(2026, 11, 2), time="23:59", channel="phone", who=wide * 100, said=wide * 1000, evidence=wide * 200)
    case = Case(reader=Reader(wide * model.MAX_NAME, wide * 30), income=big, expenses=big, lenders=(lender,) * model.MAX_LENDERS,
                papers=(Paper("judgment", dt.date(2026, 11, 2)),) * model.MAX_PAPERS, log=(row,) * model.MAX_LOG, reasons=model.REASONS)
    text = to_json(case)
    assert 2_000_000 < len(text.encode("utf-8")) <= model.MAX_BYTES
    assert from_json(text) == case == model.open_file(text.encode("utf-8"))


def test_every_older_version_has_a_migration():
    assert set(model.MIGRATIONS) == set(range(1, model.VERSION))


def version_one(case) -> dict:
    """The file a version-1 site wrote for `case` (which has no rates): no "rate" in any lender."""
    data = json.loads(to_json(case))
    return {**data, "version": 1, "lenders": [{k: v for k, v in lender.items() if k != "rate"} for lender in data["lenders"]]}


def test_a_version_one_file_reads_as_a_case_without_rates_and_a_rate_round_trips():
    assert from_json(json.dumps(version_one(seed_case()), ensure_ascii=False)) == seed_case()
    rated = Case(lenders=(Lender("甲", rate=model.Rate(D("56.75"), D("12.00"))), Lender("乙", rate=model.Rate(D("14.45")))))
    text = to_json(rated)
    assert json.loads(text)["lenders"][0]["rate"] == {"apr": "56.75", "limit": "12.00"}
    assert from_json(text) == rated
    for bad in ({"apr": None}, {"limit": "12.00"}, {"apr": 56.75}, {"apr": "56.75", "extra": "1"}):
        data = json.loads(text)
        data["lenders"][0]["rate"] = bad
        with pytest.raises(CaseError):
            from_json(json.dumps(data))


def test_a_file_is_migrated_one_version_at_a_time(monkeypatch):
    """With a made-up version 3 whose steps rename a part, a version-1 file still reads."""
    seen = []

    def one_to_two(data):
        seen.append(1)
        return {**data, "version": 2, "earnings": data.pop("income", None)}

    def two_to_three(data):
        seen.append(2)
        return {**{k: v for k, v in data.items() if k != "earnings"}, "version": 3, "income": data.get("earnings")}

    old = version_one(seed_case())
    monkeypatch.setattr(model, "VERSION", 3)
    monkeypatch.setattr(model, "MIGRATIONS", {1: one_to_two, 2: two_to_three})
    assert from_data(old) == seed_case() and seen == [1, 2]
    assert migrate({"version": 3})["version"] == 3
    with pytest.raises(CaseError):
        migrate({"version": 4})


# ---------------------------------------------------------------- properties

text_chars = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn")) | st.sampled_from("\n\t<>&\"'")
amounts = st.decimals(min_value=0, max_value=D("30000000"), places=2)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def texts(maximum):
    """Text a tool could write: any character, `<` and `>` too, but never markup (refused)."""
    return st.text(text_chars, max_size=min(maximum, 30)).filter(lambda text: not model._HTML.search(text))


def owed_parts(total, principal, interest, fees, add_up):
    if add_up and None not in (principal, interest, fees):
        total = principal + interest + fees
    elif None not in (total, principal, interest, fees):
        total = None
    return Owed(total=total, principal=principal, interest=interest, fees=fees)


owed = st.builds(owed_parts, st.none() | amounts, st.none() | amounts, st.none() | amounts, st.none() | amounts, st.booleans())
plans = st.builds(Plan, amounts.filter(lambda a: a > 0), st.none() | st.integers(1, model.MAX_MONTHS), st.none() | days)
lenders = st.builds(
    Lender,
    texts(model.MAX_NAME),
    st.sampled_from(model.LENDER_KINDS),
    texts(60),
    owed,
    st.none() | days,
    st.none() | days,
    st.none() | amounts,
    st.none() | plans,
    st.none() | st.builds(model.Rate, amounts, st.none() | amounts),
)
rows = st.builds(LogRow, days, st.sampled_from(["", "00:00", "09:30", "23:59"]), st.sampled_from(model.CHANNELS), texts(100), texts(1000), texts(200))
cases = st.builds(
    Case,
    st.builds(Reader, texts(model.MAX_NAME), texts(30)),
    st.none() | amounts,
    st.none() | amounts,
    st.lists(lenders, max_size=4).map(tuple),
    st.lists(st.builds(Paper, st.sampled_from(model.PAPER_KINDS), days), max_size=3).map(tuple),
    st.lists(rows, max_size=4).map(tuple),
    st.lists(st.sampled_from(model.REASONS), unique=True).map(tuple),
)


@given(cases)
def test_export_then_import_is_the_identity(case):
    assert from_json(to_json(case)) == case


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200), json_values.map(json.dumps)))
def test_any_file_gives_a_case_or_a_case_error(raw):
    try:
        result = from_json(raw)
    except CaseError as error:
        assert error.message
        return
    assert isinstance(result, Case)


MARKER = "秘QZ"


@given(cases, st.sampled_from(["income", "reader", "lenders", "papers", "log", "reasons", "version", "format"]), json_values)
def test_a_damaged_part_is_refused_without_repeating_the_file(case, part, junk):
    data = to_data(case)
    data[part] = {MARKER: junk} if not isinstance(junk, dict) else {MARKER: 1, **junk}
    with pytest.raises(CaseError) as caught:
        from_json(json.dumps(data, ensure_ascii=False))
    assert MARKER not in caught.value.message


# ---------------------------------------------------------------- locked files

SALT, IV = "A" * 22 + "==", "B" * 16


def locked(**changes) -> str:
    data = {"format": "xieshang-case-locked", "version": 1, "kdf": "PBKDF2-SHA256", "cipher": "AES-GCM",
            "iterations": 600_000, "salt": SALT, "iv": IV, "data": "c2VjcmV0IGNhc2U="}
    return json.dumps({**data, **changes})


def test_a_locked_file_gives_what_unlocks_it():
    assert model.open_file(locked()) == model.Locked(iterations=600_000, salt=SALT, iv=IV, data="c2VjcmV0IGNhc2U=")
    big = "QUJD" * (model.MAX_BYTES // 3 + 10)  # a case near the limit, encrypted: over the plain limit, still opened
    assert model.open_file(locked(data=big)).data == big


@pytest.mark.parametrize(
    "changes, path",
    [
        ({"iterations": 10**9}, "iterations"),
        ({"iterations": 1000}, "iterations"),
        ({"iterations": "600000"}, "iterations"),
        ({"iterations": True}, "iterations"),
        ({"salt": "AAAA"}, "salt"),
        ({"iv": "<b>AAAAAAAAAAAAAA"}, "iv"),
        ({"data": "not base64!"}, "data"),
        ({"data": ""}, "data"),
        ({"data": 5}, "data"),
        ({"kdf": "MD5"}, "kdf"),
        ({"version": 2}, "version"),
        ({"extra": 1}, ""),
    ],
)
def test_a_bad_locked_file_is_refused(changes, path):
    with pytest.raises(CaseError) as caught:
        model.open_file(locked(**changes))
    assert caught.value.path == path and caught.value.message


def test_a_locked_file_cannot_hide_in_a_plain_one():
    """What a locked file decrypts to is read with from_json, which takes only a case."""
    assert "不是本站" in refused(locked()).message
