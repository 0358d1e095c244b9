"""Demo data of the showcase: a few messages and drawings in the session Oslo and Sydney held last
week (about school lunches), resources their teachers shared, and two exhibitions, so /exhibitions
is filled on a first visit. (The open demo room stays empty for a newcomer's first message.)

The public exhibition shows what the families' consents allow (see `demo.guardians`): Elias's
drawing and Mia's photo (her family agreed to pictures of her face); Jack's drawing and Nora's
message stay out, and the curating teacher sees why. The pictures are drawn here with Pillow and
pass the same inspection as any upload. Everything is fictional.
"""

from __future__ import annotations

import hashlib
import io
import secrets

from PIL import Image, ImageDraw
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..files.models import FileUpload
from ..rooms.models import Room
from ..safety import inspect_upload
from ..showcase.models import Exhibition, ExhibitionItem, PartnershipResource
from ..storage import blob_store, message_log

HELD_ROOM = "Oslo and Sydney: our school lunches"
MESSAGES = (
    ("nora.berg", "In Oslo we bring packed lunches: bread with brown cheese, and an apple."),
    ("mia.thompson", "We eat our lunch outside in the sun, today I had a wrap and mango!"),
    ("elias.haugen", "Do you really eat lunch outside in December? That sounds fun."),
)


def _drawing(sky: str, ground: str, sun: bool) -> bytes:
    """A child's drawing of the season: a sky, a ground, a sun or snowflakes."""
    img = Image.new("RGB", (480, 320), sky)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 220, 480, 320), fill=ground)
    if sun:
        draw.ellipse((360, 30, 440, 110), fill="#f7c948")
    else:
        for x in range(30, 480, 60):
            draw.text((x, 60 + (x % 90)), "*", fill="white")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _file(room: Room, author: User, class_id: int | None, name: str, data: bytes) -> FileUpload:
    clean = inspect_upload(data, name)
    f = FileUpload(
        id=secrets.token_urlsafe(16),
        room_id=room.id,
        uploader_id=author.id,
        class_id=class_id,
        blob_id=blob_store().put(clean.data, content_type=clean.mime, filename=clean.filename),
        filename=clean.filename,
        mime=clean.mime,
        kind=clean.kind,
        size=len(clean.data),
        sha256=hashlib.sha256(clean.data).hexdigest(),
        width=clean.width,
        height=clean.height,
        stripped=list(clean.stripped),
        status="approved",
        decided_at=utcnow(),
    )
    db.session.add(f)
    return f


def load_showcase_demo(people: dict[str, User], classes: list) -> None:
    room = db.session.scalar(select(Room).where(Room.title == HELD_ROOM))
    if room is None:
        return
    astrid = people["astrid.lunde@fjordvik.example"]
    liam = people["liam.carter@wattlecreek.example"]
    oslo, sydney = classes[0], classes[1]
    students = {u.username: u for u in db.session.scalars(select(User).where(User.role == "student"))}
    log = message_log()
    seqs = {}
    for username, body in MESSAGES:
        record, _created = log.append(room.id, author_id=students[username].id, kind="message", body=body)
        seqs[username] = record.seq
    elias = _file(room, students["elias.haugen"], oslo.id, "packed-lunch.png", _drawing("#b8c9d9", "#ffffff", False))
    mia = _file(room, students["mia.thompson"], sydney.id, "lunch-outside.png", _drawing("#7ec8e3", "#f2d16b", True))
    jack = _file(room, students["jack.nguyen"], sydney.id, "lunch-garden.png", _drawing("#a7d8f0", "#6ab04c", True))
    db.session.add_all(
        [
            PartnershipResource(
                room_id=room.id,
                author_id=astrid.id,
                topic="Food and culture",
                title="What a school lunch costs in both cities",
                note="A table to compare prices and what is on the plate.",
                url="https://www.example.org/school-lunches",
                for_students=True,
            ),
            PartnershipResource(
                room_id=room.id,
                author_id=liam.id,
                topic="Planning",
                title="Our lesson plan for the next session",
                note="For teachers: timings and who leads which part.",
                url="https://www.example.org/lesson-plan",
                for_students=False,
            ),
        ]
    )
    db.session.flush()
    now = utcnow()
    public = Exhibition(
        room_id=room.id,
        curator_id=astrid.id,
        school_id=astrid.school_id,
        audience="public",
        title="Lunch time in Oslo and Sydney",
        description="Drawings and photos from our exchange about school lunches: winter in Norway, summer in Australia.",
        status="published",
        published_at=now,
    )
    school = Exhibition(
        room_id=room.id,
        curator_id=astrid.id,
        school_id=astrid.school_id,
        audience="school",
        title="What we learned from our partner class",
        description="For the families of Fjordvik School.",
        status="published",
        published_at=now,
    )
    db.session.add_all([public, school])
    db.session.flush()
    items = [
        (public, "file", elias, None, students["elias.haugen"], "A packed lunch on a snowy day", False),
        (public, "file", mia, None, students["mia.thompson"], "Lunch outside in the sun", True),
        (public, "file", jack, None, students["jack.nguyen"], "Our school garden at lunch", False),
        (public, "message", None, seqs["nora.berg"], students["nora.berg"], "", False),
        (school, "message", None, seqs["nora.berg"], students["nora.berg"], "Nora describes her packed lunch", False),
        (school, "message", None, seqs["mia.thompson"], students["mia.thompson"], "", False),
        (school, "file", elias, None, students["elias.haugen"], "A packed lunch on a snowy day", False),
    ]
    for position, (ex, kind, f, seq, author, caption, face) in enumerate(items):
        db.session.add(
            ExhibitionItem(
                exhibition_id=ex.id,
                kind=kind,
                file_id=f.id if f else None,
                seq=seq,
                author_id=author.id,
                caption=caption,
                shows_face=face,
                position=position,
            )
        )
    db.session.commit()
