import { SocketError } from "@weconet/sdk";

import { socketErrorText } from "./socket-errors";

/**
 * A failure in words, without decoding contract errors (that needs every ABI: see lib/failure.ts, loaded with the
 * actions): reads fail on the dApp's server, which words them; a wallet says why it refused; the data socket's
 * refusals have words of their own.
 */
export function messageOf(error: unknown): string {
  if (error instanceof SocketError) return socketErrorText(error);
  if (error instanceof Error) {
    // viem's errors carry a one-line summary beside their multi-line details.
    const short = (error as Error & { shortMessage?: unknown }).shortMessage;
    return typeof short === "string" && short !== "" ? short : error.message;
  }
  return String(error);
}
