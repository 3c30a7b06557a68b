import type { Hex } from "viem";

import { eventIn, send, type Sent, type WeconetContext } from "../client.js";
import { toContentHash } from "../codes.js";
import { attributeIdOf } from "../reads/taxonomy.js";

/** A resource class: its taxonomy id, or its name (looked up). */
export type ClassRef = number | string;

/** What members do with their resources. */
export function resourceActions(ctx: WeconetContext) {
  return {
    /** Registers a resource of a taxonomy class, described by an off-chain document (its hash, or the text to hash). */
    register: async ({
      resourceClass,
      metadata,
    }: {
      resourceClass: ClassRef;
      metadata: Hex | string;
    }): Promise<Sent & { resourceId: bigint }> => {
      const classId = await attributeIdOf(ctx, resourceClass);
      const sent = await send(ctx, "resources", "register", [classId, toContentHash(metadata)], {
        doing: "register resource",
      });
      return { ...sent, resourceId: eventIn(ctx, sent.receipt, "resources", "ResourceRegistered").args.id };
    },
    /** Changes the class and description of one's resource. */
    update: async ({
      resourceId,
      resourceClass,
      metadata,
    }: {
      resourceId: bigint;
      resourceClass: ClassRef;
      metadata: Hex | string;
    }): Promise<Sent> =>
      send(ctx, "resources", "update", [resourceId, await attributeIdOf(ctx, resourceClass), toContentHash(metadata)], {
        doing: `update resource ${resourceId}`,
      }),
    /** Switches one's resource on or off. */
    setActive: ({ resourceId, active }: { resourceId: bigint; active: boolean }): Promise<Sent> =>
      send(ctx, "resources", "setActive", [resourceId, active], {
        doing: `switch resource ${resourceId} ${active ? "on" : "off"}`,
      }),
  };
}
