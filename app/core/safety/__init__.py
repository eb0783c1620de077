"""Safety: keeping a workspace whole. Backups (``backup``, ``backup_files``,
``snapshot``), restoring one (``restore``), the integrity check (``check``) and what
runs when a workspace opens (``on_open``, registered with the storage's hooks).
"""
