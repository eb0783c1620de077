"""Help inside the app: the user guide (``guide.md``, shipped as package data, shown by
:mod:`app.gui.guide.dialog`) and the What's This? texts of the forms' fields
(:mod:`app.gui.guide.fields`)."""
