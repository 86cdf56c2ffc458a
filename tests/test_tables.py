"""Table parsing: every [[examples]] entry of patterns/tables.toml, then the appendix tables of 000."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhextract import resources
from zhextract.load import load
from zhextract.models import Table
from zhextract.repair import repair
from zhextract.segment import segment
from zhextract.tables import parse_tables

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "000_b4d95e8b47a2bd0c.txt"
EXAMPLES = resources.load("tables")["examples"]


def _tables(text: str) -> list[Table]:
    rep = repair(text)
    return parse_tables(rep, segment(rep.text).tables)


def _cell_texts_match(text: str, table: Table) -> None:
    for row in table.rows:
        for c in row:
            assert text[c.start:c.end] == c.text, (c, text[c.start:c.end])


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_example(ex: dict) -> None:
    text = ex["text"]
    tables = _tables(text)
    t = tables[ex.get("table", 0)]
    for key in ("title", "label", "unit_line"):
        if key in ex:
            assert getattr(t, key) == ex[key], key
    if "total_row" in ex:
        assert t.total_row == (None if ex["total_row"] == -1 else ex["total_row"])
    if "rows" in ex:
        assert len(t.rows) == ex["rows"]
    if "columns" in ex:
        assert [(c.name, c.unit) for c in t.columns] == [(c["name"], c.get("unit")) for c in ex["columns"]]
    if "qualified" in ex:
        assert [t.qualified_name(c.index) for c in t.columns] == ex["qualified"]
    for want in ex.get("cells", []):
        got = t.cell(want["row"], want["col"])
        assert got is not None, want
        for key in ("text", "decimals", "note"):
            if key in want:
                assert getattr(got, key) == want[key], (key, want, got)
        if "unit" in want:
            assert got.unit == (want["unit"] or None), (want, got)
        if "value" in want:
            assert got.value == Decimal(want["value"]), (want, got)
        elif "note" in want:
            assert got.value is None, (want, got)
    if "issues" in ex:
        assert [i.row for i in t.issues] == ex["issues"], t.issues
    _cell_texts_match(text, t)


def test_every_example_has_a_name_and_a_table() -> None:
    assert len(EXAMPLES) >= 10
    for ex in EXAMPLES:
        assert ex.get("name") and ex.get("text")
        assert len(_tables(ex["text"])) > ex.get("table", 0), ex["name"]


# --- the seed bulletin: its six appendix tables ---------------------------------------------

@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Table]]:
    text = load(SEED).text
    return text, _tables(text)


def _by_label(tables: list[Table], label: str) -> Table:
    found = [t for t in tables if t.label == label]
    assert len(found) == 1, [t.label for t in tables]
    return found[0]


def test_seed_labels_and_titles(seed) -> None:
    _, tables = seed
    assert [t.label for t in tables] == ["附件1", "附件3", "表2", "附件2", "附件4 表1", "附件4 表3"]
    assert tables[0].title == "2020年开发区(园区)招商引资情况表"
    assert tables[2].title == "2020年现代农业产业示范区(园区)主要经济指标完成情况表"
    assert tables[4].title == "2020年工业类开发区(园区)主要经济指标完成情况表"
    assert tables[0].source_line == "数据来源:山西省招商引资项目“13710”督办系统。"


def test_seed_offsets_point_to_the_original(seed) -> None:
    text, tables = seed
    for t in tables:
        _cell_texts_match(text, t)
        assert t.start < t.end <= len(text)
        for i in t.issues:
            assert i.start < i.end


def test_annex1_rows_total_and_units(seed) -> None:
    text, tables = seed
    t = _by_label(tables, "附件1")
    assert t.unit_line == "单位:个、万元"
    assert len(t.rows) == 15 and t.total_row == 14 and len(t.data_rows) == 14
    units = {c.name: c.unit for c in t.columns}
    assert units == {"序号": None, "开发区名称": None, "签约项目金额": "万元", "签约项目数": "个",
                     "签约并开工项目数": "个", "签约项目开工率": "%"}
    total = t.lookup("合计", "签约项目数")
    assert total is not None and total.value == Decimal(120) and total.unit == "个"
    assert t.lookup("全市", "签约项目数") is total
    assert text[total.start - 9:total.end] == "13065725\t120"  # the 合计 line, in the original text
    rate = t.lookup("定襄", "签约项目开工率")
    assert rate.value == Decimal("100.0") and rate.decimals == 1 and rate.half_ulp == Decimal("0.05")
    assert t.entity(14) == "合计" and t.entity(3) == "定襄经济技术开发区"
    assert sum(c.value for c in t.column_cells(3)) == Decimal(120)
    assert t.columns[2].kind == "amount" and t.columns[3].kind == "count" and t.columns[5].kind == "percent"
    assert t.issues == []


def test_annex2_two_level_header(seed) -> None:
    _, tables = seed
    t = _by_label(tables, "附件2")
    assert t.unit_line == "单位:个"
    assert [c.name for c in t.columns] == [
        "序号", "开发区名称", "新建项目数", "任务目标", "达标情况",
        "项目完成情况/0.5—1亿元", "项目完成情况/1—2亿元", "项目完成情况/2—5亿元",
        "项目完成情况/5—10亿元", "项目完成情况/10—20亿元"]
    assert [c.unit for c in t.columns] == [None, None, "个", None, None, "个", "个", "个", "个", "个"]
    assert [c.index for c in t.columns_under("项目完成情况")] == [5, 6, 7, 8, 9]
    assert len(t.rows) == 15 and t.total_row == 14
    goal = t.lookup("忻州经济开发区", "任务目标")
    assert goal.text == "6个5亿" and goal.value is None and goal.note == "text"
    assert t.lookup("忻州经济开发区", "0.5—1亿元").note == "empty"
    assert t.lookup("合计", "新建项目数").note == "empty"
    assert [c.value for c in t.row_by_entity("合计")[5:]] == [6, 7, 18, 9, 7]


def test_annex2_pianguan_row(seed) -> None:
    """偏关 has 新建项目数 1 but bucket cells 1 and 7, and the 10—20亿元 column sums to 14 against
    a 合计 of 7. The row has exactly the header's ten cells, so it is no structural issue of the
    parse: the cells are exposed as written for the checker's table_row_parts / table_column_sum."""
    _, tables = seed
    t = _by_label(tables, "附件2")
    row = t.row_index("偏关")
    assert row == 13 and len(t.rows[row]) == len(t.columns)
    assert t.lookup("偏关", "新建项目数").value == 1
    parts = [c.value for c in t.rows[row][5:] if c.value is not None]
    assert parts == [1, 7]
    col = t.column_by_name("10—20亿元").index
    assert sum(c.value for c in t.column_cells(col) if c.value is not None) == 14
    assert t.cell(t.total_row, col).value == 7
    assert t.issues == []


