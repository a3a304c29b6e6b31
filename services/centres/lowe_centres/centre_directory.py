"""The registry listed page by page: a read-only view, read straight from the database (no aggregate changes, so
no repository), ordered by name then id with a keyset cursor."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from lowe_centres.listing import CentreCursor, CentreQuery
from lowe_centres.model import Centre
from lowe_centres.orm import centres
from lowe_centres.unit_of_work import CentresUnitOfWork


@dataclass(frozen=True)
class CentrePage:
    items: list[Centre]
    next_cursor: str | None  # None on the last page


def list_centres(query: CentreQuery, uow: CentresUnitOfWork) -> CentrePage:
    with uow:
        assert uow.session is not None
        found = list(uow.session.scalars(_select(query).limit(query.limit + 1)))
    items = found[: query.limit]
    if len(found) <= query.limit:
        return CentrePage(items, None)
    return CentrePage(items, CentreCursor(items[-1].name, items[-1].id).encode())


def _select(query: CentreQuery) -> sa.Select[Centre]:
    columns = centres.c
    select = sa.select(Centre).order_by(columns.name, columns.id)
    if query.voivodeship is not None:
        select = select.where(columns.voivodeship == query.voivodeship)
    if query.status is not None:
        select = select.where(columns.status == query.status)
    if query.text:
        pattern = f"%{_escape_like(query.text.lower())}%"
        select = select.where(
            sa.or_(
                *(
                    sa.func.lower(column).like(pattern, escape="\\")
                    for column in (columns.name, columns.municipality, columns.city)
                )
            )
        )
    if query.after is not None:
        name, centre_id = query.after.name, query.after.id
        select = select.where(sa.or_(columns.name > name, sa.and_(columns.name == name, columns.id > centre_id)))
    return select


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
