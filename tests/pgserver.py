"""Start and stop a real, throwaway PostgreSQL 15 server for tests and benchmarks.

Why this exists: Casefile runs on SQLite by default and on PostgreSQL for a
shared office, and the PostgreSQL code paths (dialect differences, locking,
concurrent sessions) can only be trusted when they are exercised against a real
server. Mocking or a long-lived shared server would make the suite depend on
machine state, so instead every run gets its own private cluster:

* a fresh ``initdb`` in new ``cfpgXXXXXXXX`` temp directories: the socket and the
  server log in ``/tmp/cfpg...`` (short, since Unix socket paths are limited to
  ~107 bytes), the data directory on the ``/dev/shm`` RAM disk where there is one
  (much faster cluster and database creation), otherwise next to the socket,
* listening **only** on a Unix socket inside that directory (no TCP port, so
  parallel runs, pytest-xdist workers and leftovers from crashed runs can never
  collide),
* ``trust`` authentication, which is safe here because the directory is mode
  0700 and only its owner (``postgres``) and root can reach the socket,
* durability switched off (``fsync``/``synchronous_commit``/``full_page_writes``)
  because the data is thrown away anyway and this makes tests much faster.

``initdb`` refuses to run as root, and tests run as root in CI, so when we are
root every PostgreSQL binary is run as the ``postgres`` system user via
``runuser``. When we are *not* root (a developer's own account) the binaries are
run directly as the current user, which PostgreSQL is happy with.

A small watchdog process is started next to every server. It holds the read end
of a pipe whose write end only this Python process owns; if this process dies
without calling :meth:`PostgresServer.stop` (SIGKILL, CI timeout, IDE "stop"
button) the pipe closes and the watchdog stops the server and deletes its
directory. So a crashed run leaves nothing running, and there is nothing global
to clean before the next run.

This module deliberately imports nothing from ``app`` and does not need pytest,
so the benchmark suite can use it too. ``psycopg`` (3) is imported lazily, only
for the admin connection used by :meth:`PostgresServer.create_database` and
:meth:`PostgresServer.drop_database`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import quote

if TYPE_CHECKING:  # pragma: no cover - typing only
    import psycopg

__all__ = [
    "PG_BIN_ENV",
    "PostgresServer",
    "PostgresStartError",
    "PostgresUnavailable",
    "find_pg_bin",
    "unavailable_reason",
]

#: Environment variable that may point at a PostgreSQL 15 ``bin`` directory,
#: for machines where it is not installed in one of the standard places.
PG_BIN_ENV = "CASEFILE_PG_BIN"

#: Where distributions put the PostgreSQL 15 binaries (Debian/Ubuntu first,
#: then the PGDG RPM layout).
_CANDIDATE_BIN_DIRS = (
    "/usr/lib/postgresql/15/bin",
    "/usr/pgsql-15/bin",
)

#: Binaries without which we cannot run a server at all.
_REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")

#: The system account the server runs as when we are root.
_PG_USER = "postgres"

#: PostgreSQL identifiers are at most 63 bytes; we keep database names to a
#: boring, quote-free subset so they are also safe in URLs and log messages.
_DB_NAME_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

#: Settings that make a throwaway test cluster fast and private. ``listen_addresses``
#: empty means "no TCP at all"; the socket directory is added per server.
DEFAULT_SETTINGS: Mapping[str, str] = {
    "listen_addresses": "",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # initdb would copy the host's time zone; a fixed one keeps server-side
    # now()/CURRENT_TIMESTAMP results identical on CI and on developer machines.
    "timezone": "UTC",
    "log_timezone": "UTC",
}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be run on this machine (binaries, user or runuser missing).

    Callers (the pytest fixture) turn this into a *skip*, never a failure: a
    developer without PostgreSQL installed must still be able to run the suite.
    """


class PostgresStartError(RuntimeError):
    """PostgreSQL is installed but the server could not be initialised or started.

    This *is* a real error (something is broken), so it is not turned into a skip.
    The message includes the tail of the server log to make CI failures debuggable.
    """


# --------------------------------------------------------------------------- #
# Discovery
# --------------------------------------------------------------------------- #


