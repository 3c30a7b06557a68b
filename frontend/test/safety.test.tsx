// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { Address } from "viem";

import { purposeCode, type ApplicationView, type Attribute, type MemberView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { Holdings } from "@/components/Holdings";
import { ConfirmButton } from "@/components/Confirm";
import { LocalTimeTravel } from "@/components/governance/LocalTimeTravel";
import { VoteForm } from "@/components/governance/Vote";
import { ApplicationRow, MemberRow } from "@/components/leaders/MemberActions";
import { PostRequestForm } from "@/components/market/PostRequest";
import { WalletButton } from "@/components/Wallet";
import { checkGrant } from "@/lib/grant";
import { checkOffer } from "@/lib/offer-draft";
import type { Holdings as HoldingsData } from "@/lib/faucet";
import type { NetworkConfig } from "@/lib/network";
import { pointRead, queryKeyOf } from "@/lib/page-reads";

import { memberView } from "./support/members";
import { proposal } from "./support/proposals";
import { chainConfig, TestProviders, testQueryClient } from "./support/providers";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const view = (n: number, over: Partial<MemberView> = {}): MemberView => memberView(address(n), over);
const manager = view(1, { isManager: true, roles: ["manager"], heldRoles: ["manager"] });
const lars = view(2, { roles: ["leader"], heldRoles: ["leader"] });
const lena = view(3, { roles: ["leader"], heldRoles: ["leader"] });
const alice = view(4);
const byManager = view(5, { status: "suspended", suspendedBy: "manager" });
const byLeader = view(6, { status: "suspended", suspendedBy: "leader" });

function network(chain = chainConfig()): NetworkConfig {
  return {
    chains: [chain],
    devAccounts: [
      {
        name: "alice",
        role: "member",
        address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        privateKey: `0x${"11".repeat(32)}`,
      },
    ],
    problems: [],
  };
}
const inApp = (ui: React.ReactNode, config = network()) => render(<TestProviders network={config}>{ui}</TestProviders>);

describe("a confirmation before what cannot be undone", () => {
  it("is an alert dialog that asks in words, focuses the safe answer, and acts only on the confirm button", () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmButton
        label="Close"
        question="Close this connection for good?"
        confirmLabel="Close the connection"
        onConfirm={onConfirm}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    const dialog = screen.getByRole("alertdialog", { name: "Close" });
    expect(dialog.getAttribute("aria-describedby")).toBe(screen.getByText("Close this connection for good?").id);
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole("button", { name: "Close the connection" }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("is taken back with Escape, the focus back on the button that asked", () => {
    const onConfirm = vi.fn();
    render(<ConfirmButton label="Withdraw" question="Withdraw it?" confirmLabel="Withdraw" onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    fireEvent.keyDown(screen.getByRole("alertdialog"), { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Withdraw" }));
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe("a leader is offered only what the contract lets them do", () => {
  const row = (member: MemberView, me: MemberView | undefined) =>
    inApp(
      <table>
        <tbody>
          <MemberRow member={member} me={me} />
        </tbody>
      </table>,
    );

  it.each([
    ["the manager", manager],
    ["another leader", lena],
  ])("a leader sees no Suspend on %s", (_who, member) => {
    row(member, lars);
    expect(screen.queryByRole("button", { name: /Suspend/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Reinstate/ })).toBeNull();
    expect(screen.getByTestId("no-oversight").textContent).toMatch(/Only the (members' vote|manager) oversees/);
  });

  it("a leader suspends a member and makes them a developer", () => {
    row(alice, lars);
    expect(screen.getByRole("button", { name: "Suspend" })).toBeDefined();
    expect(screen.getByRole("button", { name: "Make developer" })).toBeDefined();
  });

  it("a leader does not reinstate whom the manager suspended, but whom a leader did", () => {
    row(byManager, lars);
    expect(screen.queryByRole("button", { name: "Reinstate" })).toBeNull();
    expect(screen.getByTestId("no-oversight").textContent).toBe(
      "Suspended by the manager: only they or a higher authority reinstate.",
    );
    row(byLeader, lars);
    expect(screen.getByRole("button", { name: "Reinstate" })).toBeDefined();
  });

  it("the manager suspends a leader (and names no developers: that is a leader's)", () => {
    row(lena, manager);
    expect(screen.getByRole("button", { name: "Suspend" })).toBeDefined();
    expect(screen.queryByRole("button", { name: "Make developer" })).toBeNull();
  });

  it("a member, a suspended leader or a visitor is offered nothing", () => {
    row(alice, view(7));
    row(alice, view(3, { status: "suspended", roles: [], heldRoles: ["leader"], suspendedBy: "manager" }));
    row(alice, undefined);
    expect(screen.queryAllByRole("button")).toEqual([]);
  });

  const app = (over: Partial<ApplicationView> = {}): ApplicationView => ({
    account: address(40),
    developer: address(41),
    name: "Route planner",
    metadataURI: "ipfs://route-planner",
    attributeIds: [3],
    purpose: purposeCode("dpv:ServiceProvision"),
    status: "active",
    registeredAt: 1,
    suspendedBy: "none",
    live: true,
    ...over,
  });
  const appRow = (application: ApplicationView, me: MemberView | undefined) =>
    inApp(
      <table>
        <tbody>
          <ApplicationRow app={application} me={me} />
        </tbody>
      </table>,
    );

  it("a leader does not reinstate an application the manager suspended; the manager does, and raises a leader's", () => {
    appRow(app({ status: "suspended", suspendedBy: "manager", live: false }), lars);
    expect(screen.queryByRole("button", { name: /Reinstate|Suspend/ })).toBeNull();
    expect(screen.getByTestId("no-oversight").textContent).toBe(
      "Suspended by the manager: only they or a higher authority reinstate.",
    );
    cleanup();
    appRow(app({ status: "suspended", suspendedBy: "manager", live: false }), manager);
    expect(screen.getByRole("button", { name: "Reinstate" })).toBeDefined();
    expect(screen.queryByRole("button", { name: /Suspend/ })).toBeNull();
    cleanup();
    appRow(app({ status: "suspended", suspendedBy: "leader", live: false }), manager);
    expect(screen.getByRole("button", { name: "Suspend with your authority" })).toBeDefined();
    expect(screen.getByRole("button", { name: "Reinstate" })).toBeDefined();
    cleanup();
    appRow(app(), lars);
    expect(screen.getByRole("button", { name: "Suspend" })).toBeDefined();
  });

  it("a member or a visitor is offered nothing on an application", () => {
    appRow(app(), alice);
    appRow(app({ status: "suspended", suspendedBy: "leader", live: false }), undefined);
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.queryByTestId("no-oversight")).toBeNull();
  });
});

describe("huge, negative or odd numbers are field errors, never a raw error", () => {
  it.each(["1e20", "100000000000000000000", "-1", "0", "Infinity", "7 fortnights"])(
    "an offer bookable for %s days",
    (days) => {
      const result = checkOffer(
        { resourceId: "1", unitPrice: "0.01", capacity: "5", days, description: "desk" },
        1_000_000,
      );
      expect(result.listing).toBeUndefined();
      expect(result.errors.days).toMatch(/\w/);
    },
  );

  it.each([
    ["capacity", "-3"],
    ["capacity", "18446744073709551616"],
    ["unitPrice", "-1"],
    ["unitPrice", "1" + "0".repeat(40)],
  ] as const)("an offer with %s %s", (field, value) => {
    const draft = { resourceId: "1", unitPrice: "0.01", capacity: "5", days: "", description: "desk" };
    const result = checkOffer({ ...draft, [field]: value }, 1_000_000);
    expect(result.listing).toBeUndefined();
    expect(result.errors[field]).toMatch(/\w/);
  });

  it("a connection for 1e20 days", () => {
    const result = checkGrant(
      {
        granteeKind: "member",
        grantee: address(9),
        attributes: [4],
        purpose: purposeCode("dpv:Marketing"),
        days: "1e20",
      },
      {
        me: address(8),
        attributes: [
          { id: 4, name: "email", domain: "person", dataType: "email", parent: 0, deprecated: false } as Attribute,
        ],
        maxGrantDuration: undefined,
      },
    );
    expect(result.terms).toBeUndefined();
    expect(result.errors.days).toMatch(/\w/);
  });

  it("a market request open for 1e20 days says so in its field, and the old status line goes", async () => {
    const classes: Attribute[] = [
      { id: 15, name: "bike", domain: "resource", dataType: "class", parent: 14, deprecated: false } as Attribute,
    ];
    inApp(<PostRequestForm attributes={classes} />);
    fireEvent.change(screen.getByLabelText("What you need"), { target: { value: "15" } });
    fireEvent.change(screen.getByLabelText("At most (ETH a unit)"), { target: { value: "0.01" } });
    // Without a wallet the transaction fails at once: a status line to be replaced.
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Post request" }));
    });
    expect(screen.getByRole("status").textContent).toMatch(/Post request failed/);
    fireEvent.change(screen.getByLabelText("Open for (days)"), { target: { value: "1e20" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Post request" }));
    });
    const field = screen.getByLabelText("Open for (days)");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("status").textContent).toBe("");
    expect(document.body.textContent).not.toMatch(/safe 48-bit|RangeError|e\+24/);
  });
  it("the vote form: a new choice or reason clears the last vote's status line, a choice clears the field error", async () => {
    inApp(<VoteForm proposal={proposal()} />);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Cast vote" }));
    });
    expect(screen.getByRole("alert").textContent).toMatch(/Choose for, against or abstain/);
    fireEvent.click(screen.getByLabelText("For"));
    expect(screen.queryByRole("alert")).toBeNull();
    // Without a wallet the vote fails at once: a status line to be replaced.
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Cast vote" }));
    });
    expect(screen.getByRole("status").textContent).toMatch(/Vote failed/);
    fireEvent.click(screen.getByLabelText("Against"));
    expect(screen.getByRole("status").textContent).toBe("");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Cast vote" }));
    });
    expect(screen.getByRole("status").textContent).toMatch(/Vote failed/);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: "Because." } });
    expect(screen.getByRole("status").textContent).toBe("");
  });
});

