import { describe, expect, it } from "vitest";
import { getAddress, type Address } from "viem";

import { CONTRACT_KEYS, proposalCalls, type ContractKey, type Deployment, type MemberView } from "@weconet/sdk";

import { describeCall } from "@/lib/calls";
import { checkDraft, type ProposalDraft } from "@/components/governance/ProposeForm";

import { memberView } from "./support/members";

// A deployment with a distinct address per contract: the calls are decoded from the bytes alone.
const deployment: Deployment = {
  chainId: 31337,
  fromBlock: 0n,
  contracts: Object.fromEntries(
    (Object.values(CONTRACT_KEYS) as ContractKey[]).map((key, i) => [
      key,
      getAddress(`0x${(i + 1).toString(16).padStart(40, "0")}`),
    ]),
  ) as Record<ContractKey, Address>,
};
const alice = getAddress("0x976EA74026E726554dB657fA54763abd0C3a0aa9");

describe("what a proposal's call does, in words", () => {
  it("a rule change names the rule, the current and the new value", () => {
    const call = proposalCalls.setRule(deployment, "marketFeeBps", 200n);
    const described = describeCall(deployment, call, { currentRule: () => 150n });
    expect(described.sentence).toBe('Change the rule "Market fee" from 1.5% to 2%.');
    expect(described.contract).toBe("NetworkRules");
    expect(described.signature).toBe("setRule(marketFeeBps, 200)");
  });

  it("role appointments and dismissals name the member", () => {
    const name = (a: Address) => (a === alice ? "alice" : a);
    expect(describeCall(deployment, proposalCalls.leader(deployment, alice, true), { name }).sentence).toBe(
      "Make alice a network leader.",
    );
    expect(describeCall(deployment, proposalCalls.leader(deployment, alice, false), { name }).sentence).toBe(
      "End the leader role of alice.",
    );
    expect(describeCall(deployment, proposalCalls.appointManager(deployment, alice), { name }).sentence).toBe(
      "Appoint alice as the network manager.",
    );
  });

  it("a new default socket names the URL", () => {
    const call = proposalCalls.setDefaultSocket(deployment, "https://commons.example.net");
    const described = describeCall(deployment, call);
    expect(described.contract).toBe("SocketDirectory");
    expect(described.signature).toBe("setDefaultSocket(https://commons.example.net)");
    expect(described.sentence).toBe(
      "Make https://commons.example.net the network's default socket (where members who name none keep their data).",
    );
  });

  it("a call to a contract outside the deployment is named by its address", () => {
    const stranger = getAddress("0x00000000000000000000000000000000000000ff");
    expect(describeCall(deployment, { target: stranger, data: "0x12345678" }).sentence).toBe(`call ${stranger}`);
  });
});

describe("a proposal draft is checked before anything is sent", () => {
  const members: MemberView[] = [
    memberView(alice),
    memberView(getAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), {
      roles: ["leader"],
      heldRoles: ["leader"],
      votes: 0n,
    }),
    memberView(getAddress("0x71bE63f3384f5fb98995898A86B02Fb2426c5788"), {
      status: "applicant",
      memberSince: 0,
      votes: 0n,
    }),
  ];
  const base: ProposalDraft = {
    kind: "rule",
    rule: "marketFeeBps",
    value: "2",
    account: "",
    appoint: true,
    url: "",
    title: "Lower the fee",
    rationale: "",
  };
  const check = (patch: Partial<ProposalDraft>) =>
    checkDraft({ ...base, ...patch }, { deployment, bounds: { marketFeeBps: { min: 0n, max: 10_000n } }, members });

  it("a complete rule change gives exactly the SDK's call", () => {
    expect(check({})).toEqual({ call: proposalCalls.setRule(deployment, "marketFeeBps", 200n), errors: {} });
  });
  it("a missing title and a value out of bounds are both reported, and no call is made", () => {
    expect(check({ title: " ", value: "101" })).toEqual({
      errors: {
        title: "Give the proposal a title: members see it first.",
        value: "The value must be between 0% and 100%.",
      },
    });
  });
  it.each([
    [{ kind: "leader", account: "" }, "Choose a member."],
    [
      { kind: "leader", account: "0x71bE63f3384f5fb98995898A86B02Fb2426c5788" },
      "Only an active member can hold a role.",
    ],
    [
      { kind: "leader", account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" },
      "This member is a network leader already.",
    ],
    [{ kind: "leader", account: alice, appoint: false }, "This member is not a network leader."],
  ] as const)("an appointment %j is refused: %s", (patch, error) => {
    expect(check(patch)).toEqual({ errors: { account: error } });
  });
  it("a new default socket gives the SDK's call; a malformed URL is refused in the SDK's words", () => {
    expect(check({ kind: "socket", url: " https://commons.example.net " })).toEqual({
      call: proposalCalls.setDefaultSocket(deployment, "https://commons.example.net"),
      errors: {},
    });
    expect(check({ kind: "socket", url: "ftp://commons" })).toEqual({
      errors: { url: "A socket URL must start with http:// or https:// followed by the host." },
    });
    expect(check({ kind: "socket", url: "" })).toEqual({ errors: { url: "A socket URL must not be empty." } });
  });
  it("appointing an active member as leader gives the SDK's call", () => {
    expect(check({ kind: "leader", account: alice })).toEqual({
      call: proposalCalls.leader(deployment, alice, true),
      errors: {},
    });
  });
});
