"""The project's fuzz corpus: hostile, broken and odd inputs, and a run that checks the
corpus runner's promises over them.

    python bench/fuzz.py generate DIR [--n 1000] [--seed 1] [--scale 1.0]
    python bench/fuzz.py run DIR [-j 2] [--no-model] [-o OUT.jsonl]

``generate`` writes ``n`` inputs (every kind at least once, then kinds drawn at random;
the same seed writes the same files) and ``DIR.manifest.json`` with each input's kind.
``--scale`` shrinks the pathological shapes and bombs (the CI sample uses 0.02).
Kinds: synthetic reports as .txt/.md/.docx/.pdf; their text mutated (characters deleted,
noise and control characters inserted, lines shuffled, duplicated, joined, tabs everywhere,
digits swapped, odd line ends, full-width digits and radicals, markdown noise); odd
encodings; truncated and bit-flipped files; random bytes; empty and whitespace-only files;
the pathological shapes of ``fuzz_texts.PATHOLOGICAL``; hostile .docx (billion laughs,
XXE, zip bombs, lying zip directories, a bookmark storm, XML nested deep, XML that is not
XML, a zip that is no .docx) and .pdf (a stream bomb, a page tree that loops, too many
pages, deep nesting, no xref, no text layer); odd names (spaces, newlines, invalid UTF-8,
a leading dash, 250 bytes, upper-case suffixes); things that are not files (a FIFO,
``/dev/zero`` behind a symlink, a symlink loop, a broken symlink, a folder named x.txt).

``run`` runs ``nianbao run DIR -o OUT`` as a researcher would (defaults, model on unless
``--no-model``), samples the resident memory of every process of the run, and checks: one
line per input, in order; exit 0; no traceback printed; peak RSS per process ≤ 2 GiB; no
document over 60 s (the run's own watcher enforces its ``--max-seconds``; the bench counts
the ``Timeout`` lines). It prints the figures and exits 1 when a promise is broken.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "pipeline"))
sys.path.insert(0, str(REPO / "bench"))

import fuzz_formats as ff  # noqa: E402
import fuzz_texts as ft  # noqa: E402

PEAK_RSS_LIMIT_MIB = 2048
INPUT_SECONDS_LIMIT = 60


@dataclass(frozen=True, slots=True)
class Made:
    """One input: a file's bytes, or a thing that is not a file (``special``)."""

    name: str
    data: bytes = b""
    special: str | None = None  # fifo, dev_zero, loop, broken_link, folder


class Maker:
    """Builds inputs of every kind from synthetic reports, at a size ``scale``."""

    def __init__(self, seed: int, scale: float) -> None:
        self.seed, self.scale = seed, scale
        self._reports: dict[int, str] = {}

    def report(self, rng: random.Random) -> str:
        from nianbao.synth import generate_report

        # distinct base reports, each generated once (about a second each): 40 at full
        # scale, a few for a small sample
        index = rng.randrange(max(3, min(40, int(40 * self.scale))))
        if index not in self._reports:
            self._reports[index] = generate_report(self.seed, index).text
        return self._reports[index]

    def size(self, full: int) -> int:
        return max(20, int(full * self.scale))

    def docx(self, text: str) -> bytes:
        return ff.docx_from_text(text)

    def base_docx(self) -> bytes:
        return self.docx("学校概况\n2024年，学校共有在校生1200人。")


def _report(fmt: str) -> Callable[[Maker, random.Random], Made]:
    def make(m: Maker, rng: random.Random) -> Made:
        text = m.report(rng)
        data = {
            "txt": lambda: text.encode(),
            "md": lambda: text.encode(),
            "docx": lambda: m.docx(text),
            "pdf": lambda: ff.pdf_of_text(text),
        }[fmt]()
        return Made(f"report.{fmt}", data)

    return make


def _mutated(mutation: str) -> Callable[[Maker, random.Random], Made]:
    def make(m: Maker, rng: random.Random) -> Made:
        text = ft.TEXT_MUTATIONS[mutation](rng, m.report(rng))
        fmt = rng.choice(["txt", "txt", "md", "docx", "pdf"])
        if fmt == "docx":
            return Made(f"{mutation}.docx", m.docx(text))
        if fmt == "pdf":
            return Made(f"{mutation}.pdf", ff.pdf_of_text(text))
        return Made(f"{mutation}.{fmt}", text.encode("utf-8", "surrogatepass"))

    return make


