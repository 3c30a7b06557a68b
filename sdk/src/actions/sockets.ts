import type { Hex } from "viem";

import { eventIn, send, type Sent, type WeconetContext } from "../client.js";
import { WeconetError } from "../errors.js";
import { checkSocketUrl } from "../socket-url.js";

/** Where a member's data lives (the socket directory), and the socket operators' receipt anchors. */
export function socketActions(ctx: WeconetContext) {
  return {
    /** Names `url` as the acting member's own socket (an active member only; checked before sending). */
    set: async ({ url }: { url: string }): Promise<Sent> => {
      const doing = `set socket ${url}`;
      return send(ctx, "socketDirectory", "setSocket", [checkSocketUrl(url, doing)], { doing });
    },
    /** Drops the acting member's own socket: the network's default serves them again. */
    clear: (): Promise<Sent> => send(ctx, "socketDirectory", "clearSocket", [], { doing: "clear socket" }),
    /**
     * Anchors the acting operator's receipt logs: the Merkle root of their heads and the number of receipts it
     * covers, which must exceed the operator's previous anchor (a log only grows).
     */
    anchor: async ({ root, receipts }: { root: Hex; receipts: bigint | number }): Promise<Sent & { seq: bigint }> => {
      if (!/^0x[0-9a-fA-F]{64}$/.test(root)) {
        throw new WeconetError(`anchor: the root must be a 32-byte hex value, not "${root}"`);
      }
      const count = BigInt(receipts);
      if (count < 1n || count >= 2n ** 64n) {
        throw new WeconetError(`anchor: the receipt count must be between 1 and 2^64 - 1, not ${count}`);
      }
      const sent = await send(ctx, "receiptAnchors", "anchor", [root, count], {
        doing: `anchor ${count} receipts`,
      });
      return { ...sent, seq: eventIn(ctx, sent.receipt, "receiptAnchors", "ReceiptsAnchored").args.seq };
    },
  };
}
