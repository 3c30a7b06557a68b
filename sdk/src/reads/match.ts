import { zeroAddress } from "viem";

import type { WeconetContext } from "../client.js";
import { chainTime } from "../client.js";
import {
  matchOffers,
  type DocumentResolver,
  type MatchOutcome,
  type MatchRequest,
  type MatchWeights,
} from "../matching.js";
import { classAndSubclasses, listOffers } from "./market.js";
import { attributeIdOf, listAttributes } from "./taxonomy.js";
import { readToken } from "./tokens.js";

/**
 * Ranks the market's offers for `request` (see {@link matchOffers}): every offer in the request's token whose
 * class is the one asked, below it or above it in the taxonomy, bookable or not (the ones left out say why).
 */
export async function matchMarket(
  ctx: WeconetContext,
  request: MatchRequest,
  options: { resolveDocument?: DocumentResolver; weights?: Partial<MatchWeights> } = {},
): Promise<MatchOutcome> {
  const taxonomy = await listAttributes(ctx);
  const wanted = await attributeIdOf(ctx, request.class);
  const token = request.token ?? zeroAddress;
  const related = new Set(classAndSubclasses(wanted, taxonomy));
  const byId = new Map(taxonomy.map((a) => [a.id, a]));
  for (let id = byId.get(wanted)?.parent ?? 0; id !== 0 && !related.has(id); id = byId.get(id)?.parent ?? 0) {
    related.add(id);
  }
  const [offers, now, { decimals, symbol }] = await Promise.all([
    listOffers(ctx, { token, all: true }).then((page) => page.items),
    chainTime(ctx),
    readToken(ctx, token),
  ]);
  return matchOffers(
    { ...request, class: wanted, token },
    offers.filter((o) => related.has(o.classId)),
    { taxonomy, now, decimals, symbol, ...options },
  );
}
