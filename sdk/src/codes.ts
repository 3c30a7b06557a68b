// The contracts' own ids and digests (which need viem's ABI encoder) are in digests.ts: a page that only hashes a
// document or a reason code does not load the encoder.
import { isHex, keccak256, size, stringToHex, type Hex } from "viem";

import { WeconetError } from "./errors.js";

/**
 * A `bytes32` short code (a reason code or rule key) from text such as "spam" (at most 31 bytes), or a 32-byte
 * hex value as it is. Codes are never personal text.
 */
export function toBytes32Code(code: string): Hex {
  if (isHex(code) && size(code) === 32) return code;
  if (new TextEncoder().encode(code).length > 31) {
    throw new WeconetError(`"${code}" is too long for a short code (31 bytes at most)`);
  }
  return stringToHex(code, { size: 32 });
}

/**
 * A content hash pointing to an off-chain document: a 32-byte hex value as it is, or the keccak-256 of the given
 * document text (the document itself never goes on-chain).
 */
export function toContentHash(documentOrHash: string): Hex {
  if (isHex(documentOrHash) && size(documentOrHash) === 32) return documentOrHash;
  return keccak256(stringToHex(documentOrHash));
}
