"""How opinions, letters and wire copy attribute: each rule on its own made-up snippet."""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.lstrip('“"').startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


def test_a_rank_or_a_plural_title_is_not_part_of_the_name() -> None:
    text = (
        "Two deputies, Troopers Hallam, Brice, and Ostrow, drove the car.\n\n"
        'Warden Major Ines Toller told reporters Monday that the man "was checked at noon."\n\n'
        'As Trooper Hallam later testified: "We never stopped looking for it."\n'
    )
    assert _one(text, "was checked at noon").speaker == "Ines Toller"
    assert _one(text, "We never stopped").speaker == "Hallam"


def test_who_after_an_appositive_hangs_on_the_name_before_it() -> None:
    text = (
        "On June 3, 2021, the county police took a call from Orla Menzies, also a "
        "bus driver, who reported that her fare box had been pried open.\n"
    )
    found = _one(text, "that her fare box")
    assert (found.speaker, found.speech) == ("Orla Menzies", "reported")


def test_a_verb_whose_object_is_the_quotation_does_not_introduce_it() -> None:
    text = (
        "Dear Ms. Rahe:\n\n"
        "On its website on Monday, the Brill County Sheriff's Office wrote that deputies "
        'had responded to "a call about a loud party" and that "nobody was hurt."\n'
    )
    assert _one(text, "a call about a loud party").speaker == "Brill County Sheriff's Office"
    assert _one(text, "nobody was hurt").speaker == "Brill County Sheriff's Office"


def test_a_courts_finding_quotes_the_court_not_the_party_it_describes() -> None:
    text = (
        "STATE v. OSTRANDER\n\n"
        "The defendant moved to suppress the statements. After a hearing, the trial judge "
        'found that the defendant had been "fully and fairly warned of his rights."\n'
    )
    found = _one(text, "fully and fairly warned")
    assert found.speaker == "the trial judge"


def test_a_person_of_an_office_speaks_not_the_office() -> None:
    text = (
        "FOR IMMEDIATE RELEASE\n\n"
        "Special Agent in Charge Petra Wollan of the Bureau of Land Survey's Western Field "
        "Office said the inquiry began with a phone call.\n"
    )
    found = _one(text, "the inquiry began")
    assert found.speaker == "Petra Wollan"


def test_an_aside_in_brackets_that_holds_a_quotation_keeps_its_attribution() -> None:
    text = (
        "SUPPLEMENTARY REPORT\n\n"
        "Reporting Officer: Ofc. Dana Voss\n\n"
        "To do: pull the store video (clerk Milo Farr says the back camera "
        '"has not worked in a year").\n'
    )
    assert _one(text, "has not worked in a year").speaker == "Milo Farr"


def test_a_pronoun_after_the_sentences_speaker_is_that_speaker() -> None:
    text = (
        "HALE & ORTIZ LLP\n\n"
        "Dear Ms. Quell:\n\n"
        "Our client's brother, Tobin Rusk, filmed the stop from his porch.\n\n"
        "Mr. Arlo Rusk has told us that no deputy gave a reason, and that he asked "
        'twice, "Why am I being stopped?" before he was cuffed.\n\n'
        "Very truly yours,\n\nNadia Hale\n"
    )
    asked = _one(text, "Why am I being stopped")
    assert asked.speaker == "Arlo Rusk"
    told = _one(text, "that no deputy gave a reason")
    # "told us" in a firm's letter: the firm its letterhead names.
    assert (told.speaker, told.recipient, told.speech) == (
        "Arlo Rusk",
        "Hale & Ortiz LLP",
        "reported",
    )


def test_the_one_heard_saying_it_speaks_not_the_recording() -> None:
    text = (
        "Dear Mr. Quill:\n\n"
        "A passer-by filmed the arrest. On that video, a deputy can be heard saying, "
        '"Take the phone off him."\n'
    )
    assert _one(text, "Take the phone off him").speaker == "deputy"


def test_a_colon_without_a_speech_verb_introduces_the_named_persons_answer() -> None:
    text = (
        "STATE v. PRALL\n\n"
        "Trooper Wade Lusk rode beside Trooper Ines Okaro. As Trooper Okaro later "
        'testified: "A. I said we should go back for the knife."\n\n'
        "Trooper Lusk apparently shared his partner's worry:\n\n"
        '"A. I agreed with her that we should keep looking for the knife."\n'
    )
    assert _one(text, "A. I said we should").speaker == "Ines Okaro"
    agreed = _one(text, "A. I agreed with her")
    # Told by the colon, not guessed from whoever spoke last.
    assert (agreed.speaker, agreed.how) == ("Wade Lusk", "introduced by a colon")


