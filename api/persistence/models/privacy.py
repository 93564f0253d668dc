"""Subject access requests: who asked, when, by when they must be answered, when they were."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.persistence.base import Base
from api.persistence.models.common import utc_now


class SubjectAccessRequest(Base):
    __tablename__ = "subject_access_request"
    __table_args__ = (
        Index("ix_subject_access_request_hub_due", "hub_id", "due_on", "id"),
        Index("ix_subject_access_request_person_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # The first time the export was produced: the request is answered from then.
    exported_at: Mapped[datetime | None]
