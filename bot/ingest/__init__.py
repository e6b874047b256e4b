"""Feed ingestion adapters: guarded HTTP fetching, feed parsing, feed discovery, full-text extraction.

No database code lives here; ``bot.ingest.pipeline`` wires these adapters to storage.
"""
