"""Periods resolved to dates (figures/periods.py); the patterns' own examples are in periods.toml."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

import zhextract
from zhextract.cli import main
from zhextract.figures.periods import NO_PERIOD, NO_YEAR, YearIndex, resolve


@pytest.mark.parametrize("period,year,start,end", [
    ("2021年上半年", None, date(2021, 1, 1), date(2021, 6, 30)),
    ("上半年", 2021, date(2021, 1, 1), date(2021, 6, 30)),
    ("1—9月", 2022, date(2022, 1, 1), date(2022, 9, 30)),
    ("1-2月份", 2024, date(2024, 1, 1), date(2024, 2, 29)),  # a leap year's February
    ("1至2月", 2023, date(2023, 1, 1), date(2023, 2, 28)),
    ("截至10月底", 2019, date(2019, 1, 1), date(2019, 10, 31)),
    ("10月底", 2019, date(2019, 10, 31), date(2019, 10, 31)),
    ("截至2024年底", 2030, date(2024, 1, 1), date(2024, 12, 31)),  # its own year wins over the carried one
    ("一季度", 2020, date(2020, 1, 1), date(2020, 3, 31)),
    ("四季度", 2020, date(2020, 10, 1), date(2020, 12, 31)),
    ("前三季度", 2020, date(2020, 1, 1), date(2020, 9, 30)),
    ("2023年度", None, date(2023, 1, 1), date(2023, 12, 31)),
    ("全年", 2018, date(2018, 1, 1), date(2018, 12, 31)),
    ("去年", 2018, date(2017, 1, 1), date(2017, 12, 31)),
    ("今年上半年", 2018, date(2018, 1, 1), date(2018, 6, 30)),
    ("年底前", 2018, date(2018, 1, 1), date(2018, 12, 31)),
    ("2021年06月", None, date(2021, 6, 1), date(2021, 6, 30)),
])
def test_resolve(period, year, start, end):
    r = resolve(period, year)
    assert (r.start, r.end, r.reason) == (start, end, None)


@pytest.mark.parametrize("period,year,reason", [
    (None, 2020, NO_PERIOD),
    ("上半年", None, NO_YEAR),
    ("去年", None, NO_YEAR),
    ("今年以来", 2020, "runs to the reporting date"),
    ("截至目前", 2020, "does not date"),
    ("去年同期", 2020, "whose months"),
    ("13月", 2020, "no rule reads"),
    ("9-3月", 2020, "no rule reads"),
])
def test_no_interval_gives_the_reason(period, year, reason):
    r = resolve(period, year)
    assert r.start is None and r.end is None and reason in r.reason


def test_carried_year_skips_comparison_bases_and_spans_of_years():
    text = "2021年简报。比2019年增长,较2018年下降,2019年同期,2016—2020年规划,2035年远景目标。"
    years = YearIndex(text)
    assert years.before(0) is None
    assert years.before(len(text)) == 2021


def test_resolved_periods_in_json_csv_and_schema(tmp_path, capsys):
    src = tmp_path / "b.txt"
    src.write_text("2022年全区经济运行情况\n1—9月,规上工业增加值增长 6.1%。目前,在建项目 18 个。", encoding="utf-8")
    assert main([str(src)]) == 0
    figs = json.loads(capsys.readouterr().out)["figures"]
    # 目前 is the document's reporting period (its title's 2022年)
    assert [(f["period_start"], f["period_end"], f["period_reason"]) for f in figs] == [
        ("2022-01-01", "2022-09-30", None), ("2022-01-01", "2022-12-31", None)]
    assert main(["--csv", str(src)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["period_start"], r["period_end"]) for r in rows] == [("2022-01-01", "2022-09-30"),
                                                                    ("2022-01-01", "2022-12-31")]
    src.write_text("1—9月,规上工业增加值增长 6.1%。目前,在建项目 18 个。", encoding="utf-8")
    assert main([str(src)]) == 0  # no year anywhere: 目前 is 1—9月, which has no dates either
    figs = json.loads(capsys.readouterr().out)["figures"]
    assert [f["period_reason"] for f in figs] == ["no year stated in the period or before it"] * 2
    props = zhextract.Figure.model_json_schema()["properties"]
    assert {"period_start", "period_end", "period_reason"} <= set(props)
