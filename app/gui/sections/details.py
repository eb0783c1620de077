"""The detail pane's content: one record as HTML, with links to what it is tied to.

Links are ``casefile:<section>/<id>`` (``casefile:chronology/event/<id>`` for the
chronology); the case view turns a click into "select that section and row".
Every user string is escaped before it reaches the HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from app.core import vocab
from app.core.errors import NotFoundError
from app.core.kinds import KIND_OF_SECTION
from app.gui.models.record_list import format_date, format_size, format_stamp

if TYPE_CHECKING:
    from app.context import AppContext

# app.core.lists.links and app.core.storage.models (SQLAlchemy) are imported where a record is
# rendered: a detail pane is first filled after the workspace opens, and the window is
# painted before the database layer is loaded.

LINK_SCHEME = "casefile"
SOURCE_LINK = "source"  # casefile:source/statement/12: its source in the viewer at the cite


def link(section: str, record_id: int, text: str, record: str | None = None) -> str:
    target = f"{section}/{record}/{record_id}" if record else f"{section}/{record_id}"
    return f'<a href="{LINK_SCHEME}:{target}">{html.escape(text)}</a>'


def parse_link(href: str) -> tuple[str, dict[str, Any]] | None:
    """``casefile:statements/12`` -> ("statements", {"id": 12}); None if it is not ours."""
    if not href.startswith(f"{LINK_SCHEME}:"):
        return None
    parts = href[len(LINK_SCHEME) + 1 :].split("/")
    try:
        if len(parts) == 3:
            return parts[0], {"record": parts[1], "id": int(parts[2])}
        if len(parts) == 2:
            return parts[0], {"id": int(parts[1])}
    except ValueError:
        return None
    return None


class Page:
    """A small HTML builder for one record; ``muted`` is the palette's secondary text colour."""

    def __init__(self, muted: str, shade: str = "") -> None:
        self.muted = muted
        self.shade = shade
        self.parts: list[str] = []
        self._rows: list[str] = []

    def title(self, text: str, subtitle: str = "") -> Page:
        self.parts.append(f"<h2>{html.escape(text)}</h2>")
        if subtitle:
            self.parts.append(f'<p style="color:{self.muted}">{html.escape(subtitle)}</p>')
        return self

    def field(self, label: str, value: Any, *, raw: bool = False) -> Page:
        if value in (None, "", [], False):
            return self
        shown = value if raw else _multiline(str(value))
        self._rows.append(
            f'<tr><td style="color:{self.muted}; padding-right:14px" valign="top">'
            f"{html.escape(label)}</td><td>{shown}</td></tr>"
        )
        return self

    def end_fields(self) -> Page:
        if self._rows:
            self.parts.append('<table cellspacing="0" cellpadding="3">' + "".join(self._rows))
            self.parts.append("</table>")
            self._rows = []
        return self

    def quote(self, text: str) -> Page:
        # A shaded block sets the verbatim words apart from what we wrote about them.
        self.parts.append(
            f'<table width="100%" cellpadding="8" cellspacing="0" bgcolor="{self.shade}">'
            f"<tr><td>{_multiline(text)}</td></tr></table>"
        )
        return self

    def paragraph(self, text: str) -> Page:
        if text:
            self.parts.append(f"<p>{_multiline(text)}</p>")
        return self

    def links(self, heading: str, items: list[str], empty: str = "") -> Page:
        from app.core.lists import links as record_links

        self.end_fields()
        if not items and not empty:
            return self
        count = f" ({len(items)}{'+' if len(items) >= record_links.LINK_LIMIT else ''})"
        self.parts.append(f"<h3>{html.escape(heading)}{count if items else ''}</h3>")
        if items:
            self.parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        else:
            self.parts.append(f'<p style="color:{self.muted}">{html.escape(empty)}</p>')
        return self

    def html(self) -> str:
        self.end_fields()
        return "".join(self.parts)


