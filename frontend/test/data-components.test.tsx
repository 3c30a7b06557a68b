// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import type { Address, Hex } from "viem";

import { purposeCode, type Attribute } from "@weconet/sdk";

import { ConfirmButton } from "@/components/Confirm";
import { Readers } from "@/components/data/Readers";
import { Receipts, type ReceiptLog } from "@/components/data/Receipts";
import { SocketStatus } from "@/components/data/SocketStatus";
import { ValueEditor } from "@/components/data/ValueEditor";
import { NetworkConfigProvider } from "@/lib/weconet";

const dave = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const attribute = (name: string, dataType: Attribute["dataType"], id = 4): Attribute =>
  ({ id, name, dataType, domain: "person", deprecated: false, parent: 0 }) as unknown as Attribute;

function withNames(children: ReactNode) {
  return (
    <NetworkConfigProvider
      value={{
        chains: [],
        devAccounts: [{ name: "dave", role: "member", address: dave, privateKey: "0x01" }],
        problems: [],
      }}
    >
      {children}
    </NetworkConfigProvider>
  );
}

describe("ValueEditor", () => {
  it("edits a postal address part by part and saves it in the socket's shape", () => {
    const onSave = vi.fn();
    render(
      <ValueEditor
        attribute={attribute("postal_address", "postal_address")}
        value={undefined}
        busy={false}
        onSave={onSave}
      />,
    );
    fireEvent.change(screen.getByLabelText("postal_address: Street and number"), {
      target: { value: "Lindengracht 12" },
    });
    fireEvent.change(screen.getByLabelText("postal_address: Postal code"), { target: { value: "1015 KK" } });
    fireEvent.change(screen.getByLabelText("postal_address: City"), { target: { value: "Amsterdam" } });
    fireEvent.change(screen.getByLabelText("postal_address: Country"), { target: { value: "NL" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledWith({
      street: "Lindengracht 12",
      postalCode: "1015 KK",
      city: "Amsterdam",
      country: "NL",
    });
  });

  it("shows why a value does not fit its type and saves nothing", () => {
    const onSave = vi.fn();
    render(
      <ValueEditor attribute={attribute("email", "email")} value="dave@example.org" busy={false} onSave={onSave} />,
    );
    const input = screen.getByLabelText("email");
    expect((input as HTMLInputElement).value).toBe("dave@example.org");
    expect(input.getAttribute("type")).toBe("email");
    fireEvent.change(input, { target: { value: "not an e-mail address" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByRole("alert").textContent).not.toBe("");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(onSave).not.toHaveBeenCalled();
  });

  it("offers yes and no for a boolean", () => {
    const onSave = vi.fn();
    render(<ValueEditor attribute={attribute("verified", "boolean")} value={undefined} busy={false} onSave={onSave} />);
    fireEvent.change(screen.getByLabelText("verified"), { target: { value: "false" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledWith(false);
  });
});

describe("ConfirmButton", () => {
  it("asks first, acts only on yes, and can be taken back", () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmButton label="Erase" question="Erase it for good?" confirmLabel="Erase email" onConfirm={onConfirm} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Erase" }));
    expect(screen.getByText("Erase it for good?")).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Erase" }));
    fireEvent.click(screen.getByRole("button", { name: "Erase email" }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(screen.queryByText("Erase it for good?")).toBeNull();
  });
});

describe("Receipts", () => {
  const receipt = (seq: number, decision: "allowed" | "refused", reason: string | null) => ({
    seq,
    owner: dave,
    grantee: dave,
    attributeId: 4,
    connectionId: "1",
    purpose: null,
    block: String(100 + seq),
    at: "2026-12-01T22:00:00.000Z",
    decision,
    reason,
    prev: "0x00" as Hex,
    hash: "0x01" as Hex,
  });
  const log = (signed: boolean): ReceiptLog =>
    ({
      owner: dave,
      receipts: [
        { ...receipt(1, "allowed", null), purpose: purposeCode("DeliveryOfGoods") },
        receipt(2, "refused", "no_consent"),
      ],
      head: {
        owner: dave,
        count: 2,
        hash: "0xabc" as Hex,
        signature: signed ? ("0x1234" as Hex) : null,
        operator: signed ? dave : null,
      },
    }) as ReceiptLog;

  it("lists who read what when, newest first, allowed or why not, under the signed head", () => {
    render(
      withNames(
        <Receipts log={log(true)} attributes={[attribute("postal_address", "postal_address")]} applications={[]} />,
      ),
    );
    const rows = within(screen.getByTestId("receipts")).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.dataset.decision)).toEqual(["refused", "allowed"]);
    expect(rows[0]?.textContent).toContain("refused: no open connection");
    expect(rows[0]?.textContent).toContain("postal_address");
    expect(rows[0]?.textContent).toContain("dave");
    expect(rows[1]?.textContent).toContain("101");
    expect(rows[1]?.textContent).toContain("Delivery of goods");
    expect(rows[0]?.textContent).toContain("not stated");
    expect(screen.getByTestId("receipts-head").textContent).toContain("2 receipts in a hash chain");
    expect(screen.getByTestId("receipts-head").textContent).toContain("signed by the socket's operator");
  });

  it("says when the head is not signed, and when nobody has read anything", () => {
    const empty = { ...log(false), receipts: [], head: { ...log(false).head, count: 0 } };
    render(withNames(<Receipts log={empty} attributes={[]} applications={[]} />));
    expect(screen.getByText("Nobody has read (or tried to read) your values yet.")).toBeDefined();
    expect(screen.getByTestId("receipts-head").textContent).toContain("not signed");
  });
});

describe("Readers", () => {
  it("names who may read a value now, with why and until when", () => {
    render(
      withNames(
        <Readers
          readers={[
            {
              grantee: dave,
              kind: "member",
              source: "own",
              purpose: purposeCode("DeliveryOfGoods"),
              expiresAt: 87_400,
            },
          ]}
          applications={[]}
          now={1_000}
        />,
      ),
    );
    const item = screen.getByTestId("readers").querySelector(`[data-reader="${dave}"]`);
    expect(item?.textContent).toContain("dave");
    expect(item?.textContent).toContain("Delivery of goods, ends in 1 day");
  });
  it("says nobody when no connection covers it", () => {
    render(withNames(<Readers readers={[]} applications={[]} now={1_000} />));
    expect(screen.getByText("nobody")).toBeDefined();
  });
});

describe("SocketStatus", () => {
  it("announces what a socket request did or why it failed", () => {
    const { rerender } = render(
      <SocketStatus state={{ status: "done", label: "Save", message: "stored (version 2)." }} />,
    );
    expect(screen.getByRole("status").textContent).toBe("Save: stored (version 2).");
    rerender(<SocketStatus state={{ status: "failed", label: "Read", message: "The connection has expired." }} />);
    expect(screen.getByRole("status").textContent).toBe("Read failed: The connection has expired.");
    expect(screen.getByRole("status").dataset.socketStatus).toBe("failed");
  });
});
