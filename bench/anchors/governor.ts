import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id, ZeroAddress } from "ethers";

import { nth, TEST_SETTINGS } from "../../test/helpers/deployment.js";
import { ethers } from "../../test/helpers/network.js";
import {
  NetworkRules__factory,
  TimelockController__factory,
  WizardGovernor__factory,
  WizardToken__factory,
  type NetworkRules,
  type WizardGovernor,
  type WizardToken,
} from "../../typechain-types/index.js";
import { measureGovernance, MIN_MEMBERS, ozGovernor } from "../governance.js";
import { fundedAccounts, gasOf, signingWallet, type Measurement, type Scenario } from "../lib.js";

/** The domain under which this anchor's figures are recorded. */
export const OZ_GOVERNOR = "oz-governor";

interface WizardDao {
  token: WizardToken;
  governor: WizardGovernor;
  /** Weconet's rules contract, owned by this DAO's timelock: both governors execute the same rule change. */
  rules: NetworkRules;
  /** The token's owner, who mints membership tokens (as a Weconet leader admits members). */
  issuer: HardhatEthersSigner;
  /** Every member, in order of admission. */
  members: HardhatEthersSigner[];
}

let dao: WizardDao | undefined;

/**
 * The DAO a user would build with wizard.openzeppelin.com instead (bench/anchors/contracts): an ERC721Votes
 * membership token, a Governor with settings, simple counting, votes, quorum fraction and timelock control, and
 * a TimelockController, wired as OpenZeppelin's documentation says (the governor is the only proposer and
 * canceller, anyone executes, the deployer renounces the admin role). Same voting settings as Weconet's.
 */
async function deployWizardDao(): Promise<WizardDao> {
  const issuer = nth(await ethers.getSigners(), 0);
  const timelock = await new TimelockController__factory(issuer).deploy(
    TEST_SETTINGS.timelockMinDelay,
    [],
    [ZeroAddress],
    issuer.address,
  );
  const token = await new WizardToken__factory(issuer).deploy(issuer.address);
  const governor = await new WizardGovernor__factory(issuer).deploy(token, timelock);
  await (await timelock.grantRole(id("PROPOSER_ROLE"), governor)).wait();
  await (await timelock.grantRole(id("CANCELLER_ROLE"), governor)).wait();
  await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), issuer.address)).wait();
  const rules = await new NetworkRules__factory(issuer).deploy(timelock, TEST_SETTINGS);
  return { token, governor, rules, issuer, members: [] };
}

/** Mints a membership token to `member`, who then delegates to themselves: the two steps of joining. */
async function join(d: WizardDao, member: HardhatEthersSigner): Promise<{ mint: bigint; delegate: bigint }> {
  const mint = await gasOf(d.token.connect(d.issuer).safeMint(member.address));
  const delegate = await gasOf(d.token.connect(member).delegate(member.address));
  return { mint, delegate };
}

/**
 * OpenZeppelin's wizard governor, measured like Weconet's: joining (mint + self-delegation, against admission)
 * and one proposal's journey at the same positions as Weconet's, with `scale` members.
 */
export const ozGovernorAnchor: Scenario = {
  domain: OZ_GOVERNOR,
  expectedGrowth: {
    queue: "the proposal's state checks quorum: binary search in the total-supply checkpoints (logarithmic)",
    execute: "the proposal's state checks quorum: binary search in the total-supply checkpoints (logarithmic)",
  },
  async grow(scale: number): Promise<void> {
    dao ??= await deployWizardDao();
    const newcomers = await fundedAccounts(Math.max(0, Math.max(scale, MIN_MEMBERS) - dao.members.length));
    for (const member of newcomers) {
      await join(dao, member);
      dao.members.push(member);
    }
  },
  async measure(scale: number): Promise<Measurement[]> {
    if (dao === undefined) throw new Error("OpenZeppelin anchor: grow() deploys the DAO before measure()");
    const d = dao;
    const rows: Measurement[] = [];
    const record = (operation: string, gas: bigint) => rows.push({ domain: OZ_GOVERNOR, operation, scale, gas });

    const [newcomer] = await fundedAccounts(1);
    if (newcomer === undefined) throw new Error("no newcomer");
    const joined = await join(d, newcomer);
    record("safeMint", joined.mint);
    record("delegate (self)", joined.delegate);

    const voterBySig = await signingWallet();
    await (await d.token.connect(d.issuer).safeMint(voterBySig.address)).wait();
    await (await d.token.connect(voterBySig).delegate(voterBySig.address)).wait();
    const member = (i: number) => nth(d.members, i);
    const governance = await measureGovernance({
      governor: ozGovernor(d.governor, d.rules),
      proposer: member(0),
      againstVoters: [member(1), member(2), member(3)],
      bySig: { voter: voterBySig, relayer: member(4) },
      forVoters: [member(4), member(5), member(6), member(0), ...d.members.slice(7)],
      delays: {
        votingDelay: TEST_SETTINGS.votingDelay,
        votingPeriod: TEST_SETTINGS.votingPeriod,
        timelock: TEST_SETTINGS.timelockMinDelay,
      },
    });
    for (const [operation, gas] of governance) record(operation, gas);
    return rows;
  },
};
