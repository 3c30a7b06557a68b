import { encodeFunctionData, keccak256, stringToHex, type Address, type Hex } from "viem";

import { abiOfKey, type Deployment } from "../contracts.js";
import { accountOf, eventIn, send, signerOf, type Sent, type WeconetContext } from "../client.js";
import { toBytes32Code } from "../codes.js";
import { ROLES, VOTE_TYPES, WeconetError, type Support } from "../errors.js";
import { TYPED_DATA } from "../vocabulary.js";
import { findProposal } from "../reads/governance.js";
import { checkSocketUrl } from "../socket-url.js";
import { DATA_TYPES, DOMAINS, attributeIdOf, type AttributeDataType, type AttributeDomain } from "../reads/taxonomy.js";

/** One call a proposal makes when executed by the timelock. */
export interface ProposalCall {
  target: Address;
  value?: bigint;
  data: Hex;
}

/** How a member votes: the value cast for each word of `GovernorCountingSimple.VoteType`. */
export type { Support };
export const SUPPORT_VALUES = Object.fromEntries(VOTE_TYPES.map((word, value) => [word, value])) as Record<
  Support,
  number
>;

/** A ballot signed by a member, which anyone may submit (gasless voting for the member). */
export interface SignedBallot {
  proposalId: bigint;
  support: Support;
  voter: Address;
  signature: Hex;
}

/** A proposal's human-readable description: a `# Title` line, then what changes and why. */
export function describeProposal(title: string, rationale = ""): string {
  if (title.trim() === "") throw new WeconetError("a proposal needs a title");
  return rationale.trim() === "" ? `# ${title.trim()}` : `# ${title.trim()}\n\n${rationale.trim()}`;
}

/** The calls of the usual proposals, for {@link governanceActions.propose}. */
export const proposalCalls = {
  /** Changes network rule `rule` (e.g. "marketFeeBps") to `value`. */
  setRule: (deployment: Deployment, rule: string, value: bigint): ProposalCall => ({
    target: deployment.contracts.networkRules,
    data: encodeFunctionData({
      abi: abiOfKey("networkRules"),
      functionName: "setRule",
      args: [toBytes32Code(rule), value],
    }),
  }),
  /** Appoints `account` (an active member) as the network manager. */
  appointManager: (deployment: Deployment, account: Address): ProposalCall => ({
    target: deployment.contracts.membership,
    data: encodeFunctionData({ abi: abiOfKey("membership"), functionName: "appointManager", args: [account] }),
  }),
  /** Makes `account` a network leader (`appoint`) or ends their leadership. */
  leader: (deployment: Deployment, account: Address, appoint: boolean): ProposalCall => ({
    target: deployment.contracts.membership,
    data: encodeFunctionData({
      abi: abiOfKey("membership"),
      functionName: appoint ? "grantRole" : "revokeRole",
      args: [ROLES.leader, account],
    }),
  }),
  /** Removes `member` from the network for a short reason code. */
  removeMember: (deployment: Deployment, member: Address, reason: string): ProposalCall => ({
    target: deployment.contracts.membership,
    data: encodeFunctionData({
      abi: abiOfKey("membership"),
      functionName: "remove",
      args: [member, toBytes32Code(reason)],
    }),
  }),
  /** Adds an attribute to the shared vocabulary. */
  addAttribute: (
    deployment: Deployment,
    attribute: { name: string; domain: AttributeDomain; dataType: AttributeDataType; parent?: number },
  ): ProposalCall => ({
    target: deployment.contracts.taxonomy,
    data: encodeFunctionData({
      abi: abiOfKey("taxonomy"),
      functionName: "addAttribute",
      args: [
        {
          name: attribute.name,
          domain: DOMAINS.indexOf(attribute.domain),
          dataType: DATA_TYPES.indexOf(attribute.dataType),
          parent: attribute.parent ?? 0,
        },
      ],
    }),
  }),
  /** Approves `connector` (a contract such as the market) to open connections on owners' behalf, or withdraws it. */
  setConnector: (deployment: Deployment, connector: Address, approved: boolean): ProposalCall => ({
    target: deployment.contracts.accessGrants,
    data: encodeFunctionData({
      abi: abiOfKey("accessGrants"),
      functionName: "setConnector",
      args: [connector, approved],
    }),
  }),
  /** Makes `url` the network's default socket (where the data of members who named none lives). */
  setDefaultSocket: (deployment: Deployment, url: string): ProposalCall => ({
    target: deployment.contracts.socketDirectory,
    data: encodeFunctionData({
      abi: abiOfKey("socketDirectory"),
      functionName: "setDefaultSocket",
      args: [checkSocketUrl(url, "propose a default socket")],
    }),
  }),
  /** Deprecates attribute `id`. */
  deprecateAttribute: (deployment: Deployment, id: number): ProposalCall => ({
    target: deployment.contracts.taxonomy,
    data: encodeFunctionData({ abi: abiOfKey("taxonomy"), functionName: "deprecateAttribute", args: [id] }),
  }),
};

