"""Demo data of the activity library and of evaluation: the demo room follows an activity, teachers
rated some, one teacher's own activity waits for the editor, and two students and a teacher have
reflected, so that /activities, the room's panel and /impact are filled on a first visit."""

from __future__ import annotations

from ..accounts.models import User
from ..activities.models import ActivityRating, RoomActivity, SubmittedActivity
from ..db import db
from ..evaluation.models import Reflection
from ..rooms.models import Room

SUBMISSION = {
    "slug": "t1-lunch-boxes-around-the-world",
    "grade_bands": ["3-5", "6-8"],
    "topics": ["food", "culture"],
    "duration_minutes": 40,
    "sdgs": [2, 4],
    "texts": {
        "en": {
            "title": "Lunch Boxes Around the World",
            "summary": "Each class draws what a typical school lunch looks like where they live, then compares it with the partner class's drawings.",
            "prepare": ["Draw a typical school lunch, without brand names.", "Write three words about your lunch."],
            "exchange": [
                "Show the drawings and guess which lunch belongs to which class.",
                "Ask one question about a lunch you have never tasted.",
            ],
            "reflect": ["Write which lunch you would like to try, and why."],
            "prompts": ["What do you eat at school?", "Which lunch surprised you?"],
            "materials": ["Paper and coloured pencils"],
            "safety_note": "Share drawings of food only, no photos of students.",
        }
    },
}


def load_activities_demo(people: dict[str, User], room: Room) -> None:
    astrid = people["astrid.lunde@fjordvik.example"]
    liam = people["liam.carter@wattlecreek.example"]
    db.session.add(RoomActivity(room_id=room.id, slug="beyond-the-postcard", attached_by=astrid.id))
    db.session.add_all(
        [
            ActivityRating(slug="beyond-the-postcard", user_id=astrid.id, stars=5),
            ActivityRating(slug="beyond-the-postcard", user_id=liam.id, stars=4),
            ActivityRating(slug="journey-of-an-ingredient", user_id=liam.id, stars=5),
        ]
    )
    db.session.add(
        SubmittedActivity(slug=SUBMISSION["slug"], author_id=liam.id, school_id=liam.school_id, document=SUBMISSION)
    )
    students = {u.username: u for u in db.session.query(User).filter(User.username.in_(["nora.berg", "mia.thompson"]))}
    db.session.add_all(
        [
            Reflection(
                room_id=room.id,
                user_id=students["nora.berg"].id,
                school_id=students["nora.berg"].school_id,
                kind="questions",
                scale=5,
                answers={"learned": "In Sydney it is summer in December and they have lessons outside."},
            ),
            Reflection(
                room_id=room.id,
                user_id=students["mia.thompson"].id,
                school_id=students["mia.thompson"].school_id,
                kind="questions",
                scale=4,
                answers={"surprised": "Oslo gets dark at three in the afternoon in winter!"},
            ),
            Reflection(
                room_id=room.id,
                user_id=astrid.id,
                school_id=astrid.school_id,
                kind="feedback",
                scale=4,
                answers={"went_well": "The students asked each other real questions about the weather."},
            ),
        ]
    )
    db.session.commit()
