"""The journey format's metric catalogue as measuring needs it: each metric's unit and better direction.

Why a copy: importing ``journeymap.model`` builds the whole journey schema
(about a second), which ``journeymap measure`` on a big export should not pay
at start-up. tests/measuring/test_catalogue.py checks this table against
``journeymap.model.metrics.CATALOGUE``, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Literal

Better = Literal["higher", "lower"]

#: metric id -> (unit, which direction is better; None when neither or it depends on the scale)
METRICS: dict[str, tuple[str, Better | None]] = {
    "nps": ("nps", "higher"),
    "csat": ("percent", "higher"),
    "ces": ("effort", None),
    "fcr": ("percent", "higher"),
    "aht": ("duration", "lower"),
    "frt": ("duration", "lower"),
    "waiting_time": ("duration", "lower"),
    "response_time": ("duration", "lower"),
    "resolution_time": ("duration", "lower"),
    "delivery_time": ("duration", "lower"),
    "abandonment_rate": ("percent", "lower"),
    "churn_rate": ("percent", "lower"),
    "retention_rate": ("percent", "higher"),
    "conversion_rate": ("percent", "higher"),
    "completion_rate": ("percent", "higher"),
    "error_rate": ("percent", "lower"),
    "repeat_contact_rate": ("percent", "lower"),
    "escalation_rate": ("percent", "lower"),
    "containment_rate": ("percent", "higher"),
    "sla_compliance": ("percent", "higher"),
    "on_time_rate": ("percent", "higher"),
    "open_rate": ("percent", "higher"),
    "click_rate": ("percent", "higher"),
    "clv": ("money", "higher"),
    "ticket_volume": ("count", None),
}
