"""The district's outreach page (issue 22): how often each school reaches families and the community,
through which channels, in which languages and with what kinds of message, with read and reply rates.

`/outreach` (the page), `/outreach/charts/<name>.svg` (each chart, drawn by pygal on the server, with its
own policy like the impact charts), `/outreach.csv` and `GET /api/v1/outreach`. Each takes `?school=<id|all>`
(the district only), `?from=YYYY-MM-DD` and `?to=YYYY-MM-DD` (default: the last 90 days).
"""

from __future__ import annotations

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from ..apidoc import doc, ok
from ..authz import current_user, require
from ..csv_export import csv_text
from ..i18n.negotiate import native_name
from . import charts
from .blueprint import bp
from .outreach_data import Found, outreach_for
from .outreach_summary import ChannelRate, Summary
from .svg import svg_response

CHARTS = ("schools", "channels", "kinds", "audiences", "languages", "months", "rates")


def channel_words() -> dict[str, str]:
    return {"email": _("E-mail"), "sms": _("Text message"), "paper": _("Paper letter"), "web": _("On the site")}


def kind_words() -> dict[str, str]:
    return {
        "message": _("Messages in a family thread"),
        "announcement": _("Announcements to a class's families"),
        "family_update": _("Family updates"),
        "letter": _("Printed letters"),
        "text": _("Notices by text message"),
        "consent_request": _("Consent questions"),
        "invitation": _("Invitations to a family account"),
        "partner": _("Messages to community partners"),
    }


def audience_words() -> dict[str, str]:
    return {"family": _("Families"), "community": _("Community partners")}


def _titles() -> dict[str, str]:
    return {
        "schools": _("Sends per week, by school"),
        "channels": _("People reached, by channel"),
        "kinds": _("People reached, by kind of message"),
        "audiences": _("People reached: families and community"),
        "languages": _("People reached, by language"),
        "months": _("People reached, by month"),
        "rates": _("Read and reply rates by channel (percent)"),
    }


def _found() -> Found:
    args = request.args
    return outreach_for(current_user(), args.get("school"), args.get("from"), args.get("to"))


def _query(found: Found) -> dict[str, str]:
    query = {"from": found.period.start.isoformat(), "to": found.period.end.isoformat()}
    if found.scope.district:
        query["school"] = str(found.scope.chosen.id) if found.scope.chosen else "all"
    return query


def _rows(found: Found) -> dict[str, list[tuple[str, float]]]:
    """Each bar chart's figures, also the table behind it and the CSV's lines (labels translated)."""
    total = found.total
    channels, kinds, audiences = channel_words(), kind_words(), audience_words()
    names = {s.id: s.name for s in found.scope.schools}
    return {
        "schools": [(names.get(sid, str(sid)), s.per_week) for sid, s in found.schools.items()],
        "channels": [(channels.get(k, k), n) for k, n in total.by_channel.items()],
        "kinds": [(kinds.get(k, k), n) for k, n in total.by_kind.items()],
        "audiences": [(audiences.get(k, k), n) for k, n in total.by_audience.items()],
        "languages": [(native_name(k), n) for k, n in total.by_language.items()],
        "months": list(total.by_month.items()),
    }


def _rate_rows(total: Summary) -> list[tuple[str, ChannelRate]]:
    words = channel_words()
    return [(words.get(r.channel, r.channel), r) for r in total.rates]


def _shown_charts(found: Found) -> list[str]:
    """The comparison of schools only where there are several to compare."""
    return [c for c in CHARTS if c != "schools" or len(found.schools) > 1]


@bp.get("/outreach")
@require("outreach.view")
def outreach_page():
    found = _found()
    query = _query(found)
    return render_template(
        "evaluation/outreach.html",
        found=found,
        rows=_rows(found),
        rates=_rate_rows(found.total),
        titles=_titles(),
        shown=_shown_charts(found),
        chart_urls={name: url_for("evaluation.outreach_chart", name=name, **query) for name in CHARTS},
        csv_url=url_for("evaluation.outreach_csv", **query),
        names={s.id: s.name for s in found.scope.schools},
        channels=channel_words(),
    )


