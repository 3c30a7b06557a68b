/**
 * What the benchmark compares: which anchor operation does the same job as each Weconet operation, which floor
 * applies, and the targets. Declarative, so that a scenario's rows pair as soon as it measures them;
 * a pair whose operations are not measured (yet) prints as "not measured".
 *
 * An operation is named "domain: operation", e.g. "membership: admit" or "eas: attest". A side of a pair is a
 * list of operations whose gas is summed (joining the OpenZeppelin DAO takes a mint and a self-delegation).
 */
import { EAS_ANCHOR } from "./anchors/eas.js";
import { FLOOR, SLOT_FLOOR, TX_FLOOR } from "./anchors/floor.js";
import { OZ_GOVERNOR } from "./anchors/governor.js";
import { ARAGON, ORIGIN } from "./anchors/published.js";

/** Display names of the systems Weconet is compared with. */
export const ANCHOR_NAMES: Record<string, string> = {
  [EAS_ANCHOR]: "EAS 1.4.0",
  [OZ_GOVERNOR]: "OZ wizard DAO",
  [ORIGIN]: "Origin marketplace",
  [ARAGON]: "Aragon OSx 1.3.0",
  [FLOOR]: "floor",
};

const oz = (operation: string) => `${OZ_GOVERNOR}: ${operation}`;
const eas = (operation: string) => `${EAS_ANCHOR}: ${operation}`;
const OZ_JOIN = [oz("safeMint"), oz("delegate (self)")];

/** A Weconet operation (or several summed) and the anchor operation(s) that do the same job. */
export interface Pair {
  weconet: readonly string[];
  anchor: readonly string[];
}

/** Governor operations measured at the same positions on both governors (bench/governance.ts). */
export const GOVERNOR_VOTES = [
  "castVote (first vote)",
  "castVote (later vote)",
  "castVoteWithReason",
  "castVoteBySig",
  "castVote (reaches quorum)",
] as const;

export const PAIRS: readonly Pair[] = [
  { weconet: ["membership: admit"], anchor: OZ_JOIN },
  { weconet: ["membership: admit"], anchor: [`${ARAGON}: member mint`] },
  // The whole journey: Weconet's application (which stores the profile pointer) plus the admission.
  { weconet: ["membership: apply", "membership: admit"], anchor: OZ_JOIN },
  { weconet: ["governance: propose"], anchor: [oz("propose")] },
  ...GOVERNOR_VOTES.map((vote) => ({ weconet: [`governance: ${vote}`], anchor: [oz(vote)] })),
  { weconet: ["governance: castVote (later vote)"], anchor: [`${ARAGON}: vote (later vote)`] },
  { weconet: ["governance: queue"], anchor: [oz("queue")] },
  { weconet: ["governance: execute (rule change)"], anchor: [oz("execute (rule change)")] },
  { weconet: ["access: grant (open, 1 attribute)"], anchor: [eas("attest")] },
  { weconet: ["access: revoke"], anchor: [eas("revoke")] },
  { weconet: ["access: grantBySig (open, 1 attribute, first signature)"], anchor: [eas("attestByDelegation")] },
  { weconet: ["access: grant (open, 10 attributes)"], anchor: [eas("multiAttest (10)")] },
  { weconet: ["market: list offer"], anchor: [`${ORIGIN}: createListing`] },
  { weconet: ["market: book (ETH escrow)"], anchor: [`${ORIGIN}: makeOffer`] },
  { weconet: ["market: accept booking"], anchor: [`${ORIGIN}: acceptOffer`] },
];

export const SLOT_FLOOR_OPERATION = `${FLOOR}: ${SLOT_FLOOR}`;
export const TX_FLOOR_OPERATION = `${FLOOR}: ${TX_FLOOR}`;

/**
 * Operations that create one record (a consent, a member, a vote, an offer…): their floor is one fresh storage
 * slot plus its event. Every other operation only changes existing state: its floor is a bare transaction.
 */
const CREATES_A_RECORD = new Set([
  "membership: apply",
  "membership: admit",
  "resources: register resource",
  "governance: propose",
  ...GOVERNOR_VOTES.map((vote) => `governance: ${vote}`),
  "governance: queue",
  "access: grant (open, 1 attribute)",
  "access: grantBySig (open, 1 attribute, first signature)",
  "access: grant (open, 10 attributes)",
  "access: requestAccess (1 attribute)",
  "market: list offer",
  "market: list offer (ERC-20)",
  "market: list offer (with data request)",
  "market: post request",
  "market: answer request",
  "market: book (ETH escrow)",
  "market: book (ERC-20 escrow)",
  "market: book (ETH escrow, opens data connection)",
  "market: accept answer (books, ETH escrow)",
  "sockets: setSocket (first)",
  "sockets: setSocket (first, 200-byte URL)",
  "sockets: anchor (first)",
]);

/** The floor of one Weconet operation (see {@link CREATES_A_RECORD}). */
export function floorOf(operation: string): string {
  return CREATES_A_RECORD.has(operation) ? SLOT_FLOOR_OPERATION : TX_FLOOR_OPERATION;
}

/** One condition of a target: `subject` costs less than (or at most) `factor` × `reference`. */
export interface Check {
  subject: readonly string[];
  reference: readonly string[];
  factor: number;
  /** Whether equality passes ("no more than", "within") or not ("below"). */
  inclusive: boolean;
}

/** A target the issue sets: it holds when all of its checks hold at every scale measured. */
export interface Target {
  title: string;
  checks: readonly Check[];
}

