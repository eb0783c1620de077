"""What's This? (Shift+F1) for the fields of the forms: what to type there, with an example.

The texts are kept here, by field name, rather than in the forms, so the forms stay
layout and a writer can check the help of a whole form in one place. A form calls
:func:`explain_fields` once its fields are bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATEMENT_FIELDS: Mapping[str, str] = {
    "speaker_id": (
        "<b>Speaker</b>: who said or wrote the words. Type a few letters of the name and pick "
        "the person; a new name becomes a new person in the case when you save. "
        "Example: <i>Officer Ken Thomas</i>."
    ),
    "date": (
        "<b>Date</b>: when the words were said or written, as exactly as you know it: "
        "<i>June 14, 2020</i>, <i>6/14/2020</i>, <i>June 2020</i>, <i>about 2020</i>, or "
        "<i>today</i>, <i>yesterday</i>, <i>+7</i>. Leave it empty if it is unknown."
    ),
    "setting": (
        "<b>Setting</b>: how it was said: sworn testimony, criminal complaint, police report, "
        "interview, in court, social-media post, press statement, police interview, police "
        "encounter, phone call. Example: a line in the "
        "complaint is <i>Criminal complaint</i>."
    ),
    "sworn": (
        "<b>Sworn</b>: tick it when the words were under oath or affirmation (testimony, a "
        "sworn complaint, an affidavit)."
    ),
    "reported": (
        "<b>Reported speech</b>: tick it when the text gives the words in substance, not "
        "verbatim. Example: <i>the defendant stated in substance that he took the phone</i> "
        "in a complaint; the briefs add “(in substance)” after the words."
    ),
    "recipient_party_id": (
        "<b>Said to</b>: the person in the case the words were said to, if any. Example: the "
        "arresting officer for a statement made at the precinct."
    ),
    "recipient_text": (
        "<b>Audience</b>: who heard or read it when that is not a person in the case. "
        "Example: <i>a 911 operator</i>, <i>a reporter for the Daily News</i>."
    ),
    "text": (
        "<b>Verbatim text</b>: the words exactly as said or written, with the speaker's own "
        "spelling and grammar, no paraphrase. Example: <i>I aint never seen that bag</i>. "
        "A summary or your reading of it goes in Notes."
    ),
    "source_document_id": (
        "<b>Source document</b>: the document the words are quoted from (the complaint, a "
        "police report, a transcript, a recording). Add it in Documents first."
    ),
    "pin_cite": (
        "<b>Pin cite</b>: where in the source the words are: <i>p. 3</i>, <i>¶ 4</i>, "
        "<i>p. 2, l. 14</i>, or a time in a recording, <i>00:03:12</i>."
    ),
    "issue_ids": (
        "<b>Legal issues</b>: tick the issues of the case this statement bears on (e.g. "
        "suppression, identification), so the brief can group statements by issue."
    ),
    "notes": (
        "<b>Notes</b>: your own notes on the statement: context, doubts, a paraphrase of what "
        "was left out, what to follow up. Notes are never quoted as the speaker's words."
    ),
}


def explain_fields(fields: Mapping[str, Any], texts: Mapping[str, str]) -> None:
    """Give each bound field of ``fields`` its What's This? text from ``texts``; a
    composite field's editor gets it too, as Shift+F1 asks the widget with the focus."""
    for name, text in texts.items():
        widget = fields.get(name)
        if widget is None:
            continue
        widget.setWhatsThis(text)
        proxy = widget.focusProxy()
        while proxy is not None:
            proxy.setWhatsThis(text)
            proxy = proxy.focusProxy()
