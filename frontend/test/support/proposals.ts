import type { Address, Hash } from "viem";

import type { ProposalSummary } from "@weconet/sdk";

const ada = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const hash = `0x${"ab".repeat(32)}` as Hash;

/** A proposal as the SDK's reads give it: active, with a few votes, changed by `patch`. */
export function proposal(patch: Partial<ProposalSummary> = {}): ProposalSummary {
  return {
    id: 123n,
    proposer: ada,
    targets: [],
    values: [],
    calldatas: [],
    description: "# Lower the fee\n\nBecause.",
    title: "Lower the fee",
    state: "active",
    votes: { for: 2n, against: 1n, abstain: 1n },
    voters: 4,
    snapshot: 1_000n,
    deadline: 2_000n,
    quorum: 2n,
    eligible: 10n,
    eta: 0n,
    txs: { proposed: hash, queued: null, executed: null, canceled: null },
    createdAt: 900,
    block: 5n,
    ...patch,
  };
}
