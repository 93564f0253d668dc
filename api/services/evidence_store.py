"""Where claims' evidence files are kept: one interface, so that any API process can serve a
file whichever process took it (never one process's disk). The database implementation keeps
the bytes beside the claim; an object store would implement the same three methods."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from api.persistence import grant_claims_repository as repo
from api.persistence.models import GrantEvidence


@dataclass(frozen=True)
class EvidenceInfo:
    """What a claim shows of its evidence, without the bytes."""

    filename: str
    content_type: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class EvidenceFile(EvidenceInfo):
    content: bytes


class EvidenceStore(Protocol):
    def put(
        self, claim_id: int, *, filename: str, content_type: str, content: bytes
    ) -> EvidenceInfo: ...

    def info(self, claim_ids: list[int]) -> dict[int, EvidenceInfo]: ...

    def get(self, claim_id: int) -> EvidenceFile | None: ...


class DatabaseEvidenceStore:
    """Evidence kept in the grant_evidence table, in the request's transaction: a claim and
    its file are saved together or not at all."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def put(
        self, claim_id: int, *, filename: str, content_type: str, content: bytes
    ) -> EvidenceInfo:
        row = GrantEvidence(
            claim_id=claim_id,
            filename=filename,
            content_type=content_type,
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
        )
        repo.add_evidence(self._session, row)
        return _info(row)

    def info(self, claim_ids: list[int]) -> dict[int, EvidenceInfo]:
        rows = repo.evidence_meta(self._session, claim_ids)
        return {claim_id: _info(row) for claim_id, row in rows.items()}

    def get(self, claim_id: int) -> EvidenceFile | None:
        row = repo.evidence(self._session, claim_id)
        if row is None:
            return None
        return EvidenceFile(
            filename=row.filename,
            content_type=row.content_type,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            content=row.content,
        )


def _info(row: GrantEvidence) -> EvidenceInfo:
    return EvidenceInfo(
        filename=row.filename,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
    )


def evidence_store(session: Session) -> EvidenceStore:
    """The store this deployment uses."""
    return DatabaseEvidenceStore(session)
