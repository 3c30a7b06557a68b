import type { Address, Hex } from "viem";

import type { WeconetContext } from "../client.js";
import { APPLICATION_STATUSES, AUTHORITY_LEVELS, type ApplicationStatus, type AuthorityLevel } from "../errors.js";
import type { RowOf } from "../model/tables.js";
import { inOneBatch } from "./batch.js";
import { pageOf, readPoint, type PageOptions, type ViewPage } from "./rows.js";

/** A registered application. */
export interface ApplicationView {
  account: Address;
  developer: Address;
  name: string;
  metadataURI: string;
  attributeIds: readonly number[];
  purpose: Hex;
  status: ApplicationStatus;
  registeredAt: number;
  /** The authority of the suspension in force ("none" unless suspended): only the same or a higher one lifts it. */
  suspendedBy: AuthorityLevel;
  /** Whether it may hold access now: active, and its developer an active member holding the developer role. */
  live: boolean;
}

/** An application's facts (an `application` row, or the registry's struct). */
export type ApplicationFacts = RowOf<"application">;

/** The one builder of an {@link ApplicationView}: its facts and whether the registry holds it live now. */
export function applicationView(a: ApplicationFacts, live: boolean): ApplicationView {
  return {
    account: a.account,
    developer: a.developer,
    name: a.name,
    metadataURI: a.metadataURI,
    attributeIds: a.attributeIds,
    purpose: a.purpose,
    status: a.status,
    registeredAt: a.registeredAt,
    suspendedBy: AUTHORITY_LEVELS[a.suspendedBy] ?? "none",
    live,
  };
}

/** Application `account` as the registry holds it (status "none" when there is none), in one request. */
export async function readApplication(ctx: WeconetContext, account: Address): Promise<ApplicationView> {
  return inOneBatch(ctx, undefined, async (batch) => {
    const [a, live] = await Promise.all([
      batch.view("applications", "application", [account]),
      batch.view("applications", "isLive", [account]),
    ]);
    return applicationView({ ...a, account, status: APPLICATION_STATUSES[a.status] ?? "none" }, live);
  });
}

/**
 * Registered applications (the `application` rows: the contract cannot list them), in the order they were
 * registered, with whether each is live now (the registry's view, for the page in one batch); optionally only
 * one developer's, or only those in `statuses`.
 */
export async function listApplications(
  ctx: WeconetContext,
  options: PageOptions & { developer?: Address; statuses?: readonly ApplicationStatus[] } = {},
): Promise<ViewPage<ApplicationView>> {
  const { rows, block } = await readPoint(ctx);
  return pageOf(
    rows,
    "application",
    {
      where: {
        ...(options.developer === undefined ? {} : { developer: options.developer }),
        ...(options.statuses === undefined ? {} : { status: { in: options.statuses } }),
      },
      orderBy: "registeredAt",
    },
    options,
    (apps) =>
      inOneBatch(ctx, block, (batch) =>
        Promise.all(apps.map(async (a) => applicationView(a, await batch.view("applications", "isLive", [a.account])))),
      ),
  );
}