describe("the local chain's skip ahead", () => {
  it("shows once per page, for the nearest time, and asks first, saying it moves everyone's clock", () => {
    inApp(
      <>
        <LocalTimeTravel to={5_000} label="end the vote" now={1_000} />
        <LocalTimeTravel to={2_000} label="open the vote" now={1_000} />
      </>,
    );
    const buttons = screen.getAllByRole("button", { name: /skip ahead/ });
    expect(buttons.map((b) => b.textContent)).toEqual(["Local chain: skip ahead to open the vote"]);
    fireEvent.click(buttons[0] as HTMLElement);
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.textContent).toMatch(/16 minutes 40 seconds forward/);
    expect(dialog.textContent).toMatch(/for everyone on this chain/);
    expect(within(dialog).getByRole("button", { name: "Skip 16 minutes 40 seconds ahead" })).toBeDefined();
  });

  it("is not offered on another chain, nor for a time already past", () => {
    inApp(
      <LocalTimeTravel to={5_000} label="end the vote" now={1_000} />,
      network(chainConfig({ chainId: 11155111, name: "Weconet on chain 11155111" })),
    );
    inApp(<LocalTimeTravel to={500} label="end the vote" now={1_000} />);
    expect(screen.queryByRole("button", { name: /skip ahead/ })).toBeNull();
  });
});

