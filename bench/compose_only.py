"""The floor for `journeymap validate`: libyaml composes the file's node graph, nothing else.

    python bench/compose_only.py /tmp/journey-10000.yaml

``yaml.compose`` with PyYAML's C loader (``CSafeLoader``), the garbage collector
off: the events parsed and the node tree built, no constructor, no checks.
Issue #14 compares `journeymap validate` with this whole process (start-up included).
"""

from __future__ import annotations

import gc
import sys

import yaml


def main() -> None:
    gc.disable()
    with open(sys.argv[1], "rb") as handle:
        node = yaml.compose(handle, Loader=yaml.CSafeLoader)
    print("composed" if node is not None else "empty")


if __name__ == "__main__":
    main()
