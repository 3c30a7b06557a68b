import { send, toBytes32Code } from "@weconet/sdk";

import { TEST_SETTINGS } from "../../test/helpers/deployment.js";
import { measureGovernance, weconetGovernor } from "../governance.js";
import { networkHelpers } from "../../test/helpers/network.js";
import {
  admitVoter,
  asGovernance,
  benchNetwork,
  fundedAddresses,
  gasOf,
  signingAccount,
  type Measurement,
  type Scenario,
} from "../lib.js";

/**
 * Membership, resources and governance: what members, leaders and voters do every day, measured with
 * `scale` active members, each operation sent through the SDK as a dApp would send it.
 */
export const coreScenario: Scenario = {
  domain: "core",
  expectedGrowth: {
    castVote: "quorum check: binary search in the total-votes checkpoints (logarithmic)",
  },
  async grow(scale: number): Promise<void> {
    await benchNetwork(scale);
  },
  async measure(scale: number): Promise<Measurement[]> {
    const net = await benchNetwork(scale);
    const { sdk, founders, members } = net;
    const [leaderA, leaderB] = founders.leaders;
    const leader = sdk.as(leaderA);
    const rows: Measurement[] = [];
    const record = (domain: string, operation: string, gas: bigint) => rows.push({ domain, operation, scale, gas });

    // Membership: apply, admit, the vote's activation after probation, suspend, reinstate, leave. Admission
    // and activation write only the member's own record and the vote total: constant in the number of members.
    const [applicant] = await fundedAddresses(1);
    if (applicant === undefined) throw new Error("no applicant");
    record("membership", "apply", await gasOf(sdk.as(applicant).membership.apply({ profile: "bench: new" })));
    record("membership", "admit", await gasOf(leader.membership.admit({ applicant })));
    await networkHelpers.time.increase(TEST_SETTINGS.probationPeriod);
    record("membership", "activateVote", await gasOf(sdk.as(leaderB).membership.activateVote({ member: applicant })));
    record("membership", "suspend", await gasOf(leader.membership.suspend({ member: applicant, reason: "spam" })));
    record("membership", "reinstate", await gasOf(leader.membership.reinstate({ member: applicant })));
    record("membership", "leave", await gasOf(sdk.as(applicant).membership.leave()));

    // Resources.
    const owner = members[0] ?? founders.members[0];
    record(
      "resources",
      "register resource",
      await gasOf(sdk.as(owner).resources.register({ resourceClass: "bike", metadata: "bike #1" })),
    );

    // Governance: a rule change carried through propose, vote, queue, execute (the same journey as the
    // OpenZeppelin anchor's, so that the two compare at equal positions).
    const voterBySig = await signingAccount();
    await admitVoter(net, voterBySig);
    const [proposer, memberB, memberC] = founders.members;
    const governance = await measureGovernance({
      governor: weconetGovernor(sdk),
      proposer,
      againstVoters: [memberB, memberC, founders.developer],
      bySig: { voter: voterBySig, relayer: leaderB },
      forVoters: [founders.manager, leaderA, leaderB, proposer, ...members],
      delays: {
        votingDelay: TEST_SETTINGS.votingDelay,
        votingPeriod: TEST_SETTINGS.votingPeriod + TEST_SETTINGS.lateQuorumExtension,
        timelock: TEST_SETTINGS.timelockMinDelay,
      },
    });
    for (const [operation, gas] of governance) record("governance", operation, gas);

    // The rule change itself, as the timelock performs it.
    const timelock = await asGovernance(net);
    record(
      "rules",
      "setRule",
      await gasOf(send(timelock.context, "networkRules", "setRule", [toBytes32Code("marketFeeBps"), 300n])),
    );

    return rows;
  },
};
