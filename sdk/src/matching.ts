/**
 * Matching: rank the live offers for what a consumer asks, and say why. On-chain, the market matches a request
 * and an offer exactly (same class and token, price within the maximum, capacity); this ranks by how well each
 * offer fits — a subclass of the asked class fits, a broader class may — and by price, with one line per
 * criterion. An offer's attribute values are not on-chain: only its document's content hash is. They reach the
 * matcher through a resolver from hash to document text, which the matcher checks against the hash.
 */
import { keccak256, stringToHex, zeroAddress, type Address, type Hex } from "viem";

import type { Moment } from "./actions/access.js";
import { formatDate } from "./format/time.js";
import { formatAmount } from "./format/tokens.js";
import type { OfferView } from "./reads/market.js";
import type { Attribute } from "./reads/taxonomy.js";

/** What a wanted attribute value must be: equal to a value, one of several, within a range, or pass a test. */
export type AttributeWant =
  | string
  | number
  | boolean
  | { oneOf: readonly (string | number | boolean)[] }
  | { min?: number; max?: number }
  | ((value: unknown) => boolean);

/** What a consumer asks for. */
export interface MatchRequest {
  /** The class needed, by id or name. */
  class: number | string;
  quantity: bigint | number;
  /** The most the consumer pays per unit, in the smallest unit of `token`. */
  maxUnitPrice: bigint;
  /** The token the consumer pays in (default ETH): offers in other tokens are left out, prices compare in one. */
  token?: Address;
  /** Attribute values wanted, by taxonomy attribute name ("service_area": "Amsterdam", "lead_time": { max: 3600 }). */
  attributes?: Readonly<Record<string, AttributeWant>>;
  /** When the consumer needs it; an offer's validity must cover it (by default: the offer is bookable now). */
  when?: { from?: Moment; until?: Moment };
}

/**
 * An offer's document as the matcher reads it: JSON with `attributes` keyed by taxonomy attribute name. Other
 * fields (a description, terms, pictures) are the provider's business.
 */
export interface OfferDocument {
  attributes?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Finds an offer's document by its content hash: its text (IPFS, the provider's site, a data socket, a folder). */
export type DocumentResolver = (hash: Hex) => Promise<string | undefined> | string | undefined;

/** One criterion's part in a match: a score from 0 to 1 and why. */
export interface Criterion {
  criterion: "class" | "price" | "capacity" | "validity" | "attributes";
  score: number;
  weight: number;
  note: string;
}

/** A ranked offer. */
export interface Match {
  offer: OfferView;
  /** The ranking score, 0 to 1: how well it fits (weighted criteria) blended with how cheap it is. */
  score: number;
  /** How well it fits, 0 to 1 (the weighted criteria but price). */
  fit: number;
  /** The fit in words ("fits what you asked", "fits well", "fits in part", "may fit"), for people. */
  verdict: string;
  /** What the whole quantity costs, in the token's smallest unit. */
  total: bigint;
  criteria: Criterion[];
  /** In words, for people (the dApp and the CLI show these): the verdict and total first, then one line per criterion. */
  explanation: string[];
}

/** The outcome of a match: the ranked offers, and the offers left out with the reasons. */
export interface MatchOutcome {
  ranked: Match[];
  excluded: { offer: OfferView; reasons: string[] }[];
}

/** How much each criterion counts; `price` is blended with the fit of the others. Defaults: see {@link WEIGHTS}. */
export interface MatchWeights {
  class: number;
  attributes: number;
  capacity: number;
  validity: number;
  /** The share of the final score that rewards a lower price (0: rank by fit alone). */
  price: number;
}

export const WEIGHTS: MatchWeights = { class: 0.3, attributes: 0.3, capacity: 0.2, validity: 0.2, price: 0.25 };

const seconds = (moment: Moment | undefined): number | undefined =>
  moment === undefined ? undefined : moment instanceof Date ? Math.floor(moment.getTime() / 1000) : Number(moment);

const round = (x: number) => Math.round(x * 1000) / 1000;

/** "1 unit", "3 units" */
const units = (n: bigint | number) => `${n} unit${BigInt(n) === 1n ? "" : "s"}`;

/** A fit (the weighted criteria, 0 to 1) in words: what a person reads instead of a score. */
export function fitVerdict(fit: number): string {
  if (fit >= 0.95) return "fits what you asked";
  if (fit >= 0.8) return "fits well";
  if (fit >= 0.6) return "fits in part";
  return "may fit";
}

/** How `offerClass` relates to the `wanted` class in the taxonomy: the same, narrower (below), broader, or neither. */
function classRelation(
  wanted: number,
  offerClass: number,
  byId: ReadonlyMap<number, Attribute>,
): { kind: "exact" | "narrower" | "broader" | "unrelated"; levels: number } {
  if (wanted === offerClass) return { kind: "exact", levels: 0 };
  const levelsUp = (from: number, to: number): number | undefined => {
    let levels = 0;
    for (let id = byId.get(from)?.parent ?? 0; id !== 0; id = byId.get(id)?.parent ?? 0) {
      levels++;
      if (id === to) return levels;
      if (levels > 512) break;
    }
    return undefined;
  };
  const below = levelsUp(offerClass, wanted);
  if (below !== undefined) return { kind: "narrower", levels: below };
  const above = levelsUp(wanted, offerClass);
  if (above !== undefined) return { kind: "broader", levels: above };
  return { kind: "unrelated", levels: 0 };
}

