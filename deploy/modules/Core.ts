import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ROLE_IDS } from "../../sdk/src/vocabulary.js";
import { starterTaxonomyInputs } from "../starter-taxonomy.js";

const { PROPOSER_ROLE, CANCELLER_ROLE } = ROLE_IDS.TimelockController;
const TIMELOCK_ADMIN_ROLE = ROLE_IDS.AccessControl.DEFAULT_ADMIN_ROLE;
const ANYONE = "0x0000000000000000000000000000000000000000";

/**
 * The core of a Weconet network, wired: the timelock (executor and treasury) owns the rules and the taxonomy and
 * is the admin of membership roles; the governor is its only proposer and canceller; anyone executes a ready
 * operation; the deployer keeps no power once the module has run.
 *
 * Parameters (see deploy/parameters/*.json): `founders` (required: exactly one manager), voting settings,
 * the timelock delay and the initial rules. The contracts refuse settings beyond VotingBounds (voting delay ≤ 7
 * days, voting period ≤ 14 days, late-quorum bound ≤ the voting period and ≤ 7 days, timelock delay ≤ 7 days), so
 * that every decision fits in the shortest probation period (35 days).
 */
export default buildModule("WeconetCore", (m) => {
  const deployer = m.getAccount(0);

  const timelock = m.contract("WeconetTimelock", [m.getParameter("timelockMinDelay", 86_400), [], [ANYONE], deployer]);

  const networkRules = m.contract("NetworkRules", [
    timelock,
    {
      admissionPolicy: m.getParameter("admissionPolicy", 1),
      marketFeeBps: m.getParameter("marketFeeBps", 100),
      maxGrantDuration: m.getParameter("maxGrantDuration", 365 * 86_400),
      disputeWindow: m.getParameter("disputeWindow", 7 * 86_400),
      accessRequestLifetime: m.getParameter("accessRequestLifetime", 7 * 86_400),
      probationPeriod: m.getParameter("probationPeriod", 35 * 86_400),
      admissionsPerLeader: m.getParameter("admissionsPerLeader", 10),
      disputeRulingPeriod: m.getParameter("disputeRulingPeriod", 14 * 86_400),
    },
  ]);

  const taxonomy = m.contract("Taxonomy", [timelock, starterTaxonomyInputs()]);

  const membership = m.contract("Membership", [timelock, networkRules, m.getParameter("founders")]);

  const resources = m.contract("Resources", [membership, taxonomy]);

  const governor = m.contract("WeconetGovernor", [
    membership,
    timelock,
    {
      votingDelay: m.getParameter("votingDelay", 86_400),
      votingPeriod: m.getParameter("votingPeriod", 5 * 86_400),
      quorumPercent: m.getParameter("quorumPercent", 20),
      lateQuorumExtension: m.getParameter("lateQuorumExtension", 86_400),
      // At most the voting period (and 7 days): a late quorum at most doubles the time to react.
      maxLateQuorumExtension: m.getParameter("maxLateQuorumExtension", 5 * 86_400),
    },
  ]);

  const proposer = m.call(timelock, "grantRole", [PROPOSER_ROLE, governor], { id: "GovernorIsProposer" });
  const canceller = m.call(timelock, "grantRole", [CANCELLER_ROLE, governor], { id: "GovernorIsCanceller" });
  m.call(timelock, "renounceRole", [TIMELOCK_ADMIN_ROLE, deployer], {
    id: "DeployerRenouncesTimelockAdmin",
    after: [proposer, canceller],
  });

  return { timelock, networkRules, taxonomy, membership, resources, governor };
});
