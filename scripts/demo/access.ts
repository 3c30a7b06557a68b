import { keccak256, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { addressOf, type DemoNetwork } from "./network.js";

const DAY = 86_400;

/**
 * The account of the demo's route-planner application: a fixed key, so that the demo network is the same on
 * every run. (A real application keeps its back end's key to itself.)
 */
export const ROUTE_PLANNER_KEY = privateKeyToAccount(
  keccak256(stringToHex("weconet demo: route planner application key")),
);
export const ROUTE_PLANNER_ACCOUNT = ROUTE_PLANNER_KEY.address;

/**
 * Data connections on the demo network (after the core seeding has admitted the members and developers):
 * - Dave shares his postal address with Alice's bike courier service for 30 days;
 * - Daan registers a route planner application, and Eve connects to it with what it asks;
 * - Bob shares his e-mail address with Carol, then closes the connection again;
 * - Carol asks Eve for her e-mail address for dataset updates (left pending, for Eve to answer in the dApp).
 * Only ids, purpose codes (W3C DPV terms, see sdk/src/purposes.ts) and expiries go on-chain: the values stay in
 * each member's data socket.
 */
export async function seedAccessDemo(net: DemoNetwork): Promise<void> {
  const { alice, bob, carol, dave, eve } = net.people.members;
  const { daan } = net.people.developers;

  await net.as(dave).access.grant({
    grantee: addressOf(alice),
    attributes: ["postal_address"],
    purpose: "dpv:DeliveryOfGoods",
    duration: 30 * DAY,
  });
  net.log("connection: Dave shares postal_address with Alice (bike courier) for 30 days, purpose dpv:DeliveryOfGoods");

  // the application's own key consents to Daan registering it (no application without its account's consent)
  const consent = await net
    .as(daan)
    .applications.consentToRegistration({ developer: addressOf(daan), signer: ROUTE_PLANNER_KEY });
  await net.as(daan).applications.register({
    account: ROUTE_PLANNER_ACCOUNT,
    consent,
    name: "Route planner",
    metadataURI: "ipfs://weconet-demo/route-planner",
    attributes: ["delivery_address", "phone"],
    purpose: "dpv:ServiceProvision",
  });
  net.log(
    `application: Daan registered "Route planner" (account ${ROUTE_PLANNER_ACCOUNT}) asking delivery_address, phone`,
  );

  await net.as(eve).access.grantToApplication({ application: ROUTE_PLANNER_ACCOUNT, duration: 30 * DAY });
  net.log("connection: Eve connected to Route planner with delivery_address, phone for 30 days");

  await net.as(bob).access.grant({
    grantee: addressOf(carol),
    attributes: ["email"],
    purpose: "dpv:Marketing",
    duration: 7 * DAY,
  });
  await net.as(bob).access.revoke({ grantee: addressOf(carol) });
  net.log("connection: Bob shared email with Carol, then revoked it (closed)");

  await net.as(carol).access.requestAccess({
    owner: addressOf(eve),
    attributes: ["email"],
    purpose: "dpv:CommunicationManagement",
    duration: 14 * DAY,
  });
  net.log("request: Carol asks Eve for email for 14 days, purpose dpv:CommunicationManagement (pending)");
}
