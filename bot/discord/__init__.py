"""The Discord adapter: the only package that imports `discord` (the discord.py library).

Modules here import it absolutely (`import discord`), which always means the library, never this
package (`bot.discord`).
"""
