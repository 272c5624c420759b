"""Enterprises named by the list they stand in (与A、B两个企业, 得到A、B等企业)."""

from __future__ import annotations

import pytest
from nianbao.entities.lists import listed_enterprises
from nianbao.text.words import tokenize


def _listed(text: str) -> list[str]:
    found = listed_enterprises(text, tokenize(text), [(0, len(text))])
    assert all(c.type == "ENTERPRISE" and c.source == "pattern" for c in found)
    return [text[c.start : c.end] for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of enterprises after the list; the first item starts after 与
        ("抚宁区职教中心与精工绿筑、曼国化工两个企业共同签署了协议。", ["精工绿筑", "曼国化工"]),
        # 等企业, and the first item starts after the verb
        ("活动得到诚宏家具、匠品果业等企业的大力支持。", ["诚宏家具", "匠品果业"]),
        # names with an ending are left to the suffix patterns and the model
        ("学校与青禾科技有限公司、匠品果业等30余家企业合作。", ["匠品果业"]),
        # kinds of partner are no names
        ("主动面向行业、企业开展培训。", []),
        ("与政府、学校等企业合作。", []),
        # without 等 or a count the sentence does not say the items are enterprises
        ("与精工绿筑、曼国化工企业合作。", []),
    ],
)
def test_listed_enterprises(text, expected):
    assert _listed(text) == expected
