// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Address, Hex } from "viem";

import { purposeCode, SocketError, toContentHash, type Attribute, type BookingView } from "@weconet/sdk";

import type { SocketHandle, SocketSession } from "@/lib/socket";

const dave = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const eve = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;

// The socket and the wallet are stood in for: these tests are about what the components do with their answers.
let handle: SocketHandle;
vi.mock("@/lib/socket", async (original) => ({
  ...(await original<typeof import("@/lib/socket")>()),
  useSocket: () => handle,
}));
vi.mock("@/lib/weconet", async (original) => ({
  ...(await original<typeof import("@/lib/weconet")>()),
  useWeconet: () => ({ chain: { chainId: 31337 }, account: dave, wrongNetwork: false }),
}));

const { SharedData } = await import("@/components/connections/SharedData");
const { EraseAll } = await import("@/components/data/EraseAll");
const { Statements } = await import("@/components/leaders/Statements");
const { OfferDescription } = await import("@/components/market/OfferDocument");
const { ValueRow } = await import("@/components/data/ValueRow");
const { NetworkConfigProvider } = await import("@/lib/weconet");

const delivery = purposeCode("DeliveryOfGoods");
const postal = { id: 4, name: "postal_address", dataType: "postal_address" } as Attribute;
const email = { id: 6, name: "email", dataType: "email" } as Attribute;

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <NetworkConfigProvider value={{ chains: [], devAccounts: [], problems: [] }}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </NetworkConfigProvider>
  );
}

function socketWith(
  session: Partial<SocketSession> | undefined,
  client?: Partial<SocketHandle["client"]>,
): SocketHandle {
  return {
    url: "http://127.0.0.1:8600",
    client: client as SocketHandle["client"],
    session: session as SocketSession | undefined,
    signIn: vi.fn(),
    signOut: vi.fn(async () => undefined),
    error: null,
  };
}

beforeEach(() => {
  handle = socketWith(undefined);
});

describe("SharedData (a grantee's read)", () => {
  it("asks to sign in first", () => {
    render(wrap(<SharedData owner={eve} attributeIds={[4]} attributes={[postal]} purpose={delivery} />));
    expect(screen.getByRole("button", { name: "Sign in to the data socket" })).toBeDefined();
  });

  it("shows the values read and, per attribute, why one was refused", async () => {
    const readMany = vi.fn(async () => ({
      owner: eve,
      block: "97",
      values: [
        {
          attributeId: 4,
          name: "postal_address",
          dataType: "postal_address",
          value: { street: "Oudegracht 42", postalCode: "3511 AR", city: "Utrecht", country: "NL" },
          version: 1,
        },
        { attributeId: 6, refused: "expired" as const },
      ],
    }));
    handle = socketWith({ readMany } as Partial<SocketSession>);
    render(wrap(<SharedData owner={eve} attributeIds={[4, 6]} attributes={[postal, email]} purpose={delivery} />));
    fireEvent.click(screen.getByRole("button", { name: "Read shared data" }));
    await screen.findByText("Oudegracht 42, 3511 AR Utrecht, NL");
    expect(readMany).toHaveBeenCalledWith(eve, [4, 6], { purpose: delivery });
    expect(screen.getByRole("alert").textContent).toBe(
      "The connection that shared it has expired: the socket refused the read.",
    );
    expect(screen.getByRole("status").textContent).toContain("at block 97");
  });

  it("says in words why the socket refused the whole read", async () => {
    const readMany = vi.fn(async () => {
      throw new SocketError("not authorized (no_consent)", "not_authorized", 403, "no_consent");
    });
    handle = socketWith({ readMany } as unknown as Partial<SocketSession>);
    render(wrap(<SharedData owner={eve} attributeIds={[4]} attributes={[postal]} purpose={delivery} />));
    fireEvent.click(screen.getByRole("button", { name: "Read shared data" }));
    await waitFor(() => expect(screen.getByRole("status").dataset.socketStatus).toBe("failed"));
    expect(screen.getByRole("status").textContent).toMatch(
      /^Read failed: No live connection from the owner shares this attribute with you/,
    );
  });

  it("offers a new sign-in when the session has expired", async () => {
    const readMany = vi.fn(async () => {
      throw new SocketError("session expired", "session_expired", 401);
    });
    handle = socketWith({ readMany } as unknown as Partial<SocketSession>);
    render(wrap(<SharedData owner={eve} attributeIds={[4]} attributes={[postal]} purpose={delivery} />));
    fireEvent.click(screen.getByRole("button", { name: "Read shared data" }));
    await waitFor(() => expect(handle.signOut).toHaveBeenCalled());
  });
});

