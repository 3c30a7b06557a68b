import { encodeBytes32String, id } from "ethers";

import { deployWeconet, nth, profileHash, reason, TEST_SETTINGS } from "../../test/helpers/deployment.js";
import { ethers, networkHelpers } from "../../test/helpers/network.js";
import { fundedAccounts, gasOf, growMembership, signingWallet, type Measurement, type Scenario } from "../lib.js";

const MARKET_FEE_BPS = encodeBytes32String("marketFeeBps");
const DESCRIPTION = "# Raise the market fee to 2.5%\n\nThe treasury needs to fund the data socket's hosting.";

/**
 * Membership, resources and governance: what members, leaders and voters do every day, measured with
 * `scale` active members.
 */
export const coreScenario: Scenario = {
  domain: "core",
  expectedGrowth: {
    castVote: "quorum check: binary search in the total-votes checkpoints (logarithmic)",
  },
  async measure(scale: number): Promise<Measurement[]> {
    const w = await deployWeconet();
    const members = await growMembership(w, scale);
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

    // Governance: a rule change carried through propose, vote, queue, execute.
    const voterBySig = await signingWallet();
    await (await w.membership.connect(voterBySig).applyForMembership(profileHash("signer"))).wait();
    await (await w.membership.connect(leader).admit(voterBySig.address)).wait();
    const targets = [await w.networkRules.getAddress()];
    const values = [0n];
    const calldatas = [w.networkRules.interface.encodeFunctionData("setRule", [MARKET_FEE_BPS, 250n])];
    const proposer = nth(w.members, 0);
    record(
      "governance",
      "propose",
      await gasOf(w.governor.connect(proposer).propose(targets, values, calldatas, DESCRIPTION)),
    );
    const proposalId = await w.governor.hashProposal(targets, values, calldatas, id(DESCRIPTION));
    await networkHelpers.time.increase(TEST_SETTINGS.votingDelay + 1);

    // Against votes do not count towards quorum, so these four are measured at the same position at any scale.
    const AGAINST = 0;
    const FOR = 1;
    record(
      "governance",
      "castVote (first vote)",
      await gasOf(w.governor.connect(nth(w.members, 1)).castVote(proposalId, AGAINST)),
    );
    record(
      "governance",
      "castVote (later vote)",
      await gasOf(w.governor.connect(nth(w.members, 2)).castVote(proposalId, AGAINST)),
    );
    record(
      "governance",
      "castVoteWithReason",
      await gasOf(w.governor.connect(w.developer).castVoteWithReason(proposalId, AGAINST, "The fee should stay low.")),
    );
    const nonce = await w.governor.nonces(voterBySig.address);
    const domain = await w.governor.eip712Domain();
    const signature = await voterBySig.signTypedData(
      {
        name: domain.name,
        version: domain.version,
        chainId: domain.chainId,
        verifyingContract: domain.verifyingContract,
      },
      {
        Ballot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
        ],
      },
      { proposalId, support: AGAINST, voter: voterBySig.address, nonce },
    );
    record(
      "governance",
      "castVoteBySig",
      await gasOf(
        w.governor.connect(nth(w.leaders, 1)).castVoteBySig(proposalId, AGAINST, voterBySig.address, signature),
      ),
    );
    // For votes until the proposal passes; the vote that reaches quorum also extends the deadline (late-quorum
    // protection) and is measured on its own.
    const quorum = await w.governor.quorum(await w.governor.proposalSnapshot(proposalId));
    let forVotes = 0n;
    for (const voter of [w.manager, leader, nth(w.leaders, 1), proposer, ...members]) {
      if (forVotes > quorum && forVotes > 4n) break;
      const gas = await gasOf(w.governor.connect(voter).castVote(proposalId, FOR));
      forVotes += 1n;
      if (forVotes === quorum) record("governance", "castVote (reaches quorum)", gas);
    }
    await networkHelpers.time.increase(TEST_SETTINGS.votingPeriod + TEST_SETTINGS.lateQuorumExtension + 1);
    const descriptionHash = id(DESCRIPTION);
    record(
      "governance",
      "queue",
      await gasOf(w.governor.connect(proposer).queue(targets, values, calldatas, descriptionHash)),
    );
    await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay + 1);
    record(
      "governance",
      "execute (rule change)",
      await gasOf(w.governor.connect(proposer).execute(targets, values, calldatas, descriptionHash)),
    );

    // The rule change itself, as the timelock performs it.
    const timelock = await ethers.getImpersonatedSigner(await w.timelock.getAddress());
    await networkHelpers.setBalance(timelock.address, 10n ** 18n);
    record("rules", "setRule", await gasOf(w.networkRules.connect(timelock).setRule(MARKET_FEE_BPS, 300n)));

    return rows;
  },
};