describe("the wallet panel", () => {
  it("closes with Escape and gives the focus back to its button", () => {
    inApp(<WalletButton />);
    const trigger = screen.getByRole("button", { name: "Connect wallet" });
    fireEvent.click(trigger);
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
    // opened: the focus is in the panel, on its first choice
    expect(screen.getByRole("group", { name: "Connect a wallet" }).contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    expect(screen.queryByRole("group", { name: "Connect a wallet" })).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });
});

describe("explorer links", () => {
  const someone = address(42);
  it("link an address where the chain has an explorer", () => {
    inApp(<AccountName address={someone} />, network(chainConfig({ explorerUrl: "https://sepolia.etherscan.io" })));
    expect(screen.getByRole("link").getAttribute("href")).toBe(`https://sepolia.etherscan.io/address/${someone}`);
  });
  it("are not there on the local chain (no broken link)", () => {
    inApp(<AccountName address={someone} />);
    expect(screen.queryByRole("link")).toBeNull();
  });
});

describe("balances and the demo faucet", () => {
  const someone = address(43);
  const token = address(44);
  const holdings: HoldingsData = {
    account: someone,
    eth: 1_234_567_800_000_000_000n,
    demo: {
      token: { address: token, symbol: "dEUR", decimals: 18 },
      balance: 0n,
      faucetAmount: 10n ** 21n,
      claimableFrom: 0,
    },
  };
  const show = (chainId: number) => {
    const client = testQueryClient();
    client.setQueryData(queryKeyOf(chainId, pointRead("holdings", [someone])), holdings);
    return render(
      <TestProviders network={network(chainConfig({ chainId, demoToken: token }))} client={client}>
        <Holdings account={someone} />
      </TestProviders>,
    );
  };
  it("shows ETH and dEUR, and on the local chain the faucet", () => {
    show(31337);
    expect(screen.getByTestId("balance-eth").textContent).toBe("1.2345 ETH");
    expect(screen.getByTestId("balance-demo").textContent).toBe("0 dEUR");
    expect(screen.getByRole("button", { name: /demo faucet/ })).toBeDefined();
  });
  it("offers no faucet on another chain", () => {
    show(11155111);
    expect(screen.getByTestId("balance-demo").textContent).toBe("0 dEUR");
    expect(screen.queryByRole("button", { name: /demo faucet/ })).toBeNull();
  });
});
