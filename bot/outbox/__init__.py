"""The one way out: every message Dateline posts is first a row in `deliveries`.

`store` is the only code that reads or writes that table; `alerts`, `reminders`, `digests` and
`health` decide what to queue; the Discord worker (`bot.discord.delivery`) posts due rows.
"""
