"""Plan one synthetic report: its level, region, style, world of numbers, chapters, sentences,
cases, figures and tables, before anything is planted or printed."""

from __future__ import annotations

import random

from nianbao.synth.names import Cast, Region, School, make_region, make_schools, name_parts
from nianbao.synth.sentences import Context, filler_sentence, make_sentence, sentence_templates
from nianbao.synth.spec import (
    Block,
    CaseHeading,
    Ent,
    Figure,
    Heading,
    Lines,
    Lit,
    Paragraph,
    Part,
    Plan,
    Style,
    TableBlock,
    TableSpec,
)
from nianbao.synth.tables import (
    CITY_ONLY,
    NARRATIVE_TABLES,
    SCHOOL_ONLY,
    annex_table,
    narrative_table,
    table_definitions,
)
from nianbao.synth.world import World, build_world

_CN_NUMBERS = "一二三四五六七八九十"


def choose_style(rng: random.Random) -> Style:
    """A Word export (one cell per line, bookmarks) or a PDF export (tab rows, markdown headings)."""
    if rng.random() < 0.5:
        return Style(
            "cell_per_line",
            rng.choice(("plain", "plain", "chinese")),
            rng.choice(("chapter", "chapter", "colon", "square")),
            "chapter",
            False,
            True,
            rng.random() < 0.6,
            rng.random() < 0.6,
            False,
        )
    return Style(
        "tab_rows",
        rng.choice(("markdown", "markdown", "plain")),
        rng.choice(("bracket", "bracket", "square", "colon")),
        "serial",
        rng.random() < 0.6,
        False,
        True,
        rng.random() < 0.3,
        rng.random() < 0.7,
    )


def plan_report(name: str, rng: random.Random) -> tuple[Plan, World]:
    """The whole report as blocks, claims and tables, with the world its numbers come from."""
    level = "city" if rng.random() < 0.55 else "school"
    year = rng.choice((2021, 2022, 2023, 2023, 2024, 2024, 2024, 2025))
    region = make_region(rng)
    style = choose_style(rng)
    schools = make_schools(
        rng, region, rng.randint(8, 24) if level == "city" else rng.randint(3, 6)
    )
    majors: list[tuple[str, str]] = [(m[0], m[1]) for m in name_parts()["majors"]]
    rng.shuffle(majors)
    world = build_world(rng, level, [(s.name, s.public, s.county_run) for s in schools], majors)
    own = schools[0]
    reporter = Ent(f"{region.city}市教育局", "GOV") if level == "city" else Ent(own.name, "SCHOOL")
    cast = (
        _SchoolFirstCast(rng, region, year, schools)
        if level == "school"
        else Cast(rng, region, year, schools)
    )
    plan = Plan(name, level, year, reporter.text, style)
    ctx = Context(
        rng,
        cast,
        world,
        level,
        year,
        reporter,
        f"{region.city}市中等职业学校" if level == "city" else own.name,
        _variables(rng, level, year, region, own),
        _choose_tables(rng, level),
        style.spaced,
    )
    _Planner(plan, ctx, world, region, own).build()
    plan.claims.update(ctx.claims)
    return plan, world


class _SchoolFirstCast(Cast):
    """In a school's own report most school mentions are the school itself."""

    def school_mention(self) -> str:
        if self.rng.random() < 0.6:
            return self.schools[0].mention(self.rng)
        return Cast.school_mention(self)


def _variables(
    rng: random.Random, level: str, year: int, region: Region, own: School
) -> dict[str, list[str]]:
    parts = name_parts()
    city = region.city_full
    short = region.province.removesuffix("省").removesuffix("回族自治区").removesuffix("自治区")[:1]
    common = {
        "year": [str(year)],
        "prev": [str(year - 1)],
        "next": [str(year + 1)],
        "sy": [f"{year - 1}-{year}学年"],
        "psy": [f"{year - 2}-{year - 1}学年"],
        "city": [city],
        "province": [region.province],
        "county": list(region.counties),
        "major": [m[0] for m in parts["majors"]],
        "skill": parts["skill_fields"],
        "docno": [f"{short}教职成〔{year}〕{n}号" for n in range(3, 40, 4)],
        "country": parts["countries"],
    }
    if level == "city":
        common |= {
            "subj": ["全市中等职业学校", "全市中职学校"],
            "area": ["全市", "全市各中职学校", city],
            "we": ["我市", "全市"],
            "ownsource": ["各中等职业学校"],
            "each": ["各校", "各中职学校", "各学校"],
            "some": ["部分学校", "个别学校"],
        }
    else:
        common |= {
            "subj": ["学校", "全校"],
            "area": ["学校", "我校"],
            "we": ["学校", "我校"],
            "ownsource": ["学校相关职能部门"],
            "each": ["学校", "各专业部", "我校"],
            "some": ["学校部分专业", "个别专业"],
        }
    return common


