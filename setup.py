"""Build step: the wheel carries the default model, so a non-editable install runs as is.

Everything else about the package is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODEL = "ner-zh-char-v3"  # nianbao.defaults.MODEL_NAME
MODEL_FILES = (
    "config.json",
    "labels.json",
    "vocab.txt",
    "bigrams.txt",
    "model.safetensors",
    "training.json",
    "MODEL_CARD.md",
)


class BuildPyWithModel(build_py):
    """Copy models/MODEL into nianbao/models/MODEL of the build (not in editable mode:
    an editable install reads the checkout's models/ folder directly)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source = Path(__file__).resolve().parent / "models" / MODEL
        target = Path(self.build_lib) / "nianbao" / "models" / MODEL
        target.mkdir(parents=True, exist_ok=True)
        for name in MODEL_FILES:
            if (source / name).exists():
                shutil.copy2(source / name, target / name)


setup(cmdclass={"build_py": BuildPyWithModel})