/** Whether `value` is what `want` asks for. */
function satisfies(value: unknown, want: AttributeWant): boolean {
  if (typeof want === "function") return want(value);
  if (typeof want !== "object") {
    return typeof want === "string" && typeof value === "string"
      ? value.trim().toLowerCase() === want.trim().toLowerCase()
      : value === want;
  }
  if ("oneOf" in want) return want.oneOf.some((option) => satisfies(value, option));
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return false;
  return (want.min === undefined || n >= want.min) && (want.max === undefined || n <= want.max);
}

const describeWant = (want: AttributeWant): string =>
  typeof want === "function"
    ? "one passing the test"
    : typeof want !== "object"
      ? JSON.stringify(want)
      : "oneOf" in want
        ? `one of ${want.oneOf.map((v) => JSON.stringify(v)).join(", ")}`
        : [want.min === undefined ? "" : `at least ${want.min}`, want.max === undefined ? "" : `at most ${want.max}`]
            .filter((s) => s !== "")
            .join(" and ");

/** The document behind `hash`, parsed, if the resolver has it and it is what the hash says. */
async function documentOf(
  hash: Hex,
  resolve: DocumentResolver | undefined,
): Promise<{ document?: OfferDocument; problem?: string }> {
  if (resolve === undefined) return { problem: "no document resolver given: attribute values unknown" };
  const text = await resolve(hash);
  if (text === undefined) return { problem: `document ${hash} not found` };
  if (keccak256(stringToHex(text)) !== hash)
    return { problem: `the document found for ${hash} does not match its hash` };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return { problem: "the document is not a JSON object" };
    return { document: parsed as OfferDocument };
  } catch {
    return { problem: "the document is not JSON" };
  }
}

/**
 * Ranks `offers` for `request`: offers of an unrelated class, in another token, over the budget or outside the
 * time needed, or with fewer units left than asked (a booking takes all or nothing) are left out (with the
 * reasons); the rest are scored per criterion — class (exact 1; a narrower class 0.9, less per further level; a
 * broader one 0.5), capacity (what is left covers the quantity), validity
 * (covers the time needed 1, overlaps 0.5), attributes (the share of wanted values its document has) — and the
 * weighted fit is blended with price (1 − unit price / budget). Highest score first; ties by lower total, then id.
 */