describe("EraseAll", () => {
  it("erases everything only after the confirmation, and says how much", async () => {
    const eraseAll = vi.fn(async () => ({ erased: 3 }));
    render(
      wrap(
        <EraseAll
          session={{ values: { eraseAll } } as unknown as SocketSession}
          count={3}
          onSignedOut={() => undefined}
        />,
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "Erase everything" }));
    expect(eraseAll).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Erase all my values" }));
    await screen.findByText("Erase everything: 3 values erased.");
    expect(eraseAll).toHaveBeenCalledOnce();
  });
  it("has nothing to erase without values", () => {
    render(wrap(<EraseAll session={{} as SocketSession} count={0} onSignedOut={() => undefined} />));
    expect((screen.getByRole("button", { name: "Erase everything" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("Statements (a leader reads a dispute)", () => {
  const statement = "eve: the March files are missing";
  const booking = {
    id: 3n,
    consumer: eve,
    dispute: { by: eve, statement: toContentHash(statement) },
  } as unknown as BookingView;

  it("shows each booking document with what it is and who wrote it", async () => {
    const list = vi.fn(async () => [
      { hash: toContentHash(statement), size: 32, author: eve, at: "2026-12-01T22:00:00Z" },
    ]);
    const get = vi.fn(async () => statement);
    handle = socketWith({ token: "t", bookingDocuments: { list, get } } as unknown as Partial<SocketSession>);
    render(wrap(<Statements booking={booking} />));
    const quote = await screen.findByText(statement);
    expect(quote.tagName).toBe("BLOCKQUOTE");
    expect(screen.getByTestId("statements").textContent).toContain("statement by");
    expect(list).toHaveBeenCalledWith(3n);
    expect(get).toHaveBeenCalledWith(3n, toContentHash(statement));
  });

  it("says why when the socket refuses (not a party, not a leader)", async () => {
    const list = vi.fn(async () => {
      throw new SocketError("not a party", "not_authorized", 403, "not_a_party");
    });
    handle = socketWith({ token: "u", bookingDocuments: { list } } as unknown as Partial<SocketSession>);
    render(wrap(<Statements booking={booking} />));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "Only the booking's consumer and provider and the network's active leaders may",
    );
  });
});

describe("OfferDescription", () => {
  const hash = toContentHash("doc") as Hex;
  it("shows the description and attribute values of the offer's document", async () => {
    const text = JSON.stringify({
      title: "Hot desk",
      description: "By the day.",
      attributes: { service_area: "Utrecht" },
    });
    handle = socketWith(undefined, { documents: { get: vi.fn(async () => text) } } as Partial<SocketHandle["client"]>);
    render(wrap(<OfferDescription provider={dave} hash={hash} />));
    await screen.findByText("By the day.");
    expect(screen.getByText("service_area: Utrecht")).toBeDefined();
  });
  it("says when the document is not in the socket", async () => {
    const get = vi.fn(async () => {
      throw new SocketError("no document", "not_found", 404);
    });
    handle = socketWith(undefined, { documents: { get } } as Partial<SocketHandle["client"]>);
    render(wrap(<OfferDescription provider={dave} hash={toContentHash("other")} />));
    await screen.findByText(/The offer document is not in the data socket/);
  });
});

describe("ValueRow (one of my values)", () => {
  const record = {
    attributeId: 6,
    name: "email",
    dataType: "email",
    value: "dave@example.org",
    version: 1,
    updatedAt: "2026-12-01T22:00:00Z",
  };
  const row = (session: Partial<SocketSession>, stored: typeof record | undefined) =>
    render(
      wrap(
        <ValueRow
          attribute={{ ...email, domain: "person", deprecated: false } as Attribute}
          record={stored}
          readers={[]}
          receipts={[]}
          applications={[]}
          now={1_000}
          session={session as SocketSession}
          onSignedOut={() => undefined}
        />,
      ),
    );

  it("stores a checked value and says which version it became", async () => {
    const set = vi.fn(async () => ({ ...record, value: "dave@example.net", version: 2 }));
    row({ values: { set } } as unknown as Partial<SocketSession>, record);
    expect(screen.getByTestId("stored-value").textContent).toContain("dave@example.org");
    fireEvent.change(screen.getByRole("textbox", { name: "email" }), { target: { value: " dave@example.net " } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Replace: stored (version 2).");
    expect(set).toHaveBeenCalledWith(6, "dave@example.net");
  });

  it("erases the value only after the confirmation", async () => {
    const erase = vi.fn(async () => ({ erased: 1 }));
    row({ values: { erase } } as unknown as Partial<SocketSession>, record);
    fireEvent.click(screen.getByRole("button", { name: "Erase" }));
    expect(erase).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Erase email" }));
    await screen.findByText("Erase: erased.");
    expect(erase).toHaveBeenCalledWith(6);
  });

  it("shows the socket's refusal of a value in words", async () => {
    const set = vi.fn(async () => {
      throw new SocketError("the value is larger than 4096 bytes", "too_large", 413);
    });
    row({ values: { set } } as unknown as Partial<SocketSession>, undefined);
    expect(screen.getByTestId("stored-value").textContent).toBe("No value stored.");
    expect(screen.queryByRole("button", { name: "Erase" })).toBeNull();
    fireEvent.change(screen.getByRole("textbox", { name: "email" }), { target: { value: "dave@example.org" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText(
      "Save failed: The value is too large for the data socket: the value is larger than 4096 bytes",
    );
  });
});
