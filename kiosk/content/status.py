"""What the operator must know about the content: what is shown, what is held back, what is stale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.content.loader import Catalog, Problem

STALE_AFTER_DAYS = 365  # CONTENT.md: re-check tutorials older than 12 months against the real app


@dataclass(frozen=True)
class ContentStatus:
    published: int
    drafts: list[tuple[str, str]]  # (file, what must be checked)
    problems: list[Problem]
    stale: list[tuple[str, dt.date]]  # (file, reviewed) for published tutorials older than a year


def content_status(catalog: Catalog, today: dt.date) -> ContentStatus:
    cutoff = today - dt.timedelta(days=STALE_AFTER_DAYS)
    return ContentStatus(
        published=len(catalog.published()),
        drafts=[(catalog.files[t.id], t.draft_note or "") for t in catalog.drafts()],
        problems=list(catalog.problems),
        stale=sorted((catalog.files[t.id], t.reviewed) for t in catalog.published() if t.reviewed < cutoff),
    )
