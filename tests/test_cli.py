"""End to end: the command line over a folder with good and bad inputs."""

import json
from pathlib import Path

import pytest
from nianbao.cli import main
from nianbao.export.schema import validate_record

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = (DATA / "mini_report.txt").read_text("utf-8")
    (folder / "a_utf8.txt").write_text(text, "utf-8")
    (folder / "b_gbk.txt").write_bytes(text.replace("[bookmark: _Toc1]", "").encode("gbk"))
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "e_notes.json").write_text("{}", "utf-8")  # not a report format: reported, not read
    return folder


def test_run_writes_one_valid_line_per_input(mixed_folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["run", str(mixed_folder), "-o", str(out), "--no-progress"]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [Path(r["source"]).name for r in records] == [
        "a_utf8.txt",
        "b_gbk.txt",
        "c_empty.txt",
        "d_binary.txt",
    ]
    assert [r["status"] for r in records] == ["ok", "ok", "error", "error"]
    assert records[2]["error"]["type"] == "EmptyDocument"
    assert records[3]["error"]["type"] == "BinaryInput"
    for record in records:
        assert validate_record(record) == []
    ok = records[0]
    assert ok["meta"]["report_year"] == "2024" and ok["meta"]["level"] == "city"
    assert "[bookmark" not in ok["text"] and "[image" not in ok["text"]
    assert len(ok["tables"]) == 2 and ok["tables"][1]["appendix"] is True
    assert [c["number"] for c in ok["cases"]] == ["2-1", "2"]
    values = {(c["number_text"], c["unit"]) for c in ok["claims"]}
    assert ("12450", "人") in values and ("15.2:1", "ratio") in values
    assert not any(c["number_text"] in {"12", "1234567", "2024"} for c in ok["claims"])
    # the GBK copy reads the same, whatever its bytes
    assert records[1]["text"] == ok["text"] and records[1]["doc_id"] != ok["doc_id"]
    summary = capsys.readouterr().err
    assert "documents: 4" in summary and "error 2" in summary and ".json ×1" in summary


def test_missing_path_is_a_clear_cli_error(tmp_path: Path, capsys) -> None:
    assert main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "找不到输入文件" in capsys.readouterr().err


def test_resume_keeps_done_lines_and_adds_the_rest(mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["run", str(mixed_folder), "-o", str(out), "--no-progress", "-q"]) == 0
    full = out.read_text("utf-8")
    first_line = full.splitlines(keepends=True)[0]
    out.write_text(first_line + '{"schema": "nianbao.doc/1", "sou', "utf-8")  # killed mid-line
    assert main(["run", str(mixed_folder), "-o", str(out), "--resume", "--no-progress", "-q"]) == 0
    assert out.read_text("utf-8") == full


def test_parallel_run_gives_the_same_bytes(mixed_folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["run", str(mixed_folder), "-o", str(one), "--no-progress", "-q"]) == 0
    assert main(["run", str(mixed_folder), "-o", str(two), "-j", "2", "--no-progress", "-q"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_library_call(mixed_folder: Path) -> None:
    import nianbao

    doc = nianbao.annotate(str(mixed_folder / "a_utf8.txt"))
    assert doc.status == "ok" and doc.tables and doc.claims
    bad = nianbao.annotate(str(mixed_folder / "c_empty.txt"))
    assert bad.status == "error" and bad.error is not None
    assert bad.error.type == "EmptyDocument" and "文件为空" in bad.error.message


def test_a_file_of_export_noise_only_is_an_error_line(tmp_path: Path) -> None:
    import nianbao

    noise = tmp_path / "noise.txt"
    noise.write_text("[bookmark: _Toc1]\n[image: logo.png]\n", encoding="utf-8")
    doc = nianbao.annotate(str(noise))
    assert doc.status == "error" and doc.error is not None
    assert doc.error.type == "EmptyDocument" and "噪声" in doc.error.message


def test_dask_scheduler_gives_the_same_bytes(mixed_folder: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["run", str(mixed_folder), "-o", str(one), "--no-progress", "-q"]) == 0
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        args = ["run", str(mixed_folder), "-o", str(two), "--scheduler", cluster.scheduler_address]
        assert main([*args, "--no-progress", "-q"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_report_command_writes_html_and_csv(mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["run", str(mixed_folder), "-o", str(out), "--no-progress", "-q"]) == 0
    page, table = tmp_path / "r.html", tmp_path / "f.csv"
    assert main(["report", str(out), "-o", str(page), "--csv", str(table)]) == 0
    assert "a_utf8.txt" in page.read_text("utf-8")
    assert table.read_text("utf-8-sig").startswith("document,doc_id,finding,severity")


def test_docx_report_end_to_end(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    import nianbao

    document = docx.Document()
    document.add_paragraph("青山市中等职业教育质量年度报告（2024年度）")
    document.add_paragraph("青山市教育局")
    document.add_paragraph("2024年，全市中职学校全日制在校生12450人，专任教师820人。")
    document.add_paragraph("表1 办学规模")
    grid = [
        ("指标", "单位", "2023年", "2024年"),
        ("全日制在校生人数", "人", "12140", "12450"),
        ("专任教师数", "人", "800", "821"),
    ]
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "report.docx"
    document.save(path)
    doc = nianbao.annotate(str(path))
    assert doc.status == "ok" and doc.meta.reporting_entity == "青山市教育局"
    (t,) = doc.tables
    assert t.anchor == "表1" and t.columns[-1] == "2024年"
    cells = {(r.label, c.col): c.value for r in t.rows for c in r.cells}
    assert cells[("专任教师数", "2024年")] == 821
    assert {c.number_text for c in doc.claims} == {"12450", "820"}
    assert any(
        f.type == "narrative_vs_table" and f.claimed == 820 and f.expected == 821
        for f in doc.findings
    )


def test_docx_tables_use_the_files_own_grid(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    import nianbao

    document = docx.Document()
    document.add_paragraph("表2 校企合作项目")
    grid = [
        ("项目", "合作企业数", "说明"),
        (
            "订单班",
            "12",
            "学校与企业共同制定培养方案，企业全程参与教学，学生毕业后优先到企业就业。",
        ),
        ("现代学徒制", "5", "—"),
    ]
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("全年合作企业17家。")
    path = tmp_path / "grid.docx"
    document.save(path)
    doc = nianbao.annotate(str(path))
    (t,) = doc.tables
    assert t.layout == "native" and t.anchor == "表2"
    assert [r.label for r in t.rows] == ["订单班", "现代学徒制"]
    long_cell = next(c for c in t.rows[0].cells if c.col == "说明")
    assert long_cell.text.startswith("学校与企业") and long_cell.value is None
    assert doc.text[long_cell.start : long_cell.end] == long_cell.text
    assert [c.number_text for c in doc.claims] == ["17"]


def test_resume_reads_lines_with_unicode_line_separators(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("青山市教育局\u20282024年全日制在校生3357人。\n", "utf-8")
    (folder / "b.txt").write_text("全市共有学校12所。\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(folder), "-o", str(out), "--no-model", "--no-progress", "-q"]) == 0
    full = out.read_bytes()
    out.write_bytes(full.split(b"\n")[0] + b"\n")
    assert (
        main(["run", str(folder), "-o", str(out), "--resume", "--no-model", "--no-progress", "-q"])
        == 0
    )
    assert out.read_bytes() == full


def test_glob_naming_a_folder_walks_it(tmp_path: Path) -> None:
    from nianbao.corpus import expand_inputs

    (tmp_path / "g" / "sub").mkdir(parents=True)
    (tmp_path / "g" / "b.txt").write_text("x", "utf-8")
    (tmp_path / "g" / "sub" / "a.txt").write_text("x", "utf-8")
    files = expand_inputs([str(tmp_path / "g" / "*")]).files
    assert sorted(Path(f).name for f in files) == ["a.txt", "b.txt"]


def test_train_command_writes_a_model_with_the_chosen_features(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    out = tmp_path / "model"
    argv = ["train", "-o", str(out), "--sources", "synth", "--synth-docs", "1", "--epochs", "1"]
    argv += ["--layers", "1", "--hidden", "32", "--word-features", "softword", "--bigrams", "0"]
    argv += ["--max-minutes", "0.3", "--pretrained", "none", "--dropout", "0.25"]
    assert main(argv) == 0
    size = json.loads((out / "config.json").read_text("utf-8"))["size"]
    assert size["dropout"] == 0.25
    assert (size["layers"], size["hidden"], size["softword"], size["lexicon"]) == (
        1,
        32,
        True,
        False,
    )
    assert size["bigrams"] == 0 and not (out / "bigrams.txt").exists()


def test_train_defaults_are_the_library_defaults() -> None:
    """`nianbao train` and `train_model` read one set of defaults (nianbao.defaults)."""
    import inspect

    from nianbao.cli import build_parser
    from nianbao.training.train import train_model

    args = build_parser().parse_args(["train", "-o", "x"])
    library = inspect.signature(train_model).parameters
    for flag, parameter in [
        ("epochs", "epochs"),
        ("max_minutes", "max_minutes"),
        ("seed", "seed"),
        ("synth_docs", "synth_docs"),
        ("learning_rate", "learning_rate"),
    ]:
        assert getattr(args, flag) == library[parameter].default, flag
