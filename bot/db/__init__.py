"""Database layer: typed models, engine creation and schema migrations."""
