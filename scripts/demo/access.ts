import { Wallet, id } from "ethers";

import type { DemoNetwork } from "./network.js";

const DAY = 86_400;

/** A purpose code: the hash of a short label, never personal text. */
function purpose(label: string): string {
  return id(`purpose:${label}`);
}

/**
 * The account of the demo's route-planner application: a fixed key, so that the demo network is the same on
 * every run. (A real application keeps its back end's key to itself.)
 */
export const ROUTE_PLANNER_ACCOUNT = new Wallet(id("weconet demo: route planner application key")).address;

/**
 * Data connections on the demo network (after the core seeding has admitted the members and developers):
 * - Dave shares his postal address with Alice's bike courier service for 30 days;
 * - Daan registers a route planner application, and Eve connects to it;
 * - Bob shares his e-mail address with Carol, then closes the connection again;
 * - Carol asks Eve for her e-mail address for dataset updates (left pending, for Eve to answer in the dApp).
 * Only ids, purpose codes and expiries go on-chain: the values stay in each member's data socket.
 */
export async function seedAccessDemo(net: DemoNetwork): Promise<void> {
  const { accessGrants, applications, taxonomy } = net.contracts;
  const { alice, bob, carol, dave, eve } = net.people.members;
  const { daan } = net.people.developers;
  const attribute = (name: string) => taxonomy.attributeId(name);
  const now = async () => {
    const block = await accessGrants.runner?.provider?.getBlock("latest");
    if (!block) throw new Error("demo: no latest block");
    return block.timestamp;
  };

  const postal = await attribute("postal_address");
  await (
    await accessGrants
      .connect(dave)
      .grant(alice.address, [postal], purpose("courier-delivery"), (await now()) + 30 * DAY)
  ).wait();
  net.log("connection: Dave shares postal_address with Alice (bike courier) for 30 days, purpose courier-delivery");

  const delivery = await attribute("delivery_address");
  const phone = await attribute("phone");
  await (
    await applications
      .connect(daan)
      .register(
        ROUTE_PLANNER_ACCOUNT,
        "Route planner",
        "ipfs://weconet-demo/route-planner",
        [delivery, phone],
        purpose("route-planning"),
      )
  ).wait();
  net.log(
    `application: Daan registered "Route planner" (account ${ROUTE_PLANNER_ACCOUNT}) asking delivery_address, phone`,
  );

  await (
    await accessGrants
      .connect(eve)
      .grant(ROUTE_PLANNER_ACCOUNT, [delivery, phone], purpose("route-planning"), (await now()) + 30 * DAY)
  ).wait();
  net.log("connection: Eve connected to Route planner with delivery_address, phone for 30 days");

  const email = await attribute("email");
  await (
    await accessGrants.connect(bob).grant(carol.address, [email], purpose("newsletter"), (await now()) + 7 * DAY)
  ).wait();
  await (await accessGrants.connect(bob).revoke(carol.address)).wait();
  net.log("connection: Bob shared email with Carol, then revoked it (closed)");

  await (
    await accessGrants.connect(carol).requestAccess(eve.address, [email], purpose("dataset-updates"), 14 * DAY)
  ).wait();
  net.log("request: Carol asks Eve for email for 14 days, purpose dataset-updates (pending)");
}