export async function matchOffers(
  request: MatchRequest,
  offers: readonly OfferView[],
  context: {
    /** The taxonomy (for class relations and attribute names). */
    taxonomy: readonly Attribute[];
    /** From content hash to document text; without it, attribute wishes score as unknown. */
    resolveDocument?: DocumentResolver;
    /** The chain's time, for validity (default: now by the local clock). */
    now?: number;
    weights?: Partial<MatchWeights>;
    /** The token's decimals, for the explanations (default 18). */
    decimals?: number;
    /** The token's symbol, for the explanations (default: ETH for the zero address, else "tokens"). */
    symbol?: string;
  },
): Promise<MatchOutcome> {
  const weights = { ...WEIGHTS, ...context.weights };
  const byId = new Map(context.taxonomy.map((a) => [a.id, a]));
  const byName = new Map(context.taxonomy.map((a) => [a.name, a]));
  const wantedClass =
    typeof request.class === "number" ? request.class : (byName.get(request.class)?.id ?? Number(request.class));
  const wantedName = byId.get(wantedClass)?.name ?? `class ${wantedClass}`;
  const quantity = BigInt(request.quantity);
  const token = (request.token ?? zeroAddress).toLowerCase();
  const now = context.now ?? Math.floor(Date.now() / 1000);
  const from = seconds(request.when?.from) ?? now;
  const until = seconds(request.when?.until) ?? from;
  const wishes = Object.entries(request.attributes ?? {});
  for (const [name] of wishes) {
    if (!byName.has(name)) throw new Error(`matching: there is no attribute named "${name}" in the taxonomy`);
  }
  const symbol = context.symbol ?? (token === zeroAddress ? "ETH" : "tokens");
  const money = (amount: bigint) =>
    formatAmount(amount, { address: request.token ?? zeroAddress, symbol, decimals: context.decimals ?? 18 });

  const ranked: Match[] = [];
  const excluded: MatchOutcome["excluded"] = [];
  for (const offer of offers) {
    const reasons: string[] = [];
    const className = byId.get(offer.classId)?.name ?? `class ${offer.classId}`;
    const relation = classRelation(wantedClass, offer.classId, byId);
    if (relation.kind === "unrelated") reasons.push(`${className} is not related to ${wantedName}`);
    if (offer.token.toLowerCase() !== token) reasons.push(`priced in another token (${offer.token})`);
    if (offer.unitPrice > request.maxUnitPrice) {
      reasons.push(`${money(offer.unitPrice)} a unit is over the budget of ${money(request.maxUnitPrice)}`);
    }
    const validUntil = offer.validUntil === 0 ? Number.POSITIVE_INFINITY : offer.validUntil;
    const overlaps = offer.validFrom <= until && validUntil > from;
    if (!overlaps) reasons.push("not valid at the time needed");
    if (request.when === undefined && !offer.bookable) reasons.push("not bookable now");
    if (offer.remaining === 0n) reasons.push("sold out");
    // On-chain a booking takes the whole quantity or nothing: an offer with fewer units left does not fit.
    else if (offer.remaining < quantity)
      reasons.push(`only ${units(offer.remaining)} of the ${quantity} needed are left`);
    if (reasons.length > 0) {
      excluded.push({ offer, reasons });
      continue;
    }

    const criteria: Criterion[] = [];
    criteria.push(
      relation.kind === "exact"
        ? { criterion: "class", score: 1, weight: weights.class, note: `${className}: what you asked for` }
        : relation.kind === "narrower"
          ? {
              criterion: "class",
              score: Math.max(0.6, 0.9 - 0.1 * (relation.levels - 1)),
              weight: weights.class,
              note: `${className} is a kind of ${wantedName} (${relation.levels} level${relation.levels === 1 ? "" : "s"} below)`,
            }
          : {
              criterion: "class",
              score: 0.5,
              weight: weights.class,
              note: `${className} is broader than ${wantedName}: it may fit`,
            },
    );
    criteria.push({
      criterion: "capacity",
      score: 1,
      weight: weights.capacity,
      note: `${units(offer.remaining)} left, ${quantity} needed`,
    });
    const covers = offer.validFrom <= from && validUntil > until;
    criteria.push({
      criterion: "validity",
      score: covers ? 1 : 0.5,
      weight: weights.validity,
      note: covers
        ? offer.validUntil === 0
          ? "bookable with no end date"
          : `bookable until ${formatDate(offer.validUntil, { timeZone: "UTC" })}`
        : "bookable for only part of the time needed",
    });
    if (wishes.length > 0) {
      const { document, problem } = await documentOf(offer.metadata, context.resolveDocument);
      const values = document?.attributes ?? {};
      const lines: string[] = [];
      let met = 0;
      for (const [name, want] of wishes) {
        const value = values[name];
        if (value === undefined) lines.push(`${name} is not described`);
        else if (satisfies(value, want)) {
          met++;
          lines.push(`${name} is ${JSON.stringify(value)}, as wanted`);
        } else lines.push(`${name} is ${JSON.stringify(value)}, not ${describeWant(want)}`);
      }
      criteria.push({
        criterion: "attributes",
        score: met / wishes.length,
        weight: weights.attributes,
        note: `${met} of ${wishes.length} wanted values match: ${lines.join("; ")}${problem === undefined ? "" : ` (${problem})`}`,
      });
    }
    const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
    const fit = totalWeight === 0 ? 0 : criteria.reduce((sum, c) => sum + c.score * c.weight, 0) / totalWeight;
    const priceScore = request.maxUnitPrice === 0n ? 1 : 1 - Number(offer.unitPrice) / Number(request.maxUnitPrice);
    const score = round((1 - weights.price) * fit + weights.price * priceScore);
    const total = offer.unitPrice * quantity;
    // A broader class says itself that it may fit: the verdict does not promise more.
    const verdict = relation.kind === "broader" ? "may fit" : fitVerdict(fit);
    const share = Math.round((Number(offer.unitPrice) / Number(request.maxUnitPrice || 1n)) * 100);
    const price: Criterion = {
      criterion: "price",
      score: round(priceScore),
      weight: weights.price,
      note: `${money(offer.unitPrice)} a unit, ${share}% of the most you pay (${money(request.maxUnitPrice)})`,
    };
    ranked.push({
      offer,
      score,
      fit: round(fit),
      verdict,
      total,
      criteria: [...criteria, price],
      explanation: [
        `offer ${offer.id}: ${verdict}; ${money(total)} for ${units(quantity)}`,
        ...[...criteria, price].map((c) => c.note),
      ],
    });
  }
  ranked.sort(
    (a, b) => b.score - a.score || (a.total < b.total ? -1 : a.total > b.total ? 1 : Number(a.offer.id - b.offer.id)),
  );
  return { ranked, excluded };
}

/** A resolver over documents held in memory (e.g. fetched already): each is found by its keccak-256 hash. */
export function documentsResolver(documents: Iterable<string>): DocumentResolver {
  const byHash = new Map<Hex, string>();
  for (const text of documents) byHash.set(keccak256(stringToHex(text)), text);
  return (hash) => byHash.get(hash);
}
