"""Slash-command cogs. Every module here that defines `setup` is loaded by `DatelineBot`."""