def _has_binaries(path: Path) -> bool:
    return all(os.access(path / name, os.X_OK) for name in _REQUIRED_BINARIES)


def find_pg_bin() -> Path | None:
    """Return the PostgreSQL 15 ``bin`` directory, or ``None`` if it is not installed.

    ``$CASEFILE_PG_BIN`` wins if set (so odd installs can still be used); otherwise
    the standard distribution locations are tried. Only version 15 locations are
    searched on purpose: the tests assert the server version, and silently using
    another major version would make "works on my machine" results meaningless.
    """
    override = os.environ.get(PG_BIN_ENV)
    candidates = [override] if override else list(_CANDIDATE_BIN_DIRS)
    for candidate in candidates:
        path = Path(candidate)
        if _has_binaries(path):
            return path
    return None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _find_runuser() -> str | None:
    # Root's PATH normally includes /usr/sbin, but cron/CI environments sometimes
    # do not, so fall back to the usual absolute locations.
    found = shutil.which("runuser")
    if found:
        return found
    for candidate in ("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def unavailable_reason(bin_dir: Path | None = None) -> str | None:
    """Explain why a server cannot be started here, or return ``None`` if it can.

    This only checks prerequisites (cheaply, no server is started), so a fixture
    can skip with a helpful reason instead of failing.
    """
    if sys.platform == "win32":
        return "throwaway PostgreSQL servers need a POSIX system (Unix sockets, runuser)"
    if bin_dir is None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            where = os.environ.get(PG_BIN_ENV) or ", ".join(_CANDIDATE_BIN_DIRS)
            return f"PostgreSQL 15 binaries ({', '.join(_REQUIRED_BINARIES)}) not found in {where}"
    elif not _has_binaries(bin_dir):
        return f"PostgreSQL binaries ({', '.join(_REQUIRED_BINARIES)}) not found in {bin_dir}"
    if _is_root():
        runuser = _find_runuser()
        if runuser is None:
            return "running as root but `runuser` is not installed (initdb refuses to run as root)"
        try:
            pwd.getpwnam(_PG_USER)
        except KeyError:
            return f"running as root but there is no {_PG_USER!r} system user to run initdb as"
        # runuser can exist and still fail (e.g. PAM locked down in a container).
        probe = subprocess.run(
            [runuser, "-u", _PG_USER, "--", "true"],
            capture_output=True,
            text=True,
            cwd="/",
            timeout=30,
        )
        if probe.returncode != 0:
            return f"`runuser -u {_PG_USER}` does not work here: {probe.stderr.strip()}"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg 3 is not installed (pip install 'psycopg[binary]')"
    return None


def _utf8_locale() -> str | None:
    """Return the spelling of a C UTF-8 locale initdb will accept, if any exists."""
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    available = {line.strip().lower().replace("-", "") for line in out.splitlines()}
    return "C.UTF-8" if "c.utf8" in available else None


def _clean_env() -> dict[str, str]:
    """The environment for PostgreSQL binaries: ours minus any ``PG*`` variables.

    A developer's ``PGDATA``/``PGPORT``/``PGHOST``/``PGOPTIONS`` must not leak into
    the throwaway cluster (e.g. make ``pg_ctl`` act on their real data directory).
    """
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")}


def _ram_disk_dir(wanted: bool | None) -> str | None:
    """``/dev/shm`` if the data directory should (and can) live on a RAM disk."""
    if wanted is False:
        return None
    path = "/dev/shm"
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            is_tmpfs = any(
                fields[1] == path and fields[2] == "tmpfs"
                for fields in (line.split() for line in fh)
                if len(fields) >= 3
            )
        stat = os.statvfs(path)
        free = stat.f_bavail * stat.f_frsize
        usable = is_tmpfs and os.access(path, os.W_OK | os.X_OK) and free >= 1 << 30
    except OSError:
        usable = False
    if usable:
        return path
    if wanted:
        raise PostgresUnavailable(
            f"ram_disk=True but {path} is not a writable tmpfs with 1 GiB free"
        )
    return None


def _conf_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


# --------------------------------------------------------------------------- #
# Watchdog: cleans up if the owning process dies without calling stop().
# --------------------------------------------------------------------------- #

# Runs in a separate interpreter (``python -c``), so it must be self-contained.
# argv[1] is JSON: pg_ctl, data_dir, dirs to remove, "run as postgres" prefix.
_WATCHDOG_SOURCE = r"""
import json, os, shutil, signal, subprocess, sys
cfg = json.loads(sys.argv[1])
pg_ctl, data_dir, prefix = cfg["pg_ctl"], cfg["data_dir"], cfg["prefix"]
signal.signal(signal.SIGINT, signal.SIG_IGN)
try:
    while sys.stdin.buffer.read(4096):
        pass  # the owner never writes; EOF means it closed the pipe or died
except Exception:
    pass
pid_file = os.path.join(data_dir, "postmaster.pid")
if os.path.exists(pid_file):
    try:
        subprocess.run(prefix + [pg_ctl, "stop", "-D", data_dir, "-m", "immediate", "-s"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       cwd="/", timeout=30)
    except Exception:
        pass
    try:
        with open(pid_file) as fh:
            pid = int(fh.readline().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as fh:
            if data_dir.encode() in fh.read():  # not a stale, reused pid
                os.kill(pid, signal.SIGKILL)
    except Exception:
        pass
for path in cfg["remove"]:
    shutil.rmtree(path, ignore_errors=True)
"""


# --------------------------------------------------------------------------- #
# The server
# --------------------------------------------------------------------------- #


class PostgresServer:
    """One private, throwaway PostgreSQL cluster, usable as a context manager.

    >>> with PostgresServer() as server:            # doctest: +SKIP
    ...     url = server.create_database("demo")
    ...     engine = sqlalchemy.create_engine(url)

    ``start()`` raises :class:`PostgresUnavailable` if PostgreSQL cannot run here
    and :class:`PostgresStartError` if it should but did not. ``stop()`` is
    idempotent, always removes the temporary directory, and is also registered
    with :mod:`atexit` while the server runs.
    """

    def __init__(
        self,
        bin_dir: Path | str | None = None,
        *,
        port: int = 5432,
        settings: Mapping[str, str] | None = None,
        startup_timeout: float = 30.0,
        tmp_parent: str = "/tmp",
        ram_disk: bool | None = None,
    ) -> None:
        """Configure (but do not start) a server.

        ``port`` only names the socket file (``.s.PGSQL.<port>``); there is no TCP
        listener, so the default never clashes with a real server. ``settings``
        are merged over :data:`DEFAULT_SETTINGS` (benchmarks may want durability
        back on). ``tmp_parent`` holds the socket and log and should stay short
        because of the socket path limit.

        ``ram_disk`` puts the data directory on the ``/dev/shm`` tmpfs: ``None``
        (default) does so when it is a tmpfs with at least 1 GiB free, ``True``
        requires it, ``False`` keeps data on disk under ``tmp_parent``. On a RAM
        disk initdb is roughly twice as fast and CREATE DATABASE (a copy of
        ~300 files) about ten times, which is what makes one database per test
        affordable; benchmarks that want disk-like I/O should pass ``False``.
        """
        self._bin_dir: Path | None = Path(bin_dir) if bin_dir is not None else None
        self._port = port
        self._settings: dict[str, str] = {**DEFAULT_SETTINGS, **(settings or {})}
        self._startup_timeout = startup_timeout
        self._tmp_parent = tmp_parent
        self._ram_disk = ram_disk
        self._root: Path | None = None
        self._data_root: Path | None = None
        self._runuser_prefix: list[str] = []
        self._admin: psycopg.Connection[Any] | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._watchdog_fd: int | None = None
        self._postmaster: subprocess.Popen[bytes] | None = None
        self._running = False
        self.startup_seconds: float | None = None
        """Wall-clock time the last :meth:`start` took (initdb + start + connect)."""

    # -- properties -------------------------------------------------------- #

    @property
    def socket_dir(self) -> Path:
        """Directory holding the server's Unix socket; use it as libpq ``host``."""
        if self._root is None:
            raise RuntimeError("PostgresServer has not been started")
        return self._root

    @property
    def port(self) -> int:
        """Port number used in the socket file name (no TCP listener exists)."""
        return self._port

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory (under /dev/shm or inside :attr:`socket_dir`)."""
        return (self._data_root or self.socket_dir) / "data"

    @property
    def log_path(self) -> Path:
        """The server log file (inside :attr:`socket_dir`)."""
        return self.socket_dir / "server.log"

    @property
    def is_running(self) -> bool:
        """Whether :meth:`start` succeeded and :meth:`stop` has not been called."""
        return self._running

    # -- URLs -------------------------------------------------------------- #

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL for ``dbname`` on this server (psycopg 3 driver).

        ``port`` is spelled out so a stray ``$PGPORT`` in the environment cannot
        redirect libpq to a socket file that does not exist.
        """
        return (
            f"postgresql+psycopg://{_PG_USER}@/{quote(dbname, safe='')}"
            f"?host={quote(str(self.socket_dir), safe='/')}&port={self._port}"
        )

    def conninfo(self, dbname: str = "postgres") -> str:
        """libpq/psycopg connection string for ``dbname`` (for raw psycopg use)."""
        from psycopg.conninfo import make_conninfo

        return make_conninfo(
            host=str(self.socket_dir), port=self._port, user=_PG_USER, dbname=dbname
        )

    # -- lifecycle --------------------------------------------------------- #

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> PostgresServer:
        """initdb a fresh cluster, start it and wait until it accepts connections.

        On any failure everything created so far is torn down before raising.
        """
        if self._running:
            return self
        t0 = time.monotonic()
        reason = unavailable_reason(self._bin_dir)
        if reason is not None:
            raise PostgresUnavailable(reason)
        bin_dir = self._bin_dir or find_pg_bin()
        assert bin_dir is not None  # guaranteed by unavailable_reason()
        self._bin_dir = bin_dir

        if _is_root():
            runuser = _find_runuser()
            assert runuser is not None
            self._runuser_prefix = [runuser, "-u", _PG_USER, "--"]
        else:
            self._runuser_prefix = []

        ram_dir = _ram_disk_dir(self._ram_disk)
        self._data_root = None
        self._root = Path(tempfile.mkdtemp(prefix="cfpg", dir=self._tmp_parent))
        atexit.register(self.stop)
        try:
            if ram_dir is not None:
                self._data_root = Path(tempfile.mkdtemp(prefix="cfpg", dir=ram_dir))
            if _is_root():
                pw = pwd.getpwnam(_PG_USER)
                for path in (self._root, self._data_root):
                    if path is not None:
                        os.chown(path, pw.pw_uid, pw.pw_gid)
            self._start_watchdog()
            self._initdb()
            self._write_settings()
            self._launch_postmaster()
            self._connect_admin()
        except BaseException:
            self.stop()
            raise
        self._running = True
        self.startup_seconds = time.monotonic() - t0
        return self

    def stop(self) -> None:
        """Stop the server (immediate mode) and delete its directory. Idempotent.

        Never raises for cleanup problems: it runs from fixture teardown, atexit
        and failed starts, where a second exception would hide the first.
        """
        self._running = False
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        if self._root is not None:
            self._stop_postmaster()
            for path in (self._data_root, self._root):
                if path is not None:
                    shutil.rmtree(path, ignore_errors=True)
        self._stop_watchdog()
        # Keep self._root so log_path etc. still name the (now deleted) location
        # in error messages; a later start() creates a new directory anyway.

    # -- databases --------------------------------------------------------- #

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """Create database ``name`` and return its SQLAlchemy URL.

        ``template`` lets a caller clone a pre-migrated database, which is much
        faster than running migrations for every test.
        """
        from psycopg import sql

        _check_db_name(name)
        stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            _check_db_name(template)
            stmt = sql.SQL("{} TEMPLATE {}").format(stmt, sql.Identifier(template))
        # The default WAL_LOG strategy is kept on purpose: measured against
        # FILE_COPY it is about as fast on a RAM disk and clearly faster on disk.
        self._admin_conn().execute(stmt)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` (if it exists), kicking out any connections first.

        Tests often leave pooled SQLAlchemy connections open; those would make a
        plain ``DROP DATABASE`` fail, so they are terminated first and the drop
        itself uses ``WITH (FORCE)`` (PostgreSQL 13+) to close the remaining race.
        """
        from psycopg import sql

        _check_db_name(name)
        if name == "postgres":
            raise ValueError("refusing to drop the admin database 'postgres'")
        conn = self._admin_conn()
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def list_databases(self) -> list[str]:
        """Names of all non-template databases (handy for leak checks in tests)."""
        rows = self._admin_conn().execute(
            "SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname"
        )
        return [row[0] for row in rows]

    def log_tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of the server log ('' if there is none)."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except (OSError, RuntimeError):
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # -- internals --------------------------------------------------------- #

    def _bin(self, name: str) -> str:
        assert self._bin_dir is not None
        return str(self._bin_dir / name)

    def _run(self, args: list[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL binary as the postgres user (when root) and capture output."""
        return subprocess.run(
            self._runuser_prefix + args,
            capture_output=True,
            text=True,
            env=_clean_env(),
            # The postgres user may not be able to enter our cwd (e.g. /root),
            # which makes initdb/postgres complain; the temp dir is always fine.
            cwd=str(self.socket_dir),
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def _fail(self, what: str, proc: subprocess.CompletedProcess[str] | None = None) -> NoReturn:
        parts = [f"PostgreSQL {what} (data directory {self.data_dir})"]
        if proc is not None:
            output = (proc.stdout + proc.stderr).strip()
            if output:
                parts.append(f"--- output of {proc.args[len(self._runuser_prefix)]} ---\n{output}")
        tail = self.log_tail()
        if tail:
            parts.append(f"--- server log tail ({self.log_path}) ---\n{tail}")
        raise PostgresStartError("\n".join(parts))

    def _start_watchdog(self) -> None:
        read_fd, write_fd = os.pipe()  # both non-inheritable by default
        try:
            self._watchdog = subprocess.Popen(
                [
                    sys.executable,
                    "-I",  # isolated: ignore PYTHON* env vars and user site
                    "-c",
                    _WATCHDOG_SOURCE,
                    json.dumps(
                        {
                            "pg_ctl": self._bin("pg_ctl"),
                            "data_dir": str(self.data_dir),
                            "remove": [str(p) for p in (self._data_root, self._root) if p],
                            "prefix": self._runuser_prefix,
                        }
                    ),
                ],
                stdin=read_fd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=_clean_env(),
                cwd="/",
                # Own session: a Ctrl-C aimed at pytest must not kill the watchdog;
                # pytest then runs the normal teardown and the watchdog just exits.
                start_new_session=True,
            )
        except BaseException:
            os.close(write_fd)
            raise
        finally:
            os.close(read_fd)
        self._watchdog_fd = write_fd

    def _stop_watchdog(self) -> None:
        if self._watchdog_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._watchdog_fd)  # EOF: the watchdog finds nothing left to do
            self._watchdog_fd = None
        if self._watchdog is not None:
            try:
                self._watchdog.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._watchdog.kill()
                self._watchdog.wait()
            self._watchdog = None

    def _initdb(self) -> None:
        locale = _utf8_locale()
        args = [
            self._bin("initdb"),
            "-D", str(self.data_dir),
            "-A", "trust",
            "-U", _PG_USER,
            "-E", "UTF8",
            *(["--locale", locale] if locale else ["--no-locale"]),
            "--no-sync",  # the cluster is throwaway; skipping fsync saves time
            "--no-instructions",
        ]  # fmt: skip
        try:
            proc = self._run(args, timeout=max(self._startup_timeout, 60.0))
        except subprocess.TimeoutExpired:
            self._fail("initdb timed out")
        if proc.returncode != 0:
            self._fail(f"initdb failed with exit code {proc.returncode}", proc)

    def _write_settings(self) -> None:
        # Appending to postgresql.conf (later lines win) avoids pg_ctl -o shell
        # quoting and keeps the settings if someone restarts the cluster by hand.
        settings = {**self._settings, "unix_socket_directories": str(self.socket_dir)}
        settings["port"] = str(self._port)
        lines = ["", "# added by tests/pgserver.py for a throwaway test cluster"]
        lines += [f"{key} = {_conf_quote(value)}" for key, value in settings.items()]
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")

    def _launch_postmaster(self) -> None:
        """Start ``postgres`` as our (grand)child and wait until it is ready.

        This is what ``pg_ctl start -w`` does, minus its 100 ms polling interval
        (about 0.1 s saved per start) and with exact crash detection: we hold the
        process handle, so a server that dies during startup is reported at once,
        with its log, instead of after the timeout. It runs in its own session so
        a Ctrl-C aimed at pytest does not kill it before teardown. Stopping still
        goes through ``pg_ctl stop -m immediate``.
        """
        with open(self.log_path, "ab") as log:
            self._postmaster = subprocess.Popen(
                [*self._runuser_prefix, self._bin("postgres"), "-D", str(self.data_dir)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=_clean_env(),
                cwd=str(self.socket_dir),
                start_new_session=True,
            )
        deadline = time.monotonic() + self._startup_timeout
        while not self._pid_file_says_ready():
            code = self._postmaster.poll()
            if code is not None:
                self._fail(f"server exited during startup with exit code {code}")
            if time.monotonic() > deadline:
                self._fail(f"server did not become ready within {self._startup_timeout:g}s")
            time.sleep(0.01)

    def _pid_file_says_ready(self) -> bool:
        # Line 8 of postmaster.pid is the postmaster's status ("ready" once it
        # accepts connections); pg_ctl and pg_isready rely on the same file/socket.
        try:
            lines = (self.data_dir / "postmaster.pid").read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError):
            return False
        return len(lines) >= 8 and lines[7].strip() == "ready"

    def _connect_admin(self) -> None:
        """Open the autocommit admin connection (also proves the socket works)."""
        import psycopg

        deadline = time.monotonic() + self._startup_timeout
        while True:
            try:
                self._admin = psycopg.connect(
                    self.conninfo("postgres"), autocommit=True, connect_timeout=5
                )
                return
            except psycopg.OperationalError as exc:
                if self._postmaster is not None and self._postmaster.poll() is not None:
                    self._fail(f"server exited with code {self._postmaster.returncode}")
                if time.monotonic() > deadline:
                    self._fail(f"server is not accepting connections on {self.socket_dir}: {exc}")
                time.sleep(0.02)

    def _admin_conn(self) -> psycopg.Connection[Any]:
        if not self._running:
            raise RuntimeError("PostgresServer is not running; call start() first")
        if self._admin is None or self._admin.closed or self._admin.broken:
            self._connect_admin()
        assert self._admin is not None
        return self._admin

    def _postmaster_pid(self) -> int | None:
        try:
            with open(self.data_dir / "postmaster.pid", encoding="ascii") as fh:
                return int(fh.readline().strip())
        except (OSError, ValueError):
            return None

    def _stop_postmaster(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                self._run(
                    [self._bin("pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "immediate",
                     "-w", "-t", "10", "-s"],
                    timeout=30,
                )  # fmt: skip
            # Belt and braces: if pg_ctl could not stop it, kill the postmaster;
            # its children notice postmaster death and exit on their own. The pid
            # file may be stale (server already dead, pid reused), so only kill a
            # process whose command line names our data directory.
            pid = self._postmaster_pid()
            if pid is not None and _cmdline_mentions(pid, str(self.data_dir)):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        if self._postmaster is not None:
            # Reap our child (runuser, or postgres itself) so nothing lingers as a zombie.
            try:
                self._postmaster.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._postmaster.kill()
                self._postmaster.wait()
            self._postmaster = None


def _cmdline_mentions(pid: int, needle: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return needle.encode() in fh.read()
    except OSError:
        return False


def _check_db_name(name: str) -> None:
    if not _DB_NAME_RE.match(name):
        raise ValueError(
            f"invalid test database name {name!r}: use lower-case letters, digits and"
            " underscores, at most 63 characters, not starting with a digit"
        )
