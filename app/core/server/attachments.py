"""Moving a server workspace's attachment folder into its database (``server init``).

A server workspace opened before ``server init`` kept its files in a folder: the one
named in the workspace, else this computer's own. ``server init`` copies that folder's
files into the attachment tables (``app.core.storage.db_store``) before it records the
office's roles, which is what switches every desk to the database: so an interrupted
run switches nothing, and the next run skips the files already copied. The folder is
left as it was (delete it once the office is happy).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.core.server.roles import quote
from app.core.storage.db_store import FolderImport, import_folder
from app.core.storage.store import AttachmentStore
from app.core.storage.workspace import store_root_of


@dataclass(frozen=True)
class MovedFolder:
    folder: Path
    result: FolderImport


def move_folder_into_database(engine: Engine, owner_role: str) -> MovedFolder:
    """Copy the workspace's folder store into its database, acting as the owner role
    (which sees every blob, so nothing is copied twice)."""
    folder = AttachmentStore(store_root_of(engine.url, engine))
    with engine.connect() as connection:
        connection.exec_driver_sql(f"SET ROLE {quote(connection, owner_role)}")
        connection.commit()
        try:
            result = import_folder(connection, folder)
        except BaseException:
            connection.invalidate()  # never pool a connection acting as the owner
            raise
        connection.exec_driver_sql("RESET ROLE")
        connection.commit()
    return MovedFolder(folder.root, result)