def test_annex2_row_with_an_extra_cell_is_reported() -> None:
    """The same row with one cell too many (a value where the row has no column for it)."""
    text = load(SEED).text.replace("14\t偏关生态文化旅游园区\t1\t1个5000万\t达标\t1\t\t\t\t7",
                                   "14\t偏关生态文化旅游园区\t1\t1个5000万\t达标\t1\t\t\t\t\t7")
    t = _by_label(_tables(text), "附件2")
    assert [i.row for i in t.issues] == [13]
    issue = t.issues[0]
    assert "11 cells" in issue.message and "'7'" in issue.message
    assert text[issue.start:issue.end].startswith("14\t偏关")
    extra = t.rows[13][10]
    assert extra.value == 7 and extra.unit is None and text[extra.start:extra.end] == "7"


def test_annex3_units_by_column_name(seed) -> None:
    _, tables = seed
    t = _by_label(tables, "附件3")
    assert [(c.name, c.unit) for c in t.columns[2:]] == [("实际利用外资", "万美元"), ("进出口额", "万元")]
    dash = t.lookup("岢岚", "实际利用外资")
    assert dash.text == "—" and dash.note == "—" and dash.value is None and dash.unit is None
    zero = t.lookup("静乐", "进出口额")
    assert zero.value == Decimal(0) and zero.note is None and zero.unit == "万元"
    assert t.lookup("合计", "实际利用外资").value == Decimal("5943.59")


