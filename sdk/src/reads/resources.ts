import type { Address, Hex } from "viem";

import type { WeconetContext } from "../client.js";
import type { RowOf } from "../model/tables.js";
import { pageOf, readPoint, type PageOptions, type ViewPage } from "./rows.js";

/** A member's resource. */
export interface ResourceView {
  id: bigint;
  owner: Address;
  classId: number;
  metadata: Hex;
  active: boolean;
  registeredAt: number;
}

/** The one builder of a {@link ResourceView}, from a `resource` row. */
export function resourceView(r: RowOf<"resource">): ResourceView {
  return {
    id: r.id,
    owner: r.owner,
    classId: r.classId,
    metadata: r.metadata,
    active: r.active,
    registeredAt: r.registeredAt,
  };
}

/** Resources by id, optionally only one owner's or only active ones. */
export async function listResources(
  ctx: WeconetContext,
  options: PageOptions & { owner?: Address; activeOnly?: boolean } = {},
): Promise<ViewPage<ResourceView>> {
  const { rows } = await readPoint(ctx);
  return pageOf(
    rows,
    "resource",
    {
      where: {
        ...(options.owner === undefined ? {} : { owner: options.owner }),
        ...(options.activeOnly === true ? { active: true } : {}),
      },
    },
    options,
    async (resources) => resources.map(resourceView),
  );
}