const below = (subject: string, reference: readonly string[]): Check => ({
  subject: [subject],
  reference,
  factor: 1,
  inclusive: false,
});
const atMost = (subject: string, factor: number, reference: readonly string[]): Check => ({
  subject: [subject],
  reference,
  factor,
  inclusive: true,
});

export const TARGETS: readonly Target[] = [
  {
    title: "Admission of a member below OpenZeppelin's mint + self-delegate and Aragon's member mint",
    checks: [below("membership: admit", OZ_JOIN), below("membership: admit", [`${ARAGON}: member mint`])],
  },
  {
    title: "Opening a one-attribute connection within 1.25x the floor and at least 3x cheaper than EAS attest",
    checks: [
      atMost("access: grant (open, 1 attribute)", 1.25, [SLOT_FLOOR_OPERATION]),
      atMost("access: grant (open, 1 attribute)", 1 / 3, [eas("attest")]),
    ],
  },
  {
    title: "Voting no more than OpenZeppelin Governor's own castVote (same position, same support)",
    checks: GOVERNOR_VOTES.map((vote) => atMost(`governance: ${vote}`, 1, [oz(vote)])),
  },
  {
    title: "Listing below Origin's createListing and booking with escrow below its makeOffer",
    checks: [
      below("market: list offer", [`${ORIGIN}: createListing`]),
      below("market: book (ETH escrow)", [`${ORIGIN}: makeOffer`]),
    ],
  },
];

/** Every figure of a run: measured ones by scale, published ones for any scale. */
export class Figures {
  private readonly measured = new Map<string, Map<number, bigint>>();
  private readonly published = new Map<string, bigint>();

  addMeasured(operation: string, scale: number, gas: bigint): void {
    const byScale = this.measured.get(operation) ?? new Map<number, bigint>();
    byScale.set(scale, gas);
    this.measured.set(operation, byScale);
  }

  addPublished(operation: string, gas: bigint): void {
    this.published.set(operation, gas);
  }

  isPublished(operation: string): boolean {
    return this.published.has(operation);
  }

  /** The gas of `operations` summed at `scale`, or undefined when one of them was not measured. */
  at(operations: readonly string[], scale: number): bigint | undefined {
    let sum = 0n;
    for (const operation of operations) {
      const gas = this.measured.get(operation)?.get(scale) ?? this.published.get(operation);
      if (gas === undefined) return undefined;
      sum += gas;
    }
    return sum;
  }
}

/**
 * A side's display name, "a + b" when its operations share a system ("OZ wizard DAO: safeMint + delegate (self)");
 * anchors go by their display names, Weconet's operations by their domain.
 */
export function sideName(operations: readonly string[]): string {
  const split = operations.map((o) => {
    const at = o.indexOf(": ");
    const domain = o.slice(0, at);
    return { system: ANCHOR_NAMES[domain] ?? domain, operation: o.slice(at + 2) };
  });
  const systems = new Set(split.map((o) => o.system));
  if (systems.size === 1) return `${[...systems].join("")}: ${split.map((o) => o.operation).join(" + ")}`;
  return split.map((o) => `${o.system}: ${o.operation}`).join(" + ");
}

/** A target's verdict at every scale. */
export interface TargetResult {
  title: string;
  verdict: "HOLDS" | "MISSED" | "NOT MEASURED";
  checks: {
    subject: string;
    reference: string;
    factor: number;
    inclusive: boolean;
    /** Gas of the subject and of the reference at the largest scale measured. */
    subjectGas: number | null;
    referenceGas: number | null;
    holds: boolean | null;
  }[];
}

export function evaluateTargets(
  figures: Figures,
  scales: readonly number[],
  targets: readonly Target[] = TARGETS,
): TargetResult[] {
  const largest = Math.max(...scales);
  return targets.map((target) => {
    const checks = target.checks.map((check) => {
      const verdicts = scales.map((scale) => {
        const subject = figures.at(check.subject, scale);
        const reference = figures.at(check.reference, scale);
        if (subject === undefined || reference === undefined) return null;
        const limit = Number(reference) * check.factor;
        return check.inclusive ? Number(subject) <= limit : Number(subject) < limit;
      });
      const subjectGas = figures.at(check.subject, largest);
      const referenceGas = figures.at(check.reference, largest);
      return {
        subject: sideName(check.subject),
        reference: sideName(check.reference),
        factor: check.factor,
        inclusive: check.inclusive,
        subjectGas: subjectGas === undefined ? null : Number(subjectGas),
        referenceGas: referenceGas === undefined ? null : Number(referenceGas),
        holds: verdicts.includes(null) ? null : verdicts.every(Boolean),
      };
    });
    const verdict = checks.some((c) => c.holds === false)
      ? "MISSED"
      : checks.some((c) => c.holds === null)
        ? "NOT MEASURED"
        : "HOLDS";
    return { title: target.title, verdict, checks };
  });
}

/** Gas differences up to this share of the smallest figure count as constant (storage warmth, calldata). */
const CONSTANT_TOLERANCE = 0.01;

/**
 * How an operation's gas grows over the scales (figures in ascending scale order): constant, explained by
 * `note` (a logarithmic checkpoint search), or unexplained, which is a defect.
 */
export function growthOf(figures: readonly number[], note: string | undefined): { text: string; ok: boolean } {
  const first = figures[0];
  if (first === undefined) return { text: "not measured", ok: true };
  const growth = Math.max(...figures) - first;
  if (growth <= Math.min(...figures) * CONSTANT_TOLERANCE) {
    return { text: `O(1) ${growth >= 0 ? "+" : ""}${growth}`, ok: true };
  }
  if (note !== undefined) return { text: `O(log n) +${growth}`, ok: true };
  return { text: `GROWS +${growth}`, ok: false };
}
