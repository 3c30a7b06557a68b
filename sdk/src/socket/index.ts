/** The data socket's client, value shapes and receipt hashing (browser-safe). */
export { createSocketClient, SocketError } from "./client.js";
export type { SignInOptions, SocketClient, SocketClientOptions, SocketSession } from "./client.js";
export { encodedValueSize, MAX_VALUE_BYTES, validateValue } from "./values.js";
export type { ValueCheck } from "./values.js";
export {
  GENESIS,
  headDigest,
  headLeaf,
  merkleProof,
  merkleRoot,
  receiptHash,
  verifyMerkleProof,
  verifyReceiptChain,
  verifyReceiptProof,
} from "./receipts.js";
export type { ReceiptBody, ReceiptChainReport } from "./receipts.js";
export { REFUSAL_REASONS } from "./types.js";
export type {
  SocketAnchor,
  BookingDocument,
  GranteeValue,
  ManyValue,
  Receipt,
  ReceiptHead,
  ReceiptProof,
  RefusalReason,
  SocketErrorBody,
  SocketErrorCode,
  SocketInfo,
  ValueRecord,
} from "./types.js";
export { describeRefusal, REFUSAL_TEXT } from "./refusals.js";