def _multiline(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _statement_item(row: dict[str, Any]) -> str:
    when = format_date(row.get("date")) or "undated"
    said = _short(f"{row['speaker']}: “{row['text']}”")
    return f"{html.escape(when)} — {link('statements', row['id'], said)}"


def _event_item(row: dict[str, Any]) -> str:
    when = format_date(row.get("date")) or "undated"
    return f"{html.escape(when)} — {link('chronology', row['id'], row['title'], 'event')}"


def _join(items: Iterable[str]) -> str:
    return ", ".join(items)


def _issue_links(ctx: AppContext, ids: list[int]) -> str:
    from app.core.lists import links as record_links
    from app.core.storage.models import Issue

    titles = record_links.titles_of(ctx.workspace, Issue, ids)
    return _join(link("issues", i, titles[i]) for i in ids if i in titles)


def _document_link(
    ctx: AppContext, document_id: int | None, pin_cite: str = "", opener: str = ""
) -> str:
    from app.core.lists import links as record_links
    from app.core.storage.models import Document

    if document_id is None:
        return html.escape(pin_cite)
    titles = record_links.titles_of(ctx.workspace, Document, [document_id])
    text = link("documents", document_id, titles.get(document_id, "document"))
    text = f"{text}, {html.escape(pin_cite)}" if pin_cite else text
    return f"{text} · {opener}" if opener else text


def _party(ctx: AppContext, page: Page, party_id: int) -> None:
    from dataclasses import replace

    from app.briefs.people import role_facts_of_fields
    from app.briefs.profiles import FULL
    from app.core.lists import links as record_links

    person = record_links.party_person(ctx.workspace, party_id)
    if person is None:
        raise NotFoundError(f"there is no party with id {party_id}")
    roles = ", ".join(vocab.label(vocab.ROLES, r) for r in person["roles"])
    page.title(person["name"], roles)
    page.field("Title", person["title"]).field("Affiliation", person["affiliation"])
    page.field("Also known as", ", ".join(person["aliases"]))
    page.field("Kind", vocab.label(vocab.PERSON_KINDS, person["kind"]))
    page.field("Date of birth", format_date(person["date_of_birth"]))
    page.field("Phone", person["phone"]).field("Email", person["email"])
    page.field("Address", person["address"])
    # Phone, email and address are the fields above: the witness line leaves them out.
    for title, fact in role_facts_of_fields(person, replace(FULL, witness_contacts=False)):
        page.field(title, fact)
    page.field("About this person", person["notes"]).field("In this case", person["party_notes"])
    linked = record_links.links_of_party(ctx.workspace, party_id)
    page.links(
        "Statements", [_statement_item(r) for r in linked["statements"]], "No statements recorded."
    )
    page.links("Events", [_event_item(r) for r in linked["events"]], "Not named in any event.")
    # Followed by app.gui.dialogs.person_statements (the window's context menus hook it).
    page.parts.append(f"<p>{link('others', party_id, 'Statements in other cases…', 'party')}</p>")


def _statement(ctx: AppContext, page: Page, statement_id: int) -> None:
    from app.core.lists import links as record_links
    from app.core.services.statements import get_statement

    st = get_statement(ctx.workspace, statement_id)
    names = record_links.names_of_parties(
        ctx.workspace, [i for i in (st["speaker_id"], st["recipient_party_id"]) if i]
    )
    speaker = names.get(st["speaker_id"], "")
    page.title(speaker or "Statement", format_date(_iso(st["date"])) or "Date unknown")
    page.quote(st["text"])
    page.field("Speaker", link("people", st["speaker_id"], speaker), raw=True)
    recipient = st["recipient_party_id"]
    if recipient:
        page.field("To", link("people", recipient, names.get(recipient, "")), raw=True)
    page.field("Audience", st["recipient_text"])
    page.field("Setting", vocab.label(vocab.STATEMENT_SETTINGS, st["setting"]))
    page.field("Sworn", "Yes" if st["sworn"] else "")
    page.field("Speech", "Reported (in substance, not verbatim)" if st.get("reported") else "")
    opener = link(SOURCE_LINK, statement_id, "Open source at pin cite", "statement")
    source = _document_link(ctx, st["source_document_id"], st["pin_cite"], opener)
    page.field("Source", source, raw=True)
    page.field("Issues", _issue_links(ctx, st["issue_ids"]), raw=True)
    page.field("Notes", st["notes"])


def _event(ctx: AppContext, page: Page, event_id: int) -> None:
    from app.core.lists import links as record_links
    from app.core.services.events import get_event

    ev = get_event(ctx.workspace, event_id)
    when = format_date(_iso(ev["date"])) or "Date unknown"
    if ev["time"]:
        when += f", {ev['time']}"
    page.title(ev["title"], f"{vocab.label(vocab.EVENT_KINDS, ev['kind'])} · {when}")
    page.paragraph(ev["description"])
    page.field("Place", ev["place"])
    names = record_links.names_of_parties(ctx.workspace, ev["party_ids"])
    people = _join(link("people", i, names[i]) for i in ev["party_ids"] if i in names)
    page.field("People", people, raw=True)
    opener = link(SOURCE_LINK, event_id, "Open source at pin cite", "event")
    source = _document_link(ctx, ev["source_document_id"], ev["pin_cite"], opener)
    page.field("Source", source, raw=True)
    page.field("Issues", _issue_links(ctx, ev["issue_ids"]), raw=True)


def _charge(ctx: AppContext, page: Page, charge_id: int) -> None:
    from app.core.services.charges import get_charge

    ch = get_charge(ctx.workspace, charge_id)
    page.title(f"Count {ch['count_number']}: {ch['statute']}", ch["description"])
    page.field("Class", ch["offense_class"])
    page.field("Offense date", format_date(_iso(ch["offense_date"])))
    page.field("Status", vocab.label(vocab.CHARGE_STATUSES, ch["status"]))
    page.field("Disposition", ch["disposition"])
    page.field("Disposition date", format_date(_iso(ch["disposition_date"])))
    page.field("Notes", ch["notes"])


def _document(ctx: AppContext, page: Page, document_id: int) -> None:
    from app.core.lists import links as record_links
    from app.core.services.documents import get_document

    doc = get_document(ctx.workspace, document_id)
    subtitle = vocab.label(vocab.DOCUMENT_KINDS, doc["kind"])
    if doc["date"]:
        subtitle += f" · {format_date(_iso(doc['date']))}"
    page.title(doc["title"], subtitle)
    page.field("Author / source", doc["author"]).field("Provenance", doc["provenance"])
    page.field("Privileged", "Yes: work product" if doc["privileged"] else "")
    bates = " – ".join(b for b in (doc["bates_start"], doc["bates_end"]) if b)
    page.field("Bates", bates)
    sha = doc["file_sha256"]
    if sha:
        page.field("File", doc["file_name"] or "(unnamed)")
        page.field("Type", doc["file_media_type"])
        page.field("Size", format_size(doc["file_size"]))
        page.field("SHA-256", f"<code>{sha[:32]}<br>{sha[32:]}</code>", raw=True)
        if not ctx.workspace.store.has(sha):
            page.field("Missing", "The file is not in this workspace's attachment folder.")
    else:
        page.field("File", "No file attached")
    page.field("Issues", _issue_links(ctx, doc["issue_ids"]), raw=True)
    page.field("Notes", doc["notes"])
    linked = record_links.links_of_document(ctx.workspace, document_id)
    page.links(
        "Statements sourced from this document",
        [_statement_item(r) for r in linked["statements"]],
        "No statement cites this document.",
    )
    page.links("Events sourced from this document", [_event_item(r) for r in linked["events"]])


def _issue(ctx: AppContext, page: Page, issue_id: int) -> None:
    from app.core.lists import links as record_links
    from app.core.services.issues import get_issue

    issue = get_issue(ctx.workspace, issue_id)
    page.title(issue["title"], vocab.label(vocab.ISSUE_STATUSES, issue["status"]))
    page.paragraph(issue["description"])
    linked = record_links.links_of_issue(ctx.workspace, issue_id)
    page.links(
        "Statements", [_statement_item(r) for r in linked["statements"]], "No statements linked."
    )
    page.links("Events", [_event_item(r) for r in linked["events"]], "No events linked.")
    documents = [
        f"{html.escape(format_date(r['date']) or 'undated')} — "
        f"{link('documents', r['id'], r['title'])}"
        for r in linked["documents"]
    ]
    page.links("Documents", documents, "No documents linked.")


def _note(ctx: AppContext, page: Page, note_id: int) -> None:
    from app.core.lists import links as record_links
    from app.core.services.notes import get_note

    note = get_note(ctx.workspace, note_id)
    state = ("Done" if note["done"] else "To do") if note["is_todo"] else "Note"
    if note["staff_only"]:
        state += " · staff only (never in a brief)"
    page.title(state)
    page.paragraph(note["body"])
    stamp = record_links.note_changed_at(ctx.workspace, note_id)
    page.field("Changed", format_stamp(stamp))


def _when(day: Any, time: str | None) -> str:
    text = format_date(_iso(day)) or "Date unknown"
    return f"{text}, {time}" if time else text


def _ready(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not said")  # type: ignore[arg-type]


def _appearance(ctx: AppContext, page: Page, appearance_id: int) -> None:
    from app.core.services.appearances import appearances_of_case, get_appearance
    from app.core.services.choices import case_of
    from app.core.storage.models import Appearance

    ap = get_appearance(ctx.workspace, appearance_id)
    purpose = vocab.label(vocab.APPEARANCE_PURPOSES, ap["purpose"])
    page.title(purpose, _when(ap["date"], ap["time"]))
    # The pane sits under the wide list: the court date on the left, its 30.30 on the right.
    page.parts.append('<table width="100%" cellspacing="0"><tr><td valign="top" width="50%">')
    page.field("Part / courtroom", ap["part"]).field("Judge", ap["judge"])
    page.field("What happened", ap["outcome"])
    page.field("Custody after", vocab.label(vocab.CUSTODY, ap["custody_after"]))
    # The appearances this one came from and leads to, by their dates.
    case_id = case_of(ctx.workspace, Appearance, appearance_id)
    others = [a for a in appearances_of_case(ctx.workspace, case_id) if a.id != appearance_id]
    came_from = [a for a in others if a.adjourned_to == ap["date"]]
    leads_to = [a for a in others if ap["adjourned_to"] and a.date == ap["adjourned_to"]]
    if ap["adjourned_to"]:
        next_day = format_date(_iso(ap["adjourned_to"]))
        shown = link("court", leads_to[0].id, next_day) if leads_to else html.escape(next_day)
        page.field("Adjourned to", shown, raw=True)
    if came_from:
        earlier = format_date(_iso(came_from[0].date))
        page.field("Adjourned from", link("court", came_from[0].id, earlier), raw=True)
    page.end_fields()
    page.parts.append('</td><td valign="top" width="50%">')
    page.parts.append('<h3 style="margin-top:0px">Speedy-trial (CPL 30.30)</h3>')
    page.field(
        "Adjournment asked by", vocab.label(vocab.ADJOURNMENT_REQUESTERS, ap["requested_by"])
    )
    page.field("People ready", _ready(ap["people_ready"]))
    if ap["people_asked_days"] is not None:
        page.field("Days the People asked for", str(ap["people_asked_days"]))
    ground = vocab.label(vocab.EXCLUDABLE_GROUNDS, ap["excludable"])
    if ap["excludable"] == "other" and ap["excludable_other"]:
        ground = f"{ground}: {ap['excludable_other']}"
    page.field("Excludable ground", ground or "None recorded")
    page.field("Exclusion arguable", "Yes: the defense contests it" if ap["arguable"] else "")
    page.end_fields()
    page.parts.append("</td></tr></table>")
    page.field("Notes", ap["notes"])


def _filing(ctx: AppContext, page: Page, filing_id: int) -> None:
    from app.core.services.filings import get_filing

    filing = get_filing(ctx.workspace, filing_id)
    kind = vocab.label(vocab.FILING_KINDS, filing["kind"])
    page.title(filing["title"] or kind, f"{kind} · {_when(filing['date'], None)}")
    page.field("With a certificate of compliance", "Yes" if filing["with_coc"] else "")
    page.field("Notes", filing["notes"])


def _deadline(ctx: AppContext, page: Page, deadline_id: int) -> None:
    from app.core.services.deadlines import get_deadline

    deadline = get_deadline(ctx.workspace, deadline_id)
    kind = vocab.label(vocab.DEADLINE_KINDS, deadline["kind"])
    page.title(deadline["title"], f"{kind} · due {_when(deadline['date'], deadline['time'])}")
    page.field("Met on", format_date(_iso(deadline["met_on"])) or "Not yet")
    page.field("Notes", deadline["notes"])


def _iso(value: Any) -> str | None:
    return value.iso() if value is not None else None


RENDERERS: dict[str, Callable[[AppContext, Page, int], None]] = {
    "people": _party,
    "statements": _statement,
    "charges": _charge,
    "documents": _document,
    "issues": _issue,
    "notes": _note,
    "court": _appearance,
    "filings": _filing,
    "deadlines": _deadline,
}
_CHRONOLOGY_RENDERERS = {
    "statement": _statement,
    "event": _event,
    "appearance": _appearance,
    "filing": _filing,
    "deadline": _deadline,
}


def render(ctx: AppContext, section: str, key: dict[str, Any], muted: str, shade: str = "") -> str:
    """HTML for the record ``key`` of ``section``; a short message if it has gone."""
    page = Page(muted, shade)
    if section == "chronology":  # each row is shown as the record it is
        renderer = _CHRONOLOGY_RENDERERS.get(str(key.get("record")), _event)
    else:
        renderer = RENDERERS[section]
    try:
        renderer(ctx, page, int(key["id"]))
    except NotFoundError:
        return f'<p style="color:{muted}">This record no longer exists.</p>'
    # Caught by app.gui.window.safety_menu, which opens the record's history.
    kind = key.get("record") or KIND_OF_SECTION[section]
    page.end_fields().parts.append(
        f"<p>{link('history', int(key['id']), 'History of this record…', kind)}</p>"
    )
    return page.html()
