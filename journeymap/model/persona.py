"""Personas: archetypes of the customers who walk the journey."""

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from journeymap.model.base import Id, Identified, Text
from journeymap.model.metrics import _PERCENT_IN, Measure, _percent

Share = Annotated[Measure, BeforeValidator(_percent), WithJsonSchema(_PERCENT_IN)]


class Persona(Identified):
    """Who the customer is, what they want and how they like to be reached."""

    name: Text = Field(description="the persona's name, e.g. `Sara, busy parent`")
    description: str | None = Field(default=None, description="who they are, in a sentence or two")
    gender: Literal["female", "male"] | None = Field(
        default=None,
        description="chooses the form of emotion words in languages that inflect them (Arabic); "
        "neutral wording when not given",
    )
    quote: str | None = Field(default=None, description="a line in the persona's own words")
    goals: list[Text] = Field(default=[], description="what they want to achieve")
    needs: list[Text] = Field(default=[], description="what they need from the business to get there")
    pain_points: list[Text] = Field(default=[], description="what usually goes wrong for them")
    preferred_channels: list[Id] = Field(default=[], description="channel ids, built-in or custom")
    share: Share | None = Field(default=None, description="share of customers (71%, 0.71 or 71); weights aggregates")

    @property
    def weight(self) -> float | None:
        return self.share.value if self.share else None
