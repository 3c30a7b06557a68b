import { inject } from "vitest";

import { readDemoPeople } from "../../server/demo-people";
import type { DevWalletAccount } from "../../lib/network";

/**
 * A demo person of the running stack, from the people file the main command wrote beside its deployment (the file
 * the dApp's server reads too).
 */
export function person(name: string): DevWalletAccount {
  const { peopleFile } = inject("stack");
  const found = readDemoPeople(peopleFile)?.people.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no demo person ${name} in ${peopleFile}`);
  return found;
}