@bp.get("/outreach/charts/<any(schools, channels, kinds, audiences, languages, months, rates):name>.svg")
@require("outreach.view")
def outreach_chart(name: str):
    found = _found()
    title = _titles()[name]
    if name == "rates":
        rated = _rate_rows(found.total)
        series = {_("Read"): [r.read_rate for _w, r in rated], _("Replied"): [r.reply_rate for _w, r in rated]}
        svg = charts.grouped_bar(title, [w for w, _r in rated], series, top=100)
    elif name in CHARTS:
        rows = _rows(found)[name]
        svg = charts.bar(title, [str(k) for k, _v in rows], [v for _k, v in rows], horizontal=name != "months")
    else:
        abort(404)
    return svg_response(svg)


def _rate_cell(value: float | None, measured: bool) -> object:
    return value if measured and value is not None else _("not measured") if not measured else ""


@bp.get("/outreach.csv")
@require("outreach.view")
def outreach_csv():
    """The figures with stable keys (channel, kind, language codes); cells through `csv_text`."""
    found = _found()
    t = found.total
    scope = "all" if found.scope.chosen is None else str(found.scope.chosen.id)
    rows: list[tuple[object, ...]] = [
        ("period", "from", found.period.start.isoformat()),
        ("period", "to", found.period.end.isoformat()),
        ("school", "", scope),
        ("deliveries", "", t.deliveries),
        ("sends", "", t.sends),
        ("sends_per_week", "", t.per_week),
        ("read_rate_percent", "measured channels", "" if t.read_rate is None else t.read_rate),
        ("reply_rate_percent", "measured channels", "" if t.reply_rate is None else t.reply_rate),
    ]
    for figure, counts in (
        ("by_channel", t.by_channel),
        ("by_kind", t.by_kind),
        ("by_audience", t.by_audience),
        ("by_language", t.by_language),
        ("by_month", t.by_month),
        ("sends_by_kind", t.sends_by_kind),
    ):
        rows += [(figure, k, v) for k, v in counts.items()]
    for r in t.rates:
        rows += [
            ("read_rate_percent", r.channel, _rate_cell(r.read_rate, r.measured)),
            ("reply_rate_percent", r.channel, _rate_cell(r.reply_rate, r.measured)),
        ]
    names = {s.id: s.name for s in found.scope.schools}
    for sid, s in found.schools.items():
        rows += [
            ("school_sends_per_week", names.get(sid, sid), s.per_week),
            ("school_deliveries", names.get(sid, sid), s.deliveries),
        ]
    resp = Response(csv_text(["figure", "key", "value"], rows), mimetype="text/csv")
    resp.headers["Content-Disposition"] = 'attachment; filename="outreach.csv"'
    return resp


def _summary_json(s: Summary) -> dict:
    return {
        "deliveries": s.deliveries,
        "sends": s.sends,
        "sends_per_week": s.per_week,
        "by_channel": s.by_channel,
        "by_kind": s.by_kind,
        "by_audience": s.by_audience,
        "by_language": s.by_language,
        "by_month": s.by_month,
        "sends_by_kind": s.sends_by_kind,
        "rates": [
            {
                "channel": r.channel,
                "delivered": r.delivered,
                "measured": r.measured,
                "read": r.read,
                "replied": r.replied,
                "read_rate": r.read_rate,
                "reply_rate": r.reply_rate,
            }
            for r in s.rates
        ],
        "read_rate": s.read_rate,
        "reply_rate": s.reply_rate,
    }


@bp.get("/api/v1/outreach")
@require("outreach.view")
@doc(
    "The outreach log's figures: every school or one (the district), or your school; rates are percentages, "
    "null where the channel brings no receipt (paper)",
    tag="evaluation",
    query={"school": "string", "from": "string", "to": "string"},
)
def api_outreach():
    found = _found()
    names = {s.id: s.name for s in found.scope.schools}
    return ok(
        {
            "period": {"from": found.period.start.isoformat(), "to": found.period.end.isoformat()},
            "school": None if found.scope.chosen is None else found.scope.chosen.id,
            "total": _summary_json(found.total),
            "schools": [
                {"id": sid, "name": names.get(sid, ""), **_summary_json(s)} for sid, s in found.schools.items()
            ],
        }
    )
