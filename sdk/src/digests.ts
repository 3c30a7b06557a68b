import {
  concat,
  encodeAbiParameters,
  hexToBigInt,
  keccak256,
  numberToHex,
  slice,
  zeroHash,
  type Address,
  type Hex,
} from "viem";

/**
 * The id of the connection from `owner` to `grantee`, as AccessGrants computes it and every event about the
 * connection carries: `uint256(keccak256(abi.encode(owner, grantee)))`.
 */
export function connectionIdOf(owner: Address, grantee: Address): bigint {
  return hexToBigInt(keccak256(encodeAbiParameters([{ type: "address" }, { type: "address" }], [owner, grantee])));
}

/** `keccak256(abi.encodePacked(ids))` for a `uint16[]`: array elements are packed as full 32-byte words. */
function packedIdsHash(attributeIds: readonly number[]): Hex {
  return keccak256(concat(attributeIds.map((id) => numberToHex(id, { size: 32 }))));
}

/**
 * The digest AccessGrants keeps of a pending request (`requestDigest`): the first 26 bytes of
 * `keccak256(abi.encode(keccak256(abi.encodePacked(attributeIds)), purpose, duration))`.
 */
export function requestDigest(attributeIds: readonly number[], purpose: Hex, duration: number): Hex {
  const encoded = encodeAbiParameters(
    [{ type: "bytes32" }, { type: "bytes32" }, { type: "uint32" }],
    [packedIdsHash(attributeIds), purpose, duration],
  );
  return slice(keccak256(encoded), 0, 26);
}

/**
 * The hash the market keeps of an offer's data request (`Market.hashDataRequest`): zero for none, else
 * `keccak256(abi.encode(attributeIds, purpose, duration))`.
 */
export function dataRequestHash(request: { attributeIds: readonly number[]; purpose: Hex; duration: number }): Hex {
  if (request.attributeIds.length === 0) return zeroHash;
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint16[]" }, { type: "bytes32" }, { type: "uint32" }],
      [request.attributeIds, request.purpose, request.duration],
    ),
  );
}
