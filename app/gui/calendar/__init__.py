"""The office calendar in the window, the Today view and the deadline reminders.

``words`` says dates and flags in words; ``prefs`` keeps the calendar's settings;
``reading`` reads a range of days once (off the paint path); ``views`` draws the agenda,
week and month; ``panel`` is the calendar dock's page; ``today`` is the Today view and
``reminders`` the daily notice of deadlines ahead.
"""
