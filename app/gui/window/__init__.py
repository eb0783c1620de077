"""The main window and the parts it owns: the workspace part, the search dock, the
record actions and one object per menu (case, safety, encryption). The parts see the
window through ``host.WindowHost``, never by importing it.
"""
