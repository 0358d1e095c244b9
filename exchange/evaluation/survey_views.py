"""A partnership's surveys and quality rubric on pages and in the API (issue 20): a student answers
the survey open now; the room's supervisors read the results, its teachers open each phase, and the
rubric is scored by a teacher (self-assessment) or a school admin or moderator (review).

The questions, scale words and rubric descriptors are written in the pure modules (`survey`,
`rubric`), marked for extraction; they are translated here, as they are shown.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..errors import DomainError, Forbidden
from ..rooms.membership import accepted_classes, can_control, get_room, member_role, require_member
from . import quality, rubric, survey, surveys
from .blueprint import bp
from .models import RubricAssessment, SurveyAnswer


def _phase_words() -> dict[str, str]:
    return {"before": _("Before the partnership"), "after": _("After the partnership")}


def _questions(asked: survey.Asked) -> list[dict]:
    """The questions asked in a room, translated, each scale with its words (and faces for pictures)."""
    found = []
    for key in asked.scales:
        words = [_(w) for w in survey.SCALE_WORDS[key]]
        if asked.kind == "pictures":
            words = [f"{face} {w}" for face, w in zip(survey.FACES, words)]
        found.append({"key": key, "text": _(survey.SCALE_QUESTIONS[key]), "choices": list(zip(survey.SCALE, words))})
    return found


class SurveyForm(FlaskForm):
    knowledge = RadioField(validators=[DataRequired()])
    comfort = RadioField(validators=[DataRequired()])
    similarity = RadioField(validators=[DataRequired()])
    one_thing = TextAreaField(validators=[Length(max=survey.MAX_TEXT_CHARS)])


def _survey_form(asked: survey.Asked) -> SurveyForm:
    form = SurveyForm()
    for q in _questions(asked):
        radio = getattr(form, q["key"])
        radio.label.text = q["text"]
        radio.choices = [(str(n), words) for n, words in q["choices"]]
    form.one_thing.label.text = _(survey.TEXT_QUESTIONS["one_thing"])
    return form


class OpenPhaseForm(FlaskForm):
    phase = HiddenField(validators=[AnyOf(survey.PHASES)])


class RubricForm(FlaskForm):
    pass


for _key in rubric.CRITERIA:
    setattr(RubricForm, f"score_{_key}", RadioField(validators=[DataRequired()]))
    setattr(RubricForm, f"note_{_key}", TextAreaField(_l("Evidence"), validators=[Length(max=rubric.MAX_NOTE_CHARS)]))


def _criteria() -> list[dict]:
    return [
        {
            "key": key,
            "name": _(name),
            "levels": [(n, _(text)) for n, text in zip(rubric.LEVELS, rubric.DESCRIPTORS[key])],
        }
        for key, name in rubric.CRITERIA.items()
    ]


def _rubric_form() -> RubricForm:
    form = RubricForm()
    for c in _criteria():
        radio = getattr(form, f"score_{c['key']}")
        radio.label.text = c["name"]
        radio.choices = [(str(n), f"{n}: {text}") for n, text in c["levels"]]
        getattr(form, f"note_{c['key']}").label.text = _("Evidence for: %(criterion)s", criterion=c["name"])
    return form


# ---- the room page's card ------------------------------------------------------------------


@bp.app_template_global()
def room_survey_card(room_id: int) -> dict | None:
    """For the room page: a survey to answer (students), or the results and rubric (supervisors)."""
    user = current_user()
    if user is None:
        return None
    room = get_room(room_id)
    classes = accepted_classes(room)
    if not surveys.is_partnership(room, classes):
        return None
    current = surveys.current_round(room)
    if member_role(user, room) == "student":
        done = current is not None and current.phase in surveys.mine(user, room)
        return {"student": True, "phase": current.phase if current else None, "done": done}
    if can_control(user, room):
        return {"student": False, "label": quality.standing_of(room).label}
    return None


# ---- pages --------------------------------------------------------------------------------


@bp.route("/rooms/<int:room_id>/survey", methods=["GET", "POST"])
@require("room.view")
def survey_page(room_id: int):
    user = current_user()
    room = get_room(room_id)
    if require_member(user, room) != "student":
        raise Forbidden(_("Only the room's students answer its survey; its teachers see the results."))
    asked = surveys.asked_in(room)
    partnership = surveys.is_partnership(room)
    current = surveys.current_round(room) if partnership else None
    answered = surveys.mine(user, room)
    form = _survey_form(asked)
    waiting = current is not None and current.phase not in answered
    if request.method == "POST" and not waiting:
        flash(_("No survey is waiting for your answer in this room."), "error")
    elif form.validate_on_submit():
        scales = {key: int(getattr(form, key).data) for key in asked.scales}
        texts = {key: getattr(form, key).data or "" for key in asked.texts}
        try:
            saved = surveys.answer(user, room.id, scales, texts)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            if saved.held:
                flash(_("Thank you. What you wrote went to a teacher or moderator, who will look at it."))
            else:
                flash(_("Thank you for answering the survey."))
            return redirect(url_for("rooms.room_page", room_id=room.id))
    elif request.method == "POST":
        flash(_("Choose one answer for each question."), "error")
    return render_template(
        "evaluation/survey.html",
        room=room,
        form=form,
        asked=asked,
        partnership=partnership,
        current=current,
        waiting=waiting,
        answered=answered,
        questions=_questions(asked),
        phases=_phase_words(),
        text_question=_(survey.TEXT_QUESTIONS["one_thing"]),
    )


@bp.get("/rooms/<int:room_id>/surveys")
@require("room.control")
def surveys_page(room_id: int):
    user = current_user()
    room, results = surveys.results_for(user, room_id)
    return render_template(
        "evaluation/surveys.html",
        room=room,
        results=results,
        standing=quality.standing_of(room),
        phases=_phase_words(),
        names={key: _(text) for key, text in survey.SCALE_QUESTIONS.items()},
        form=OpenPhaseForm(),
        max_total=rubric.MAX_TOTAL,
    )


@bp.post("/rooms/<int:room_id>/surveys/open")
@require("room.control")
def open_survey_page(room_id: int):
    form = OpenPhaseForm()
    if form.validate_on_submit():
        try:
            row = surveys.open_phase(current_user(), room_id, form.phase.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("The survey is open: %(phase)s.", phase=_phase_words()[row.phase]))
    else:
        flash(_("The survey was not opened. Please try again."), "error")
    return redirect(url_for("evaluation.surveys_page", room_id=get_room(room_id).id))


@bp.route("/rooms/<int:room_id>/rubric", methods=["GET", "POST"])
@require("room.control")
def rubric_page(room_id: int):
    user = current_user()
    room, found = quality.assessments_for(user, room_id)
    form = _rubric_form()
    if found.partnership and form.validate_on_submit():
        scores = {key: int(getattr(form, f"score_{key}").data) for key in rubric.CRITERIA}
        notes = {key: getattr(form, f"note_{key}").data or "" for key in rubric.CRITERIA}
        try:
            saved = quality.submit(user, room.id, scores, notes)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            if saved.label:
                flash(_("Review saved: the partnership earns the Quality label."))
            elif saved.kind == "review":
                flash(_("Review saved: the partnership does not meet the Quality label's rule yet."))
            else:
                flash(_("Self-assessment saved."))
            if saved.held:
                flash(_("An evidence note went to a moderator, who will look at it."))
            return redirect(url_for("evaluation.surveys_page", room_id=room.id))
    elif request.method == "POST":
        flash(_("Give every criterion a score from 0 to 3."), "error")
    return render_template(
        "evaluation/rubric.html",
        room=room,
        found=found,
        form=form,
        criteria=_criteria(),
        max_total=rubric.MAX_TOTAL,
        min_each=rubric.MIN_EACH,
        min_total=rubric.MIN_TOTAL,
    )


# ---- API ----------------------------------------------------------------------------------


def _answer_view(a: SurveyAnswer) -> dict:
    return {"phase": a.phase, "scales": a.scales, "texts": a.texts, "held": a.held}


def _assessment_view(author: str, a: RubricAssessment) -> dict:
    return {
        "kind": a.kind,
        "author": author,
        "scores": a.scores,
        "notes": a.notes,
        "total": rubric.total(a.scores),
        "label": a.label,
        "held": a.held,
        "created_at": a.created_at.isoformat(),
    }


@bp.get("/api/v1/rooms/<int:room_id>/surveys")
@require("room.view")
@doc(
    "A room's surveys: for a student the questions open now and their own answers; for its teachers, "
    "moderators and admins the means before and after, per question",
    tag="evaluation",
)
def api_surveys(room_id: int):
    user = current_user()
    room = get_room(room_id)
    if require_member(user, room) == "student":
        current = surveys.current_round(room) if surveys.is_partnership(room) else None
        asked = surveys.asked_in(room)
        return ok(
            {
                "partnership": surveys.is_partnership(room),
                "phase": current.phase if current else None,
                "kind": asked.kind,
                "questions": [{"key": q["key"], "text": q["text"], "choices": q["choices"]} for q in _questions(asked)],
                "texts": [{"key": k, "text": _(survey.TEXT_QUESTIONS[k])} for k in asked.texts],
                "mine": [_answer_view(a) for a in surveys.mine(user, room).values()],
            }
        )
    room, results = surveys.results_for(user, room_id)
    return ok(
        {
            "partnership": results.partnership,
            "phase": results.current,
            "opened": {phase: at.isoformat() for phase, at in results.opened.items()},
            "questions": [
                {
                    "key": q.key,
                    "text": _(survey.SCALE_QUESTIONS[q.key]),
                    "before_mean": q.before_mean,
                    "before_answers": q.before_count,
                    "after_mean": q.after_mean,
                    "after_answers": q.after_count,
                }
                for q in results.questions
            ],
            "lines": [{"name": name, "phase": phase, "text": text} for name, phase, text in results.lines],
            "held": results.held,
            "quality_label": quality.standing_of(room).label,
        }
    )


@bp.post("/api/v1/rooms/<int:room_id>/surveys/open")
@require("room.control")
@doc("Open a partnership's survey (a teacher of it): before, then after", body={"phase": "string"}, tag="evaluation")
def api_open_survey(room_id: int):
    row = surveys.open_phase(current_user(), room_id, field(json_body(), "phase", str))
    return ok({"phase": row.phase, "opened_at": row.opened_at.isoformat()}, 201)


@bp.post("/api/v1/rooms/<int:room_id>/surveys/answers")
@require("room.view")
@doc(
    "Answer the survey open now (a student, once per phase): each scale 1 to 4, and from 13 an optional line",
    body={"scales": "object", "texts": "object"},
    tag="evaluation",
)
def api_answer_survey(room_id: int):
    data = json_body()
    row = surveys.answer(current_user(), room_id, data.get("scales"), data.get("texts") or {})
    return ok(_answer_view(row), 201)


@bp.get("/api/v1/rooms/<int:room_id>/rubric")
@require("room.control")
@doc("A partnership's quality rubric: every assessment, newest first, and whether it holds the label", tag="evaluation")
def api_rubric(room_id: int):
    room, found = quality.assessments_for(current_user(), room_id)
    return ok(
        {
            "partnership": found.partnership,
            "quality_label": found.standing.label,
            "self_total": found.standing.self_total,
            "review_total": found.standing.review_total,
            "max_total": rubric.MAX_TOTAL,
            "you_submit": found.kind,
            "assessments": [_assessment_view(author, a) for author, a in found.rows],
        }
    )


@bp.post("/api/v1/rooms/<int:room_id>/rubric")
@require("room.control")
@doc(
    "Score a partnership on the six criteria, 0 to 3 each, with evidence notes: a self-assessment from "
    "its teachers, a review from a school admin or moderator (the latest review decides the label)",
    body={"scores": "object", "notes": "object"},
    tag="evaluation",
)
def api_submit_rubric(room_id: int):
    data = json_body()
    row = quality.submit(current_user(), room_id, data.get("scores"), data.get("notes") or {})
    return ok(_assessment_view(current_user().full_name, row), 201)
