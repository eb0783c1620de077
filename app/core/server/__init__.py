"""The office on a shared PostgreSQL server: roles, row security, staff, teams and walls.

``roles`` names and creates the owner role and the staff group of a database;
``policies`` is the SQL of the row security (the helper functions, the policies, the
grants); ``setup`` is ``casefile server init``; ``staff`` and ``teams`` are what an
admin changes. SQLite and a server database never initialised have none of this: one
person (or one login), no walls.
"""
