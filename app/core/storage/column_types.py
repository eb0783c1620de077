"""Column types of the case file's own: how a value Python holds is stored as SQL.

Kept apart from the models so the mixins the models are made of
(:mod:`app.core.storage.role_fields`) can use them without importing the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

from app.core.dates import PartialDate


class PartialDateType(TypeDecorator[PartialDate]):
    """Stores a :class:`PartialDate` as its sortable ISO text (``2020-06``, ``2020-06~``)."""

    impl = String(16)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, PartialDate):
            return value.iso()
        return PartialDate.from_iso(str(value)).iso()

    def process_result_value(self, value: Any, dialect: Any) -> PartialDate | None:
        return PartialDate.from_iso(value) if value else None
