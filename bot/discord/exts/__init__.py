"""Slash-command cogs and nothing else: `DatelineBot` loads every module here (each has `setup`)."""
