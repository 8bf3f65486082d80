"""The placeholder texts that `mkdocs-briefs new` writes in a skeleton (scaffold.py), declared once so
that the check finds one left in (validate.py: a warning at its field) and never disagrees with the
skeleton: a site published a page titled "Title of the brief" in silence."""

from __future__ import annotations

BRIEF_TITLE = "Title of the brief"
ORIGINAL_PUBLISHER = "Publisher of the original"
ORIGINAL_TITLE = "Title of the original"
BRIEF_SUMMARY = "One or two sentences on what the brief argues."
REC_TITLE = "Do the first thing"
REC_STATEMENT = "Who should do what, in a sentence or two."
ACTOR_NAME = "Full name of the actor"
MECHANISM_NAME = "Full name of the mechanism"
DESCRIPTION = "One factual sentence about it."
AUTHOR_NAME = "Full name of the author"
SERIES_NAME = "Name of the series"
UPDATE_TITLE = "What happened, in a short line"
REPORT_TITLE = "Title of the report"
REPORT_PUBLISHER = "Who published it"
UPDATE_NOTE = "Why this status, in a sentence."

PLACEHOLDERS = frozenset({
    BRIEF_TITLE, ORIGINAL_PUBLISHER, ORIGINAL_TITLE, BRIEF_SUMMARY, REC_TITLE, REC_STATEMENT, ACTOR_NAME,
    MECHANISM_NAME, DESCRIPTION, AUTHOR_NAME, SERIES_NAME, UPDATE_TITLE, REPORT_TITLE, REPORT_PUBLISHER, UPDATE_NOTE,
})
