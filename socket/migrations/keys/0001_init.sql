-- The key store (schema socket_keys): wrapped data keys only. Valid on PostgreSQL 15 and on PGlite.
CREATE SCHEMA IF NOT EXISTS socket_keys;

CREATE TABLE socket_keys.data_keys (
  owner text NOT NULL,
  attribute_id integer NOT NULL,
  nonce bytea NOT NULL,
  wrapped bytea NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (owner, attribute_id)
);
