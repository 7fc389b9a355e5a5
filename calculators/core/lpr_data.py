"""One-year LPR history, generated from data/lpr.yml by scripts/hooks/lpr.py. Do not edit by hand:
edit the YAML and run `.venv/bin/python scripts/hooks/lpr.py`.

Grade B: show every value with CHECKED (the date it was checked up to) and a hedge.
"""

CHECKED = "2026-04-20"
REVIEWED = "2026-11-30"
GRADE = "B"
SOURCE = '本站根据对人民银行公告的转引和公开新闻报道整理，没有逐期核对官方原件；以中国人民银行、全国银行间同业拆借中心（中国货币网）公布为准'
# (published, one-year LPR in percent), oldest first; each holds until the next one.
ONE_YEAR = (
    ("2019-08-20", "4.25"),
    ("2019-09-20", "4.20"),
    ("2019-11-20", "4.15"),
    ("2020-02-20", "4.05"),
    ("2020-04-20", "3.85"),
    ("2021-12-20", "3.80"),
    ("2022-01-20", "3.70"),
    ("2022-08-22", "3.65"),
    ("2023-06-20", "3.55"),
    ("2023-08-21", "3.45"),
    ("2024-07-22", "3.35"),
    ("2024-10-21", "3.10"),
    ("2025-05-20", "3.00"),
)
