"""Controlled vocabularies: the codes stored in the database and their labels.

Codes are stable (they are written to workspaces and archives); labels are what
people read in forms, lists and briefs.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

Vocabulary = MappingProxyType


def _vocab(*pairs: tuple[str, str]) -> MappingProxyType[str, str]:
    return MappingProxyType(dict(pairs))


CASE_STATUSES: Final = _vocab(
    ("intake", "Intake"),
    ("open", "Open"),
    ("on_hold", "On hold"),
    ("closed", "Closed"),
)

PERSON_KINDS: Final = _vocab(
    ("individual", "Individual"),
    ("organization", "Organization"),
)

ROLES: Final = _vocab(
    ("client", "Client"),
    ("co_defendant", "Co-defendant"),
    ("complainant", "Complainant"),
    ("victim", "Victim"),
    ("witness", "Witness"),
    ("police_officer", "Police officer"),
    ("prosecutor", "Prosecutor"),
    ("judge", "Judge"),
    ("defense_counsel", "Defense counsel"),
    ("investigator", "Investigator"),
    ("spokesperson", "Spokesperson"),
    ("journalist", "Journalist"),
    ("organization", "Organization"),
    ("other", "Other"),
)

# Roles on the prosecution side of a case: a client appearing in one of these
# roles in another case is a conflict of interest.
ADVERSE_ROLES: Final = frozenset({"complainant", "victim", "witness"})

STATEMENT_SETTINGS: Final = _vocab(
    ("sworn_testimony", "Sworn testimony"),
    ("criminal_complaint", "Criminal complaint"),
    ("police_report", "Police report"),
    ("press_statement", "Press statement"),
    ("social_media_post", "Social-media post"),
    ("interview", "Interview"),
    ("in_court", "In court"),
    # Proposed from transcripts and reports (app/core/intake/apply.py maps them): the
    # questioning a suppression motion turns on, words at a scene, a recorded call.
    ("police_interview", "Police interview"),
    ("police_encounter", "Police encounter"),
    ("phone_call", "Phone call"),
    ("other", "Other"),
)

CHARGE_STATUSES: Final = _vocab(
    ("pending", "Pending"),
    ("dismissed", "Dismissed"),
    ("reduced", "Reduced"),
    ("pled", "Pled"),
    ("convicted", "Convicted"),
    ("acquitted", "Acquitted"),
)

DOCUMENT_KINDS: Final = _vocab(
    ("criminal_complaint", "Criminal complaint"),
    ("police_report", "Police report"),
    ("warrant", "Warrant"),
    ("photo", "Photo"),
    ("video", "Video"),
    ("social_media_post", "Social-media post"),
    ("news_article", "News article"),
    ("court_filing", "Court filing"),
    ("correspondence", "Correspondence"),
    ("other", "Other"),
)

EVENT_KINDS: Final = _vocab(
    ("incident", "Incident"),
    ("arrest", "Arrest"),
    ("court_appearance", "Court appearance"),
    ("deadline", "Deadline"),
    ("meeting", "Meeting"),
    ("other", "Other"),
)

ISSUE_STATUSES: Final = _vocab(
    ("open", "Open"),
    ("resolved", "Resolved"),
)

# Custody of the client: after an appearance, and the case's status now.
CUSTODY: Final = _vocab(
    ("in", "In custody"),
    ("out", "Released"),
)

# The client's custody in one case as intake records it (a party's custody_status);
# the case's CUSTODY above (in or out) is what the speedy-trial clock reads.
CUSTODY_STATUSES: Final = _vocab(
    ("in_custody", "In custody"),
    ("remanded", "Remanded"),
    ("bail_set", "Bail set"),
    ("bail_posted", "Out on bail"),
    ("ror", "Released on recognizance"),
    ("supervised", "Supervised release"),
    ("released", "Released"),
)

APPEARANCE_PURPOSES: Final = _vocab(
    ("arraignment", "Arraignment"),
    ("conference", "Conference"),
    ("hearing", "Hearing"),
    ("motion", "Motion argument"),
    ("trial", "Trial"),
    ("sentencing", "Sentencing"),
    ("other", "Other"),
)

# Who asked for an adjournment. The defense's request or its consent makes the
# period excludable under CPL 30.30(4)(b) even without a ground chosen.
ADJOURNMENT_REQUESTERS: Final = _vocab(
    ("people", "The People"),
    ("defense", "The defense"),
    ("court", "The court"),
    ("consent", "On consent"),
)

# The excludable grounds of CPL 30.30(4); "other" comes with a free-text ground.
EXCLUDABLE_GROUNDS: Final = _vocab(
    ("defense-request", "Adjournment at the defense's request (30.30(4)(b))"),
    ("consent", "Adjournment on consent (30.30(4)(b))"),
    ("motions", "Motions under consideration (30.30(4)(a))"),
    ("absent", "Defendant absent or bench warrant (30.30(4)(c))"),
    ("no-counsel", "Defendant without counsel (30.30(4)(f))"),
    ("exceptional", "Exceptional circumstances (30.30(4)(g))"),
    ("other-proceedings", "Other proceedings concerning the defendant (30.30(4)(a))"),
    ("joinder", "Joined with a co-defendant (30.30(4)(d))"),
    ("other", "Other ground"),
)

FILING_KINDS: Final = _vocab(
    ("readiness", "Statement of readiness"),
    ("coc", "Certificate of compliance"),
    ("motion", "Motion filed"),
    ("decision", "Decision"),
    ("other", "Other"),
)

DEADLINE_KINDS: Final = _vocab(
    ("discovery", "Discovery due"),
    ("speedy_trial", "Speedy-trial last day"),
    ("motion", "Motion due"),
    ("response", "Response due"),
    ("other", "Other"),
)


def label(vocabulary: MappingProxyType[str, str], code: str | None) -> str:
    """The human label of ``code``; unknown codes are shown as they are."""
    if not code:
        return ""
    return vocabulary.get(code, code)
