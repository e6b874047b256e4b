"""The timeline outside Discord: a read-only aiohttp web server (calendar feed, page, API,
health and metrics) reached through secret calendar links."""
