"""The attachment tables of a server workspace: each file once, by its SHA-256, in chunks.

Used by ``app.core.storage.db_store`` on an office server (after ``server init``); empty
on SQLite and on a server opened without it, whose files stay in the folder store. A
blob belongs to no case: row security shows its chunks to whoever may see a document
that has its SHA-256 (``app.core.server.policies``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Integer, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.core.storage.base import Base, utc_now


class AttachmentBlob(Base):
    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer().with_variant(BigInteger, "postgresql"))
    chunks: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(String(63), default="")
    added_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.current_timestamp()
    )


class AttachmentChunk(Base):
    """One piece (``db_store.CHUNK`` bytes, the last shorter) of a blob, in order of
    ``seq``. While a write is under way its rows carry a placeholder name, renamed to
    the SHA-256 once the whole file is read (``db_store``)."""

    __tablename__ = "attachment_chunks"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)
