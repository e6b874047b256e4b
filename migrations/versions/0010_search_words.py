"""search_words: the words the text index holds, to expand typed prefixes into them

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 23:00:00

A typed word matches from a word's start ("Kalgo" finds "Kalgoorlie"). Both indexes answer a
prefix by merging the lists of every stored word that starts so, with no skipping: two frequent
words that never meet cost 13 ms in FTS5 and 90 ms in GIN at 1M events. Asked for the stored
words themselves, they skip through their lists (5 ms, 11 ms). `search_words` is that
vocabulary, kept by triggers in the same transaction as the text index, so it is never behind
it; words are never removed (a word no event holds any more matches nothing).

PostgreSQL: statement triggers add the words (`tsvector_to_array`) of inserted events and of
events whose vector changed; no unique index, so two writers adding one new word never wait
on each other (a word may be stored twice; readers take distinct words).
SQLite: a trigger cannot split text into words, so it lets FTS5 do it: the event's text goes
into a one-row contentless FTS5 table with the same tokenizer as `events_text`, its terms
(`fts5vocab`) into `search_words`, and the one row is cleared.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_WORDS = (
    "INSERT INTO search_words (word) SELECT DISTINCT found.word FROM ({rows}) AS found "
    "WHERE NOT EXISTS (SELECT 1 FROM search_words WHERE search_words.word = found.word) "
    "ORDER BY found.word"
)
_INSERTED = "SELECT unnest(tsvector_to_array(search_vector)) AS word FROM inserted_events"
_CHANGED = (
    "SELECT unnest(tsvector_to_array(new_row.search_vector)) AS word "
    "FROM updated_events AS new_row JOIN previous_events AS old_row ON old_row.id = new_row.id "
    "WHERE old_row.search_vector IS DISTINCT FROM new_row.search_vector"
)
_POSTGRES_UPGRADE = (
    'CREATE TABLE search_words (word text COLLATE "C" NOT NULL)',
    "CREATE INDEX ix_search_words_word ON search_words (word)",
    "CREATE FUNCTION search_words_of_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN {_NEW_WORDS.format(rows=_INSERTED)}; RETURN NULL; END $$",
    "CREATE FUNCTION search_words_of_updated() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN {_NEW_WORDS.format(rows=_CHANGED)}; RETURN NULL; END $$",
    "CREATE TRIGGER search_words_insert AFTER INSERT ON events "
    "REFERENCING NEW TABLE AS inserted_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_words_of_inserted()",
    "CREATE TRIGGER search_words_update AFTER UPDATE ON events "
    "REFERENCING OLD TABLE AS previous_events NEW TABLE AS updated_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_words_of_updated()",
    "INSERT INTO search_words (word) "
    "SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM events",
)
# The tokenizer of 0008's `events_text` (migrations do not import each other).
_SQLITE_TOKENIZER = "unicode61 remove_diacritics 2"
_SQLITE_WORDS_OF_NEW = (
    "BEGIN INSERT INTO search_words_scratch(rowid, title, summary, grams) "
    "VALUES (1, new.title, new.summary, new.search_grams); "
    "INSERT OR IGNORE INTO search_words(word) SELECT term FROM search_words_scratch_terms; "
    "INSERT INTO search_words_scratch(search_words_scratch) VALUES ('delete-all'); END"
)
_SQLITE_UPGRADE = (
    "CREATE TABLE search_words (word TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE search_words_scratch USING fts5(title, summary, grams, "
    f"content='', tokenize='{_SQLITE_TOKENIZER}')",
    "CREATE VIRTUAL TABLE search_words_scratch_terms USING fts5vocab(search_words_scratch, row)",
    f"CREATE TRIGGER search_words_insert AFTER INSERT ON events {_SQLITE_WORDS_OF_NEW}",
    "CREATE TRIGGER search_words_update AFTER UPDATE OF title, summary, search_grams ON events "
    f"{_SQLITE_WORDS_OF_NEW}",
    "CREATE VIRTUAL TABLE temp.events_text_terms USING fts5vocab(main, events_text, row)",
    "INSERT INTO search_words(word) SELECT term FROM temp.events_text_terms",
    "DROP TABLE temp.events_text_terms",
)
_SQLITE_DOWNGRADE = (
    "DROP TRIGGER search_words_update",
    "DROP TRIGGER search_words_insert",
    "DROP TABLE search_words_scratch_terms",
    "DROP TABLE search_words_scratch",
    "DROP TABLE search_words",
)
_POSTGRES_DOWNGRADE = (
    "DROP TRIGGER search_words_update ON events",
    "DROP TRIGGER search_words_insert ON events",
    "DROP FUNCTION search_words_of_updated()",
    "DROP FUNCTION search_words_of_inserted()",
    "DROP TABLE search_words",
)


def upgrade() -> None:
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_UPGRADE if is_sqlite else _POSTGRES_UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_DOWNGRADE if is_sqlite else _POSTGRES_DOWNGRADE:
        op.execute(statement)
