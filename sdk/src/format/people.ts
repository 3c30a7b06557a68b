/**
 * People by name where a name is known (the demo people, a member's profile), else by their short address: what
 * a sentence shows of an account. Text with addresses in it (an error message) can be rewritten the same way.
 */
import type { Address } from "viem";

import { sameAddress, shortAddress } from "./ids.js";

/** The name of an account, when one is known. */
export type PersonNames = (address: Address) => string | undefined;

/** Names from a list of named accounts (such as the demo people), matched without checksum case. */
export function personNames(people: readonly { address: string; name: string }[]): PersonNames {
  return (address) => people.find((p) => sameAddress(p.address, address))?.name;
}

/** "Ada (0x1234…abcd)" when `names` knows the account, else "0x1234…abcd". */
export function personName(address: Address, names?: PersonNames): string {
  const name = names?.(address);
  return name === undefined ? shortAddress(address) : `${name} (${shortAddress(address)})`;
}

/** `text` with every address in it as {@link personName} reads it (for messages that name accounts). */
export function withPersonNames(text: string, names?: PersonNames): string {
  return text.replace(/0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g, (address) => personName(address as Address, names));
}