def test_he_after_an_unnamed_judge_is_that_judge() -> None:
    text = (
        "STATE v. PRALL\n\n"
        "The defendant, Otis Prall, moved to suppress. After a hearing, the trial judge "
        'found that Prall had been "warned twice." He further found that the troopers '
        'were "candid and credible."\n'
    )
    assert _one(text, "warned twice").speaker == "the trial judge"
    assert _one(text, "candid and credible").speaker == "the trial judge"


def test_questions_put_by_a_group_and_the_answers_of_the_one_asked() -> None:
    text = (
        "STATE v. KELL\n\n"
        "Deputies arrested Amos Kell at his farm. They then asked Kell if he owned a rifle. "
        "He admitted that he owned two. The deputies asked whether he had fired either one. "
        "Kell said no. The deputies asked Kell whether he knew the victim.\n"
    )
    proposals = extract(text)
    # "Deputies arrested Kell": a verb before the name, not his title.
    assert _one(text, "that he owned two").speaker == "Amos Kell"
    assert _one(text, "whether he had fired").speaker == "the deputies"
    # "said no." ends the sentence: the next question is the deputies', not part of Kell's answer.
    knew = _one(text, "whether he knew the victim")
    assert knew.speaker == "the deputies"
    assert not any("The deputies asked" in p.text for p in proposals)


def test_an_irregular_verb_before_a_name_is_not_a_title() -> None:
    text = (
        "STATE v. PYLE\n\n"
        "On May 2, two detectives went to see Ana Pyle in jail. The detectives gave Pyle "
        "the warnings. The detectives informed Pyle that they wanted to ask about the fire.\n"
    )
    informed = _one(text, "that they wanted to ask")
    assert (informed.speaker, informed.recipient) == ("the detectives", "Ana Pyle")


def test_a_partys_statement_quoted_inside_a_ruling_is_the_partys() -> None:
    text = (
        "STATE v. ANA PYLE\n\n"
        "The trial court, however, later ruled that Pyle's statement that she "
        '"never lit a match" was admissible.\n'
    )
    found = _one(text, "never lit a match")
    assert (found.speaker, found.how) == ("Ana Pyle", "their statement")


def test_wire_copy_reported_speech_in_the_forms_it_takes() -> None:
    text = (
        "By Lena Okafor, Millbrook Sentinel\n\n"
        "Ann Roe's lawyer, Ed Fitch, said his client plans to sue the county.\n\n"
        "But parents and teachers said many of those arrested were bystanders.\n\n"
        "The public defender, Ivy Lam, posted on X on Monday that her office had found "
        "more cases.\n"
    )
    sue = _one(text, "his client plans to sue")  # "plans to": a verb, so a clause
    assert (sue.speaker, sue.speech) == ("Ed Fitch", "reported")
    bystanders = _one(text, "many of those arrested")
    assert bystanders.speaker == "parents and teachers"
    posted = _one(text, "that her office had found")
    assert (posted.speaker, posted.setting) == ("Ivy Lam", "social_media")


def test_the_one_radioed_or_texted_is_the_one_spoken_to() -> None:
    text = (
        "ELM COUNTY SHERIFF'S OFFICE\nMEDIA RELEASE\nMay 4, 2026\n\n"
        'Deputy Ann Roe radioed dispatch at 2241 hrs: "He is not stopping, southbound on 31."\n\n'
        "The driver, Tom Vey, texted his brother before he ran: "
        '"they are behind me, come get the car."\n'
    )
    assert _one(text, "He is not stopping").recipient == "dispatch"
    assert _one(text, "they are behind me").recipient == "his brother"


def test_and_said_after_a_told_clause_in_the_pluperfect_is_the_clause_subjects() -> None:
    text = (
        "Tom Vey, 52, died in the jail on Thursday.\n\n"
        "His daughter, Ada Vey-Lind, told a reporter that her father had called her from "
        'the jail Wednesday and said, "They will not give me my pills."\n\n'
        'Sheriff Ann Roe told reporters that the review was done and said, "We will publish it."\n'
    )
    assert _one(text, "They will not give me").speaker in ("Tom Vey", "her father")
    assert _one(text, "We will publish it").speaker == "Ann Roe"


def test_the_one_a_told_clause_says_was_called_heard_what_the_caller_said() -> None:
    text = (
        "Tom Vey, 52, died in the jail on Thursday.\n\n"
        "His daughter, Ada Vey-Lind, told a reporter that her father had called her from "
        'the jail Wednesday and said, "They will not give me my pills."\n'
    )
    assert _one(text, "They will not give me").recipient == "Ada Vey-Lind"


def test_a_reported_clause_may_open_with_a_bare_plural_noun_phrase() -> None:
    text = (
        "ELM COUNTY SHERIFF'S OFFICE\nMEDIA STATEMENT\nMay 4, 2026\n\n"
        "Sheriff Ann Roe said no force was used. She said cell checks in Unit C are required "
        "every 30 minutes.\n"
    )
    assert _one(text, "cell checks in Unit C").speaker == "Ann Roe"