def _pathological(shape: str, full: int) -> Callable[[Maker, random.Random], Made]:
    def make(m: Maker, rng: random.Random) -> Made:
        text = ft.PATHOLOGICAL[shape](m.size(int(full * rng.uniform(0.3, 1.0))))
        if rng.random() < 0.25:
            return Made(f"{shape}.docx", m.docx(text))
        return Made(f"{shape}.txt", text.encode())

    return make


def _encoding(m: Maker, rng: random.Random) -> Made:
    return Made("encoding.txt", ft.encoded(rng, m.report(rng)))


def _broken(fmt: str, how: str) -> Callable[[Maker, random.Random], Made]:
    def make(m: Maker, rng: random.Random) -> Made:
        text = m.report(rng)
        data = {"txt": text.encode(), "docx": m.docx(text), "pdf": ff.pdf_of_text(text)}[fmt]
        broken = (
            ft.truncated_bytes(rng, data) if how == "truncated" else ft.flipped_bytes(rng, data)
        )
        return Made(f"{how}.{fmt}", broken)

    return make


def _random_bytes(m: Maker, rng: random.Random) -> Made:
    suffix = rng.choice(["txt", "md", "docx", "pdf"])
    return Made(f"random.{suffix}", ft.random_bytes(rng, rng.randrange(1, 200_000)))


def _trivial(m: Maker, rng: random.Random) -> Made:
    body = rng.choice([b"", b" \n\t\n", b"\x00" * 1000, "\u3000\n".encode() * 50, b"\xef\xbb\xbf"])
    return Made(f"trivial.{rng.choice(['txt', 'md'])}", body)


def _wrong_magic(m: Maker, rng: random.Random) -> Made:
    """A file whose suffix lies: a PNG as .pdf, a PDF as .docx, a .docx as .txt."""
    choice = rng.choice(
        [
            ("pdf", b"\x89PNG\r\n\x1a\n" + ft.random_bytes(rng, 3000)),
            ("docx", ff.pdf_of_text(m.report(rng)[:2000])),
            ("txt", m.base_docx()),
            ("pdf", b"%PDF-1.7\n" + ft.random_bytes(rng, 5000)),
            ("docx", ff.zip_of([("hello.txt", b"not a docx")])),
        ]
    )
    return Made(f"wrong_magic.{choice[0]}", choice[1])


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _docx_hostile(m: Maker, rng: random.Random) -> Made:
    base = m.base_docx()
    kind = rng.choice(
        [
            "laughs",
            "xxe",
            "bomb",
            "many_members",
            "lying_sizes",
            "not_xml",
            "no_body",
            "bookmarks",
            "deep",
            "huge_xml",
        ]
    )
    if kind == "laughs":
        body = ff.document_xml(["&lol9;"], prolog=_LAUGHS)
    elif kind == "xxe":
        prolog = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        body = ff.document_xml(["&x;"], prolog=prolog)
    elif kind == "bomb":
        return Made("docx_bomb.docx", ff.zeros_docx(base, ff.BODY, m.size(2**30)))
    elif kind == "many_members":
        return Made("docx_many.docx", ff.many_members_docx(base, 400, m.size(4 * 2**20)))
    elif kind == "lying_sizes":
        big = ff.replace_member(base, ff.BODY, ff.document_xml(["学校"] * m.size(200_000)))
        return Made("docx_lies.docx", ff.lie_about_sizes(big, ff.BODY, 100))
    elif kind == "not_xml":
        body = rng.choice([b"<w:document><w:body>", ft.random_bytes(rng, 2000), b"\xff\xfe<\x00"])
    elif kind == "no_body":
        return Made("docx_no_body.docx", ff.replace_member(base, ff.BODY, None))
    elif kind == "bookmarks":
        marks = "".join(
            f'<w:bookmarkStart w:id="{i}" w:name="_Toc{i}"/><w:bookmarkEnd w:id="{i}"/>'
            for i in range(m.size(200_000))
        )
        body = (
            f'<w:document xmlns:w="{ff.W_NS}"><w:body><w:p>{marks}<w:r><w:t>学校</w:t></w:r>'
            "</w:p></w:body></w:document>"
        ).encode()
    elif kind == "deep":
        depth = m.size(100_000)
        body = (
            f'<w:document xmlns:w="{ff.W_NS}"><w:body>'
            + "<w:sdt><w:sdtContent>" * depth
            + "<w:p><w:r><w:t>学校</w:t></w:r></w:p>"
            + "</w:sdtContent></w:sdt>" * depth
            + "</w:body></w:document>"
        ).encode()
    else:  # ~100 MB of paragraphs at scale 1 (refused by the XML size limit)
        return Made(
            "docx_huge.docx",
            ff.replace_member(base, ff.BODY, ff.document_xml([ft.SENTENCE] * m.size(1_100_000))),
        )
    return Made(f"docx_{kind}.docx", ff.replace_member(base, ff.BODY, body))


