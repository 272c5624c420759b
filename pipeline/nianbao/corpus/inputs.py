"""What a run reads: files as given, folders walked, globs expanded."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.errors import MESSAGES, InputNotFound
from nianbao.ingest.source import SUPPORTED_SUFFIXES


@dataclass(frozen=True, slots=True)
class Inputs:
    files: tuple[str, ...]
    skipped: tuple[str, ...]  # files inside folders with suffixes nianbao does not read

    def absolute(self) -> Inputs:
        """The same inputs as absolute paths, for workers that run in other folders."""
        return Inputs(tuple(os.path.abspath(p) for p in self.files), self.skipped)


def expand_inputs(paths: Sequence[str]) -> Inputs:
    """Files as given, folders walked (supported suffixes), globs expanded; order kept, no duplicates.

    A path that names nothing raises ``InputNotFound``; a named file of any suffix is an
    input (it gets an error line if it cannot be read); only files met inside folders are
    filtered by suffix, and those left out are reported, never silently dropped.
    """
    files: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    def walk(folder: str) -> None:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                p = os.path.join(root, name)
                if name.lower().endswith(SUPPORTED_SUFFIXES):
                    add(p)
                else:
                    skipped.append(p)

    for given in paths:
        if os.path.isdir(given):
            walk(given)
        elif os.path.exists(given):
            add(given)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise InputNotFound(MESSAGES["not_found"].format(path=given))
            for p in matches:
                if os.path.isdir(p):
                    walk(p)  # a folder a glob names is walked like a folder given by name
                else:
                    add(p)
        else:
            raise InputNotFound(MESSAGES["not_found"].format(path=given))
    return Inputs(tuple(files), tuple(skipped))
