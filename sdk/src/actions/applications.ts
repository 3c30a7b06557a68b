import type { Address, Hex } from "viem";

import { send, type Sent, type WeconetContext } from "../client.js";
import { toBytes32Code } from "../codes.js";
import { attributeSetOf } from "../reads/taxonomy.js";
import type { AttributeRef } from "./access.js";

/** What an application asks members for, and how it presents itself. */
export interface ApplicationDescription {
  /** The address the application's back end signs data-socket requests with (not a member's, not the developer's). */
  account: Address;
  /** Its name (1 to 64 bytes). */
  name: string;
  /** Where its description, terms and privacy statement are (1 to 256 bytes). */
  metadataURI: string;
  /** The person attributes it asks members for (ids or names; sorted by the SDK). */
  attributes: readonly AttributeRef[];
  /** The purpose it asks them for: a short code or a 32-byte hash. */
  purpose: Hex | string;
}

/** What community developers do with their applications, and what leaders (or the members' vote) do about them. */
export function applicationActions(ctx: WeconetContext) {
  const describe = async (d: ApplicationDescription) =>
    [d.account, d.name, d.metadataURI, await attributeSetOf(ctx, d.attributes), toBytes32Code(d.purpose)] as const;
  return {
    /** A developer (an active member with the developer role) registers an application under its account. */
    register: async (d: ApplicationDescription): Promise<Sent> =>
      send(ctx, "applications", "register", await describe(d), { doing: `register application ${d.account}` }),
    /** Its developer replaces the application's description. */
    update: async (d: ApplicationDescription): Promise<Sent> =>
      send(ctx, "applications", "update", await describe(d), { doing: `update application ${d.account}` }),
    /** Its developer retires the application for good: every connection to it stops authorizing. */
    retire: ({ account }: { account: Address }): Promise<Sent> =>
      send(ctx, "applications", "retire", [account], { doing: `retire application ${account}` }),
    /** A leader or the manager suspends an application (short reason code): all its access stops at once. */
    suspend: ({ account, reason }: { account: Address; reason: string }): Promise<Sent> =>
      send(ctx, "applications", "suspend", [account, toBytes32Code(reason)], {
        doing: `suspend application ${account}`,
      }),
    /** A leader or the manager reinstates a suspended application. */
    reinstate: ({ account }: { account: Address }): Promise<Sent> =>
      send(ctx, "applications", "reinstate", [account], { doing: `reinstate application ${account}` }),
  };
}
