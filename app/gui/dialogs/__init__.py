"""The app's dialogs, each built on ``base.Dialog`` (geometry remembered, standard
buttons, Escape, help); the record forms in ``app.gui.forms`` build on it too.
"""
