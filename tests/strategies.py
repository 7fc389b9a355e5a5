"""Hypothesis strategies shared by the engine's property tests: what a reader might type, and worse."""

from hypothesis import strategies as st

EXAMPLES = ["3000", "3,000", "３０００", "1.2万", "3千", "¥3000", "-5", "abc", "", " ", "NaN", "Infinity", "0", "0.001", "1e5", "1亿", "100000000.01"]

amount_text = st.builds(
    lambda number, unit, prefix: f"{prefix}{number}{unit}",
    st.decimals(min_value=0, max_value=200000, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "", "", "元", "万", "千", "块", "w"]),
    st.sampled_from(["", "", "¥", "￥", " ", "+", "-"]),
)

# Anything a JSON request could carry in one field.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)

# Mostly plausible text, sometimes anything at all.
field_value = st.one_of(
    amount_text,
    st.sampled_from(EXAMPLES),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.decimals(),
    st.text(max_size=40),
    json_values,
)

count_text = st.one_of(st.integers(min_value=-3, max_value=400).map(str), st.sampled_from(["12期", "6个月", "", "x", "1.5"]), field_value)
date_text = st.one_of(st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日"), field_value)


def fields_for(**strategies):
    """A dict with each given key present or absent, each value drawn from its strategy."""
    return st.fixed_dictionaries({}, optional=strategies)


# The negotiation letter's fields, which the pack's form shares (the pack reads them with
# tools.letter.parse); each test adds its own `reasons` and the fields of its own form.
letter_form = dict(
    name=field_value,
    lender=field_value,
    owed=st.one_of(amount_text, field_value),
    details=field_value,
    monthly=st.one_of(amount_text, field_value),
    months=count_text,
    down_payment=st.one_of(amount_text, field_value),
    total=st.one_of(amount_text, field_value),
)
