-- Schema version 1 (PRAGMA user_version = 1). Documented in src/Fingerprint.Storage/README.md.
-- Byte order: every hash BLOB is the big-endian number, the same order as its hex text (Hash256.WriteBytes for PDQ,
-- 32 bytes; 8 bytes for the 64-bit classic hashes; for video types, which have no entry-level hash, the SHA-256 of
-- their frames and payload, used only to detect duplicates). Times are INTEGER microseconds since
-- 1970-01-01T00:00:00Z (change_log times are whole milliseconds). Sequence numbers come from change_log.seq.

CREATE TABLE banks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL COLLATE NOCASE,
    description TEXT,
    created_us  INTEGER NOT NULL,
    created_seq INTEGER NOT NULL,
    removed_seq INTEGER
);
CREATE UNIQUE INDEX banks_live_name ON banks (name) WHERE removed_seq IS NULL;

CREATE TABLE entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    bank_id     INTEGER NOT NULL REFERENCES banks (id),
    hash_type   TEXT    NOT NULL,
    hash        BLOB    NOT NULL,
    quality     INTEGER CHECK (quality BETWEEN 0 AND 100),
    removed_seq INTEGER,
    added_seq   INTEGER NOT NULL,
    added_us    INTEGER NOT NULL,
    content_id  TEXT    NOT NULL DEFAULT '',
    label       TEXT,
    tags        TEXT,
    source      TEXT,
    campaign    TEXT
);
CREATE UNIQUE INDEX entries_live_dedup ON entries (bank_id, hash_type, hash, content_id) WHERE removed_seq IS NULL;
CREATE INDEX entries_bank ON entries (bank_id);

CREATE TABLE entry_regions (
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    ordinal  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    x        INTEGER NOT NULL,
    y        INTEGER NOT NULL,
    width    INTEGER NOT NULL,
    height   INTEGER NOT NULL,
    quality  INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 100),
    hash     BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (entry_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE entry_frames (
    entry_id      INTEGER NOT NULL REFERENCES entries (id),
    frame         INTEGER NOT NULL,
    timestamp_sec REAL    NOT NULL,
    quality       INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 100),
    hash          BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (entry_id, frame)
) WITHOUT ROWID;

CREATE TABLE entry_payloads (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id),
    data     BLOB    NOT NULL
);

CREATE TABLE change_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind     INTEGER NOT NULL,
    bank_id  INTEGER NOT NULL REFERENCES banks (id),
    entry_id INTEGER,
    time_us  INTEGER NOT NULL
);
CREATE INDEX change_log_bank ON change_log (bank_id, seq);
