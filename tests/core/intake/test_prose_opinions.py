"""The prose reader on a court opinion's account of the facts: the parties it names, the
trial court, police questioning and the testimony it quotes.

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


OPINION = (
    "STATE v. HOLM\n"
    "No. 24-101.\n"
    "Supreme Court of New Halden.\n\n"
    "Ada Roe argued the cause for petitioner.\n\n"
    "JUSTICE PARR delivered the opinion of the Court.\n\n"
    "Respondent Carl Holm was convicted of burglary. The court below held that his "
    "statements should have been suppressed because Holm, though agreeing to talk, had "
    "indicated that he would not sign anything without a lawyer.\n\n"
    "On the night of March 2, 2023, Holm was taken to the Elm police station. Respondent "
    "stated that he understood his rights, and told the officers that he would talk but "
    "would not sign anything.\n\n"
    "Later the police conducted a second interview. Holm was again advised of his rights, "
    'and once again stated that "he would talk but not write anything down."\n\n'
    "The trial court, after a hearing, held that the statements were admissible. It found "
    'that Holm "plainly understood what he was giving up."\n'
)


def test_an_opinion_names_the_respondent_the_trial_court_and_the_interview() -> None:
    names = {p.text[:25]: p for p in extract(OPINION)}
    assert not any(t.startswith("the cause") for t in names)
    sign = _one(OPINION, "that he would not sign anything without")
    assert sign.speaker == "Carl Holm"
    rights = _one(OPINION, "that he understood his rights")
    assert (rights.speaker, rights.setting, rights.date) == (
        "Carl Holm",
        "police_interview",
        "2023-03-02",
    )
    talk = _one(OPINION, "that he would talk but would not")
    assert (talk.speaker, talk.speech, talk.setting) == (
        "Carl Holm",
        "reported",
        "police_interview",
    )
    again = _one(OPINION, "he would talk but not write")
    assert (again.speaker, again.setting) == ("Carl Holm", "police_interview")
    found = _one(OPINION, "plainly understood")
    assert (found.speaker, found.setting) == ("the trial court", "in_court")


def test_an_opinions_account_of_police_talk_is_an_encounter_or_an_interview() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "Officer Dana Pike stopped Carl Holm on Elm Street. Holm told Pike that he was going "
        "home.\n\n"
        "Two days later Detective Ray Lu met Holm in an office at the courthouse annex. Holm "
        "told Lu that he had sold the gun.\n"
    )
    street = _one(text, "that he was going home")
    assert (street.recipient, street.setting) == ("Dana Pike", "police_encounter")
    office = _one(text, "that he had sold the gun")
    assert (office.recipient, office.setting) == ("Ray Lu", "police_interview")


def test_an_opinions_interview_goes_on_into_the_next_paragraph_and_is_dated() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "On May 2, 2023, Detective Ray Lu took Carl Holm into an office at the station. Holm "
        "told Lu that he had sold the gun.\n\n"
        "At the end of the taped conversation Lu told Holm that he was free to go.\n"
    )
    sold = _one(text, "that he had sold the gun")
    assert (sold.setting, sold.date) == ("police_interview", "2023-05-02")
    free = _one(text, "that he was free to go")
    assert (free.speaker, free.recipient, free.setting, free.date) == (
        "Ray Lu",
        "Carl Holm",
        "police_interview",
        "2023-05-02",
    )


def test_an_answer_an_opinion_quotes_from_the_transcript_is_sworn_testimony() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "Officer Ray Lu shared his partner's worry:\n"
        "“A. I more or less agreed with him that we should keep looking for the gun.”\n"
    )
    answer = _one(text, "A. I more or less agreed")
    assert answer.setting == "sworn_testimony"


def test_testimony_recounting_the_stop_dates_it_and_an_answer_goes_to_the_asker() -> None:
    text = (
        "STATE v. HOLM\n"
        "Court of Appeals of New Halden.\n\n"
        "OPINION\n\n"
        "On the evening of June 3, 2024, Officer Ray Lu stopped Carl Holm on Shore Drive. "
        'Officer Lu testified that he asked, "Anything in the bag?" and that Holm answered, '
        '"No, go ahead."\n\n'
        "A neighbor, Ada Vell, testified that she saw the stop from her porch.\n\n"
        "Holm testified that he never agreed. He said that he told the officer, "
        '"That is my bag, leave it."\n'
    )
    ahead = _one(text, "No, go ahead.")
    assert (ahead.speaker, ahead.recipient) == ("Carl Holm", "Ray Lu")
    bag = _one(text, "That is my bag")
    assert (bag.setting, bag.date) == ("police_encounter", "2024-06-03")


def test_the_officers_who_questioned_him_are_the_ones_he_told() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "Later, Holm was questioned by Officer Ann Roe and Det. Ray Lu. Before the questioning "
        "he signed a card. Carl Holm told the officers that he would talk.\n"
    )
    talk = _one(text, "that he would talk")
    assert talk.recipient == "Ann Roe and Ray Lu"


def test_a_statement_told_by_what_it_says_is_the_givers_reported_speech() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "Carl Holm was advised of his rights. Holm then gave an oral statement admitting his "
        "part in the burglary.\n"
    )
    admitting = _one(text, "admitting his part")
    assert (admitting.speaker, admitting.speech) == ("Carl Holm", "reported")


def test_a_hearing_where_he_declined_to_testify_is_not_his_testimony() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "After a hearing at which Holm elected not to testify, the trial judge found that Holm "
        'had been "fully advised of his rights."\n'
    )
    advised = _one(text, "fully advised")
    assert (advised.speaker, advised.setting) == ("the trial judge", "in_court")


def test_they_after_an_agencys_agents_questioned_him_are_those_agents() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "Carl Holm was taken to the ATF office. ATF agents first questioned Holm about the "
        "guns. They then asked Holm if he had a record. Holm admitted that he had one.\n"
    )
    asked = _one(text, "if he had a record")
    assert (asked.speaker, asked.setting) == ("ATF agents", "police_interview")


def test_also_is_an_adverb_and_a_signed_form_says_what_it_states() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "Carl Holm was taken to the station. At the station, the agents also advised Holm "
        "that he could stop the questioning at any time. Holm then signed a written form "
        "stating that he understood and waived his rights.\n"
    )
    advised = _one(text, "that he could stop")
    assert (advised.speaker, advised.recipient) == ("the agents", "Carl Holm")
    waived = _one(text, "stating that he understood")
    assert (waived.speaker, waived.speech) == ("Carl Holm", "reported")


def test_an_informant_told_agents_of_a_long_named_bureau_and_an_order_not_to() -> None:
    text = (
        "STATE v. HOLM\n"
        "Supreme Court of New Halden.\n\n"
        "JUSTICE PARR delivered the opinion of the Court.\n\n"
        "An informant told agents of the Bureau of Alcohol, Tobacco, and Firearms (ATF) that "
        "Carl Holm was selling stolen rifles. Captain Ida Moss then instructed the officers "
        "not to question Holm on the way to the station.\n"
    )
    selling = _one(text, "that Carl Holm was selling")
    assert (selling.speaker, selling.speech) == ("informant", "reported")
    order = _one(text, "not to question Holm")
    assert (order.speaker, order.speech) == ("Ida Moss", "reported")
