import type { RefusalReason, SocketErrorCode } from "@weconet/sdk";

/** The HTTP status of each error code (docs/socket.md lists them). */
export const STATUS_OF: Record<SocketErrorCode, 400 | 401 | 403 | 404 | 413 | 500 | 503> = {
  bad_request: 400,
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  not_authorized: 403,
  not_found: 404,
  no_value: 404,
  unknown_attribute: 400,
  deprecated_attribute: 400,
  not_a_person_attribute: 400,
  wrong_type: 400,
  too_large: 413,
  malformed_hash: 400,
  hash_mismatch: 400,
  chain_unreachable: 503,
  internal: 500,
};

/** An error the API answers with `{ error: { code, message, reason? } }` and the code's status. */
export class ApiError extends Error {
  readonly status: (typeof STATUS_OF)[SocketErrorCode];
  constructor(
    readonly code: SocketErrorCode,
    message: string,
    readonly reason?: RefusalReason,
  ) {
    super(message);
    this.status = STATUS_OF[code];
  }
  body() {
    return {
      error: { code: this.code, message: this.message, ...(this.reason === undefined ? {} : { reason: this.reason }) },
    };
  }
}

/** The chain could not be asked: the socket refuses (fails closed) rather than guess. */
export function chainUnreachable(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  return new ApiError("chain_unreachable", `the chain cannot be reached, so nothing is released: ${detail}`);
}