def _pdf_hostile(m: Maker, rng: random.Random) -> Made:
    kind = rng.choice(["stream_bomb", "loop", "many_pages", "deep", "no_xref", "no_text"])
    if kind == "stream_bomb":
        data = ff.stream_bomb_pdf(m.size(2**30))
    elif kind == "loop":
        data = ff.page_loop_pdf()
    elif kind == "many_pages":
        data = ff.many_pages_pdf(max(2100, m.size(3000)) if m.scale >= 0.5 else m.size(3000))
    elif kind == "deep":
        data = ff.deep_nesting_pdf(m.size(200_000))
    elif kind == "no_xref":
        whole = ff.pdf_of_text(m.report(rng))
        data = whole[: whole.rfind(b"xref")]
    else:
        data = ff.pdf_document([ff.page_content([])] * rng.randrange(1, 5))
    return Made(f"pdf_{kind}.pdf", data)


_ODD_NAMES = [
    "with space.txt",
    "new\nline.txt",
    "-leading-dash.txt",
    "UPPER.TXT",
    "double.pdf.txt",
    ".hidden.txt",
    "中文名称 年报（2024）.txt",
    "tab\tname.md",
    "x" * 245 + ".txt",
]


def _odd_name(m: Maker, rng: random.Random) -> Made:
    return Made(rng.choice([*_ODD_NAMES, "invalid-utf8"]), m.report(rng).encode())


def _not_a_file(m: Maker, rng: random.Random) -> Made:
    return Made(
        "special.txt", special=rng.choice(["fifo", "dev_zero", "loop", "broken_link", "folder"])
    )


KINDS: dict[str, tuple[float, Callable[[Maker, random.Random], Made]]] = {
    **{f"report_{f}": (2.0, _report(f)) for f in ("txt", "md", "docx", "pdf")},
    **{f"mutated_{k}": (3.0, _mutated(k)) for k in ft.TEXT_MUTATIONS},
    "encoding": (4.0, _encoding),
    **{
        f"{how}_{f}": (2.0, _broken(f, how))
        for how in ("truncated", "flipped")
        for f in ("txt", "docx", "pdf")
    },
    "random_bytes": (3.0, _random_bytes),
    "trivial": (1.5, _trivial),
    "wrong_magic": (1.5, _wrong_magic),
    "docx_hostile": (3.0, _docx_hostile),
    "pdf_hostile": (2.0, _pdf_hostile),
    "odd_name": (1.5, _odd_name),
    "not_a_file": (1.0, _not_a_file),
    **{
        f"pathological_{shape}": (0.25, _pathological(shape, full))
        for shape, full in {
            "one_line": 3_000_000,
            "one_char": 1_000_000,
            "tab_rows": 50_000,
            "no_punctuation": 1_000_000,
            "nested_parts": 30_000,
            "repeated_captions": 50_000,
            "heading_storm": 50_000,
            "case_storm": 20_000,
            "number_storm": 500_000,
        }.items()
    },
}


