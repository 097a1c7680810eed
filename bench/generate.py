"""Synthetic journeys for benchmarks: any number of touchpoints, realistic content.

    python bench/generate.py 1000 -o /tmp/journey-1000.yaml [--arabic]

Each touchpoint has an action, a channel, per-persona emotions, metrics with
targets, pain points, opportunities and an explicit `next`; every tenth is a
moment of truth. The output is deterministic for a given size.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from typing import Any

import yaml

CHANNELS = ["web", "mobile_app", "email", "phone", "live_chat", "chatbot", "store", "social", "sms", "delivery"]
STAGES = ["awareness", "consideration", "purchase", "post-purchase", "service", "onboarding", "adoption", "advocacy"]
EMOTIONS = ["delighted", "happy", "neutral", "confused", "frustrated", "angry", 2, 3, 4]
WORDS_EN = [
    "customer",
    "checks",
    "order",
    "status",
    "delivery",
    "payment",
    "help",
    "account",
    "form",
    "price",
    "review",
    "app",
    "call",
    "wait",
]
WORDS_AR = [
    "العميل",
    "يتحقق",
    "من",
    "حالة",
    "الطلب",
    "والتوصيل",
    "والدفع",
    "والمساعدة",
    "والحساب",
    "والسعر",
    "والتقييم",
]


def journey(touchpoints: int, personas: int = 3, arabic: bool = False, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed + touchpoints)
    words = WORDS_AR if arabic else WORDS_EN

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    persona_ids = [f"p{i}" for i in range(personas)]
    stage_count = min(len(STAGES), max(4, touchpoints // 25))
    per_stage = [touchpoints // stage_count + (1 if i < touchpoints % stage_count else 0) for i in range(stage_count)]
    stages, number = [], 0
    for s, size in enumerate(per_stage):
        items = []
        for _ in range(size):
            items.append(_touchpoint(number, touchpoints, persona_ids, rng, text))
            number += 1
        stages.append({"id": STAGES[s], "name": STAGES[s].replace("-", " ").title(), "touchpoints": items})
    return {
        "version": 1,
        "journey": {"id": f"synthetic-{touchpoints}", "title": f"Synthetic journey {touchpoints}",
                    "language": "ar" if arabic else "en", "industry": "ecommerce"},
        "personas": [{"id": p, "name": f"Persona {p} {text(2)}", "share": f"{100 // (personas + 1)}%",
                      "goals": [text(5)], "preferred_channels": [CHANNELS[i % len(CHANNELS)]]}
                     for i, p in enumerate(persona_ids)],
        "stages": stages,
    }  # fmt: skip


def _touchpoint(n: int, total: int, personas: list[str], rng: random.Random, text: Any) -> dict[str, Any]:
    tp: dict[str, Any] = {
        "id": f"tp{n}",
        "name": f"Touchpoint {n} {text(3)}",
        "channel": CHANNELS[n % len(CHANNELS)],
        "action": text(10),
        "owner": f"Team {n % 7}",
        "emotion": {p: rng.choice(EMOTIONS) for p in personas},
        "metrics": {"csat": f"{rng.randint(50, 95)}%", "waiting_time": f"{rng.randint(1, 90)}m",
                    "fcr": round(rng.uniform(0.4, 0.95), 2)},
        "targets": {"csat": "85%", "waiting_time": "15m"},
        "pain_points": [text(8), text(6)],
        "opportunities": [text(7)],
    }  # fmt: skip
    if n % 10 == 0:
        tp["moment_of_truth"] = {"impact": "high", "why": text(6)}
    if n + 1 < total:
        tp["next"] = [f"tp{n + 1}"] + ([{"to": f"tp{min(n + 3, total - 1)}", "share": "20%"}] if n % 5 == 0 else [])
    else:
        tp["next"] = []
    return tp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("touchpoints", type=int)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--personas", type=int, default=3)
    parser.add_argument("--arabic", action="store_true")
    args = parser.parse_args()
    data = journey(args.touchpoints, args.personas, args.arabic)
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write("# yaml-language-server: $schema=../docs/schema/journeymap.schema.json\n")
        yaml.safe_dump(data, handle, allow_unicode=True, sort_keys=False, width=100)
    warning = over_limit(os.path.getsize(args.output))
    if warning:
        print(f"generate.py: {args.output}: {warning}", file=sys.stderr)


def over_limit(size: int) -> str | None:
    """Why journeymap will refuse a file of ``size`` bytes (JM002), or None when it reads it."""
    from journeymap.io import MAX_INPUT_BYTES
    from journeymap.loader import TOO_LARGE_HINT, limit_text

    if size <= MAX_INPUT_BYTES:
        return None
    return (
        f"{size:,} bytes is over journeymap's input limit of {limit_text(MAX_INPUT_BYTES)}: "
        f"`journeymap` will refuse it (JM002); {TOO_LARGE_HINT}"
    )


if __name__ == "__main__":
    main()
