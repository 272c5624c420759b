"""Defaults shared by the command line and the library, so the two never disagree."""

from __future__ import annotations

from pathlib import Path

VERSION = "0.1.0"  # also in pyproject.toml

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parents[1]

MODEL_NAME = "ner-zh-char-v3"
# A wheel carries the default model inside the package (setup.py's build step puts it
# there); a source checkout or an editable install reads it from the repository's models/.
BUNDLED_MODELS = PACKAGE / "models"
REPO_MODELS = REPO / "models"


def default_model_dir() -> Path:
    """Where the default model is: inside the installed package, else in the checkout."""
    bundled = BUNDLED_MODELS / MODEL_NAME
    return bundled if (bundled / "model.safetensors").exists() else REPO_MODELS / MODEL_NAME


DEFAULT_MODEL = default_model_dir()


def model_name(model_dir: str | Path) -> str:
    """How ``meta.model`` names a model: ``models/NAME`` for a shipped one, else its path."""
    path = Path(model_dir).resolve()
    for root in (BUNDLED_MODELS.parent, REPO):
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return str(path)


# Training: the recipe of the committed model unless a flag says otherwise.
TRAIN_EPOCHS = 16
TRAIN_MAX_MINUTES = 80.0
TRAIN_SEED = 13
TRAIN_SYNTH_DOCS = 150
TRAIN_LEARNING_RATE = 1e-3
TRAIN_BIGRAMS = 20000

# Seconds `nianbao run --scheduler` waits for the Dask scheduler before it gives up.
SCHEDULER_TIMEOUT_S = 5

# Per-document limits of a corpus run (nianbao run --max-bytes/--max-seconds/--max-memory).
# Real reports are 0.1–60 MB as files and take 1–15 s; the limits are far above that
# and far below what would stall a run of thousands.
MAX_INPUT_BYTES = 200 * 1024 * 1024
MAX_DOC_SECONDS = 45.0
MAX_WORKER_MEMORY_MIB = 1536