def generate(out: Path, n: int, seed: int, scale: float) -> dict[str, str]:
    """Write ``n`` inputs into ``out``; returns file name → kind (also beside ``out``)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"nianbao-fuzz:{seed}")
    maker = Maker(seed, scale)
    names = list(KINDS)
    weights = [KINDS[k][0] for k in names]
    order = names + rng.choices(names, weights, k=max(0, n - len(names)))
    manifest: dict[str, str] = {}
    for i, kind in enumerate(order[:n]):
        made = KINDS[kind][1](maker, random.Random(f"nianbao-fuzz:{seed}:{i}"))
        manifest[_write(out, i, made)] = kind
    listing = json.dumps(manifest, ensure_ascii=False, indent=1)
    try:
        listing.encode("utf-8")
    except UnicodeEncodeError:  # a name that is not UTF-8 (one of the kinds): \u escapes
        listing = json.dumps(manifest, indent=1)
    out.with_name(out.name + ".manifest.json").write_text(listing, encoding="utf-8")
    return manifest


def _write(out: Path, i: int, made: Made) -> str:
    if made.name == "invalid-utf8":
        raw = os.fsencode(out) + b"/%04d-\xff\xfe-bad.txt" % i
        with open(raw, "wb") as f:
            f.write(made.data)
        return os.fsdecode(raw[len(os.fsencode(out)) + 1 :])
    name = f"{i:04d}-{made.name}"
    path = out / name
    if made.special is None:
        path.write_bytes(made.data)
    elif made.special == "fifo":
        os.mkfifo(path)
    elif made.special == "dev_zero":
        path.symlink_to("/dev/zero")
    elif made.special == "loop":
        path.symlink_to(path.name)
    elif made.special == "broken_link":
        path.symlink_to(out / "does-not-exist.txt")
    else:
        path.mkdir()
    return name


# --- the run --------------------------------------------------------------------------


def _tree_rss_mib(root: int) -> dict[int, float]:
    """Resident memory of ``root`` and all its descendants, by pid."""
    parents: dict[int, int] = {}
    rss: dict[int, float] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(stat[1])
            rss[int(entry)] = int(stat[21]) * page / 2**20
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return {pid: rss.get(pid, 0.0) for pid in tree}


def run(corpus: Path, out: Path, jobs: int, use_model: bool) -> int:
    from nianbao.corpus import expand_inputs

    expected = expand_inputs([str(corpus)]).files
    command = [sys.executable, "-m", "nianbao", "run", str(corpus), "-o", str(out), "-j", str(jobs)]
    if not use_model:
        command.append("--no-model")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid, mib in _tree_rss_mib(process.pid).items():
                peak[pid] = max(peak.get(pid, 0.0), mib)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _stdout, stderr = process.communicate()
    stop.set()
    sampler.join()
    wall = time.monotonic() - started
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    errors = Counter(r["error"]["type"] for r in records if r["status"] == "error")
    text_err = stderr.decode("utf-8", "replace")
    problems = []
    if process.returncode != 0:
        problems.append(f"exit {process.returncode}")
    if "Traceback" in text_err:
        problems.append("a traceback was printed")
    if [r["source"] for r in records] != list(expected):
        problems.append(f"{len(records)} lines for {len(expected)} inputs, or out of order")
    biggest = max(peak.values(), default=0.0)
    if biggest > PEAK_RSS_LIMIT_MIB:
        problems.append(f"peak RSS {biggest:.0f} MiB > {PEAK_RSS_LIMIT_MIB} MiB")
    mib = sum(Path(s).stat().st_size for s in expected if _regular(s)) / 2**20
    print(
        f"inputs {len(expected)} ({mib:.1f} MiB); lines {len(records)}; exit {process.returncode}"
    )
    print(
        f"ok {sum(r['status'] == 'ok' for r in records)}; error {sum(errors.values())}: {dict(errors.most_common())}"
    )
    print(
        f"wall {wall:.0f} s with -j {jobs}; peak RSS per process {biggest:.0f} MiB ({len(peak)} processes)"
    )
    print(f"documents stopped at the time budget (Timeout): {errors.get('Timeout', 0)}")
    print("traceback printed: " + ("yes" if "Traceback" in text_err else "no"))
    for problem in problems:
        print("BROKEN:", problem)
    return 1 if problems else 0


def _regular(path: str) -> bool:
    try:
        return Path(path).is_file() and not Path(path).is_symlink()
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write the fuzz corpus")
    gen.add_argument("out", type=Path)
    gen.add_argument("--n", type=int, default=1000)
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--scale", type=float, default=1.0)
    go = sub.add_parser("run", help="run nianbao over it and check the promises")
    go.add_argument("corpus", type=Path)
    go.add_argument("-o", "--out", type=Path)
    go.add_argument("-j", "--jobs", type=int, default=2)
    go.add_argument("--no-model", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "generate":
        manifest = generate(args.out, args.n, args.seed, args.scale)
        kinds = Counter(manifest.values())
        print(f"{len(manifest)} inputs, {len(kinds)} kinds → {args.out}")
        return 0
    out = args.out or args.corpus.with_name(args.corpus.name + ".out.jsonl")
    return run(args.corpus, out, args.jobs, not args.no_model)


if __name__ == "__main__":
    sys.exit(main())