def _choose_tables(rng: random.Random, level: str) -> list[str]:
    excluded = SCHOOL_ONLY if level == "city" else CITY_ONLY
    chosen = [k for k in NARRATIVE_TABLES if k not in excluded and rng.random() < 0.6]
    annex = [
        d["key"]
        for d in table_definitions()["annex"]
        if d["key"] not in ("an_satisfaction", "an_international") or rng.random() < 0.7
    ]
    return chosen + annex


class _Planner:
    """Walks the chapter templates and lays out blocks in reading order."""

    def __init__(self, plan: Plan, ctx: Context, world: World, region: Region, own: School) -> None:
        self.plan, self.ctx, self.world, self.region, self.own = plan, ctx, world, region, own
        self.rng = ctx.rng
        self.body: list[Block] = []
        self.chapter = 0
        self.tables_in_chapter = 0
        self.serial_tables = 0
        self.cases = 0
        self.cases_in_chapter = 0
        self.figures = 0
        self.figures_in_chapter = 0
        self.verbosity = self.rng.uniform(0.6, 2.2)  # reports range from terse to wordy
        self.used_filler: set[str] = set()

    def build(self) -> None:
        templates = sentence_templates()
        front = self._front_matter(templates["foreword"])
        for chapter in self._chapter_order(templates["chapters"]):
            self._chapter(chapter)
        self._annex()
        self.plan.blocks = front + self._contents() + self.body

    # --- front matter ---------------------------------------------------------------

    def _front_matter(self, foreword: list[list[str]]) -> list[Block]:
        year = self.plan.year
        if self.plan.level == "city":
            title = f"{self.region.city_full}中等职业教育质量年度报告（{year}年度）"
            title_parts: tuple[Part, ...] = (Lit(title),)
        else:
            title_parts = (Ent(self.own.name, "SCHOOL"), Lit(f"质量年度报告（{year}年度）"))
        blocks: list[Block] = []
        if self.rng.random() < 0.8:
            reporter = self.ctx.reporter
            blocks += [
                Paragraph((title_parts,)),
                Paragraph(((reporter,),)),
                Lines(f"{year + 1}年{self.rng.randint(1, 3)}月"),
            ]
        blocks.append(Heading(1, "", self.rng.choice(("前言", "前 言", "前  言"))))
        for slot in foreword:
            sentence = self._first_fitting(slot)
            if sentence:
                blocks.append(Paragraph((sentence,)))
        return blocks

    def _contents(self) -> list[Block]:
        if not self.plan.style.toc:
            return []
        page = 1
        lines = [self.rng.choice(("目录", "目 录", "目  录"))]
        leader = self.plan.style.layout == "tab_rows" and self.rng.random() < 0.6
        for block in self.body:
            if isinstance(block, Heading) and block.level <= 2 and block.title not in ("前言",):
                page += self.rng.randint(0, 2)
                text = heading_text(block, self.plan.style, toc=True)
                lines.append(f"{text} .....\t{page}" if leader else f"{text}\t{page}")
        blocks: list[Block] = [Lines("\n".join(lines), toc=True)]
        if self.rng.random() < 0.5:
            captions = [
                caption_text(self.plan.tables[b.key])
                for b in self.body
                if isinstance(b, TableBlock) and not self.plan.tables[b.key].appendix
            ]
            if captions:
                blocks.append(Lines("图表目录\n" + self._paged(captions, ""), toc=True))
        if self.rng.random() < 0.5:
            heads = [b.text for b in self.body if isinstance(b, CaseHeading)]
            if heads:
                blocks.append(Lines("案例目录\n" + self._paged(heads, " ....."), toc=True))
        return blocks

    def _paged(self, entries: list[str], leader: str) -> str:
        """Contents lines with page numbers that grow down the list."""
        page, lines = 1, []
        for entry in entries:
            page += self.rng.randint(0, 3)
            lines.append(f"{entry}{leader}\t{page}")
        return "\n".join(lines)

    # --- chapters -------------------------------------------------------------------

    def _chapter_order(self, chapters: list[dict]) -> list[dict]:
        order = [c for c in chapters if self.rng.random() < c.get("prob", 1.0)]
        keys = [c["key"] for c in order]
        if (
            "industry" in keys and self.rng.random() < 0.35
        ):  # some reports put 产教融合 right after 人才培养
            industry = order.pop(keys.index("industry"))
            order.insert([c["key"] for c in order].index("training") + 1, industry)
        return order

    def _chapter(self, chapter: dict) -> None:
        self.chapter += 1
        self.tables_in_chapter = self.cases_in_chapter = self.figures_in_chapter = 0
        self.body.append(Heading(1, str(self.chapter), self.rng.choice(chapter["titles"])))
        for pool in chapter.get("intro", ()):
            self._pool_paragraph(pool, 1, 2)
        section_no = 0
        for section in chapter["sections"]:
            if self.rng.random() >= section.get("prob", 1.0):
                continue
            if section["titles"]:
                section_no += 1
                self.body.append(
                    Heading(2, f"{self.chapter}.{section_no}", self.rng.choice(section["titles"]))
                )
            for para in section["paras"]:
                self._paragraph(para)

    def _paragraph(self, items: list) -> None:
        sentences: list[tuple[Part, ...]] = []
        for item in items:
            if isinstance(item, dict) and "table" in item:
                self._flush(sentences)
                self._table(item["table"])
            elif isinstance(item, dict) and "case" in item:
                self._flush(sentences)
                self._case(item["case"])
            elif isinstance(item, dict) and item.get("numbered"):
                self._flush(sentences)
                for i, point in enumerate(self._pool(item["pool"], *item["n"])):
                    self._flush(
                        [(Lit(f"{_CN_NUMBERS[i]}是"), *point)]
                    )  # 一是…  二是…, one a paragraph
            elif isinstance(item, dict) and "pool" in item:
                sentences += self._pool(item["pool"], *item["n"])
            else:
                sentence = self._first_fitting(item if isinstance(item, list) else [item])
                if sentence:
                    sentences.append(sentence)
        self._flush(sentences)

    def _flush(self, sentences: list[tuple[Part, ...]]) -> None:
        if sentences:
            self.body.append(Paragraph(tuple(sentences)))
            sentences.clear()

    def _first_fitting(
        self, options: list[str], case_school: str | None = None
    ) -> tuple[Part, ...] | None:
        for template in self.rng.sample(options, len(options)):
            sentence = make_sentence(self.ctx, template, case_school)
            if sentence is not None:
                return sentence
        return None

    def _pool(self, name: str, low: int, high: int) -> list[tuple[Part, ...]]:
        pool = sentence_templates()["pools"][name]
        fresh = [t for t in pool if t not in self.used_filler]  # a report never repeats a sentence
        wanted = round(self.rng.randint(low, high) * self.verbosity)
        picked = self.rng.sample(fresh, min(len(fresh), max(1, wanted)))
        self.used_filler.update(picked)
        return [s for s in (filler_sentence(self.ctx, t) for t in picked) if s is not None]

    def _pool_paragraph(self, name: str, low: int, high: int) -> None:
        self._flush(self._pool(name, low, high))

    # --- tables, cases, figures -----------------------------------------------------

    def _table(self, key: str) -> None:
        if key not in self.ctx.tables:
            return
        self.tables_in_chapter += 1
        self.serial_tables += 1
        if self.plan.style.tables == "chapter":
            anchor = f"表{self.chapter}-{self.tables_in_chapter}"
        else:
            anchor = self.rng.choice(("表{}", "表 {}")).format(self.serial_tables)
        place = self.region.city_full if self.plan.level == "city" else self.own.name
        pattern = self.rng.choice(table_definitions()["narrative_titles"][key])
        title = pattern.format(place=place, year=self.plan.year, pyear=self.plan.year - 1)
        wrap = self.plan.style.layout == "cell_per_line" and self.rng.random() < 0.5
        merged = self.plan.style.layout == "tab_rows" and self.rng.random() < 0.4
        self.plan.tables[key] = narrative_table(
            key, self.world, self.plan.year, anchor, title, self.rng, wrap_years=wrap, merged=merged
        )
        self.body.append(TableBlock(key))

    def _case(self, topic: str) -> None:
        stories = sentence_templates()["cases"][topic]
        count = self.rng.choice((1, 1, 2)) + (self.verbosity > 1.3 and self.rng.random() < 0.5)
        for case in self.rng.sample(stories, min(len(stories), count)):
            self.cases += 1
            self.cases_in_chapter += 1
            title = self.rng.choice(case["titles"])
            number = (
                f"{self.chapter}-{self.cases_in_chapter}"
                if self.plan.style.cases == "chapter"
                else str(self.cases)
            )
            self.body.append(
                CaseHeading(number, title, case_heading_text(self.plan.style.cases, number, title))
            )
            school = self.ctx.cast.school_mention()
            sentences = [
                s for s in (self._first_fitting(slot, school) for slot in case["body"]) if s
            ]
            more = self._pool("case_more", 0, 3)  # wordier reports tell their cases at length
            self._flush(sentences[:-1] + more + sentences[-1:])
            if self.rng.random() < 0.6:
                self._figure(topic, school)

    def _figure(self, topic: str, school: str) -> None:
        self.figures += 1
        self.figures_in_chapter += 1
        number = (
            f"{self.chapter}-{self.figures_in_chapter}"
            if self.plan.style.tables == "chapter"
            else str(self.figures)
        )
        caption = self.rng.choice(sentence_templates()["figures"][topic])
        parts: list[Part] = []
        head, _, tail = caption.partition("{SCHOOL}")
        parts.append(Lit(head))
        if _:
            parts.append(Ent(school, "SCHOOL"))
            parts.append(Lit(tail))
        self.body.append(
            Figure(number, tuple(p for p in parts if not (isinstance(p, Lit) and not p.text)))
        )

    def _annex(self) -> None:
        annex = [d for d in table_definitions()["annex"] if d["key"] in self.ctx.tables]
        if not annex:
            return
        self.body.append(Heading(1, "", self.rng.choice(("附件", "附表", "附件：质量年报数据表"))))
        spaced = self.plan.style.layout == "tab_rows" and self.rng.random() < 0.3
        for definition in annex:
            anchor = f"表 {definition['no']}" if spaced else f"表{definition['no']}"
            indent = self.plan.style.layout == "cell_per_line"
            self.plan.tables[definition["key"]] = annex_table(
                definition,
                self.world,
                self.plan.year,
                anchor,
                star=self.plan.style.star,
                indent=indent,
                rng=self.rng,
            )
            self.body.append(TableBlock(definition["key"]))


def heading_text(block: Heading, style: Style, toc: bool = False) -> str:
    """A heading as printed: ``1.1 规模结构``, ``（一）规模结构``, ``## 1.基本情况``."""
    if not block.number:
        text = block.title
    elif style.headings == "chinese":
        numbers = block.number.split(".")
        index = int(numbers[-1]) - 1
        cn = _CN_NUMBERS[index] if index < len(_CN_NUMBERS) else numbers[-1]
        text = f"{cn}、{block.title}" if block.level == 1 else f"（{cn}）{block.title}"
    elif block.level == 1:
        text = f"{block.number}.{block.title}"
    else:
        text = f"{block.number} {block.title}"
    if style.headings == "markdown" and not toc:
        return "#" * (block.level + 1) + " " + text
    return text


def case_heading_text(style: str, number: str, title: str) -> str:
    """A case heading in one of the numbering styles reports use."""
    return {
        "chapter": f"案例{number} {title}",
        "bracket": f"案例 {number}【{title}】",
        "colon": f"案例{number}：{title}",
        "square": f"【案例{number}】{title}",
    }[style]


def caption_text(table: TableSpec) -> str:
    """The caption line of a table: anchor and title."""
    return f"{table.anchor} {table.title}"
