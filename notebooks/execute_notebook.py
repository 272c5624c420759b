"""Execute notebooks in place with nbclient and save them with their outputs, so GitHub's
notebook view shows the plots; refuses to save outputs that name this machine's paths.

    python notebooks/execute_notebook.py notebooks/corpus_findings.ipynb

Jupyter itself is not needed: nbclient, nbformat and ipykernel (the ``notebook`` extra) are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

# Where a saved output would give away the machine it ran on.
MACHINE_PATH_MARKERS = (
    "/work/",
    "/tmp/",
    "/home/",
    "/root/",
    "/Users/",
    "/private/var/",
    ":\\Users\\",
)


def execute(
    path: Path, *, kernel_name: str = "python3", timeout_s: int = 600
) -> nbformat.NotebookNode:
    """Run every cell of the notebook at ``path`` (cwd: its folder) and return it with outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout_s,
        kernel_name=kernel_name,
        record_timing=False,  # per-cell timestamps would change every run
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def scrub(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs from run to run and machine to machine (the kernel's Python version)."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    return nb


def machine_paths(nb: nbformat.NotebookNode, extra: tuple[str, ...] = ()) -> list[str]:
    """Output lines that contain an absolute path of some machine."""
    markers = MACHINE_PATH_MARKERS + extra
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")]
            texts += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
            texts += output.get("traceback", [])
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                found += [line for line in text.splitlines() if any(m in line for m in markers)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--kernel", default="python3", help="kernel name (default python3)")
    args = parser.parse_args(argv)
    repo = str(Path(__file__).resolve().parents[1])
    for path in args.notebooks:
        nb = scrub(execute(path, kernel_name=args.kernel))
        leaks = machine_paths(nb, (repo,))
        if leaks:
            print(
                f"未保存 {path}：输出中有本机路径（outputs name this machine's paths）: {leaks[0]}",
                file=sys.stderr,
            )
            return 1
        nbformat.write(nb, path)
        print(f"已保存 saved {path} ({path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
