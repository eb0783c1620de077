"""Entry point of the frozen build: the same main() as the `casefile` command."""

from app.cli import main

raise SystemExit(main())