/** OpenZeppelin Governor's EIP-712 ballot (`BALLOT_TYPEHASH`; Weconet's governor signs in its own domain). */
export const BALLOT_TYPES = TYPED_DATA.Governor.BALLOT_TYPEHASH.types;

/** What members do in governance: propose (rule changes, role appointments, vocabulary), vote, queue, execute. */
export function governanceActions(ctx: WeconetContext) {
  const d = ctx.deployment;
  const propose = async ({
    calls,
    description,
  }: {
    calls: readonly ProposalCall[];
    description: string;
  }): Promise<Sent & { proposalId: bigint }> => {
    const sent = await send(
      ctx,
      "governor",
      "propose",
      [calls.map((c) => c.target), calls.map((c) => c.value ?? 0n), calls.map((c) => c.data), description],
      { doing: "propose" },
    );
    return { ...sent, proposalId: eventIn(ctx, sent.receipt, "governor", "ProposalCreated").args.proposalId };
  };
  const lifecycle = async (step: "queue" | "execute", proposalId: bigint): Promise<Sent> => {
    const p = await findProposal(ctx, proposalId);
    const descriptionHash = keccak256(stringToHex(p.description));
    return send(ctx, "governor", step, [p.targets, p.values, p.calldatas, descriptionHash], {
      doing: `${step} proposal ${proposalId}`,
    });
  };
  return {
    propose,
    /** Proposes changing network rule `rule` to `value`, with a title and the reasons. */
    proposeRuleChange: (p: { rule: string; value: bigint; title: string; rationale?: string }) =>
      propose({
        calls: [proposalCalls.setRule(d, p.rule, p.value)],
        description: describeProposal(p.title, p.rationale),
      }),
    /** Proposes appointing `account` as the network manager. */
    proposeManager: (p: { account: Address; title?: string; rationale?: string }) =>
      propose({
        calls: [proposalCalls.appointManager(d, p.account)],
        description: describeProposal(p.title ?? `Appoint ${p.account} as network manager`, p.rationale),
      }),
    /** Proposes appointing (or dismissing) `account` as a network leader. */
    proposeLeader: (p: { account: Address; appoint: boolean; title?: string; rationale?: string }) =>
      propose({
        calls: [proposalCalls.leader(d, p.account, p.appoint)],
        description: describeProposal(
          p.title ?? `${p.appoint ? "Appoint" : "Dismiss"} ${p.account} as network leader`,
          p.rationale,
        ),
      }),
    /** Proposes removing `member` from the network. */
    proposeRemoval: (p: { member: Address; reason: string; title?: string; rationale?: string }) =>
      propose({
        calls: [proposalCalls.removeMember(d, p.member, p.reason)],
        description: describeProposal(p.title ?? `Remove ${p.member} from the network`, p.rationale),
      }),
    /** Proposes adding an attribute to the shared vocabulary (`parent` by id or name). */
    proposeAttribute: async (p: {
      name: string;
      domain: AttributeDomain;
      dataType: AttributeDataType;
      parent?: number | string;
      title?: string;
      rationale?: string;
    }) =>
      propose({
        calls: [
          proposalCalls.addAttribute(d, {
            ...p,
            parent: p.parent === undefined ? 0 : await attributeIdOf(ctx, p.parent),
          }),
        ],
        description: describeProposal(p.title ?? `Add the attribute "${p.name}"`, p.rationale),
      }),
    /**
     * Proposes approving `connector` (a contract, e.g. a market) to open and close data connections on owners'
     * behalf, or withdrawing its approval.
     */
    proposeConnector: (p: { connector: Address; approved: boolean; title?: string; rationale?: string }) =>
      propose({
        calls: [proposalCalls.setConnector(d, p.connector, p.approved)],
        description: describeProposal(
          p.title ?? `${p.approved ? "Approve" : "Withdraw the approval of"} connector ${p.connector}`,
          p.rationale,
        ),
      }),
    /** Proposes making `url` the network's default socket (the data commons of members who named none). */
    proposeDefaultSocket: async (p: { url: string; title?: string; rationale?: string }) =>
      propose({
        calls: [proposalCalls.setDefaultSocket(d, p.url)],
        description: describeProposal(p.title ?? `Make ${p.url} the network's default socket`, p.rationale),
      }),
    /** Proposes deprecating an attribute. */
    proposeDeprecation: async (p: { attribute: number | string; title?: string; rationale?: string }) => {
      const id = await attributeIdOf(ctx, p.attribute);
      return propose({
        calls: [proposalCalls.deprecateAttribute(d, id)],
        description: describeProposal(p.title ?? `Deprecate attribute ${id}`, p.rationale),
      });
    },
    /** Votes on a proposal, optionally with a reason (public, on-chain). */
    vote: ({ proposalId, support, reason }: { proposalId: bigint; support: Support; reason?: string }) =>
      reason === undefined
        ? send(ctx, "governor", "castVote", [proposalId, SUPPORT_VALUES[support]], {
            doing: `vote on ${proposalId}`,
          })
        : send(ctx, "governor", "castVoteWithReason", [proposalId, SUPPORT_VALUES[support], reason], {
            doing: `vote on ${proposalId}`,
          }),
    /** Signs a ballot (EIP-712) without sending anything; anyone can submit it with {@link voteBySignature}. */
    signVote: async ({ proposalId, support }: { proposalId: bigint; support: Support }): Promise<SignedBallot> => {
      const wallet = signerOf(ctx);
      const voter = accountOf(ctx);
      const governor = ctx.contracts.governor;
      const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
        governor.read.eip712Domain(),
        governor.read.nonces([voter]),
      ]);
      const signature = await wallet.signTypedData({
        account: wallet.account,
        domain: { name, version, chainId, verifyingContract },
        types: BALLOT_TYPES,
        primaryType: "Ballot",
        message: { proposalId, support: SUPPORT_VALUES[support], voter, nonce },
      });
      return { proposalId, support, voter, signature };
    },
    /** Submits a member's signed ballot (the sender pays the gas). */
    voteBySignature: (ballot: SignedBallot) =>
      send(
        ctx,
        "governor",
        "castVoteBySig",
        [ballot.proposalId, SUPPORT_VALUES[ballot.support], ballot.voter, ballot.signature],
        { doing: `submit the signed vote of ${ballot.voter}` },
      ),
    /** Queues a passed proposal in the timelock (its calls and description are read from its row). */
    queue: ({ proposalId }: { proposalId: bigint }) => lifecycle("queue", proposalId),
    /** Executes a queued proposal once the timelock's delay has passed. */
    execute: ({ proposalId }: { proposalId: bigint }) => lifecycle("execute", proposalId),
    /** The proposer cancels their proposal before voting starts. */
    cancel: async ({ proposalId }: { proposalId: bigint }) => {
      const p = await findProposal(ctx, proposalId);
      return send(
        ctx,
        "governor",
        "cancel",
        [p.targets, p.values, p.calldatas, keccak256(stringToHex(p.description))],
        { doing: `cancel proposal ${proposalId}` },
      );
    },
  };
}