def test_annex4_table1_header_units_and_notes(seed) -> None:
    _, tables = seed
    t = _by_label(tables, "附件4 表1")
    assert t.total_row is None and len(t.rows) == 8 and t.entity_col == 0
    assert t.column_by_name("产出强度").unit == "万元/亩"
    assert t.column_by_name("实际利用外资").unit == "万美元"
    assert t.column_by_name("同比增速") is None  # three of them: ambiguous
    assert t.column_by_name("工业投资同比增速").index == 2
    assert t.column_by_name("规模以上工业增加值同比增速").index == 4
    assert t.qualified_name(8) == "高新技术企业数/增速"
    assert t.lookup("定襄", "实际利用外资/同比增速").note == "破零"
    assert t.lookup("河曲", "规模以上工业增加值同比增速").value == Decimal("-10.8")
    assert t.lookup("宁武", "高新技术企业数").value == 0
    assert t.column_by_name("全市开发区已开发面积").name == "已开发面积"


def test_annex4_tables_2_and_3(seed) -> None:
    _, tables = seed
    t2 = _by_label(tables, "表2")
    assert t2.column_by_name("农产品加工业与农业总产值比").unit is None
    assert t2.column_by_name("绿色有机农产品覆盖率").unit == "%"
    t3 = _by_label(tables, "附件4 表3")
    assert t3.column_by_name("旅客过夜人次").unit == "人次"
    assert sum(c.value for c in t3.column_cells(5)) == Decimal(196209)


def test_table_serialises(seed) -> None:
    _, tables = seed
    data = tables[0].model_dump(mode="json")
    assert data["rows"][14][3]["value"] == "120"
    assert Table.model_validate_json(tables[0].model_dump_json()).rows[14][3].value == Decimal(120)


def test_unit_line_by_value_type_names_percent_and_count_columns() -> None:
    """"单位:亿元,%,个": 完成年度目标 is a percent and 签约亿元以上项目 a count, by the parser; the
    reconciler's view of the table takes the parser's units as they are."""
    import zhextract
    from zhextract.checks.tableview import build_view

    text = ("表1 开发区主要指标\n\n单位:亿元,%,个\n\n"
            "开发区\t规模以上工业总产值\t完成年度目标\t签约亿元以上项目\n"
            "高新区\t1986.4\t80.2\t48\n经开区\t812.7\t75.1\t35\n")
    doc = zhextract.extract(text)
    t = doc.tables[0]
    units = {c.name: c.unit for c in t.columns}
    assert units["规模以上工业总产值"] == "亿元"
    assert units["完成年度目标"] == "%"
    assert units["签约亿元以上项目"] == "个"
    view = build_view(t, doc.text)
    assert {c.name: c.unit for c in view.cols.values() if c.name in units and units[c.name]} == \
        {k: v for k, v in units.items() if v}


def test_flattened_web_table_header_is_realigned() -> None:
    """A web table flattened to "a | b |" rows loses the cells its merged headers covered: the deepest
    header row sits right, a group label spans the columns under it, a 栏次 row names nothing."""
    text = ("全县商品销售额\n金额单位:万元 | |||||\n项目 | 本年 | 上年 | 增长(%) | ||\n"
            "本月 | 累计 | 本月 | 累计 | 本月 | 累计 |\n甲 | 1 | 2 | 3 | 4 | 5 | 6 |\n"
            "销售额 | 120.5 | 980.2 | 110.1 | 900.4 | 9.4 | 8.9 |\n")
    from zhextract import extract
    doc = extract(text)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert [c.name for c in t.columns] == ["项目", "本年/本月", "本年/累计", "上年/本月", "上年/累计", "增长/本月", "增长/累计"]
    assert [c.unit for c in t.columns][1:] == ["万元"] * 4 + ["%"] * 2
    assert [c.text for c in t.rows[0]][:2] == ["销售额", "120.5"]


def test_flattened_header_labels_that_cannot_be_placed_name_nothing() -> None:
    from zhextract.tables.headers import realign_flattened
    # three group labels over four leaf columns: no even split, so no placing at all
    assert realign_flattened([["项目", "甲", "乙", "丙"], ["a", "b", "c", "d"]], 5) is None
    # two over four: two columns each
    assert realign_flattened([["项目", "甲", "乙"], ["a", "b", "c", "d"]], 5) == \
        [["项目", "甲", "", "乙", ""], ["", "a", "b", "c", "d"]]
