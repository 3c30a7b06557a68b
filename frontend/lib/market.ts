import { zeroAddress, type Address } from "viem";

import { ETH_TOKEN, type TokenInfo } from "@weconet/sdk";

// Listing an offer (offer-draft.ts) and a booking's buttons (booking-controls.ts) have modules of their own: the
// market's first visit loads this one, and neither form.

// Amounts and counts read and parse with the SDK's formatters (sdk/src/format), shared with the CLI.
export { ETH_TOKEN, formatAmount, parseAmount, parseCount } from "@weconet/sdk";
export type { TokenInfo } from "@weconet/sdk";

/**
 * The arguments of the `tokens` read for the tokens of a list (undefined while the list is read): each once, in a
 * stable order, so that the same tokens make the same query.
 */
export function tokenArgs(tokens: readonly Address[] | undefined): [readonly Address[]] | undefined {
  if (tokens === undefined) return undefined;
  return [[...new Set(tokens.map((t) => t.toLowerCase() as Address))].sort()];
}

/** The token's info, or a neutral one while it is read. */
export function tokenOf(tokens: readonly TokenInfo[] | undefined, address: Address): TokenInfo {
  return (
    tokens?.find((t) => t.address.toLowerCase() === address.toLowerCase()) ??
    (address === zeroAddress ? ETH_TOKEN : { address, symbol: "tokens", decimals: 18 })
  );
}

/** "1 unit", "3 units" */
export const units = (n: bigint) => `${n} unit${n === 1n ? "" : "s"}`;

/** What an offer document says for people: its title and description (a JSON document, or plain text). */
export interface OfferText {
  title: string | undefined;
  description: string | undefined;
  /** Its attribute values (taxonomy name → value), which the matcher compares with a need. */
  attributes: Record<string, unknown>;
}

/**
 * The title, description and attribute values of an offer document's text: JSON `{ title, description, attributes }`
 * (as the demo and the listing form write it), or any other text as the description.
 */
export function offerTextOf(text: string): OfferText {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { title: undefined, description: text.trim() || undefined, attributes: {} };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { title: undefined, description: text.trim() || undefined, attributes: {} };
  }
  const doc = parsed as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  const attributes =
    typeof doc.attributes === "object" && doc.attributes !== null && !Array.isArray(doc.attributes)
      ? (doc.attributes as Record<string, unknown>)
      : {};
  return { title: str(doc.title), description: str(doc.description), attributes };
}
