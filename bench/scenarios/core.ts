import { id } from "ethers";

import { nth, profileHash, reason, TEST_SETTINGS } from "../../test/helpers/deployment.js";
import { ethers, networkHelpers } from "../../test/helpers/network.js";
import { measureGovernance, RULE_CHANGE } from "../governance.js";
import { benchNetwork, fundedAccounts, gasOf, signingWallet, type Measurement, type Scenario } from "../lib.js";

/**
 * Membership, resources and governance: what members, leaders and voters do every day, measured with
 * `scale` active members.
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
    const { w, members } = await benchNetwork(scale);
    const leader = nth(w.leaders, 0);
    const rows: Measurement[] = [];
    const record = (domain: string, operation: string, gas: bigint) => rows.push({ domain, operation, scale, gas });

    // Membership: apply, admit, suspend, reinstate, leave.
    const [applicant] = await fundedAccounts(1);
    if (applicant === undefined) throw new Error("no applicant");
    record("membership", "apply", await gasOf(w.membership.connect(applicant).applyForMembership(profileHash("new"))));
    record("membership", "admit", await gasOf(w.membership.connect(leader).admit(applicant.address)));
    record(
      "membership",
      "suspend",
      await gasOf(w.membership.connect(leader).suspend(applicant.address, reason("spam"))),
    );
    record("membership", "reinstate", await gasOf(w.membership.connect(leader).reinstate(applicant.address)));
    record("membership", "leave", await gasOf(w.membership.connect(applicant).leave()));

    // Resources.
    const bike = await w.taxonomy.attributeId("bike");
    const owner = nth(members.length > 0 ? members : w.members, 0);
    record("resources", "register resource", await gasOf(w.resources.connect(owner).register(bike, id("bike #1"))));

    // Governance: a rule change carried through propose, vote, queue, execute (the same journey as the
    // OpenZeppelin anchor's, so that the two compare at equal positions).
    const voterBySig = await signingWallet();
    await (await w.membership.connect(voterBySig).applyForMembership(profileHash("signer"))).wait();
    await (await w.membership.connect(leader).admit(voterBySig.address)).wait();
    const proposer = nth(w.members, 0);
    const governance = await measureGovernance({
      governor: w.governor,
      rules: w.networkRules,
      proposer,
      againstVoters: [nth(w.members, 1), nth(w.members, 2), w.developer],
      bySig: { voter: voterBySig, relayer: nth(w.leaders, 1) },
      forVoters: [w.manager, leader, nth(w.leaders, 1), proposer, ...members],
      delays: {
        votingDelay: TEST_SETTINGS.votingDelay,
        votingPeriod: TEST_SETTINGS.votingPeriod + TEST_SETTINGS.lateQuorumExtension,
        timelock: TEST_SETTINGS.timelockMinDelay,
      },
    });
    for (const [operation, gas] of governance) record("governance", operation, gas);

    // The rule change itself, as the timelock performs it.
    const timelock = await ethers.getImpersonatedSigner(await w.timelock.getAddress());
    await networkHelpers.setBalance(timelock.address, 10n ** 18n);
    record("rules", "setRule", await gasOf(w.networkRules.connect(timelock).setRule(RULE_CHANGE.key, 300n)));

    return rows;
  },
};
