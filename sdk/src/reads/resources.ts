import type { Address, Hex } from "viem";

import type { WeconetContext } from "../client.js";

/** A member's resource. */
export interface ResourceView {
  id: bigint;
  owner: Address;
  classId: number;
  metadata: Hex;
  active: boolean;
  registeredAt: number;
}

/** Every resource (ids run from 1 to the count), optionally only one owner's or only active ones. */
export async function listResources(
  ctx: WeconetContext,
  options: { owner?: Address; activeOnly?: boolean; blockNumber?: bigint } = {},
): Promise<ResourceView[]> {
  const resources = ctx.contracts.resources;
  const at = options.blockNumber === undefined ? {} : { blockNumber: options.blockNumber };
  const count = await resources.read.resourceCount(at);
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const all = await Promise.all(ids.map(async (id) => ({ id, ...(await resources.read.resource([id], at)) })));
  return all.filter(
    (r) =>
      (options.owner === undefined || r.owner.toLowerCase() === options.owner.toLowerCase()) &&
      (options.activeOnly !== true || r.active),
  );
}
