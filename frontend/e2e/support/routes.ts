import { readdirSync } from "node:fs";
import path from "node:path";

import { inject } from "vitest";

/**
 * Every page of the dApp, in one place: the end-to-end suite visits each for every role, times its first load and
 * checks its title. A new page (any frontend/app/**\/page.tsx) must be added here — pages.e2e.ts fails naming it
 * until it is.
 */
export interface Route {
  name: string;
  /** The app route (its folder under frontend/app): "/governance/[id]". */
  route: string;
  /** The address to visit; a function for a route with parameters (it may read the chain for them). */
  path: string | (() => Promise<string>);
  /** What shows that the page's data has arrived (for a visitor and for every role). */
  ready: string;
  /** The tab's title before " · Weconet". */
  title: string;
}

export const ROUTES: readonly Route[] = [
  { name: "network", route: "/", path: "/", ready: '[data-testid="members"] tbody tr', title: "Network" },
  {
    name: "governance",
    route: "/governance",
    path: "/governance",
    ready: "article[data-proposal]",
    title: "Governance",
  },
  // Without a wallet My data shows where the data lives: the socket URL, read from the chain's SocketDirectory.
  { name: "data", route: "/data", path: "/data", ready: '[data-testid="socket-url"]', title: "My data" },
  {
    name: "connections",
    route: "/connections",
    path: "/connections",
    ready: '[data-testid="grant-form"] input[type="checkbox"]',
    title: "Connections",
  },
  {
    name: "market",
    route: "/market",
    path: "/market",
    ready: '[data-testid="live-offers"] [data-offer]',
    title: "Market",
  },
  {
    name: "leaders",
    route: "/leaders",
    path: "/leaders",
    ready: '[data-testid="applicants"] tbody tr',
    title: "Leaders",
  },
  {
    name: "developers",
    route: "/developers",
    path: "/developers",
    ready: '[data-testid="applications"] li',
    title: "Developers",
  },
  { name: "audit", route: "/audit", path: "/audit", ready: '[data-testid="timeline"] tbody tr', title: "Audit" },
  {
    name: "me",
    route: "/membership",
    path: "/membership",
    // A wallet that is no member (and a visitor) sees what it can do next; a member their profile.
    ready: '[data-testid="next-steps"], [data-testid="my-profile"]',
    title: "Me",
  },
  {
    name: "proposal",
    route: "/governance/[id]",
    path: firstProposalPath,
    ready: '[data-testid="proposal-dates"]',
    title: "Proposal",
  },
];

/** The permalink of the newest proposal, as the governance page links it. */
async function firstProposalPath(): Promise<string> {
  const html = await (await fetch(new URL("/governance", inject("stack").dappUrl))).text();
  const found = /href="(\/governance\/\d+)"/.exec(html)?.[1];
  if (found === undefined) throw new Error("the governance page links no proposal: the demo should have one");
  return found;
}

/** The people the suite acts as (the demo's, see .weconet/demo/<deployment>/people.json); a visitor has no wallet. */
export const ROLES = [
  { role: "visitor", person: undefined },
  // The deployer holds no power after the deployment and never applied: a wallet that is no member.
  { role: "non-member", person: "deployer" },
  { role: "member", person: "alice" },
  { role: "leader", person: "lars" },
  { role: "developer", person: "daan" },
  { role: "manager", person: "manager" },
] as const;

/** The address to visit for `route`. */
export async function pathOf(route: Route): Promise<string> {
  return typeof route.path === "string" ? route.path : route.path();
}

/** The dApp's page routes, from its app folder (route groups "(x)" add no segment). */
export function appRoutes(dir = path.resolve(import.meta.dirname, "..", "..", "app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name)) routes.push(prefix === "" ? "/" : prefix);
    if (entry.isDirectory() && entry.name !== "api" && !entry.name.startsWith("_")) {
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      routes.push(...appRoutes(path.join(dir, entry.name), prefix + segment));
    }
  }
  return routes.sort();
}
