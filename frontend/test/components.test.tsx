// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";

import { PURPOSES, purposeCode } from "@weconet/sdk";

import { Countdown } from "@/components/Countdown";
import { Field } from "@/components/Field";
import { PurposeName } from "@/components/PurposeName";
import { PurposePicker } from "@/components/PurposePicker";
import { TxStatus } from "@/components/TxStatus";

describe("TxStatus", () => {
  const hash = "0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef" as const;
  it.each([
    ["signing", { status: "signing", label: "Vote" }, "Vote: confirm in your wallet…"],
    ["pending", { status: "pending", label: "Vote", hash }, "Vote: pending (transaction 0x1234…cdef)…"],
    ["confirmed", { status: "confirmed", label: "Vote", hash, block: 42n }, "Vote: confirmed in block 42."],
    [
      "failed",
      { status: "failed", label: "Vote", message: "0xabc has voted on this proposal already." },
      "Vote failed: 0xabc has voted on this proposal already.",
    ],
  ] as const)("announces %s", (_name, state, text) => {
    render(<TxStatus state={state} />);
    const status = screen.getByRole("status");
    expect(status.textContent).toBe(text);
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.dataset.txStatus).toBe(state.status);
    expect(status.dataset.txOutOfGas).toBeUndefined();
  });

  it("marks a transaction that ran out of gas", () => {
    const message = `admit x: the transaction ${hash} ran out of gas: the network needed more than the 99034 gas the wallet allowed (it used 99034); it changed nothing, but its fee is spent. Send it again with a higher gas limit.`;
    render(<TxStatus state={{ status: "failed", label: "Admit", message, hash, outOfGas: true }} />);
    const status = screen.getByRole("status");
    expect(status.textContent).toBe(`Admit failed: ${message}`);
    expect(status.dataset.txOutOfGas).toBe("");
  });
});

describe("Field", () => {
  it("labels its control and ties the hint and the error to it", () => {
    render(
      <Field label="Title" hint="One line." error="Give the proposal a title.">
        <input />
      </Field>,
    );
    const input = screen.getByLabelText("Title");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = (input.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["One line.", "Give the proposal a title."]);
    expect(screen.getByRole("alert").textContent).toBe("Give the proposal a title.");
  });
  it("a valid control is not marked invalid", () => {
    render(
      <Field label="Reason">
        <textarea />
      </Field>,
    );
    expect(screen.getByLabelText("Reason").hasAttribute("aria-invalid")).toBe(false);
  });
});

describe("Countdown", () => {
  it("counts to a time ahead and from a time past, on the chain's clock", () => {
    const { rerender } = render(<Countdown at={1_000 + 90_000} now={1_000} />);
    expect(screen.getByText("in 1 day 1 hour")).toBeDefined();
    rerender(<Countdown at={1_000} now={1_000 + 120} />);
    expect(screen.getByText("2 minutes ago")).toBeDefined();
  });
});

describe("PurposePicker", () => {
  it("offers every DPV purpose of the network, marketing marked, and describes the chosen one", () => {
    const chosen: string[] = [];
    const delivery = purposeCode("dpv:DeliveryOfGoods");
    const { rerender } = render(<PurposePicker value="" onChange={(c) => chosen.push(c)} error={undefined} />);
    const select = screen.getByLabelText("Purpose");
    const options = [...select.querySelectorAll("option")].map((o) => o.textContent);
    expect(options).toEqual([
      "Choose what it is for…",
      ...PURPOSES.map((p) => p.label + (p.marketing ? " (marketing)" : "")),
    ]);
    fireEvent.change(select, { target: { value: delivery } });
    expect(chosen).toEqual([delivery]);
    rerender(<PurposePicker value={delivery} onChange={() => undefined} error={undefined} />);
    expect(screen.getByText(/To deliver goods to the owner/).textContent).toContain("(dpv:DeliveryOfGoods)");
  });
  it("keeps a code outside the table selectable, as an application registered it", () => {
    const other = `0x${"ab".repeat(32)}`;
    render(<PurposePicker value={other} onChange={() => undefined} error="Choose what it is for." />);
    expect((screen.getByLabelText("Purpose") as HTMLSelectElement).value).toBe(other);
    expect(screen.getByText("Other: 0xabababab…")).toBeDefined();
    expect(screen.getByRole("alert").textContent).toBe("Choose what it is for.");
  });
});

describe("PurposeName", () => {
  it("shows the DPV label with its term, marketing marked; an older short code as text; else the code", () => {
    const { container } = render(
      <div>
        <PurposeName code={purposeCode("dpv:CustomerCare")} />
        <PurposeName code={purposeCode("dpv:Marketing")} />
        <PurposeName code={`0x${"636f75726965722d64656c6976657279".padEnd(64, "0")}`} />
        <PurposeName code={`0x${"12".repeat(32)}`} />
      </div>,
    );
    const spans = [...(container.firstElementChild?.children ?? [])].map((e) => [
      e.textContent,
      e.getAttribute("title"),
    ]);
    expect(spans).toEqual([
      ["Customer care", expect.stringMatching(/^dpv:CustomerCare — To answer/) as unknown],
      ["Marketing marketing", expect.stringMatching(/^dpv:Marketing — /) as unknown],
      ["courier-delivery", null],
      ["0x12121212…", `0x${"12".repeat(32)}`],
    ]);
  });
});
