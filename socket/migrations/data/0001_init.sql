-- The data database (schema socket). Valid on PostgreSQL 15 and on PGlite.
CREATE SCHEMA IF NOT EXISTS socket;

CREATE TABLE socket.nonces (
  nonce text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);

CREATE TABLE socket.sessions (
  token_hash text PRIMARY KEY,
  address text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON socket.sessions (expires_at);

CREATE TABLE socket.attribute_values (
  owner text NOT NULL,
  attribute_id integer NOT NULL,
  version integer NOT NULL,
  nonce bytea NOT NULL,
  ciphertext bytea NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (owner, attribute_id)
);

CREATE TABLE socket.receipt_heads (
  owner text PRIMARY KEY,
  count integer NOT NULL,
  hash text NOT NULL,
  signature text
);

CREATE TABLE socket.receipts (
  owner text NOT NULL,
  seq integer NOT NULL,
  grantee text NOT NULL,
  attribute_id integer NOT NULL,
  connection_id text NOT NULL,
  purpose text,
  block bigint NOT NULL,
  at timestamptz NOT NULL,
  decision text NOT NULL CHECK (decision IN ('allowed', 'refused')),
  reason text,
  prev text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (owner, seq)
);

CREATE TABLE socket.anchors (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  root text NOT NULL,
  receipts bigint NOT NULL,
  block bigint NOT NULL,
  tx text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE socket.anchor_heads (
  anchor_id integer NOT NULL REFERENCES socket.anchors (id),
  owner text NOT NULL,
  count integer NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (anchor_id, owner)
);

CREATE TABLE socket.documents (
  hash text PRIMARY KEY,
  content_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  author text NOT NULL,
  at timestamptz NOT NULL
);

CREATE TABLE socket.booking_documents (
  booking_id text NOT NULL,
  hash text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  author text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (booking_id, hash)
);
