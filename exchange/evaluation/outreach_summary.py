"""The outreach page's figures (issue 22), from plain rows of the outreach log (pure: no Flask, no
database), so the page, the CSV, the API and the tests share one definition of each figure.

A row is one recipient of one thing a school sent (`exchange.outreach`): a *delivery*. Rows that share
a `ref` are one *send* (one announcement to a class's families is one send, however many read it); a
row without a ref is a send of its own. How often a school reaches people is its sends per week over
the period. Read and reply rates are shares of the deliveries whose channel can tell: a page seen on
the site, an e-mail, a text. A paper letter brings no receipt back, so its rates are "not measured"
(None), never 0%.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

CHANNELS = ("email", "sms", "paper", "web")
MEASURED = frozenset({"email", "sms", "web"})  # channels that tell whether a delivery was read or answered
DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class OutreachRow:
    sent_at: datetime
    school_id: int | None
    channel: str
    audience: str
    kind: str
    language: str
    ref: str = ""
    read_at: datetime | None = None
    replied_at: datetime | None = None


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included (UTC)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment.date() <= self.end


class PeriodInvalid(ValueError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise PeriodInvalid("invalid_date") from None


def parse_period(start: str | None, end: str | None, today: date) -> Period:
    """`?from=YYYY-MM-DD&to=YYYY-MM-DD`, either optional: the end defaults to today, the start to 90
    days up to the end. A date that is not one, a start after the end, or more than three years is refused."""
    last = _day(end) or today
    first = _day(start) or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise PeriodInvalid("start_after_end")
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodInvalid("period_too_long")
    return Period(first, last)


@dataclass(frozen=True)
class ChannelRate:
    """One channel's deliveries and, where the channel can tell, how many were read and answered;
    rates are percentages with one decimal (None: not measured, or nothing delivered)."""

    channel: str
    delivered: int
    measured: bool
    read: int | None
    replied: int | None
    read_rate: float | None
    reply_rate: float | None


@dataclass
class Summary:
    deliveries: int = 0
    sends: int = 0
    per_week: float = 0.0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_audience: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, int] = field(default_factory=dict)
    sends_by_kind: dict[str, int] = field(default_factory=dict)
    rates: list[ChannelRate] = field(default_factory=list)
    read_rate: float | None = None  # over every measured channel
    reply_rate: float | None = None


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _send_key(row: OutreachRow, index: int) -> tuple[int | None, str]:
    """One send: the school and the ref; a row without a ref stands alone."""
    return (row.school_id, row.ref) if row.ref else (row.school_id, f"#row{index}")


def _channel_order(channel: str) -> tuple[int, str]:
    return (CHANNELS.index(channel) if channel in CHANNELS else len(CHANNELS), channel)


def rates(rows: Iterable[OutreachRow]) -> list[ChannelRate]:
    """Per channel present, in the channels' order."""
    delivered: Counter[str] = Counter()
    read: Counter[str] = Counter()
    replied: Counter[str] = Counter()
    for row in rows:
        delivered[row.channel] += 1
        read[row.channel] += row.read_at is not None or row.replied_at is not None  # an answer was read
        replied[row.channel] += row.replied_at is not None
    found = []
    for channel in sorted(delivered, key=_channel_order):
        n = delivered[channel]
        if channel in MEASURED:
            found.append(
                ChannelRate(
                    channel,
                    n,
                    True,
                    read[channel],
                    replied[channel],
                    _percent(read[channel], n),
                    _percent(replied[channel], n),
                )
            )
        else:
            found.append(ChannelRate(channel, n, False, None, None, None, None))
    return found


def summarise(rows: Iterable[OutreachRow], period: Period) -> Summary:
    """The figures of the rows sent within the period (rows outside it are left out)."""
    kept = [r for r in rows if period.holds(r.sent_at)]
    found = Summary()
    found.deliveries = len(kept)
    sends: dict[tuple[int | None, str], OutreachRow] = {}
    for index, row in enumerate(kept):
        sends.setdefault(_send_key(row, index), row)
    found.sends = len(sends)
    found.per_week = round(found.sends / period.weeks, 1)
    found.by_channel = {
        c: n for c, n in sorted(Counter(r.channel for r in kept).items(), key=lambda i: _channel_order(i[0]))
    }
    found.by_kind = dict(Counter(r.kind for r in kept).most_common())
    found.by_audience = dict(Counter(r.audience for r in kept).most_common())
    found.by_language = dict(Counter(r.language or "en" for r in kept).most_common())
    found.by_month = dict(sorted(Counter(r.sent_at.strftime("%Y-%m") for r in kept).items()))
    found.sends_by_kind = dict(Counter(r.kind for r in sends.values()).most_common())
    found.rates = rates(kept)
    measured = [r for r in found.rates if r.measured]
    delivered = sum(r.delivered for r in measured)
    found.read_rate = _percent(sum(r.read or 0 for r in measured), delivered)
    found.reply_rate = _percent(sum(r.replied or 0 for r in measured), delivered)
    return found


def by_school(rows: Iterable[OutreachRow], period: Period, school_ids: Iterable[int]) -> dict[int, Summary]:
    """One summary per school named (a school that sent nothing gets an empty one), in the order given."""
    grouped: dict[int | None, list[OutreachRow]] = {}
    for row in rows:
        grouped.setdefault(row.school_id, []).append(row)
    return {s: summarise(grouped.get(s, []), period) for s in school_ids}
