// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { zeroAddress, type Address } from "viem";

import { ETH_TOKEN, purposeCode, type Attribute, type OfferView } from "@weconet/sdk";

import type { SocketHandle } from "@/lib/socket";

const dave = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const alice = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;

// The wallet, the chain and the socket are stood in for: these tests are about what the forms let through.
const run = vi.fn(async () => undefined);
const signIn = vi.fn();
vi.mock("@/lib/tx", () => ({
  useTransaction: () => ({ state: { status: "idle" }, run, reset: () => undefined, busy: false, canSend: true }),
}));
vi.mock("@/lib/weconet", async (original) => ({
  ...(await original<typeof import("@/lib/weconet")>()),
  useWeconet: () => ({ chain: { chainId: 31337 }, account: dave, wrongNetwork: false }),
}));
vi.mock("@/lib/socket", async (original) => ({
  ...(await original<typeof import("@/lib/socket")>()),
  useSocket: (): SocketHandle => ({
    url: "http://127.0.0.1:8600",
    client: undefined,
    session: undefined,
    signIn,
    signOut: async () => undefined,
    error: null,
  }),
}));
vi.mock("@/components/membership/Profile", () => ({ PersonName: () => <span>alice (0x976E…0aa9)</span> }));

const { BookForm } = await import("@/components/market/BookForm");
const { ProfileForm } = await import("@/components/membership/ProfileForm");
const { RegisterResourceForm } = await import("@/components/membership/Resources");

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const deliveryAddress = { id: 5, name: "delivery_address", domain: "person", dataType: "postal_address" } as Attribute;
const bike = { id: 15, name: "bike", domain: "resource", dataType: "class", parent: 0, deprecated: false } as Attribute;
const courier: OfferView = {
  id: 7n,
  provider: alice,
  resourceId: 1n,
  status: "active",
  version: 1,
  classId: 30,
  token: zeroAddress,
  unitPrice: 4n * 10n ** 15n,
  capacity: 5n,
  booked: 2n,
  validFrom: 0,
  validUntil: 0,
  metadata: `0x${"ab".repeat(32)}`,
  dataRequest: { attributeIds: [5], purpose: purposeCode("dpv:DeliveryOfGoods"), duration: 3 * 86_400 },
  listedAt: 1,
  updatedAt: 1,
  remaining: 3n,
  bookable: true,
};

beforeEach(() => {
  run.mockClear();
  signIn.mockClear();
});

describe("booking an offer that asks for data", () => {
  it("starts at the searched quantity, shows what is shared with whom for how long, and needs consent", () => {
    render(wrap(<BookForm offer={courier} token={ETH_TOKEN} attributes={[deliveryAddress]} quantity={2n} />));
    expect(screen.getByLabelText<HTMLInputElement>("Units").value).toBe("2");
    expect(screen.getByTestId("consent-what").textContent).toBe("delivery_address");
    expect(screen.getByTestId("consent-with").textContent).toBe("alice (0x976E…0aa9), the provider");
    expect(screen.getByTestId("consent-purpose").textContent).toBe("Delivery of goods");
    expect(screen.getByTestId("consent-duration").textContent).toMatch(/^3 days from booking/);

    fireEvent.click(screen.getByRole("button", { name: "Book 2 units for 0.008 ETH" }));
    expect(screen.getByRole("alert").textContent).toBe(
      "Agree to share this data to book the offer, or choose another one.",
    );
    expect(run).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText("Units"), { target: { value: "4" } });
    fireEvent.click(screen.getByRole("checkbox"));
    fireEvent.click(screen.getByRole("button", { name: "Book" }));
    expect(screen.getByRole("alert").textContent).toBe("Only 3 left: book at most that many.");
    expect(run).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText("Units"), { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Book 3 units for 0.012 ETH" }));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("an offer that asks for nothing books without a consent step", () => {
    const desk = { ...courier, dataRequest: { attributeIds: [], purpose: courier.dataRequest.purpose, duration: 0 } };
    render(wrap(<BookForm offer={desk} token={ETH_TOKEN} attributes={[]} />));
    expect(screen.queryByTestId("consent")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Book 1 unit for 0.004 ETH" }));
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe("the member forms refuse bad input with field errors and send nothing", () => {
  it("applying without a name or about", () => {
    render(wrap(<ProfileForm mode="apply" />));
    fireEvent.click(screen.getByRole("button", { name: "Apply for membership" }));
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual([
      "Enter your name.",
      "Enter a few words about you.",
    ]);
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");
    expect(signIn).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("registering a resource without a class, name or description", () => {
    render(wrap(<RegisterResourceForm attributes={[bike]} />));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "x".repeat(81) } });
    fireEvent.click(screen.getByRole("button", { name: "Register resource" }));
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual([
      "Choose what kind of resource it is.",
      "The resource's name has at most 80 characters (this has 81).",
      "Enter a description.",
    ]);
    expect(signIn).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });
});
