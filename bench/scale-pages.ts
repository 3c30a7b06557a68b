/**
 * What each page of the dApp (frontend/app/*) reads to show its data, as SDK calls: the scale benchmark times a
 * page as all of its reads at once (the page fires them together). Keep in step with the pages' queries. Lists
 * that grow with the network are read a page at a time (the first 50), as a page shows them.
 */
import type { Address } from "viem";

import { CONNECTION_STATES, type Weconet } from "@weconet/sdk";

/** The accounts whose pages are read: a provider and a consumer with bookings, an owner with connections. */
export interface PageAccounts {
  provider: Address;
  consumer: Address;
  owner: Address;
}

/** One page: its route and its reads, by the name of the list each fills. */
export interface PageData {
  route: string;
  reads: Record<string, (w: Weconet, a: PageAccounts) => Promise<unknown>>;
  /** Reads only the node (the page has no indexed list): not timed through the indexer. */
  nodeOnly?: string;
}

/** The newest events the audit page shows first. */
const AUDIT_PAGE = 100;
/** A page of a list that grows with the network (the lists are paged on the server: `limit`/`after`). */
const limit = 50;

export const PAGES: readonly PageData[] = [
  {
    route: "/",
    reads: {
      status: (w) => w.reads.status(),
      members: (w) => w.reads.members({ limit }),
      attributes: (w) => w.reads.attributes(),
      resources: (w) => w.reads.resources({ limit }),
    },
  },
  {
    route: "/governance",
    reads: {
      proposals: (w) => w.reads.proposals({ limit }),
      rules: (w) => w.reads.rules(),
      members: (w) => w.reads.members({ limit }),
    },
  },
  {
    route: "/market",
    reads: {
      attributes: (w) => w.reads.attributes(),
      offers: (w) => w.reads.offers({ all: true, limit }),
      resources: (w, a) => w.reads.resources({ owner: a.provider, activeOnly: true, limit }),
      bookings: (w, a) => w.reads.bookings({ party: a.consumer, limit }),
      credits: (w, a) => w.reads.credits(a.consumer),
      marketRequests: (w) => w.reads.marketRequests({ limit }),
    },
  },
  {
    route: "/connections",
    reads: {
      attributes: (w) => w.reads.attributes(),
      applications: (w) => w.reads.applications({ limit }),
      members: (w) => w.reads.members({ limit }),
      rules: (w) => w.reads.rules(),
      given: (w, a) => w.reads.connections({ member: a.owner, direction: "given", states: ["live", "expired"], limit }),
      received: (w, a) =>
        w.reads.connections({ member: a.owner, direction: "received", states: CONNECTION_STATES, limit }),
      incoming: (w, a) => w.reads.requests({ member: a.owner, direction: "incoming", limit }),
      outgoing: (w, a) => w.reads.requests({ member: a.owner, direction: "outgoing", limit }),
    },
  },
  {
    route: "/data",
    reads: {
      attributes: (w) => w.reads.attributes(),
      applications: (w) => w.reads.applications({ limit }),
      given: (w, a) => w.reads.connections({ member: a.owner, direction: "given", states: ["live"], limit }),
    },
  },
  {
    route: "/leaders",
    reads: {
      members: (w) => w.reads.members({ limit }),
      applications: (w) => w.reads.applications({ limit }),
      disputes: (w) => w.reads.bookings({ statuses: ["disputed"], limit }),
    },
  },
  {
    route: "/developers",
    reads: {
      applications: (w) => w.reads.applications({ limit }),
      attributes: (w) => w.reads.attributes(),
      member: (w, a) => w.reads.member(a.owner),
    },
  },
  {
    route: "/audit",
    nodeOnly: "the trail is the chain's own logs, read from the node",
    reads: {
      events: async (w) => {
        const newest: unknown[] = [];
        for await (const e of w.audit.events()) {
          newest.push(e);
          if (newest.length > AUDIT_PAGE) newest.shift();
        }
        return newest;
      },
    },
  },
];
