"""Satisfaction ratings: one per served ticket, from its counter's tablet or officer."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from hallcore.errors import AlreadyRated, Forbidden, TicketNotFound
from hallcore.events import RatingRecorded
from hallcore.rating import RatingInput, validate_rating
from motcua.services.context import Actor, Hall
from motcua.storage import hall_repo, ticket_repo
from motcua.storage.tables import counters, ratings, sectors


def _rating_counter(conn, actor: Actor) -> tuple[int, str]:
    """Return (counter number, source) the actor may rate for."""
    if actor.kind == "device" and actor.device_kind == "rating" and actor.counter is not None:
        return actor.counter, "device"
    if actor.kind == "officer":
        number = conn.execute(
            select(counters.c.number).where(counters.c.officer_id == actor.id)
        ).scalar()
        if number is not None:
            return number, "officer"
    raise Forbidden(reason="rating_source")


def rate(hall: Hall, ticket_id: int, rating: RatingInput, actor: Actor) -> dict:
    """Record the citizen's rating of a served ticket; refuse anything else, storing nothing."""
    now = hall.now()
    try:
        with hall.db.write() as conn:
            st = hall.data(conn).settings
            counter_number, source = _rating_counter(conn, actor)
            ticket = ticket_repo.get_ticket(conn, ticket_id, lock=True)
            if ticket is None:
                raise TicketNotFound(ticket=ticket_id)
            rated = conn.execute(
                select(ratings.c.id).where(ratings.c.ticket_id == ticket_id)
            ).first()
            level = validate_rating(
                ticket,
                rating,
                from_counter=counter_number,
                already_rated=rated is not None,
                scale=st.rating_scale,
                known_reasons=st.rating_reasons,
            )
            counter_row = hall_repo.get_counter_row(conn, counter_number)
            sector_id = conn.execute(
                select(sectors.c.id).where(sectors.c.code == ticket.sector)
            ).scalar_one()
            values = dict(
                ticket_id=ticket.id,
                level=str(level),
                reasons=list(rating.reasons),
                comment=rating.comment.strip(),
                counter_id=counter_row.id,
                officer_id=ticket.officer_id,
                sector_id=sector_id,
                source=source,
                device_id=actor.id if actor.kind == "device" else None,
                created_at=now,
            )
            rating_id = conn.execute(insert(ratings).values(**values).returning(ratings.c.id))
            values["id"] = rating_id.scalar_one()
    except IntegrityError:
        # Two taps racing past the check: the unique ticket_id keeps exactly one.
        raise AlreadyRated(ticket=ticket_id) from None
    hall.bus.publish(RatingRecorded(ticket, str(level)))
    return {**values, "counter": counter_number, "sector": ticket.sector}
