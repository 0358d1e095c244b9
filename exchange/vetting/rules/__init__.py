"""Pure vetting rules: the evidence an adult must hold to meet students, its expiry, the
state machine a verifier drives, and what each viewer may see of it. Stdlib only (no Flask,
no database), so every rule is tested with plain dates and checked by `mypy --strict`.

- `evidence`: the kinds of evidence and what makes one acceptable;
- `checklist`: validity and expiry policy, the checklist an expert holds on a day, reminders;
- `states`: the state machine, the effective state access checks use, the badge and views;
- `profile`: the expert's application profile.

Access checks use `states.effective_state`/`states.cleared_to_meet_students`, never the
stored state alone: a record stays "verified" in the database until a job writes
"expired", but the expert loses access on the first day after any required evidence lapses.
"""
