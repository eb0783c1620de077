"""Realistic large demo cases, for trying Casefile at scale and for the benchmarks.

``build_case(DemoSpec(...))`` makes one case in the shape of ``case.json``
(docs/archive-format.md): people with common names (some full names shared by
two people, a few accented), parties in realistic roles, statements of 50-500
words built from incident and court vocabulary, documents (every tenth with a
small text attachment), events, issues, charges and notes. The same seed always
gives the same case.

``insert_case`` writes it straight into a workspace with bulk inserts and one
search-index rebuild; ``write_archive`` writes it as an importable archive.
Qt-free; the ``casefile demo-data`` command is a thin wrapper.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.core.search import query as search
from app.core.storage import models as m
from app.core.storage.workspace import Workspace

FIRST = (
    "James Mary Michael Patricia Robert Jennifer John Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy "
    "Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily "
    "Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa Timothy Deborah "
    "Ronald Stephanie Jason Rebecca George Sharon Edward Laura Jeffrey Cynthia Ryan Amy "
    "Jacob Kathleen Gary Angela Nicholas Shirley Eric Brenda Jonathan Emma Stephen Anna "
    "Larry Pamela Justin Nicole Scott Samantha Brandon Katherine Benjamin Christine Samuel "
    "Debra Gregory Rachel Alexander Carolyn Frank Janet Raymond Maria Jack Heather Dennis "
    "Diane Jerry Olivia Tyler Julie Aaron Joyce Jose Victoria Adam Ruth Nathan Virginia "
    "Henry Lauren Zachary Kelly Douglas Christina Peter Joan Kyle Evelyn Noah Judith Ethan "
    "Andrea Jeremy Hannah Walter Megan Christian Cheryl Keith Jacqueline Roger Martha "
    "Terry Madison Austin Teresa Sean Gloria Gerald Sara Carl Janice Harold Ann Dylan "
    "Kathryn Arthur Abigail Lawrence Sophia Jordan Frances Jesse Jean Bryan Alice Billy "
    "Judy Bruce Isabella Gabriel Julia Joe Grace Logan Amber Alan Denise Juan Danielle "
    "Albert Marilyn Willie Beverly Elijah Charlotte Wayne Natalie Randy Theresa Vincent "
    "Diana Mason Brittany Roy Doris Ralph Kayla Bobby Alexis Russell Lori Bradley Marie "
    "José Zoë Renée Seán Chloé Inés Andrés María Sofía Ramón Lucía Björn Ana Chidi Mei "
    "Darnell Keisha Tyrone Latoya DeShawn Imani Jamal Aaliyah Malik Tanisha Andre Ebony"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell "
    "Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes "
    "Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson "
    "Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood "
    "James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers "
    "Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler "
    "Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander "
    "Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson "
    "Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison "
    "Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb "
    "Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw "
    "Snyder Mason Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose "
    "O'Brien O'Connor McCarthy Núñez Peña Ibáñez Müller Çelik Nowak Kowalski Okafor Adeyemi"
).split()
ROLE_MIX = (
    ("witness", 40),
    ("police_officer", 14),
    ("complainant", 5),
    ("victim", 4),
    ("investigator", 5),
    ("journalist", 4),
    ("co_defendant", 3),
    ("defense_counsel", 3),
    ("prosecutor", 3),
    ("judge", 2),
    ("other", 17),
)
NOUNS = (
    "officer suspect vehicle sedan pickup megaphone sidewalk intersection precinct "
    "patrol car crowd protester bystander camera phone video footage bodycam dashcam "
    "warrant complaint affidavit report statement witness detective sergeant lieutenant "
    "apartment building stairwell hallway doorway window lobby store counter register "
    "parking lot alley corner street avenue bridge park bench bus train platform "
    "jacket hoodie backpack bag wallet keys receipt knife bottle bat flashlight radio "
    "handcuffs van helicopter drone door fence gate light siren license plate neighbor "
    "landlord manager clerk driver passenger cousin brother sister friend coworker"
).split()
VERBS = (
    "saw heard told shouted pushed grabbed ran walked approached followed stopped "
    "searched arrested detained questioned recorded filmed photographed identified "
    "described denied admitted confirmed reported called left returned waited noticed "
    "struck dropped threw handed carried opened closed entered exited blocked chased"
).split()
ADJECTIVES = (
    "dark tall short loud quiet angry calm nervous crowded empty broken bright dim "
    "blue black white red grey silver heavy small large wet cold late early"
).split()
PLACES = (
    "Broadway and 42nd Street|the corner of Fifth Avenue|Flatbush Avenue|the 28th "
    "Precinct|the courthouse steps|Washington Square Park|the Atlantic Avenue station|"
    "the lobby of 120 Hell's Kitchen Way|Ocean Parkway|the Bronx Criminal Court|"
    "Fulton Mall|the parking lot behind the bodega|Union Square|Marcy Houses"
).split("|")
TEMPLATES = (
    "I {v} the {a} {n} near {p} at about {h} o'clock.",
    "The {n} {v} the {n2} and then {v2} toward {p}.",
    "He said the {n} was {a}, and I {v} it myself.",
    "She told me the {n} had been {a} since the {n2} {v}.",
    "Officer {last} {v} the {n} without saying a word.",
    "We were standing by the {n} when the {a} {n2} {v}.",
    "I never {v} anyone; I only {v2} the {n} and the {n2}.",
    "At {p} the {n} {v} a {a} {n2}, as far as I could see.",
    "The {n2} was {a} and the {n} {v} everyone on the {n3}.",
    "I do not remember whether the {n} {v} before or after the {n2}.",
    "My {n} {v} me that the {a} {n2} belonged to {first}.",
    "Nobody {v} the {n}; it was {a} and the {n2} was {a2}.",
)
RARE = (
    "zeppelin quixotic marmalade xylophone obsidian kumquat tarantula gazebo "
    "periscope accordion trampoline harpsichord"
).split()
CHARGES = (
    ("PL 120.00", "Assault in the third degree", "A misdemeanor"),
    ("PL 195.05", "Obstructing governmental administration", "A misdemeanor"),
    ("PL 240.20", "Disorderly conduct", "Violation"),
    ("PL 205.30", "Resisting arrest", "A misdemeanor"),
    ("PL 140.10", "Criminal trespass in the third degree", "B misdemeanor"),
    ("PL 155.25", "Petit larceny", "A misdemeanor"),
)
ISSUES = (
    "Identification reliability|Suppression of the stop|Brady material|Retaliatory arrest|"
    "Chain of custody|Miranda warnings|Use of force|Speedy trial|Bodycam gaps|"
    "Witness bias|Probable cause|Consent to search|Hearsay|Alibi|Discovery deadlines"
).split("|")


@dataclass
class DemoSpec:
    people: int = 2000
    statements: int = 50000
    documents: int = 5000
    events: int = 5000
    issues: int = 30
    charges: int = 6
    notes: int = 200
    seed: int = 1
    caption: str = ""
    attachment_every: int = 10  # every n-th document carries a small text file
    extra: dict[str, Any] = field(default_factory=dict)


def _date(rng: random.Random) -> str:
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    roll = rng.random()
    if roll < 0.8:
        return day.isoformat()
    if roll < 0.95:
        return day.isoformat()[:7]
    return day.isoformat()[:7] + "~"


class _Text:
    """Sentences from templates; statements are runs of sentences of 50-500 words."""

    def __init__(self, rng: random.Random, names: list[str]) -> None:
        self.rng = rng
        self.pool = [self._sentence(names) for _ in range(4000)]
        self.lengths = [len(s.split()) for s in self.pool]

    def _sentence(self, names: list[str]) -> str:
        r = self.rng
        return r.choice(TEMPLATES).format(
            v=r.choice(VERBS),
            v2=r.choice(VERBS),
            a=r.choice(ADJECTIVES),
            a2=r.choice(ADJECTIVES),
            n=r.choice(NOUNS),
            n2=r.choice(NOUNS),
            n3=r.choice(NOUNS),
            p=r.choice(PLACES),
            h=r.randint(1, 12),
            last=r.choice(LAST),
            first=r.choice(names).split()[0],
        )

    def words(self, low: int, high: int) -> str:
        target = self.rng.randint(low, high)
        out, count = [], 0
        while count < target:
            i = self.rng.randrange(len(self.pool))
            out.append(self.pool[i])
            count += self.lengths[i]
        if self.rng.random() < 0.002:  # a handful of rare words to search for
            out.append(f"There was a {self.rng.choice(RARE)} there.")
        return " ".join(out)


def build_case(spec: DemoSpec) -> dict[str, Any]:
    """The case as ``case.json`` content plus ``"_attachments": {sha: bytes}``."""
    rng = random.Random(spec.seed)
    uid = uuid.UUID(int=rng.getrandbits(128), version=4)
    names: list[str] = []
    for i in range(spec.people):
        if i > 10 and rng.random() < 0.04:  # namesakes: two people, one name
            names.append(rng.choice(names))
        else:
            names.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    text = _Text(rng, names)
    client = names[0]
    people, parties = [], []
    roles, weights = zip(*ROLE_MIX, strict=True)
    for i, name in enumerate(names):
        role = "client" if i == 0 else rng.choices(roles, weights)[0]
        people.append(
            {
                "ref": f"p{i}",
                "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "kind": "individual",
                "name": name,
                "aliases": [rng.choice(FIRST)] if rng.random() < 0.05 else [],
                "title": "Officer" if role == "police_officer" else "",
                "affiliation": "NYPD" if role == "police_officer" else "",
                "notes": text.words(5, 20) if rng.random() < 0.1 else "",
            }
        )
        parties.append({"ref": f"pa{i}", "person": f"p{i}", "roles": [role], "notes": ""})
    issues = [
        {
            "ref": f"i{i}",
            "title": ISSUES[i % len(ISSUES)] + ("" if i < len(ISSUES) else f" ({i})"),
            "description": text.words(20, 60),
            "status": "open",
        }
        for i in range(spec.issues)
    ]
    issue_refs = [i["ref"] for i in issues]
    attachments: dict[str, bytes] = {}
    documents = []
    kinds = ("police_report", "court_filing", "correspondence", "photo", "video", "other")
    for i in range(spec.documents):
        kind = rng.choice(kinds)
        file = None
        if spec.attachment_every and i % spec.attachment_every == 0:
            body = text.words(150, 400).encode("utf-8")
            sha = hashlib.sha256(body).hexdigest()
            attachments[sha] = body
            file = {
                "sha256": sha,
                "size": len(body),
                "media_type": "text/plain",
                "original_name": f"doc-{i:05d}.txt",
            }
        documents.append(
            {
                "ref": f"d{i}",
                "title": f"{kind.replace('_', ' ').capitalize()} {i + 1}: "
                + " ".join(text.words(4, 8).split()[:6]),
                "kind": kind,
                "date": _date(rng),
                "author": rng.choice(names),
                "provenance": "Discovery production" if rng.random() < 0.5 else "",
                "privileged": rng.random() < 0.05,
                "bates_start": f"DA{i * 10:06d}",
                "bates_end": f"DA{i * 10 + 9:06d}",
                "notes": text.words(10, 40) if rng.random() < 0.3 else "",
                "issues": rng.sample(issue_refs, k=min(len(issue_refs), rng.randint(0, 2))),
                "file": file,
            }
        )
    settings = ("sworn_testimony", "police_report", "interview", "social_media_post", "in_court")
    statements = []
    for i in range(spec.statements):
        statements.append(
            {
                "ref": f"s{i}",
                "speaker": f"pa{rng.randrange(len(parties))}",
                "recipient_party": None,
                "recipient_text": rng.choice(("", "Detective", "the grand jury", "a reporter")),
                "date": _date(rng),
                "setting": rng.choice(settings),
                "text": text.words(50, 500),
                "source_document": f"d{rng.randrange(spec.documents)}" if spec.documents else None,
                "pin_cite": f"p. {rng.randint(1, 200)}",
                "sworn": rng.random() < 0.3,
                "notes": "",
                "issues": rng.sample(issue_refs, k=min(len(issue_refs), rng.randint(0, 1))),
            }
        )
    events = []
    event_kinds = ("incident", "arrest", "court_appearance", "deadline", "meeting", "other")
    for i in range(spec.events):
        events.append(
            {
                "ref": f"e{i}",
                "kind": rng.choice(event_kinds),
                "date": _date(rng),
                "time": f"{rng.randint(0, 23):02d}:{rng.choice((0, 15, 30, 45)):02d}",
                "title": " ".join(text.words(5, 10).split()[:8]).rstrip(".,;"),
                "description": text.words(20, 80),
                "place": rng.choice(PLACES),
                "people": [f"pa{rng.randrange(len(parties))}" for _ in range(rng.randint(0, 3))],
                "source_document": None,
                "pin_cite": "",
                "issues": [],
            }
        )
    for event in events:
        event["people"] = sorted(set(event["people"]))
    charges = [
        {
            "ref": f"c{i}",
            "count_number": i + 1,
            "statute": CHARGES[i % len(CHARGES)][0],
            "description": CHARGES[i % len(CHARGES)][1],
            "offense_class": CHARGES[i % len(CHARGES)][2],
            "offense_date": "2020-06-14",
            "status": "pending",
            "disposition": "",
            "disposition_date": None,
            "notes": "",
        }
        for i in range(spec.charges)
    ]
    notes = [
        {
            "ref": f"n{i}",
            "body": text.words(10, 60),
            "is_todo": rng.random() < 0.3,
            "done": False,
            "staff_only": rng.random() < 0.2,
        }
        for i in range(spec.notes)
    ]
    return {
        "case": {
            "uid": str(uid),
            "caption": spec.caption or f"People v. {client}",
            "docket_number": f"IND-{rng.randint(10000, 99999)}-20",
            "court": "Supreme Court, New York County",
            "jurisdiction": "New York",
            "status": "open",
            "opened_on": "2020-06",
            "closed_on": None,
            "assigned_staff": "Demo attorney",
            "summary": text.words(40, 120),
            "notes": "",
        },
        "people": people,
        "parties": parties,
        "documents": documents,
        "statements": statements,
        "charges": charges,
        "events": events,
        "issues": issues,
        "notes": notes,
        "history": [],
        "_attachments": attachments,
    }


def write_archive(data: dict[str, Any], path: Path) -> Path:
    """Write the built case as an archive (docs/archive-format.md)."""
    from app.version import app_version

    body = {k: v for k, v in data.items() if not k.startswith("_")}
    header = {
        "format": "casefile-archive",
        "format_version": 1,
        "app_version": app_version(),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("case.json", json.dumps({**header, **body}, ensure_ascii=False))
        for sha, blob in data.get("_attachments", {}).items():
            zf.writestr(f"attachments/{sha}", blob)
    return path


def insert_case(ws: Workspace, data: dict[str, Any]) -> int:
    """Write the built case into ``ws`` with bulk inserts in one transaction and one
    search-index rebuild. People are always added as new people."""
    texts = {}
    for sha, blob in data.get("_attachments", {}).items():
        ws.store.add_bytes(blob, sha)
        texts[sha] = blob.decode("utf-8")
    with ws.session() as session:
        search.suspend_index(session)

        def bulk(model: Any, rows: list[dict[str, Any]]) -> list[int]:
            if not rows:
                return []
            result = session.execute(
                insert(model).returning(model.id, sort_by_parameter_order=True), rows
            )
            return list(result.scalars())

        def plain(record: dict[str, Any], *drop: str) -> dict[str, Any]:
            return {k: v for k, v in record.items() if k not in drop and k != "ref"}

        case_id = bulk(m.Case, [data["case"]])[0]
        person_ids = bulk(m.Person, [plain(p) for p in data["people"]])
        person_by_ref = {p["ref"]: i for p, i in zip(data["people"], person_ids, strict=True)}
        party_ids = bulk(
            m.Party,
            [
                {**plain(p, "person"), "case_id": case_id, "person_id": person_by_ref[p["person"]]}
                for p in data["parties"]
            ],
        )
        party = {p["ref"]: i for p, i in zip(data["parties"], party_ids, strict=True)}
        issue_ids = bulk(m.Issue, [{**plain(i), "case_id": case_id} for i in data["issues"]])
        issue = {i["ref"]: n for i, n in zip(data["issues"], issue_ids, strict=True)}
        doc_rows = []
        for d in data["documents"]:
            row = {**plain(d, "issues", "file"), "case_id": case_id}
            if d["file"]:
                f = d["file"]
                row.update(
                    file_sha256=f["sha256"],
                    file_size=f["size"],
                    file_media_type=f["media_type"],
                    file_name=f["original_name"],
                    extracted_text=texts.get(f["sha256"]),
                )
            doc_rows.append(row)
        doc_ids = bulk(m.Document, doc_rows)
        doc = {d["ref"]: i for d, i in zip(data["documents"], doc_ids, strict=True)}
        stmt_ids = bulk(
            m.Statement,
            [
                {
                    **plain(s, "speaker", "recipient_party", "source_document", "issues"),
                    "case_id": case_id,
                    "speaker_id": party[s["speaker"]],
                    "recipient_party_id": party.get(s["recipient_party"] or ""),
                    "source_document_id": doc.get(s["source_document"] or ""),
                }
                for s in data["statements"]
            ],
        )
        event_ids = bulk(
            m.Event,
            [
                {
                    **plain(e, "people", "issues", "source_document"),
                    "case_id": case_id,
                    "source_document_id": doc.get(e["source_document"] or ""),
                }
                for e in data["events"]
            ],
        )
        bulk(m.Charge, [{**plain(c), "case_id": case_id} for c in data["charges"]])
        bulk(m.Note, [{**plain(n), "case_id": case_id} for n in data["notes"]])
        links = (
            (m.statement_issues, "statement_id", data["statements"], stmt_ids, "issues", issue),
            (m.document_issues, "document_id", data["documents"], doc_ids, "issues", issue),
            (m.event_parties, "event_id", data["events"], event_ids, "people", party),
        )
        for table, key, records, ids, attr, target in links:
            other = next(c.name for c in table.columns if c.name != key)
            rows = [
                {key: rid, other: target[ref]}
                for rec, rid in zip(records, ids, strict=True)
                for ref in rec[attr]
            ]
            if rows:
                session.execute(insert(table), rows)
        search.rebuild_index(session)
    return case_id
