"""`journeymap validate` without the command line: load, validate and present the files, nothing else.

    python bench/library_only.py /tmp/su/j10.yaml

What the ``validate`` command runs once its options are parsed (the project
settings from the working directory, the one workspace run, the presenter
``auto`` picks), without the command line. Issue #14 compares it with yamllint to show how
much of the start-up is the CLI and how much the library (bench/RESULTS.md).
"""

from __future__ import annotations

import sys

from journeymap.cli.outputs import load_workspace, present_validation


def main() -> None:
    workspace = load_workspace(sys.argv[1:])
    sys.stdout.write(present_validation(workspace, "auto"))
    sys.exit(workspace.exit_code())


if __name__ == "__main__":
    main()
