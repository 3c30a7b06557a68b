// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { padHex, stringToHex, zeroAddress, type Address, type Hash } from "viem";

import {
  describeEvent,
  formatDate,
  personName,
  personNames,
  shortId,
  type AuditEvent,
  type ContractName,
  type EventArgs,
  type EventName,
} from "@weconet/sdk";

import { CopyId } from "@/components/CopyId";
import { auditFilterOf, EMPTY_AUDIT_FORM, eventKey, proposalsIn, tokensIn } from "@/lib/audit";
import { readableSummaries } from "@/lib/audit-summaries";
import { failureOf } from "@/lib/failure";

const PROPOSAL = 71696087502631147148658298817282241535419667246690653406380167689183408814849n;

describe("CopyId", () => {
  it("shows a long id by its ends, the whole in its title, and copies the whole", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    render(<CopyId id={PROPOSAL} what="proposal id" />);
    expect(screen.getByText("716960…4849").getAttribute("title")).toBe(PROPOSAL.toString());
    fireEvent.click(screen.getByRole("button", { name: `Copy the full proposal id ${PROPOSAL}` }));
    await waitFor(() => expect(screen.getByRole("button").textContent).toBe("Copied"));
    expect(copied).toEqual([PROPOSAL.toString()]);
  });

  it("without a clipboard, shows the whole id selected to copy by hand", async () => {
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: undefined });
    render(<CopyId id={PROPOSAL} />);
    fireEvent.click(screen.getByRole("button"));
    const input = await screen.findByLabelText<HTMLInputElement>("The full id");
    expect(input.value).toBe(PROPOSAL.toString());
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, PROPOSAL.toString().length]);
  });

  it("keeps a short id whole", () => {
    render(<CopyId id={42n} />);
    expect(screen.getByText("42")).toBeTruthy();
  });
});

/** An event of the trail as the SDK reads it (block n, log 0), with the SDK's own summary. */
function event<C extends ContractName, E extends EventName<C>>(
  block: number,
  contract: C,
  name: E,
  args: EventArgs<C, E>,
): AuditEvent {
  return {
    chainId: 31337,
    block: BigInt(block),
    logIndex: 0,
    tx: `0x${"ab".repeat(32)}` as Hash,
    timestamp: 1796675765,
    address: zeroAddress,
    contract,
    event: name,
    args,
    ...describeEvent(contract, name, args),
  } as AuditEvent;
}

describe("readable audit rows", () => {
  const ada: Address = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
  const bob: Address = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
  const dEUR = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, symbol: "dEUR", decimals: 2 };
  const trail = [
    event(1, "Taxonomy", "AttributeAdded", { id: 7, parent: 0, domain: 2, name: "desk" } as never),
    event(2, "Market", "BookingCreated", {
      party: bob,
      offerId: 1n,
      bookingId: 3n,
      version: 1,
      quantity: 2n,
      token: dEUR.address,
      amount: 1_500n,
      feeBps: 100,
      connectionId: 0n,
    }),
    event(3, "Market", "BookingSettled", {
      party: ada,
      offerId: 1n,
      bookingId: 3n,
      outcome: 5,
      refund: 500n,
      payment: 990n,
      fee: 10n,
    }),
    event(4, "WeconetGovernor", "ProposalQueued", { proposalId: PROPOSAL, etaSeconds: 1796675765n }),
    event(5, "NetworkRules", "RuleChanged", {
      key: padHex(stringToHex("marketFeeBps"), { dir: "right" }),
      oldValue: 150n,
      newValue: 200n,
    }),
  ];
  const names = personNames([
    { address: ada, name: "Ada" },
    { address: bob, name: "Bob" },
  ]);
  const summaries = readableSummaries(trail, {
    token: (address) => (address === dEUR.address ? dEUR : undefined),
    person: (address) => personName(address, names),
    longId: (id) => shortId(id),
    date: (seconds) => formatDate(seconds, { timeZone: "UTC" }),
  });
  const at = (i: number) => {
    const e = trail[i];
    return e === undefined ? undefined : summaries.get(eventKey(e));
  };

  it("tells amounts in the token's units, people by name, ids short, dates as dates, rules in words", () => {
    expect(at(1)).toBe("Bob (0x14dC…9955) booked 2 unit(s) of offer 1 (booking 3), 15 dEUR in escrow");
    // BookingSettled does not name its token: the booking's BookingCreated in the trail does.
    expect(at(2)).toBe("booking 3 ended completed by Ada (0x976E…0aa9): refund 5 dEUR, payment 9.9 dEUR, fee 0.1 dEUR");
    expect(at(3)).toBe("proposal 716960…4849 was queued, executable from 7 Dec 2026, 20:36 UTC");
    expect(at(4)).toBe("market fee 1.5% → 2%");
    // The SDK's own summary (the export's) stays exact.
    expect(trail[2]?.summary).toContain("refund 500 (in the smallest unit of the booking's token)");
  });

  it("finds the tokens and proposals a trail names, and filters by a short proposal id", () => {
    expect(tokensIn(trail)).toEqual([dEUR.address]);
    expect(proposalsIn(trail)).toEqual([PROPOSAL]);
    expect(auditFilterOf({ ...EMPTY_AUDIT_FORM, proposal: "716960…4849" }, [PROPOSAL, 42n]).filter.proposals).toEqual([
      PROPOSAL,
    ]);
    expect(auditFilterOf({ ...EMPTY_AUDIT_FORM, proposal: "99" }, [PROPOSAL]).errors).toEqual({
      proposal: "No proposal id known here matches 99.",
    });
  });

  it("names people in error messages instead of raw addresses", () => {
    const { message } = failureOf(new Error(`${ada} is not an active member.`), names);
    expect(message).toContain("Ada (0x976E…0aa9)");
    expect(message).not.toContain(ada);
  });
});
