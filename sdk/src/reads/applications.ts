import type { Address, Hex } from "viem";

import { readEvents, type ReadEventsOptions } from "../audit/reader.js";
import type { WeconetContext } from "../client.js";
import { foldToMemory } from "../model/fold.js";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../errors.js";

/** A registered application, from the registry's views. */
export interface ApplicationView {
  account: Address;
  developer: Address;
  name: string;
  metadataURI: string;
  attributeIds: readonly number[];
  purpose: Hex;
  status: ApplicationStatus;
  registeredAt: number;
  /** Whether it may hold access now: active, and its developer an active member holding the developer role. */
  live: boolean;
}

type ReadOptions = Pick<ReadEventsOptions, "fromBlock" | "toBlock" | "onProgress" | "source">;

/** Application `account` as the registry holds it (status "none" when there is none). */
export async function readApplication(ctx: WeconetContext, account: Address): Promise<ApplicationView> {
  const registry = ctx.contracts.applications;
  const [a, live] = await Promise.all([registry.read.application([account]), registry.read.isLive([account])]);
  return {
    account,
    developer: a.developer,
    name: a.name,
    metadataURI: a.metadataURI,
    attributeIds: a.attributeIds,
    purpose: a.purpose,
    status: APPLICATION_STATUSES[a.status] ?? "none",
    registeredAt: a.registeredAt,
    live,
  };
}

/**
 * Every registered application (found in the registry's events: the contract cannot list them), as the registry
 * holds it now; optionally only one developer's, or only those in `statuses`.
 */
export async function listApplications(
  ctx: WeconetContext,
  options: ReadOptions & { developer?: Address; statuses?: readonly ApplicationStatus[] } = {},
): Promise<ApplicationView[]> {
  const store = await foldToMemory(
    readEvents(ctx.publicClient, ctx.deployment, { ...options, contracts: ["applications"] }),
  );
  const views = await Promise.all(store.rows("application").map((a) => readApplication(ctx, a.account)));
  return views.filter(
    (v) =>
      (options.developer === undefined || v.developer.toLowerCase() === options.developer.toLowerCase()) &&
      (options.statuses === undefined || options.statuses.includes(v.status)),
  );
}
