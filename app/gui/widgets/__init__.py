"""Reusable form widgets. Each has ``value()``, ``set_value()`` and a ``changed`` signal."""
