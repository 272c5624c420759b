"""The corpus stage: many reports in, one line each out (inputs, workers, runner, summary)."""

from nianbao.corpus.inputs import Inputs, expand_inputs
from nianbao.corpus.runner import done_sources, run_corpus
from nianbao.corpus.summary import RunSummary
from nianbao.corpus.workers import Limits, worker_pool

__all__ = [
    "Inputs",
    "Limits",
    "RunSummary",
    "done_sources",
    "expand_inputs",
    "run_corpus",
    "worker_pool",
]
