"""One module per ``casefile`` subcommand; see ``app/cli.py``."""
