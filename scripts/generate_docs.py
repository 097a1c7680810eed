"""Regenerate docs/audit-rules.md from the rule catalogue (run after changing a rule).

Usage: .venv/bin/python scripts/generate_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from journeymap.auditing.docs import catalogue_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "audit-rules.md"


def main(argv: list[str]) -> int:
    text = catalogue_markdown()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale; run: python scripts/generate_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
