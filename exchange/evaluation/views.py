"""Reflection pages and API, and the impact dashboard (`/impact`) with its SVG charts and CSV. A
partnership's surveys and quality rubric have their pages and API in `survey_views`, on the same blueprint.

A chart is its own response (`/impact/charts/<name>.svg`, shown with `<img>`): pygal's SVG carries a
`<style>` element, which the pages' strict policy would refuse inline; the chart's own policy allows
its style and nothing else (no script, no outside file).
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, public, require
from ..clock import now
from ..csv_export import csv_text
from ..db import db
from ..errors import DomainError
from ..rooms.membership import current_state, get_room
from ..activities.services import activity_title
from ..moderation.rule_texts import all_sentences
from . import charts, reflect, report_data, safety_report, services, survey
from . import survey_views as _survey_views  # noqa: F401 - its routes register on the blueprint when imported
from . import awareness_views as _awareness_views  # noqa: F401 - the awareness survey (issue 22)
from . import outreach_views as _outreach_views  # noqa: F401 - the outreach page (issue 22)
from .blueprint import bp
from .impact import Impact
from .svg import svg_response

FACES = {1: "😢", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}


def _face_words() -> dict[int, str]:
    return {
        1: _("Very sad"),
        2: _("Sad"),
        3: _("So-so"),
        4: _("Happy"),
        5: _("Very happy"),
    }


def _question_words() -> dict[str, str]:
    return {
        "learned": _("What did you learn about your partner class?"),
        "surprised": _("What surprised you, or what would you like to ask them next time?"),
        "went_well": _("What went well in this session?"),
        "improve": _("What would you change next time?"),
    }


class ReflectionForm(FlaskForm):
    scale = RadioField(_l("How did the session make you feel?"), validators=[DataRequired()])
    learned = TextAreaField(validators=[Length(max=500)])
    surprised = TextAreaField(validators=[Length(max=500)])
    went_well = TextAreaField(validators=[Length(max=500)])
    improve = TextAreaField(validators=[Length(max=500)])


def _reflection_form(kind: str) -> ReflectionForm:
    form = ReflectionForm()
    words = _face_words()
    form.scale.choices = [(str(n), f"{FACES[n]} {words[n]}") for n in reflect.SCALE]
    if kind == "feedback":
        form.scale.label.text = _("How did the session go?")
    questions = _question_words()
    for key in reflect.QUESTIONS[kind]:
        getattr(form, key).label.text = questions[key]
    return form


@bp.app_template_global()
def room_reflection_card(room_id: int) -> dict | None:
    """For the room page: whether to offer the reflection, and whether this person gave one."""
    user = current_user()
    room = get_room(room_id)
    if user is None:
        return None
    state = current_state(room)
    return {"phase_now": state == "closed", "done": services.mine(user, room) is not None}


@bp.route("/rooms/<int:room_id>/reflection", methods=["GET", "POST"])
@require("room.view")
def reflection_page(room_id: int):
    user = current_user()
    room = get_room(room_id)
    asked = services.asked_of(user, room)
    form = _reflection_form(asked.kind)
    row = services.mine(user, room)
    if request.method == "GET" and row is not None:
        form.scale.data = str(row.scale)
        for key, text in row.answers.items():
            if hasattr(form, key):
                getattr(form, key).data = text
    if form.validate_on_submit():
        answers = {key: getattr(form, key).data or "" for key in asked.questions}
        try:
            saved = services.save(user, room.id, int(form.scale.data), answers)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            if saved.held:
                flash(_("Thank you. Part of what you wrote went to a teacher or moderator, who will look at it."))
            else:
                flash(_("Thank you for your reflection."))
            return redirect(url_for("rooms.room_page", room_id=room.id))
    elif request.method == "POST":
        flash(_("Choose one of the five faces."), "error")
    return render_template("evaluation/reflection.html", room=room, form=form, asked=asked)


@bp.get("/rooms/<int:room_id>/reflections")
@require("room.control")
def reflections_page(room_id: int):
    shown = services.for_supervisor(current_user(), room_id)
    return render_template(
        "evaluation/reflections.html",
        room=get_room(room_id),
        shown=shown,
        faces=FACES,
        face_words=_face_words(),
        questions=_question_words(),
    )


@bp.post("/api/v1/rooms/<int:room_id>/reflection")
@require("room.view")
@doc(
    "Reflect on a session: a face from 1 to 5 and, for older students and adults, short answers",
    body={"scale": "integer", "answers": "object"},
    tag="evaluation",
)
def api_reflect(room_id: int):
    data = json_body()
    row = services.save(current_user(), room_id, field(data, "scale", int), data.get("answers") or {})
    return ok({"kind": row.kind, "scale": row.scale, "answers": row.answers, "held": row.held})


@bp.get("/api/v1/rooms/<int:room_id>/reflection")
@require("room.view")
@doc("What you are asked after this session, and your answer so far", tag="evaluation")
def api_my_reflection(room_id: int):
    user = current_user()
    room = get_room(room_id)
    asked = services.asked_of(user, room)
    row = services.mine(user, room)
    questions = _question_words()
    return ok(
        {
            "kind": asked.kind,
            "questions": [{"key": k, "text": questions[k]} for k in asked.questions],
            "mine": None if row is None else {"scale": row.scale, "answers": row.answers, "held": row.held},
        }
    )


@bp.get("/api/v1/rooms/<int:room_id>/reflections")
@require("room.control")
@doc("A room's reflections for its supervisors: faces counted, own students' answers by first name", tag="evaluation")
def api_reflections(room_id: int):
    shown = services.for_supervisor(current_user(), room_id)
    return ok(
        {
            "faces": shown.faces,
            "students": [
                {"name": n, "scale": r.scale, "answers": r.answers, "held": r.held} for n, r in shown.students
            ],
            "adults": [{"name": n, "scale": r.scale, "answers": r.answers} for n, r in shown.adults],
            "partner_reflections": shown.partner_count,
        }
    )


# ---- the impact dashboard ----------------------------------------------------------------


def _rows(found: Impact) -> dict[str, list[tuple[str, float]]]:
    """Each chart's figures, also the table behind it and the CSV's lines."""
    words = _face_words()
    return {
        "sessions": list(found.sessions_by_month.items()),
        "reflections": [(f"{FACES[n]} {words[n]}", c) for n, c in found.reflections.items()],
        "activities": [(activity_title(slug), n) for slug, n in found.activities.items()],
        "flags": list(found.flags_by_category.items()),
    }


def _titles() -> dict[str, str]:
    return {
        "sessions": _("Sessions held, by month"),
        "reflections": _("How students felt after their sessions"),
        "activities": _("Activities used"),
        "flags": _("Flags by category"),
    }


@bp.get("/impact")
@require("impact.view")
def impact_page():
    found = services.impact_for(current_user())
    return render_template(
        "evaluation/impact.html",
        found=found,
        rows=_rows(found),
        titles=_titles(),
        knowledge=_knowledge_rows(found),
        knowledge_title=_knowledge_title(),
    )


def _knowledge_title() -> str:
    return _("Knowledge of the partner before and after")


def _knowledge_rows(found: Impact) -> list[tuple[str, float | None, int, float | None, int]]:
    """Per survey question: its short name, the mean and count before, the mean and count after."""
    return [
        (_(survey.SHORT_NAMES[q.key]), q.before_mean, q.before_count, q.after_mean, q.after_count)
        for q in found.knowledge
    ]


@bp.get("/impact/charts/<any(sessions, reflections, activities, flags, knowledge):name>.svg")
@require("impact.view")
def impact_chart(name: str):
    titles = _titles()
    found = services.impact_for(current_user())
    if name == "knowledge":
        means = _knowledge_rows(found)
        series = {_("Before"): [r[1] for r in means], _("After"): [r[3] for r in means]}
        svg = charts.grouped_bar(_knowledge_title(), [r[0] for r in means], series, top=max(survey.SCALE))
    elif name in titles:
        rows = _rows(found)[name]
        svg = charts.bar(titles[name], [str(k) for k, _v in rows], [v for _k, v in rows], horizontal=name != "sessions")
    else:
        abort(404)
    return svg_response(svg)


@bp.get("/impact.csv")
@require("impact.view")
def impact_csv():
    """The figures and every chart's rows; cells go through `csv_text` (no cell runs as a formula:
    an activity's title is a teacher's words)."""
    found = services.impact_for(current_user())
    first = "" if found.first_action_minutes is None else found.first_action_minutes
    rows: list[tuple[str, object, object]] = [
        ("sessions", "", found.sessions),
        ("schools", "", found.schools),
        ("countries", " ".join(found.countries), len(found.countries)),
        ("students", "", found.students),
        ("messages", "", found.messages),
        ("messages_per_session", "", found.messages_per_session),
        ("flags", "", found.flags),
        ("flags_per_1000_messages", "", found.flags_per_1000),
        ("median_minutes_to_first_moderator_action", "", first),
        ("partnerships", "", found.partnerships),
        ("partnerships_with_quality_label", "", found.labelled),
    ]
    rows += [(name, k, v) for name, chart in _rows(found).items() for k, v in chart]
    for q in found.knowledge:
        rows += [
            ("knowledge_before_mean", q.key, "" if q.before_mean is None else q.before_mean),
            ("knowledge_before_answers", q.key, q.before_count),
            ("knowledge_after_mean", q.key, "" if q.after_mean is None else q.after_mean),
            ("knowledge_after_answers", q.key, q.after_count),
        ]
    resp = Response(csv_text(["figure", "key", "value"], rows), mimetype="text/csv")
    resp.headers["Content-Disposition"] = 'attachment; filename="impact.csv"'
    return resp


@bp.get("/api/v1/impact")
@require("impact.view")
@doc("The impact figures for your classes, school or platform", tag="evaluation")
def api_impact():
    found = services.impact_for(current_user())
    return ok(
        {
            "sessions": found.sessions,
            "sessions_by_month": found.sessions_by_month,
            "schools": found.schools,
            "countries": found.countries,
            "students": found.students,
            "messages": found.messages,
            "messages_per_session": found.messages_per_session,
            "activities": found.activities,
            "reflections": found.reflections,
            "flags": found.flags,
            "flags_by_category": found.flags_by_category,
            "flags_per_1000_messages": found.flags_per_1000,
            "median_minutes_to_first_moderator_action": found.first_action_minutes,
            "knowledge": [
                {
                    "question": q.key,
                    "before_mean": q.before_mean,
                    "before_answers": q.before_count,
                    "after_mean": q.after_mean,
                    "after_answers": q.after_count,
                }
                for q in found.knowledge
            ],
            "partnerships": found.partnerships,
            "partnerships_with_quality_label": found.labelled,
        }
    )


# ---- the public safety report ------------------------------------------------------------


def _report_words() -> dict[str, dict[str, str]]:
    return {
        "source": {
            "safety": _("The content filter"),
            "report": _("A report by a person"),
            "premoderation": _("Held for approval before others saw it"),
        },
        "outcome": {
            "dismissed": _("Looked at: no harm found"),
            "actioned": _("Acted on: removed, muted, taken out of the room or suspended"),
            "approved": _("Approved and shown"),
            "rejected": _("Not approved"),
        },
        "vetting": {
            "applied": _("Applications"),
            "in_review": _("Taken into review"),
            "verified": _("Verified"),
            "expired": _("Expired (a check ran out)"),
            "suspended": _("Suspended"),
            "revoked": _("Revoked"),
            "rejected": _("Turned down"),
        },
        "filter": {
            "abuse": _("Insults and hate"),
            "grooming": _("Grooming"),
            "self_harm": _("Self-harm"),
            "violence": _("Violence"),
            "pii": _("Contact details"),
        },
    }


def _report_context() -> dict:
    current = safety_report.term_of(now())
    flags = report_data.flag_facts()
    term = safety_report.parse_term(request.args.get("term"), current)
    found = safety_report.figures(term, flags, report_data.vetting_facts(), report_data.verified_now())
    return {
        "found": found,
        "terms": safety_report.terms_with_data(flags, current),
        "filter": report_data.filter_figures(),
        "words": _report_words(),
        "rules": all_sentences(),
    }


@bp.get("/safety-report")
@public
def safety_report_page():
    """Public: counts, shares and times only, never a school, room or person."""
    return render_template("evaluation/safety_report.html", printable=False, **_report_context())


@bp.get("/safety-report/print")
@public
def safety_report_print():
    return render_template("evaluation/safety_report_print.html", printable=True, **_report_context())
