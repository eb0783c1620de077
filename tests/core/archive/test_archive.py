"""The case archive: round trips, uid matching, one transaction, and hostile archives."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.archive import importer
from app.core.archive import write as archive_write
from app.core.archive.read import CASE_KEYS, SECTIONS
from app.core.archive.transfer import ArchiveLimits, export_case, import_archive, read_archive
from app.core.errors import ArchiveError, NotFoundError
from app.core.lists.casedump import case_dump
from app.core.services import (
    appearances,
    cases,
    charges,
    deadlines,
    documents,
    events,
    filings,
    issues,
    notes,
    people,
)
from app.core.services import statements as st
from app.core.storage.models import Case, Document, Party, Person, Statement, statement_issues
from app.core.storage.workspace import Workspace, open_workspace

ARTICLE = b"Police came to the door at 7 a.m. and said they had a warrant."
SHA = hashlib.sha256(ARTICLE).hexdigest()


@pytest.fixture
def other_workspace(
    workspace: Workspace, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Workspace]:
    """A second, empty workspace on the same backend as ``workspace``."""
    if workspace.is_sqlite:
        ws = open_workspace(tmp_path / "other.casefile", user="tester")
    else:
        url = request.getfixturevalue("pg_url_factory")("other")
        ws = open_workspace(url, store_root=tmp_path / "other-store", user="tester")
    yield ws
    ws.close()


def build_case(ws: Workspace, tmp_path: Path) -> int:
    """A small case with every kind of record and link, including date ties."""
    case_id = cases.add_case(
        ws, caption="People v. Rivera", docket_number="CR-2020-123", opened_on="2020-06"
    )
    client = people.add_person_to_case(
        ws, case_id, ["client"], name="Ana Rivera", aliases=["Annie"], date_of_birth="1990"
    )
    officer = people.add_person_to_case(
        ws, case_id, ["complainant", "police_officer"], name="Officer Doe", title="PO"
    )
    suppression = issues.add_issue(ws, case_id, title="Suppression")
    ident = issues.add_issue(ws, case_id, title="Identification", status="resolved")
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    doc = documents.add_document(
        ws, case_id, file=article, title="News article", kind="news_article", date="2020-08~"
    )
    documents.update_document(ws, doc, issue_ids=[suppression, ident])
    documents.add_document(ws, case_id, title="Warrant", kind="warrant")
    for text in ("We had a warrant.", "Open the door.", "Stop resisting."):
        st.add_statement(
            ws,
            case_id,
            speaker_id=officer,
            recipient_party_id=client,
            date="2020-08-07",
            setting="police_report",
            text=text,
            source_document_id=doc,
            pin_cite="¶ 3",
            issue_ids=[suppression],
        )
    st.add_statement(ws, case_id, speaker_id=client, text="I did nothing.", sworn=True)
    charges.add_charge(
        ws, case_id, statute="PL 120.00", offense_class="A misdemeanor", offense_date="2020-06-14"
    )
    events.add_event(
        ws,
        case_id,
        kind="incident",
        date="2020-06-14",
        time="14:30",
        title="Protest",
        party_ids=[client, officer],
        issue_ids=[ident],
        source_document_id=doc,
    )
    events.add_event(ws, case_id, kind="arrest", date="2020-08", title="Arrest")
    notes.add_note(ws, case_id, body="Get the body-cam video", is_todo=True)
    notes.add_note(ws, case_id, body="Client prefers Spanish", staff_only=True)
    cases.update_case(ws, case_id, commenced_on="2020-08-06", custody="out")
    arraigned = appearances.add_appearance(
        ws, case_id, date="2020-08-07", time="09:30", purpose="arraignment", part="AR-1",
        judge="Hon. Lee", adjourned_to="2020-09-01", custody_after="out",
    )  # fmt: skip
    appearances.update_appearance(ws, arraigned, adjourned_to="2020-09-14", requested_by="people")
    for time in ("09:30", "14:00"):  # two on one day: the time orders them
        appearances.add_appearance(
            ws, case_id, date="2020-09-14", time=time, purpose="conference", people_ready=False,
            people_asked_days=7, excludable="other", excludable_other="storm", arguable=True,
        )  # fmt: skip
    filings.add_filing(ws, case_id, date="2020-09-20", kind="readiness", with_coc=True)
    filings.add_filing(ws, case_id, date="2020-09-02", kind="coc", title="COC", notes="late")
    deadlines.add_deadline(ws, case_id, title="Omnibus motion", date="2020-10-01", time="17:00")
    return case_id


def case_json(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        data = json.loads(zf.read("case.json"))
    data.pop("exported_at")
    return data


def without_ids(dump: dict[str, Any]) -> Any:
    id_keys = {"id", "person_id", "speaker_id", "recipient_party_id", "source_document_id"}

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in id_keys}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    # Records that tie on date keep their workspace's insertion order: compare as sets.
    return {
        key: sorted(map(repr, value)) if isinstance(value, list) else value
        for key, value in strip(dump).items()
    }


def count(ws: Workspace, model: Any) -> int:
    with ws.reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# -- round trips -----------------------------------------------------------------------


def test_export_import_export_gives_the_same_content(
    workspace: Workspace, other_workspace: Workspace, tmp_path: Path
) -> None:
    case_id = build_case(workspace, tmp_path)
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    export_case(workspace, case_id, first)
    new_id = import_archive(other_workspace, first)
    export_case(other_workspace, new_id, second)

    before, after = case_json(first), case_json(second)
    # The second export's history is the first one's plus exactly one entry: the import
    # into the other workspace (its own time and user). Nothing else may differ: every
    # imported entry keeps its time, user, note and changes, with refs (not ids) in them.
    assert after["history"][:-1] == before["history"]
    imported = after["history"][-1]
    assert imported["action"] == "import" and imported["record"] == {"kind": "case", "ref": None}
    assert imported["user"] == "tester" and "first.zip" in imported["note"]
    assert {k: v for k, v in after.items() if k != "history"} == {
        k: v for k, v in before.items() if k != "history"
    }
    with zipfile.ZipFile(second) as zf:
        assert zf.namelist() == ["case.json", f"attachments/{SHA}"]
        assert zf.read(f"attachments/{SHA}") == ARTICLE
    assert without_ids(case_dump(workspace, case_id)) == without_ids(
        case_dump(other_workspace, new_id)
    )
    assert other_workspace.store.read_bytes(SHA) == ARTICLE
    # The case keeps its uid in a workspace that does not have it yet.
    assert case_json(first)["case"]["uid"] == case_dump(other_workspace, new_id)["case"]["uid"]


def test_export_writes_every_key_of_the_format(workspace: Workspace, tmp_path: Path) -> None:
    case_id = build_case(workspace, tmp_path)
    export_case(workspace, case_id, tmp_path / "a.zip")
    data = case_json(tmp_path / "a.zip")
    assert data["format"] == "casefile-archive" and data["format_version"] == 4
    assert (data["case"]["commenced_on"], data["case"]["custody"]) == ("2020-08-06", "out")
    assert [(a["ref"], a["date"], a["time"]) for a in data["appearances"]] == [
        ("ap1", "2020-08-07", "09:30"), ("ap2", "2020-09-14", "09:30"),
        ("ap3", "2020-09-14", "14:00"),
    ]  # fmt: skip
    assert set(data["appearances"][0]) == {
        "ref", "date", "time", "purpose", "part", "judge", "outcome", "custody_after",
        "adjourned_to", "requested_by", "people_ready", "people_asked_days", "excludable",
        "excludable_other", "arguable", "notes",
    }  # fmt: skip
    assert data["appearances"][0]["adjourned_to"] == "2020-09-14"
    assert data["appearances"][1]["excludable_other"] == "storm"
    assert [(f["ref"], f["kind"], f["with_coc"]) for f in data["filings"]] == [
        ("f1", "coc", False), ("f2", "readiness", True),
    ]  # fmt: skip
    assert data["deadlines"] == [
        {"ref": "dl1", "title": "Omnibus motion", "kind": "other", "date": "2020-10-01",
         "time": "17:00", "met_on": None, "notes": ""},
    ]  # fmt: skip
    # The trail of the court records travels, naming them by ref.
    court_history = [
        (h["action"], h["record"]["ref"], sorted(h["changes"]))
        for h in data["history"]
        if h["record"] and h["record"]["kind"] in ("appearance", "filing", "deadline")
    ]
    assert ("update", "ap1", ["adjourned_to", "requested_by"]) in court_history
    assert sum(1 for action, ref, _ in court_history if action == "create" and ref) == 6
    statement = data["statements"][0]
    assert set(statement) == {
        "ref", "speaker", "recipient_party", "recipient_text", "date", "setting", "text",
        "source_document", "pin_cite", "sworn", "reported", "notes", "issues",
    }  # fmt: skip
    # Dates keep their precision; refs, not ids, link records.
    doc = next(d for d in data["documents"] if d["title"] == "News article")
    assert doc["date"] == "2020-08~"
    assert doc["file"] == {
        "sha256": SHA, "size": len(ARTICLE), "media_type": "text/plain",
        "original_name": "article.txt",
    }  # fmt: skip
    person_refs = {p["ref"]: p["name"] for p in data["people"]}
    client_party = next(p for p in data["parties"] if "client" in p["roles"])
    assert person_refs[client_party["person"]] == "Ana Rivera"
    dated = [s for s in data["statements"] if s["date"]]
    assert [s["text"] for s in dated] == ["Open the door.", "Stop resisting.", "We had a warrant."]


def test_export_writes_every_field_of_every_kind_in_table_order(
    workspace: Workspace, tmp_path: Path
) -> None:
    # The writer walks the field tables, so a new plain field cannot be left out:
    # each record has exactly the keys the reader takes, in the field table's order.
    case_id = build_case(workspace, tmp_path)
    export_case(workspace, case_id, tmp_path / "a.zip")
    data = case_json(tmp_path / "a.zip")
    assert set(data["case"]) == CASE_KEYS
    for section in SECTIONS:
        assert data[section.name], section.name
        ref_keys = {spec.field: spec.key for spec in section.refs}
        table_keys = [ref_keys.get(name, name) for name in section.entity.fields]
        if section.replaced:
            table_keys = [k for k in table_keys if k not in section.replaced] + ["file"]
        moved = set(archive_write.MOVED.get(section.name, {}))
        in_table = [k for k in table_keys if k not in moved]
        for item in data[section.name]:
            assert set(item) == section.keys, section.name
            assert [k for k in item if k in in_table] == in_table, section.name


def test_import_into_the_same_workspace_is_a_copy_sharing_people(
    workspace: Workspace, tmp_path: Path
) -> None:
    case_id = build_case(workspace, tmp_path)
    export_case(workspace, case_id, tmp_path / "a.zip")
    people_before = count(workspace, Person)
    copy_id = import_archive(workspace, tmp_path / "a.zip")
    assert copy_id != case_id
    assert count(workspace, Person) == people_before  # matched by uid
    original, copy = case_dump(workspace, case_id), case_dump(workspace, copy_id)
    assert copy["case"]["uid"] != original["case"]["uid"]
    assert {p["person_id"] for p in copy["people"]} == {p["person_id"] for p in original["people"]}
    assert without_ids({**copy, "case": {}}) == without_ids({**original, "case": {}})


def test_export_unknown_case_and_bad_target(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        export_case(workspace, 99, tmp_path / "a.zip")
    case_id = cases.add_case(workspace, caption="X")
    with pytest.raises(ArchiveError, match="does not exist"):
        export_case(workspace, case_id, tmp_path / "missing" / "a.zip")
    assert not (tmp_path / "a.zip").exists()


def test_export_refuses_a_damaged_store_file(workspace: Workspace, tmp_path: Path) -> None:
    case_id = build_case(workspace, tmp_path)
    workspace.store.path_for(SHA).write_bytes(b"tampered")
    target = tmp_path / "a.zip"
    with pytest.raises(ArchiveError, match="damaged"):
        export_case(workspace, case_id, target)
    assert not target.exists()
    assert not list(tmp_path.glob(".casefile-export-*"))


# -- hand-written archives -------------------------------------------------------------


def minimal(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "casefile-archive",
        "format_version": 1,
        "case": {"caption": "People v. Small", "opened_on": "2021"},
        "people": [
            {"ref": "p1", "uid": "0b6c7f3e-1111-4a2b-8c3d-000000000001", "name": "Sam Small"}
        ],
        "parties": [{"ref": "pa1", "person": "p1", "roles": ["client"]}],
        "issues": [{"ref": "i1", "title": "Alibi"}],
        "documents": [
            {
                "ref": "d1",
                "title": "Note",
                "issues": ["i1"],
                "file": {"sha256": SHA, "size": len(ARTICLE), "original_name": "n.txt"},
            }
        ],
        "statements": [
            {"ref": "s1", "speaker": "pa1", "text": "I was home.", "date": "2021-03~"},
        ],
        "events": [{"ref": "e1", "title": "Arrest", "people": ["pa1"], "issues": ["i1"]}],
    }
    data.update(extra)
    return data


def make_zip(
    data: Any = None,
    *,
    files: dict[str, bytes] | None = None,
    raw_json: bytes | None = None,
) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        if raw_json is not None or data is not None:
            zf.writestr("case.json", raw_json if raw_json is not None else json.dumps(data))
        for name, content in ({f"attachments/{SHA}": ARTICLE} if files is None else files).items():
            zf.writestr(name, content)
    buffer.seek(0)
    return buffer


def test_a_minimal_archive_imports_with_defaults(workspace: Workspace) -> None:
    case_id = import_archive(workspace, make_zip(minimal()))
    dump = case_dump(workspace, case_id)
    assert dump["case"]["status"] == "open" and dump["case"]["opened_on"] == "2021"
    assert dump["statements"][0]["date"] == "2021-03~"
    assert dump["statements"][0]["setting"] == "other"
    assert dump["events"][0]["people"] == ["Sam Small"]
    assert dump["documents"][0]["issues"] == ["Alibi"]
    assert dump["documents"][0]["file"]["media_type"] is None
    with workspace.reader() as session:
        assert session.scalar(select(Person.uid)) == "0b6c7f3e-1111-4a2b-8c3d-000000000001"
        links = session.execute(select(statement_issues)).all()
    assert links == []


def assert_nothing_imported(ws: Workspace) -> None:
    for model in (Case, Person, Party, Statement, Document):
        assert count(ws, model) == 0, model.__name__


def _symlink_zip() -> io.BytesIO:
    buffer = make_zip(minimal())
    with zipfile.ZipFile(buffer, "a") as zf:
        info = zipfile.ZipInfo("attachments/" + "0" * 64)
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    buffer.seek(0)
    return buffer


def _lying_size_zip() -> io.BytesIO:
    """An entry whose central directory claims fewer bytes than it holds."""
    data = make_zip(minimal()).getvalue()
    entry = f"attachments/{SHA}".encode()
    at = data.index(entry, data.index(b"PK\x01\x02"))
    header = at - 46
    assert data[header : header + 4] == b"PK\x01\x02"
    patched = bytearray(data)
    struct.pack_into("<I", patched, header + 24, 5)  # uncompressed size
    return io.BytesIO(bytes(patched))


HOSTILE: dict[str, tuple[Callable[[], io.BytesIO], str]] = {
    "not a zip": (lambda: io.BytesIO(b"just some text"), "not a zip"),
    "no case.json": (lambda: make_zip(None), "no case.json"),
    "traversal": (
        lambda: make_zip(minimal(), files={"../evil.txt": b"x", f"attachments/{SHA}": ARTICLE}),
        "path traversal",
    ),
    "absolute": (lambda: make_zip(minimal(), files={"/etc/evil": b"x"}), "absolute path"),
    "symlink": (_symlink_zip, "symbolic link"),
    "unexpected entry": (
        lambda: make_zip(minimal(), files={"readme.txt": b"hi"}),
        "unexpected entry 'readme.txt'",
    ),
    "foreign json": (lambda: make_zip({"hello": "world"}), "not a Casefile case archive"),
    "newer format": (lambda: make_zip(minimal(format_version=5)), "newer Casefile"),
    "bad format version": (lambda: make_zip(minimal(format_version="1")), "format_version"),
    "malformed json": (lambda: make_zip(raw_json=b'{"format": '), "not valid JSON"),
    "duplicate json key": (
        lambda: make_zip(raw_json=b'{"format": "casefile-archive", "format": "x"}'),
        "appears twice",
    ),
    "not utf-8": (lambda: make_zip(raw_json=b"\xff\xfe{}"), "not UTF-8"),
    "unknown top key": (lambda: make_zip(minimal(extra=1)), "unknown key 'extra'"),
    "unknown record key": (
        lambda: make_zip(minimal(issues=[{"ref": "i1", "title": "A", "colour": "red"}])),
        "issues[0] (ref 'i1'): unknown key 'colour'",
    ),
    "dangling speaker": (
        lambda: make_zip(minimal(statements=[{"ref": "s1", "speaker": "pa9", "text": "x"}])),
        "speaker 'pa9' points nowhere",
    ),
    "dangling issue": (
        lambda: make_zip(minimal(events=[{"title": "A", "issues": ["i9"]}])),
        "issues 'i9' points nowhere",
    ),
    "duplicate ref": (
        lambda: make_zip(
            minimal(issues=[{"ref": "i1", "title": "A"}, {"ref": "i1", "title": "B"}])
        ),
        "used twice",
    ),
    "bad code": (
        lambda: make_zip(minimal(statements=[{"speaker": "pa1", "text": "x", "setting": "tv"}])),
        "statements[0]: setting: 'tv' is not one of",
    ),
    "bad date": (
        lambda: make_zip(minimal(case={"caption": "C", "opened_on": "2021-02-30"})),
        "case: opened_on",
    ),
    "missing required": (
        lambda: make_zip(minimal(statements=[{"speaker": "pa1"}])),
        "statements[0]: text: is required",
    ),
    "bad uid": (
        lambda: make_zip(minimal(people=[{"ref": "p1", "uid": "nope", "name": "S"}])),
        "not a UUID",
    ),
    "person in no party": (
        lambda: make_zip(minimal(people=[*minimal()["people"], {"ref": "p2", "name": "X"}])),
        "not a party",
    ),
    "missing attachment": (lambda: make_zip(minimal(), files={}), "missing from the archive"),
    "hash mismatch": (
        lambda: make_zip(minimal(), files={f"attachments/{SHA}": b"other bytes"}),
        "does not hash to its name",
    ),
    "size mismatch": (
        lambda: make_zip(minimal(documents=[{"title": "N", "file": {"sha256": SHA, "size": 1}}])),
        "case.json says 1",
    ),
    "lying entry size": (_lying_size_zip, "damaged"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_bad_archive_is_refused_and_nothing_imported(workspace: Workspace, name: str) -> None:
    build, message = HOSTILE[name]
    with pytest.raises(ArchiveError) as caught:
        import_archive(workspace, build())
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert_nothing_imported(workspace)


def test_limits_on_entries_and_unpacked_size(workspace: Workspace) -> None:
    with pytest.raises(ArchiveError, match="entries, more than the limit"):
        import_archive(workspace, make_zip(minimal()), limits=ArchiveLimits(max_entries=1))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("case.json", json.dumps(minimal(documents=[])))
        zf.writestr(f"attachments/{'0' * 64}", b"\0" * 5_000_000)
    bomb.seek(0)
    assert len(bomb.getvalue()) < 50_000
    with pytest.raises(ArchiveError, match="would unpack to"):
        import_archive(workspace, bomb, limits=ArchiveLimits(max_total_bytes=1_000_000))
    with pytest.raises(ArchiveError, match="case.json is"):
        import_archive(workspace, make_zip(minimal()), limits=ArchiveLimits(max_json_bytes=10))
    assert_nothing_imported(workspace)


def test_a_failure_during_the_inserts_leaves_no_rows(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = importer._link

    def failing_link(session: Any, table: Any, rows: Any) -> None:
        if table.name == "event_issues":
            raise RuntimeError("disk full")
        real_link(session, table, rows)

    monkeypatch.setattr(importer, "_link", failing_link)
    with pytest.raises(RuntimeError):
        import_archive(workspace, make_zip(minimal()))
    assert_nothing_imported(workspace)


def test_read_archive_checks_without_importing(workspace: Workspace, tmp_path: Path) -> None:
    content = read_archive(make_zip(minimal()))
    assert content.case["caption"] == "People v. Small"
    assert content.attachments == {SHA: len(ARTICLE)}
    assert_nothing_imported(workspace)


def test_many_statements_import_in_bulk(workspace: Workspace) -> None:
    many = [
        {"ref": f"s{i}", "speaker": "pa1", "text": f"statement {i}", "issues": ["i1"] * (i % 2)}
        for i in range(3000)
    ]
    case_id = import_archive(workspace, make_zip(minimal(statements=many)))
    with workspace.reader() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Statement).where(Statement.case_id == case_id)
            )
            == 3000
        )
        assert session.scalar(select(func.count()).select_from(statement_issues)) == 1500
        # Links land on the right rows: odd-numbered statements carry the issue.
        linked = session.scalars(
            select(Statement.text).join(
                statement_issues, statement_issues.c.statement_id == Statement.id
            )
        ).all()
    assert all(int(text.split()[1]) % 2 == 1 for text in linked)


# -- history ---------------------------------------------------------------------------


def _changed_case(ws: Workspace, tmp_path: Path) -> int:
    """The built case, then a statement edited and a note deleted (so the trail has
    updates, link changes and a record no longer in the case)."""
    case_id = build_case(ws, tmp_path)
    said = next(s for s in st.statements_of_case(ws, case_id) if s.text == "I did nothing.")
    ident = next(i for i in issues.issues_of_case(ws, case_id) if i.title == "Identification")
    st.update_statement(ws, said.id, date="2020-09~", issue_ids=[ident.id])
    gone = next(n for n in notes.notes_of_case(ws, case_id) if n.staff_only)
    notes.delete_note(ws, gone.id)
    return case_id


def test_history_is_exported_in_order_with_refs_not_ids(
    workspace: Workspace, tmp_path: Path
) -> None:
    from app.core.storage.audit import history_of_case

    case_id = _changed_case(workspace, tmp_path)
    export_case(workspace, case_id, tmp_path / "a.zip")
    data = case_json(tmp_path / "a.zip")
    history = data["history"]
    trail = history_of_case(workspace, case_id)
    assert len(history) == len(trail)
    assert [h["action"] for h in history] == [t["action"] for t in trail]
    assert [h["at"] for h in history] == sorted(h["at"] for h in history)
    assert history[0]["record"] == {"kind": "case", "ref": None}
    assert all(set(h) == {"at", "user", "action", "record", "changes", "note"} for h in history)
    assert all("case_id" not in h["changes"] for h in history)

    said = next(s for s in data["statements"] if s["text"] == "I did nothing.")
    ident = next(i for i in data["issues"] if i["title"] == "Identification")
    update = next(
        h for h in history if h["action"] == "update" and h["record"]["kind"] == "statement"
    )
    assert update["record"] == {"kind": "statement", "ref": said["ref"]}
    assert update["changes"]["date"] == [None, "2020-09~"]
    assert update["changes"]["issue_ids"] == [[], [ident["ref"]]]
    created = next(
        h for h in history
        if h["action"] == "create" and h["record"] == {"kind": "statement", "ref": said["ref"]}
    )  # fmt: skip
    assert created["changes"]["speaker_id"] == [None, said["speaker"]]
    # The deleted note is no longer in the case: no ref, but its kind and what it said.
    deleted = next(h for h in history if h["action"] == "delete")
    assert deleted["record"] == {"kind": "note", "ref": None}
    assert deleted["changes"]["body"] == ["Client prefers Spanish", None]
    people = [h for h in history if h["record"]["kind"] == "person"]
    assert {h["record"]["ref"] for h in people} == {p["ref"] for p in data["people"]}


def test_import_keeps_the_history_as_entries_of_the_new_case(
    workspace: Workspace, other_workspace: Workspace, tmp_path: Path
) -> None:
    from app.core.storage.audit import history_of_case

    case_id = _changed_case(workspace, tmp_path)
    export_case(workspace, case_id, tmp_path / "a.zip")
    archived = case_json(tmp_path / "a.zip")["history"]
    new_id = import_archive(other_workspace, tmp_path / "a.zip")
    trail = history_of_case(other_workspace, new_id)

    assert len(trail) == len(archived) + 1
    assert trail[-1]["action"] == "import" and trail[-1]["record_id"] == new_id
    for entry, original in zip(trail, archived, strict=False):
        assert entry["case_id"] == new_id
        assert (entry["user"], entry["action"]) == (original["user"], original["action"])
        assert entry["at"] == original["at"]
        assert entry["note"].startswith("imported from archive")
    # Record ids and the ids inside the changes point at the new records.
    said = next(s for s in st.statements_of_case(other_workspace, new_id) if s.sworn)
    update = next(e for e in trail if e["action"] == "update" and e["table"] == "statements")
    assert update["record_id"] == said.id
    ident = next(
        i for i in issues.issues_of_case(other_workspace, new_id) if i.title == "Identification"
    )
    assert update["changes"]["issue_ids"] == [[], [ident.id]]
    created = next(
        e for e in trail if e["action"] == "create" and e["table"] == "statements"
        and e["record_id"] == said.id
    )  # fmt: skip
    assert created["changes"]["speaker_id"] == [None, said.speaker_id]
    deleted = next(e for e in trail if e["action"] == "delete")
    assert (deleted["table"], deleted["record_id"]) == ("notes", None)
    # A deleted case's note keeps its meaning: what the entry said, marked as imported.
    case_entry = trail[0]
    assert (case_entry["table"], case_entry["record_id"]) == ("cases", new_id)


def test_a_large_history_imports_in_bulk(workspace: Workspace) -> None:
    from app.core.storage.audit import history_of_case

    many = [
        {
            "at": f"2021-03-01T10:{n // 60 % 60:02d}:{n % 60:02d}+00:00",
            "user": "maria",
            "action": "update",
            "record": {"kind": "statement", "ref": "s1"},
            "changes": {"notes": [f"v{n}", f"v{n + 1}"], "issue_ids": [[], ["i1"]]},
            "note": "",
        }
        for n in range(3000)
    ]
    case_id = import_archive(workspace, make_zip(minimal(history=many)))
    trail = history_of_case(workspace, case_id)
    assert len(trail) == 3001
    statement = st.statements_of_case(workspace, case_id)[0]
    assert {e["record_id"] for e in trail[:-1]} == {statement.id}
    assert trail[1]["changes"]["notes"] == ["v1", "v2"]
    assert trail[0]["at"] == "2021-03-01T10:00:00+00:00"


def _entry(**fields: Any) -> dict[str, Any]:
    base = {"at": "2021-03-01T10:00:00+00:00", "user": "maria", "action": "update",
            "record": {"kind": "statement", "ref": "s1"}, "changes": {}, "note": ""}  # fmt: skip
    return {**base, **fields}


HOSTILE_HISTORY: dict[str, tuple[Any, str]] = {
    "not a list": ({"a": 1}, "history: expected a list"),
    "not an object": (["x"], "history[0]: expected an object"),
    "unknown key": ([_entry(colour="red")], "history[0]: unknown key 'colour'"),
    "no time": ([_entry(at=None)], "at is required"),
    "bad time": ([_entry(at="yesterday")], "not an ISO 8601"),
    "bad action": ([_entry(action="rewrite")], "action 'rewrite' is not one of"),
    "bad kind": ([_entry(record={"kind": "planet", "ref": "s1"})], "record kind 'planet'"),
    "dangling record": ([_entry(record={"kind": "statement", "ref": "s9"})], "'s9' points nowhere"),
    "dangling change": (
        [_entry(changes={"issue_ids": [[], ["i7"]]})],
        "history[0]: issue_ids: 'i7' points nowhere",
    ),
    "changes not a pair": ([_entry(changes={"notes": "x"})], "must be [old, new]"),
    "user too long": ([_entry(user="u" * 301)], "user is longer than 300"),
}


@pytest.mark.parametrize("name", list(HOSTILE_HISTORY))
def test_a_bad_history_is_refused_and_nothing_imported(workspace: Workspace, name: str) -> None:
    history, message = HOSTILE_HISTORY[name]
    with pytest.raises(ArchiveError) as caught:
        import_archive(workspace, make_zip(minimal(history=history)))
    assert message in str(caught.value)
    assert_nothing_imported(workspace)


def test_an_archive_of_version_1_imports_as_a_case_without_court_records(
    workspace: Workspace,
) -> None:
    # Version 1 had no court records and no commencement date or custody: not an error.
    data = minimal()
    assert data["format_version"] == 1 and "appearances" not in data
    case_id = import_archive(workspace, make_zip(data))
    dump = case_dump(workspace, case_id)
    assert (dump["case"]["commenced_on"], dump["case"]["custody"]) == (None, None)
    assert dump["appearances"] == dump["filings"] == dump["deadlines"] == []
    assert [s["text"] for s in dump["statements"]] == ["I was home."]


def test_court_records_that_break_their_rules_refuse_the_archive(workspace: Workspace) -> None:
    bad = minimal(
        format_version=2,
        appearances=[{"ref": "ap1", "date": "2021-03-02", "adjourned_to": "2021-03-01"}],
    )
    with pytest.raises(ArchiveError, match=r"appearances\[0\].*adjourned_to"):
        import_archive(workspace, make_zip(bad))
    assert_nothing_imported(workspace)
