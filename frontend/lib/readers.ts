import type { Address, Hex } from "viem";

import type { ConnectionView } from "@weconet/sdk";

/** Someone who may read one of my attributes now, and under which consent. */
export interface Reader {
  grantee: Address;
  kind: ConnectionView["granteeKind"];
  source: ConnectionView["source"];
  /** The purpose code (a W3C DPV term's). */
  purpose: Hex;
  expiresAt: number;
}

/**
 * Who may read each of my attributes now, from the connections I gave: a live consent's attributes that authorize
 * now (a suspended party or a deprecated attribute authorizes nothing, as the socket's live check says). Keyed by
 * attribute id; one entry per consent (a grantee may hold their own and a booking's).
 */
export function readersByAttribute(connections: readonly ConnectionView[]): Map<number, Reader[]> {
  const readers = new Map<number, Reader[]>();
  for (const c of connections) {
    if (c.state !== "live") continue;
    for (const id of c.authorizedAttributes) {
      const list = readers.get(id) ?? [];
      list.push({
        grantee: c.grantee,
        kind: c.granteeKind,
        source: c.source,
        purpose: c.purpose,
        expiresAt: c.expiresAt,
      });
      readers.set(id, list);
    }
  }
  return readers;
}
