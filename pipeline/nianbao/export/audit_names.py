"""The Chinese names an auditor reads for finding types and severities."""

from __future__ import annotations

FINDING_TYPE_NAMES = {
    "narrative_vs_table": "正文与表格不一致",
    "narrative_vs_narrative": "正文前后不一致",
    "narrative_arithmetic": "正文计算不一致",
    "table_internal_sum": "表内合计不符",
    "table_internal_ratio": "表内比率不符",
    "table_internal_other": "表内数值异常",
    "table_vs_table": "表格之间不一致",
    "label_or_period": "标题或时期矛盾",
}
SEVERITY_NAMES = {"error": "确定", "warning": "存疑"}
SEVERITY_ORDER = ("error", "warning")


def type_name(finding_type: str) -> str:
    """The Chinese name of a finding type; an unknown type shows as itself."""
    return FINDING_TYPE_NAMES.get(finding_type, finding_type)


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)
