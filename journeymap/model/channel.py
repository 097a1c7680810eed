"""Channels: the built-in catalogue and custom channels.

Kinds follow the domain reference (docs/domain.md#touchpoint-kinds):
**digital** (website, app, social media, email, chat, chatbot), **human**
(sales rep, support agent, help desk, phone), **physical** (store, packaging,
printed ads, delivery).
"""

from typing import Literal

from pydantic import Field

from journeymap.model.base import FrozenModel, Id, Text

Kind = Literal["digital", "human", "physical"]
KINDS: tuple[Kind, ...] = ("digital", "human", "physical")


class Channel(FrozenModel):
    """A way the customer and the business meet."""

    id: Id = Field(description="the id touchpoints use in `channel:`; not one of the built-in ids")
    name: Text = Field(description="the channel's name, as the map shows it")
    kind: Kind = Field(description="digital, human or physical (how the map draws it)")
    description: str | None = Field(default=None, description="what the channel is")
    self_service: bool = Field(default=False, description="the customer solves things alone (FAQ, portal, app)")
    real_time: bool = Field(default=False, description="answers come while the customer waits (phone, chat)")


def _c(
    id: str, name: str, kind: Kind, description: str, *, self_service: bool = False, real_time: bool = False
) -> Channel:
    return Channel(id=id, name=name, kind=kind, description=description, self_service=self_service, real_time=real_time)


BUILT_IN_CHANNELS: dict[str, Channel] = {
    c.id: c
    for c in [
        _c("web", "Website", "digital", "the company website, web shop or web app", self_service=True),
        _c("mobile_app", "Mobile app", "digital", "the company's app, in-app messages and tickets", self_service=True),
        _c("email", "Email", "digital", "messages by email, automated or written by an agent"),
        _c("sms", "SMS", "digital", "text messages"),
        _c("push", "Push notification", "digital", "app or browser notifications"),
        _c("messaging", "Messaging app", "digital", "WhatsApp, Messenger and similar", real_time=True),
        _c("live_chat", "Live chat", "digital", "real-time text chat with an agent", real_time=True),
        _c("chatbot", "Chatbot", "digital", "automated chat for triage and answers", self_service=True, real_time=True),
        _c("social", "Social media", "digital", "public posts, comments and direct messages"),
        _c("ads", "Online ads", "digital", "search, display and social advertising"),
        _c("video", "Video", "digital", "product videos, tutorials, webinars"),
        _c("review_site", "Review site", "digital", "third-party reviews and ratings"),
        _c("self_service", "Self-service portal", "digital", "FAQ, help centre, knowledge base", self_service=True),
        _c("community", "Community forum", "digital", "customers helping customers", self_service=True),
        _c("phone", "Phone", "human", "calls with an agent, including the IVR in front", real_time=True),
        _c("video_call", "Video call", "human", "a video consultation with an agent", real_time=True),
        _c("in_person", "In person", "human", "a sales rep, adviser or agent face to face", real_time=True),
        _c("help_desk", "Help desk", "human", "a service counter or desk", real_time=True),
        _c("field_service", "Field service", "human", "a technician or agent visiting the customer", real_time=True),
        _c("store", "Store", "physical", "a shop or showroom"),
        _c("branch", "Branch", "physical", "a bank, telecom or service branch"),
        _c("kiosk", "Kiosk or ATM", "physical", "a self-service machine", self_service=True),
        _c("print", "Printed ads", "physical", "flyers, posters, billboards, print media"),
        _c("broadcast", "TV and radio", "physical", "broadcast advertising"),
        _c("mail", "Postal mail", "physical", "letters, statements, catalogues"),
        _c("packaging", "Packaging", "physical", "the box, unboxing and inserts"),
        _c("delivery", "Delivery", "physical", "the courier and the hand-over"),
        _c("event", "Event", "physical", "fairs, launches, workshops"),
        _c("word_of_mouth", "Word of mouth", "physical", "friends, family, colleagues"),
    ]
}
