import { getAddress, type Address } from "viem";

import { purposeCode, SocketError, toContentHash, type createSocketClient } from "@weconet/sdk";

import { ROUTE_PLANNER_ACCOUNT } from "./access.js";
import { demoProfile } from "./core.js";
import { DEMO_DISPUTES } from "./market.js";
import { memberAddresses, type DemoNetwork } from "./network.js";

type SocketClient = ReturnType<typeof createSocketClient>;
type SocketSession = Awaited<ReturnType<SocketClient["signIn"]>>;

/** What the data demo needs from the main command: the socket, and a signed-in session for any demo account. */
export interface DemoSocket {
  client: SocketClient;
  /** Signs `account` in (its development key signs the SIWE message); one session per account. */
  signIn(account: Address): Promise<SocketSession>;
}

/** The fictional values each demo member keeps in the socket (taxonomy name → value of its data type). */
export const DEMO_VALUES: Record<"alice" | "bob" | "carol" | "dave" | "eve", Record<string, unknown>> = {
  alice: { given_name: "Alice", family_name: "Fietsma", email: "alice@example.org", phone: "+31 20 555 0106" },
  bob: { given_name: "Bob", email: "bob@example.org", languages: "Dutch, English" },
  carol: { given_name: "Carol", email: "carol@example.org", skills: "open data, statistics" },
  dave: {
    given_name: "Dave",
    birth_date: "1990-04-12",
    postal_address: { street: "Keizersgracht 100", postalCode: "1015 AA", city: "Amsterdam", country: "NL" },
    email: "dave@example.org",
    phone: "+31 20 555 0109",
  },
  eve: {
    given_name: "Eve",
    delivery_address: { street: "Oudegracht 42", postalCode: "3511 AR", city: "Utrecht", country: "NL" },
    email: "eve@example.org",
    phone: "+31 30 555 0110",
    home_location: { lat: 52.0907, lon: 5.1214 },
  },
};

/** A postal address value in one line, for the printout. */
function oneLine(value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value);
  return Object.values(value as Record<string, unknown>).join(", ");
}

/**
 * The data socket on the demo network (after the other seedings), through the SDK's socket client, each person
 * signed in with their own development account:
 * - the members store their fictional values (names, addresses, e-mail, phone);
 * - the demo's documents go to the socket's documents: the offers' descriptions (`documents`) and the members'
 *   profiles; the dispute statements and the ruling go to their bookings' documents;
 * - the demo's connections and bookings read through it: Alice (courier) reads Dave's postal address under his
 *   connection and Eve's delivery address under her booking, the route planner reads what Eve connected it to, and
 *   Carol's read of Bob's e-mail address is refused (Bob closed that connection) — each read leaves a receipt.
 */
export async function seedDataDemo(net: DemoNetwork, socket: DemoSocket, documents: readonly string[]): Promise<void> {
  const people = memberAddresses(net.people);
  const { reads } = net.weconet;
  const id = (name: string) => reads.attributeId(name);

  for (const [name, values] of Object.entries(DEMO_VALUES) as [keyof typeof DEMO_VALUES, Record<string, unknown>][]) {
    const session = await socket.signIn(people[name]);
    for (const [attribute, value] of Object.entries(values)) await session.values.set(await id(attribute), value);
  }
  net.log(`socket: alice, bob, carol, dave and eve stored their (fictional) values: ${summary()}`);

  // Content-addressed: who puts a document does not matter, only that it matches its hash (any active member may).
  const publisher = await socket.signIn(people.alice);
  const profiles = ["alice", "bob", "carol", "dave", "eve", "daan", "dina", "applicant"].map(demoProfile);
  for (const text of [...documents, ...profiles]) await publisher.documents.put(text);
  net.log(`socket: published ${documents.length} offer documents and ${profiles.length} profiles (by their hashes)`);

  await publishDisputes(net, socket);

  // Each read states its purpose (the connection's W3C DPV term): the owner's receipt records it.
  const delivering = { purpose: purposeCode("dpv:DeliveryOfGoods") };
  const alice = await socket.signIn(people.alice);
  const postal = await alice.read(people.dave, await id("postal_address"), delivering);
  net.log(`socket read: alice (courier) read dave's postal_address under his connection — ${oneLine(postal.value)}`);
  const delivery = await alice.read(people.eve, await id("delivery_address"), delivering);
  net.log(`socket read: alice read eve's delivery_address under eve's booking — ${oneLine(delivery.value)}`);

  const planner = await socket.signIn(ROUTE_PLANNER_ACCOUNT);
  const many = await planner.readMany(people.eve, [await id("delivery_address"), await id("phone")], {
    purpose: purposeCode("dpv:ServiceProvision"),
  });
  net.log(`socket read: the route planner read ${many.values.length} of eve's values under her connection to it`);

  const carol = await socket.signIn(people.carol);
  try {
    await carol.read(people.bob, await id("email"), { purpose: purposeCode("dpv:Marketing") });
    throw new Error("demo: carol could read bob's e-mail address after bob closed the connection");
  } catch (error) {
    if (!(error instanceof SocketError) || error.code !== "not_authorized") throw error;
    net.log(`socket read: carol's read of bob's email was refused (${error.reason ?? error.code}): bob closed it`);
  }
  net.log("socket: every read above left a receipt in its owner's log (My data in the dApp)");
}

/** Stores each dispute's statement (by the consumer) and the ruling (by the leader) as booking documents. */
async function publishDisputes(net: DemoNetwork, socket: DemoSocket): Promise<void> {
  const bookings = (await net.weconet.reads.bookings({})).items;
  const bookingOf = (statement: string) => bookings.find((b) => b.dispute?.statement === toContentHash(statement));
  let stored = 0;
  for (const dispute of Object.values(DEMO_DISPUTES)) {
    const booking = bookingOf(dispute.statement);
    if (booking?.dispute === undefined) throw new Error(`demo: no disputed booking states "${dispute.statement}"`);
    const by = await socket.signIn(getAddress(booking.dispute.by));
    await by.bookingDocuments.put(booking.id, dispute.statement);
    stored++;
    if ("ruling" in dispute && booking.dispute.ruledBy !== undefined) {
      const leader = await socket.signIn(getAddress(booking.dispute.ruledBy));
      await leader.bookingDocuments.put(booking.id, dispute.ruling);
      stored++;
    }
  }
  net.log(`socket: ${stored} dispute documents (statements, a ruling) stored with their bookings`);
}

function summary(): string {
  const names = new Set(Object.values(DEMO_VALUES).flatMap((v) => Object.keys(v)));
  return [...names].join(", ");
}
