"""Installment plan (还款计划) for one debt: reads the plan form and shows the result.

The schedule comes from core/schedule.py (`make_plan`), which the letter, the pack, the offer check
and the settlement share, so a figure never differs between tools; its docstring states what a
schedule promises.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.inputs import InputError, collect, parse_choice, parse_count, parse_date_near, reference_date
from ..core.money import ZERO, format_amount, format_plain, parse_amount
from ..core.schedule import MAX_DEFERRAL_MONTHS, MAX_INSTALLMENTS, PLAN_YEARS_AHEAD, Plan, PlanError, default_start, groups, make_plan, schedule_data, schedule_table
from ..core.view import Download, Figure, Link, Notice, Summary, View
from ..documents import plan_schedule

LONG_TERM_MONTHS = 60
MODES = ("monthly", "months")
FIELDS = {"instalment": "monthly", "count": "months"}  # make_plan's keys that are named otherwise on the plan form


def refused(error: PlanError, fields: dict = FIELDS) -> InputError:
    """The plan form's message for a schedule make_plan refused, on the field named for its key
    in `fields` (a key not in it is the field's name). The letter, the pack and the settlement
    use the same wording for the same figures."""
    field, what = fields.get(error.key, error.key), (error.key, error.reason)
    if what == ("down_payment", "above_total"):
        return InputError(field, "首期金额不能超过应还的总额。")
    if what == ("deferral_months", "missing"):
        return InputError(field, "填了缓冲期每月金额，也请填缓冲期有几个月。")
    if what == ("deferral_amount", "pays_all"):
        return InputError(field, "按这个金额，缓冲期内就能还清，不需要再分期。请调低缓冲期的金额。")
    if what == ("deferral_amount", "not_below_instalment"):
        return InputError(field, "缓冲期每月的金额，应当比正常的每月还款额少。")
    if what == ("instalment", "missing"):
        return InputError(field, "请填每月还款额或分几期。", label="每月还款额", missing=True)
    if what == ("instalment", "above_rest") and error.after_first:
        return InputError(field, f"首期和缓冲期之后只剩 {format_amount(error.rest)} 要还，每月还款额不能比这还多。")
    if what == ("instalment", "above_rest"):
        return InputError(field, f"每月还款额比要还的 {format_amount(error.rest)}还多，一次就能还清。每月金额最多填 {format_plain(error.rest)}。")
    if what == ("instalment", "too_many"):
        return InputError(
            field,
            f"按这个金额要还 {error.needed} 期，超过了本工具计算的上限 {error.limit} 期（30 年）。请提高每月还款额。",
        )
    if what == ("count", "mismatch"):
        return InputError(
            field,
            f"按每月 {format_amount(error.instalment)}，要还 {error.needed} 期（最后一期 {format_amount(error.last)}），和填的期数对不上。",
        )
    raise ValueError(f"no wording for {what}")  # a new reason in make_plan needs its words here


def _amount(value, field: str, label: str, *, allow_zero: bool = True) -> Decimal:
    return parse_amount(value, field, label, allow_zero=allow_zero)


def amount_due(owed: Decimal, waiver: Decimal = ZERO) -> Decimal:
    """What is left to repay after the lender's waiver; InputError if the waiver covers it all."""
    got = collect(
        owed=lambda: _amount(owed, "total", "欠款总额", allow_zero=False),
        waiver=lambda: _amount(waiver, "waiver", "减免金额"),
    )
    if got.waiver >= got.owed:
        raise InputError("waiver", "减免金额不能等于或超过欠款总额。如果平台同意全部减免，就不需要还款计划了。")
    return got.owed - got.waiver


def owed_from_parts(total, principal, interest, fees) -> Decimal:
    """The amount owed: the total, or the sum of principal, interest and fees; they must agree."""
    parts = [part for part in (principal, interest, fees) if part is not None]
    if not parts:
        if total is None:
            raise InputError("total", "请填写欠款总额，或者分别填本金、利息和费用。", label="欠款总额", missing=True)
        return total
    summed = sum(parts, ZERO)
    if total is not None and total != summed:
        raise InputError(
            "total",
            f"本金、利息、费用加起来是 {format_amount(summed)}，和填的欠款总额不一样。请核对，或只填其中一种。",
        )
    return summed


def spread_figure(plan: Plan, *, with_date: bool = True) -> Figure | None:
    """How the regular installments differ, when they do: the last one, or the first and the later ones."""
    regular = plan.regular
    runs = groups(regular)
    if len(runs) < 2:
        return None
    (first_count, first_amount), (rest_count, rest_amount) = runs
    if rest_count == 1:
        when = f"（{regular[-1].due.isoformat()}）" if with_date else ""
        return Figure("最后一期", f"{format_amount(rest_amount)}{when}")
    return Figure("各期金额", f"前 {first_count} 期每期 {format_amount(first_amount)}，后 {rest_count} 期每期 {format_amount(rest_amount)}")


def tool(fields: dict) -> View:
    """The plan page: one debt turned into a dated schedule, with warnings and a CSV download.

    Without a start date the plan starts on the same day next month (from fields["today"]) and
    says so, so amount and monthly alone already give a result.
    """
    get = fields.get
    today = reference_date(fields)
    mode = parse_choice(get("mode"), "mode", "计算方式", MODES, default="monthly")
    got = collect(
        total=lambda: parse_amount(get("total"), "total", "欠款总额", required=False, allow_zero=False),
        principal=lambda: parse_amount(get("principal"), "principal", "本金", required=False),
        interest=lambda: parse_amount(get("interest"), "interest", "利息", required=False),
        fees=lambda: parse_amount(get("fees"), "fees", "费用", required=False),
        waiver=lambda: parse_amount(get("waiver"), "waiver", "减免金额", required=False) or ZERO,
        down=lambda: parse_amount(get("down_payment"), "down_payment", "首期金额", required=False) or ZERO,
        start=lambda: parse_date_near(get("start"), "start", "开始日期", today, future_years=PLAN_YEARS_AHEAD, required=False),
        deferral_months=lambda: parse_count(get("deferral_months"), "deferral_months", "缓冲期月数", minimum=0, maximum=MAX_DEFERRAL_MONTHS, required=False) or 0,
        deferral_amount=lambda: parse_amount(get("deferral_amount"), "deferral_amount", "缓冲期每月金额", required=False) or ZERO,
        capacity=lambda: parse_amount(get("capacity"), "capacity", "每月能拿出的钱", required=False),
        value=lambda: (
            parse_amount(get("monthly"), "monthly", "每月还款额", allow_zero=False)
            if mode == "monthly"
            else parse_count(get("months"), "months", "期数", minimum=1, maximum=MAX_INSTALLMENTS)
        ),
    )
    owed = owed_from_parts(got.total, got.principal, got.interest, got.fees)
    due = amount_due(owed, got.waiver)
    assumed = got.start is None
    try:
        plan = make_plan(
            due,
            default_start(today) if assumed else got.start,
            monthly=got.value if mode == "monthly" else None,
            months=got.value if mode == "months" else None,
            down_payment=got.down,
            deferral_months=got.deferral_months,
            deferral_amount=got.deferral_amount,
        )
    except PlanError as error:
        raise refused(error) from None
    return _view(plan, owed, got.waiver, got.deferral_months, got.deferral_amount, got.capacity, mode, got.value, assumed)


def _view(plan: Plan, owed, waiver, deferral_months, deferral_amount, capacity, mode, value, assumed=False) -> View:
    regular = plan.regular
    figures = [Figure("欠款总额", format_amount(owed))]
    if waiver > 0:
        figures += [Figure("平台同意减免", format_amount(waiver)), Figure("减免后应还", format_amount(plan.total))]
    if plan.down_payment > 0:
        figures.append(Figure("首期（付了协议才生效）", format_amount(plan.down_payment)))
    if deferral_months:
        what = f"每月 {format_amount(deferral_amount)}" if deferral_amount > 0 else "不还款"
        figures.append(Figure("缓冲期", f"{deferral_months} 个月，{what}"))
    if regular:
        figures.append(Figure("每月还款额", format_amount(plan.monthly), emphasis=True))
        figures.append(Figure("分期期数", f"{len(regular)} 期", emphasis=True))
        spread = spread_figure(plan)
        if spread is not None:
            figures.append(spread)
    start_text = f"{plan.start.isoformat()}（先按下个月的今天算）" if assumed else plan.start.isoformat()
    figures.append(Figure("开始日期", start_text))
    figures.append(Figure("从开始到还清", f"{plan.term_months} 个月，到 {plan.installments[-1].due.isoformat()}"))
    blocks = [Summary("你的还款计划", tuple(figures))]
    if assumed:
        blocks.append(
            Notice(
                level="info",
                title=f"还没有填开始日期，先按 {plan.start.isoformat()} 算。",
                paragraphs=("这是下个月的今天。和平台约定了第一次还款的日子，请在上面的“开始日期”里改，计划表会跟着变。",),
            )
        )
    blocks.extend(_notices(plan, capacity, deferral_amount, mode, value))
    blocks.append(schedule_table(plan))
    download = Download(label="下载还款计划（CSV，可用 Excel 或 WPS 打开）", filename=plan_schedule.FILENAME, mime=plan_schedule.MIME, text=plan_schedule.to_csv(plan))
    data = {
        "schedule": schedule_data(plan),
        "total": format_plain(plan.total),
        "monthly": format_plain(plan.monthly),
        "months": len(regular),
        "down_payment": format_plain(plan.down_payment),
        "deferral_months": deferral_months or "",  # "" rather than 0: pages prefill these into optional fields
        "deferral_amount": format_plain(deferral_amount) if deferral_amount else "",
        "term_months": plan.term_months,
        "start": plan.start.isoformat(),
        "start_assumed": assumed,
    }
    if regular:
        announce = f"共 {len(regular)} 期，每月 {format_amount(plan.monthly)}，到 {plan.installments[-1].due.isoformat()} 还清。"
    else:
        announce = f"首期 {format_amount(plan.down_payment)} 一次还清。"
    if assumed:
        announce += f"开始日期先按 {plan.start.isoformat()} 算，可以修改。"
    return View(tuple(blocks), downloads=(download,), announce=announce, data=data)


def _notices(plan: Plan, capacity, deferral_amount, mode, value) -> list:
    notices = []
    regular = plan.regular
    if capacity is not None and regular and plan.monthly > capacity:
        notices.append(
            Notice(
                level="danger",
                title=f"每月 {format_amount(plan.monthly)} 超过了你每月能拿出的 {format_amount(capacity)}。",
                paragraphs=(
                    "这样的方案很可能撑不了几个月。再次断供后，平台通常不愿意再谈，之前的减免也可能不算数。",
                    "请把期数拉长、把每月金额降到能力以内，再去和平台谈。",
                ),
                links=(Link("重新算一算还款能力", "tools/budget/"), Link("怎样做一个还得起的计划", "guide/plan/")),
            )
        )
    if capacity is not None and deferral_amount > capacity:
        notices.append(
            Notice(level="warning", title="缓冲期每月的金额也超过了你每月能拿出的钱。", paragraphs=("缓冲期是用来喘口气的，金额应当更低。",))
        )
    if capacity is not None and plan.down_payment > capacity:
        notices.append(
            Notice(
                level="warning",
                title="首期比你一个月能拿出的钱多。",
                paragraphs=("先想清楚这笔钱从哪里来。不要为了凑首期去借新的网贷，那样只是把窟窿挪了个地方。",),
                links=(Link("小心以贷养贷", "guide/watch-out/"),),
            )
        )
    if plan.term_months > LONG_TERM_MONTHS:
        notices.append(
            Notice(
                level="warning",
                title=f"这个计划要 {plan.term_months} 个月，时间很长。",
                paragraphs=(
                    "期限越长，中途遇到变故的可能越大，平台也未必同意。可以考虑先多攒一些首期，或再争取一些减免。",
                    "信用卡的个性化分期，据二手资料最长不超过 5 年（60 期），这是上限，不是通常能分到的期数；"
                    "具体以官方公布和银行的答复为准。",
                ),
                links=(Link("信用卡个性化分期", "guide/credit-card/"),),
            )
        )
    if mode == "months" and len(regular) < value:
        notices.append(
            Notice(
                level="info",
                title=f"金额较小，只需要 {len(regular)} 期就能还清。",
                paragraphs=("每期至少要还 1 分钱，所以实际期数比你填的少。",),
            )
        )
    return notices
