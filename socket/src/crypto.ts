import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { randomBytes } from "@noble/ciphers/utils.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

/**
 * Encryption at rest. Every (owner, attribute) value has its own random 32-byte data key; values are sealed with
 * XChaCha20-Poly1305 under it, with `owner|attributeId|version` as associated data so that a ciphertext moved to
 * another owner, attribute or version does not open. Data keys are wrapped (XChaCha20-Poly1305 again, associated
 * data `owner|attributeId`) with a key derived by HKDF-SHA256 from the master key, which lives only in the
 * environment or a key file. Destroying a data key makes its value unreadable everywhere, also in old backups.
 */

const encoder = new TextEncoder();

/** The key that wraps data keys, derived from the 32-byte master key. */
export function wrappingKeyOf(masterKey: Uint8Array): Uint8Array {
  if (masterKey.length !== 32) throw new Error(`the master key must be 32 bytes, not ${masterKey.length}`);
  return hkdf(sha256, masterKey, encoder.encode("weconet-socket"), encoder.encode("data-key-wrapping/v1"), 32);
}

export function newDataKey(): Uint8Array {
  return randomBytes(32);
}

const keyAd = (owner: string, attributeId: number) => encoder.encode(`${owner.toLowerCase()}|${attributeId}`);
const valueAd = (owner: string, attributeId: number, version: number) =>
  encoder.encode(`${owner.toLowerCase()}|${attributeId}|${version}`);

export function wrapDataKey(wrappingKey: Uint8Array, owner: string, attributeId: number, dataKey: Uint8Array) {
  const nonce = randomBytes(24);
  return { nonce, wrapped: xchacha20poly1305(wrappingKey, nonce, keyAd(owner, attributeId)).encrypt(dataKey) };
}

export function unwrapDataKey(
  wrappingKey: Uint8Array,
  owner: string,
  attributeId: number,
  sealed: { nonce: Uint8Array; wrapped: Uint8Array },
): Uint8Array {
  return xchacha20poly1305(wrappingKey, sealed.nonce, keyAd(owner, attributeId)).decrypt(sealed.wrapped);
}

export function sealValue(dataKey: Uint8Array, owner: string, attributeId: number, version: number, value: unknown) {
  const nonce = randomBytes(24);
  const plaintext = encoder.encode(JSON.stringify(value));
  return {
    nonce,
    ciphertext: xchacha20poly1305(dataKey, nonce, valueAd(owner, attributeId, version)).encrypt(plaintext),
  };
}

export function openValue(
  dataKey: Uint8Array,
  owner: string,
  attributeId: number,
  version: number,
  sealed: { nonce: Uint8Array; ciphertext: Uint8Array },
): unknown {
  const plaintext = xchacha20poly1305(dataKey, sealed.nonce, valueAd(owner, attributeId, version)).decrypt(
    sealed.ciphertext,
  );
  return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
}

/** SHA-256 of a session token, hex: what the sessions table keeps. */
export function tokenHash(token: string): string {
  return Buffer.from(sha256(encoder.encode(token))).toString("hex");
}

/** A new session token: 32 random bytes, base64url. */
export function newToken(): string {
  return Buffer.from(randomBytes(32)).toString("base64url");
}
