"""The awareness survey's pages and API (issue 22): a family or a community partner's contact answers
(`/awareness`, `GET|POST /api/v1/awareness`); the district and a school's administrator read the results
by school (`/awareness/results`, `GET /api/v1/awareness/results`).

The questions are written in the pure module (`awareness`), marked for extraction; they are translated
here, as they are shown, in the reader's language.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..apidoc import doc, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..errors import DomainError
from . import awareness, awareness_data
from .awareness_models import AwarenessAnswer
from .blueprint import bp


def _questions(audience: str) -> list[dict]:
    """The questions for this audience, translated, each with its scale's words."""
    return [
        {
            "key": key,
            "text": _(awareness.QUESTIONS[audience][key]),
            "choices": [(n, _(w)) for n, w in zip(awareness.SCALE, awareness.scale_words(key))],
        }
        for key in awareness.KEYS
    ]


def _short_names() -> dict[str, str]:
    return {key: _(text) for key, text in awareness.SHORT_NAMES.items()}


def _audience_words() -> dict[str, str]:
    return {"family": _("Families"), "community": _("Community partners")}


class AwarenessForm(FlaskForm):
    exchanges = RadioField(validators=[DataRequired()])
    reach = RadioField(validators=[DataRequired()])
    safety = RadioField(validators=[DataRequired()])
    partners = RadioField(validators=[DataRequired()])
    useful = RadioField(validators=[DataRequired()])
    comment = TextAreaField(validators=[Length(max=awareness.MAX_COMMENT_CHARS)])


def _form(audience: str) -> AwarenessForm:
    form = AwarenessForm()
    for q in _questions(audience):
        radio = getattr(form, q["key"])
        radio.label.text = q["text"]
        radio.choices = [(str(n), words) for n, words in q["choices"]]
    form.comment.label.text = _(awareness.COMMENT_QUESTION)
    return form


def _answer_json(row: AwarenessAnswer | None) -> dict | None:
    if row is None:
        return None
    return {"term": row.term, "audience": row.audience, "scales": row.scales, "comment": row.comment}


@bp.app_template_global()
def awareness_offer() -> bool:
    """For the dashboard: whether to offer this person the awareness survey."""
    return awareness_data.may_answer(current_user())


@bp.route("/awareness", methods=["GET", "POST"])
@require("awareness.answer")
def awareness_page():
    user = current_user()
    who = awareness_data.respondent(user)
    form = _form(who.audience)
    row = awareness_data.mine(user)
    if request.method == "GET" and row is not None:
        for key, value in (row.scales or {}).items():
            if hasattr(form, key):
                getattr(form, key).data = str(value)
        form.comment.data = row.comment
    status = 200
    if form.validate_on_submit():
        scales = {key: int(getattr(form, key).data) for key in awareness.KEYS}
        try:
            saved = awareness_data.answer(user, scales, form.comment.data or "")
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
            status = 400
        else:
            flash(
                _("Thank you. Your new answers replace the ones you gave earlier this term.")
                if saved.replaced
                else _("Thank you for answering the survey.")
            )
            return redirect(url_for("evaluation.awareness_page"))
    elif request.method == "POST":
        flash(_("Choose one answer for each question."), "error")
        status = 400
    return render_template(
        "evaluation/awareness.html",
        form=form,
        who=who,
        mine=row,
        term=awareness_data.current_term(),
        keys=awareness.KEYS,
    ), status


@bp.get("/api/v1/awareness")
@require("awareness.answer")
@doc("The awareness survey: its questions in your language, and your answer this term", tag="evaluation")
def api_awareness():
    user = current_user()
    who = awareness_data.respondent(user)
    return ok(
        {
            "audience": who.audience,
            "term": awareness_data.current_term().key,
            "questions": [
                {"key": q["key"], "text": q["text"], "choices": [{"value": n, "words": w} for n, w in q["choices"]]}
                for q in _questions(who.audience)
            ],
            "comment_question": _(awareness.COMMENT_QUESTION),
            "mine": _answer_json(awareness_data.mine(user)),
        }
    )


@bp.post("/api/v1/awareness")
@require("awareness.answer")
@doc(
    "Answer the awareness survey: each question 1-4 and an optional comment; again in the same term replaces it",
    body={"scales": "object", "comment": "string"},
    tag="evaluation",
)
def api_answer_awareness():
    user = current_user()
    awareness_data.respondent(user)  # who may answer, before the body is read
    data = json_body()
    saved = awareness_data.answer(user, data.get("scales"), data.get("comment"))
    return ok({**(_answer_json(saved.row) or {}), "replaced": saved.replaced}, 200 if saved.replaced else 201)


def _results_json(found: awareness_data.Results) -> dict:
    return {
        "term": found.term.key,
        "terms": [t.key for t in found.terms],
        "schools": [
            {
                "id": sid,
                "name": name,
                **{
                    audience: {
                        "answered": g.answered,
                        "questions": [{"key": q.key, "mean": q.mean, "answers": q.count} for q in g.questions],
                        "comments": g.comments,
                    }
                    for audience, g in found.found[sid].items()
                },
            }
            for sid, name in found.schools
        ],
    }


@bp.get("/awareness/results")
@require("awareness.results")
def awareness_results_page():
    found = awareness_data.results_for(current_user(), request.args.get("term"))
    return render_template(
        "evaluation/awareness_results.html",
        found=found,
        names=_short_names(),
        audiences=_audience_words(),
    )


@bp.get("/api/v1/awareness/results")
@require("awareness.results")
@doc(
    "The awareness survey's results by school for a term: families and community partners apart, means per "
    "question (1-4), how many answered, and comments without names",
    tag="evaluation",
    query={"term": "string"},
)
def api_awareness_results():
    return ok(_results_json(awareness_data.results_for(current_user(), request.args.get("term"))))
