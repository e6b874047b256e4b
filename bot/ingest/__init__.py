"""Feed ingestion adapters: guarded fetching, feed parsing, feed discovery, full-text extraction.

No database code lives here; ``bot.ingest.pipeline`` wires these adapters to storage.
"""
