import type { Hex } from "viem";

import { eventIn, send, type Sent, type WeconetContext } from "../client.js";
import { toContentHash } from "../codes.js";
import { WeconetError } from "../errors.js";
import { checkResource, type ResourceDocument } from "../member-documents.js";
import { attributeIdOf } from "../reads/taxonomy.js";

/** A resource class: its taxonomy id, or its name (looked up). */
export type ClassRef = number | string;

/**
 * The content hash of a resource's description: of its canonical document text when given as fields (checked
 * first: a bad field throws a readable error and nothing is sent), else of the text, or the hash as given.
 */
function metadataHash(metadata: Hex | string | ResourceDocument, doing: string): Hex {
  if (typeof metadata !== "object") return toContentHash(metadata);
  const checked = checkResource(metadata);
  if (!checked.ok) throw new WeconetError(`${doing}: ${Object.values(checked.errors).join(" ")}`);
  return checked.hash;
}

/** What members do with their resources. */
export function resourceActions(ctx: WeconetContext) {
  return {
    /**
     * Registers a resource of a taxonomy class, described by an off-chain document: its fields (see
     * `resourceText`, the document to publish), its text, or its hash.
     */
    register: async ({
      resourceClass,
      metadata,
    }: {
      resourceClass: ClassRef;
      metadata: Hex | string | ResourceDocument;
    }): Promise<Sent & { resourceId: bigint }> => {
      const hash = metadataHash(metadata, "register resource");
      const classId = await attributeIdOf(ctx, resourceClass);
      const sent = await send(ctx, "resources", "register", [classId, hash], {
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
      metadata: Hex | string | ResourceDocument;
    }): Promise<Sent> => {
      const hash = metadataHash(metadata, `update resource ${resourceId}`);
      return send(ctx, "resources", "update", [resourceId, await attributeIdOf(ctx, resourceClass), hash], {
        doing: `update resource ${resourceId}`,
      });
    },
    /** Switches one's resource on or off. */
    setActive: ({ resourceId, active }: { resourceId: bigint; active: boolean }): Promise<Sent> =>
      send(ctx, "resources", "setActive", [resourceId, active], {
        doing: `switch resource ${resourceId} ${active ? "on" : "off"}`,
      }),
  };
}
