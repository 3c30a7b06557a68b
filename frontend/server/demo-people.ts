import { existsSync, readFileSync } from "node:fs";

import { getAddress, isAddress, isHex, type Address } from "viem";

import type { DevWalletAccount } from "../lib/network";

/**
 * The demo's people, as the main command wrote them next to its deployment (`.weconet/demo/<deployment>/people.json`,
 * see scripts/start.ts): a name, what they do, and their development account. Data, not code: the dApp knows nothing
 * of the demo but this file.
 */
export interface DemoPeopleFile {
  chainId: number;
  /** The deployment's Membership contract: a file left from another deployment is not used. */
  membership: Address;
  people: DevWalletAccount[];
}

function problem(file: string, what: string): Error {
  return new Error(`${file}: ${what} (it is written by npm start; run it again to rewrite it)`);
}

function person(file: string, value: unknown, index: number): DevWalletAccount {
  if (typeof value !== "object" || value === null) throw problem(file, `people[${index}] is not an object`);
  const p = value as Record<string, unknown>;
  if (typeof p.name !== "string" || p.name === "") throw problem(file, `people[${index}] has no name`);
  if (typeof p.role !== "string") throw problem(file, `people[${index}] (${p.name}) has no role`);
  if (typeof p.address !== "string" || !isAddress(p.address)) {
    throw problem(file, `people[${index}] (${p.name}) has no valid address`);
  }
  if (typeof p.privateKey !== "string" || !isHex(p.privateKey) || p.privateKey.length !== 66) {
    throw problem(file, `people[${index}] (${p.name}) has no 32-byte private key`);
  }
  return { name: p.name, role: p.role, address: getAddress(p.address), privateKey: p.privateKey };
}

/** The people file at `file`, checked; undefined when there is none. */
export function readDemoPeople(file: string): DemoPeopleFile | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw problem(file, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null) throw problem(file, "not an object");
  const f = parsed as Record<string, unknown>;
  if (typeof f.chainId !== "number") throw problem(file, "no chainId");
  if (typeof f.membership !== "string" || !isAddress(f.membership)) throw problem(file, "no membership address");
  if (!Array.isArray(f.people)) throw problem(file, "no people");
  return {
    chainId: f.chainId,
    membership: getAddress(f.membership),
    people: f.people.map((p, i) => person(file, p, i)),
  };
}
