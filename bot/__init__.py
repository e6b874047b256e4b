"""Dateline: news feeds to a timeline of dated events, served on Discord."""
