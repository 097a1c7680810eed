"""Shared configuration for every model class."""

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: Characters an id may not contain: whitespace and YAML/reference punctuation.
ID_PATTERN = r"""^[^\s,:;#"'<>()\[\]{}|\\/&*!%@`?=+^~$]+$"""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=200)]
#: Text that must say something: not empty, not only spaces.
BLANK_PATTERN = r"\S"
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000, pattern=BLANK_PATTERN)]


class FrozenModel(BaseModel):
    """Immutable, strict about unknown keys, no NaN or infinity."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        coerce_numbers_to_str=True,
        populate_by_name=True,
        validate_default=False,
    )


_NOT_ID = re.compile(r"[^\w]+")


def slugify(name: str) -> str:
    """Default id from a name: lower case, words joined by ``-``, any script.

    Why not python-slugify: it transliterates, turning Arabic names into
    Latin guesses; ids here keep the author's script ("فتح-الحساب").
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))
    return _NOT_ID.sub("-", text).strip("-_")


def with_default_id(data: object) -> object:
    """Before-validator for items whose ``id`` defaults to the slug of ``name``."""
    name = data.get("name") if isinstance(data, dict) else None
    if isinstance(name, (int, float)) and not isinstance(name, bool):
        name = str(name)
    if isinstance(data, dict) and "id" not in data and isinstance(name, str):
        slug = slugify(name)
        if slug:
            return {"id": slug, **data}
    return data


class Identified(FrozenModel):
    """An item others refer to by ``id``; the id defaults to the slug of ``name``."""

    id: Id = Field(description="defaults to the slug of `name`")

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        return with_default_id(data)
