/**
 * What each page of the dApp (frontend/app/*) reads to show its data, as SDK calls: the scale benchmark times a
 * page as all of its reads at once (the page fires them together). Keep in step with the pages' queries.
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

export const PAGES: readonly PageData[] = [
  {
    route: "/",
    reads: {
      status: (w) => w.reads.status(),
      members: (w) => w.reads.members(),
      attributes: (w) => w.reads.attributes(),
      resources: (w) => w.reads.resources(),
    },
  },
  {
    route: "/governance",
    reads: {
      proposals: (w) => w.reads.proposals(),
      rules: (w) => w.reads.rules(),
      members: (w) => w.reads.members(),
    },
  },
  {
    route: "/market",
    reads: {
      attributes: (w) => w.reads.attributes(),
      offers: (w) => w.reads.offers({ all: true }),
      resources: (w, a) => w.reads.resources({ owner: a.provider, activeOnly: true }),
      bookings: (w, a) => w.reads.bookings({ party: a.consumer }),
      credits: (w, a) => w.reads.credits(a.consumer),
      marketRequests: (w) => w.reads.marketRequests(),
    },
  },
  {
    route: "/connections",
    reads: {
      attributes: (w) => w.reads.attributes(),
      applications: (w) => w.reads.applications(),
      members: (w) => w.reads.members(),
      rules: (w) => w.reads.rules(),
      given: (w, a) => w.reads.connections({ member: a.owner, direction: "given", states: ["live", "expired"] }),
      received: (w, a) => w.reads.connections({ member: a.owner, direction: "received", states: CONNECTION_STATES }),
      incoming: (w, a) => w.reads.requests({ member: a.owner, direction: "incoming" }),
      outgoing: (w, a) => w.reads.requests({ member: a.owner, direction: "outgoing" }),
    },
  },
  {
    route: "/data",
    reads: {
      attributes: (w) => w.reads.attributes(),
      applications: (w) => w.reads.applications(),
      given: (w, a) => w.reads.connections({ member: a.owner, direction: "given", states: ["live"] }),
    },
  },
  {
    route: "/leaders",
    reads: {
      members: (w) => w.reads.members(),
      applications: (w) => w.reads.applications(),
      disputes: (w) => w.reads.bookings({ statuses: ["disputed"] }),
    },
  },
  {
    route: "/developers",
    reads: {
      applications: (w) => w.reads.applications(),
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
