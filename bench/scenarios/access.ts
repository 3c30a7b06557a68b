import { encodeBytes32String, id } from "ethers";

import { PERSON_ATTRIBUTE_NAMES, admit, signGrant } from "../../test/helpers/access.js";
import { deployWeconet, nth, type Weconet } from "../../test/helpers/deployment.js";
import { ethers, networkHelpers } from "../../test/helpers/network.js";
import { fundedAccounts, gasOf, growMembership, signingWallet, type Measurement, type Scenario } from "../lib.js";

const DAY = 86_400;
const PURPOSE = id("purpose:delivery");

/**
 * Fills the network with `scale` open connections between its members (distinct owner → grantee pairs) and
 * `scale / 10` applications, so that every operation below is measured against a populated contract.
 */
async function populate(w: Weconet, scale: number, postal: bigint): Promise<void> {
  const members = [w.manager, ...w.leaders, w.developer, ...w.members, ...(await growMembership(w, scale))];
  for (let i = 0; i < scale; i++) {
    const owner = nth(members, i % members.length);
    const grantee = nth(members, (i + 1 + Math.floor(i / members.length)) % members.length);
    if (owner === grantee) continue;
    const expiresAt = (await networkHelpers.time.latest()) + 29 * DAY;
    await (await w.accessGrants.connect(owner).grant(grantee.address, [postal], PURPOSE, expiresAt)).wait();
  }
  const apps = await fundedAccounts(Math.max(1, Math.floor(scale / 10)));
  for (const [i, app] of apps.entries()) {
    await (
      await w.applications.connect(w.developer).register(app.address, `App ${i}`, `ipfs://app-${i}`, [postal], PURPOSE)
    ).wait();
  }
}

/**
 * Data connections and applications: what members, grantees, developers, leaders and the market (a connector) do,
 * measured with `scale` existing members, `scale` existing connections and `scale / 10` applications.
 */
export const accessScenario: Scenario = {
  domain: "access",
  async measure(scale: number): Promise<Measurement[]> {
    const w = await deployWeconet();
    const ids = await Promise.all(PERSON_ATTRIBUTE_NAMES.map((name) => w.taxonomy.attributeId(name)));
    const postal = await w.taxonomy.attributeId("postal_address");
    await populate(w, scale, postal);

    const rows: Measurement[] = [];
    const record = (domain: string, operation: string, gas: bigint) => rows.push({ domain, operation, scale, gas });
    const until = async (days: number) => (await networkHelpers.time.latest()) + days * DAY;

    // Fresh people for the measured operations, so that every figure starts from the same storage state.
    const owner = await signingWallet();
    const [granteeA, granteeB, granteeC, granteeD, granteeE, granteeF, relayer, appAccount, connector] =
      await fundedAccounts(9);
    if (
      granteeA === undefined ||
      granteeB === undefined ||
      granteeC === undefined ||
      granteeD === undefined ||
      granteeE === undefined ||
      granteeF === undefined ||
      relayer === undefined ||
      appAccount === undefined ||
      connector === undefined
    ) {
      throw new Error("bench: not enough accounts");
    }
    for (const person of [owner, granteeA, granteeB, granteeC, granteeD, granteeE, granteeF]) await admit(w, person);
    const g = w.accessGrants.connect(owner);

    // Applications: a developer registers, a leader suspends and reinstates.
    const apps = w.applications.connect(w.developer);
    record(
      "applications",
      "register application",
      await gasOf(apps.register(appAccount.address, "Route planner", "ipfs://route-planner", [postal], PURPOSE)),
    );
    record(
      "applications",
      "update application",
      await gasOf(apps.update(appAccount.address, "Route planner 2", "ipfs://route-planner-2", [postal], PURPOSE)),
    );
    const leader = nth(w.leaders, 0);
    record(
      "applications",
      "suspend application",
      await gasOf(w.applications.connect(leader).suspend(appAccount.address, encodeBytes32String("abuse"))),
    );
    record(
      "applications",
      "reinstate application",
      await gasOf(w.applications.connect(leader).reinstate(appAccount.address)),
    );

    // Owners open, change and close connections.
    record(
      "access",
      "grant (open, 1 attribute)",
      await gasOf(g.grant(granteeA.address, [postal], PURPOSE, await until(30))),
    );
    record(
      "access",
      "grant (open, 10 attributes)",
      await gasOf(g.grant(granteeB.address, ids.slice(0, 10), PURPOSE, await until(30))),
    );
    record(
      "access",
      "grant (open, 12 attributes: bitmap)",
      await gasOf(g.grant(granteeC.address, ids, PURPOSE, await until(30))),
    );
    record(
      "access",
      "grant (open to an application, 1 attribute)",
      await gasOf(g.grant(appAccount.address, [postal], PURPOSE, await until(30))),
    );
    record(
      "access",
      "grant (change: extend)",
      await gasOf(g.grant(granteeA.address, [postal], PURPOSE, (await until(30)) + 1)),
    );
    record(
      "access",
      "grant (change: narrow 10 to 2)",
      await gasOf(g.grant(granteeB.address, ids.slice(0, 2), PURPOSE, await until(30))),
    );
    record("access", "revoke", await gasOf(g.revoke(granteeA.address)));
    record("access", "relinquish", await gasOf(w.accessGrants.connect(granteeB).relinquish(owner.address)));
    const batchExpiry = await until(30);
    const batch = [granteeA, granteeB, granteeD].map((grantee) =>
      w.accessGrants.interface.encodeFunctionData("grant", [grantee.address, [postal], PURPOSE, batchExpiry]),
    );
    record("access", "multicall: grant to 3 grantees (1 attribute each)", await gasOf(g.multicall(batch)));

    // Gasless consent: the owner signs, a relayer submits.
    const signedGrant = async (grantee: string, nonce: bigint) => {
      const message = {
        owner: owner.address,
        grantee,
        attributeIds: [postal],
        purpose: PURPOSE,
        expiresAt: await until(30),
        nonce,
        deadline: await until(1),
      };
      return { message, signature: await signGrant(owner, w.accessGrants, message) };
    };
    const first = await signedGrant(granteeE.address, 0n);
    record(
      "access",
      "grantBySig (open, 1 attribute, first signature)",
      await gasOf(w.accessGrants.connect(relayer).grantBySig(first.message, first.signature)),
    );
    await (await g.revoke(granteeE.address)).wait();
    const second = await signedGrant(granteeE.address, 1n);
    record(
      "access",
      "grantBySig (open, 1 attribute, later signature)",
      await gasOf(w.accessGrants.connect(relayer).grantBySig(second.message, second.signature)),
    );
    record("access", "invalidateNonce", await gasOf(g.invalidateNonce(0)));

    // Requests: a grantee asks, the owner answers.
    const asker = w.accessGrants.connect(granteeC);
    await (await g.revoke(granteeC.address)).wait();
    record(
      "access",
      "requestAccess (1 attribute)",
      await gasOf(asker.requestAccess(owner.address, [postal], PURPOSE, 14 * DAY)),
    );
    record(
      "access",
      "acceptRequest (1 attribute)",
      await gasOf(g.acceptRequest(granteeC.address, [postal], PURPOSE, 14 * DAY)),
    );
    await (await asker.requestAccess(owner.address, [postal], PURPOSE, 14 * DAY)).wait();
    record(
      "access",
      "rejectRequest",
      await gasOf(g.rejectRequest(granteeC.address, encodeBytes32String("not-needed"))),
    );
    await (await asker.requestAccess(owner.address, [postal], PURPOSE, 14 * DAY)).wait();
    record("access", "cancelRequest", await gasOf(asker.cancelRequest(owner.address)));

    // The market as a connector: approved by the members' vote, opens on the owner's behalf and closes again.
    const timelock = await ethers.getImpersonatedSigner(await w.timelock.getAddress());
    await networkHelpers.setBalance(timelock.address, 10n ** 18n);
    record(
      "access",
      "setConnector (governance)",
      await gasOf(w.accessGrants.connect(timelock).setConnector(connector.address, true)),
    );
    const market = w.accessGrants.connect(connector);
    record(
      "access",
      "openByConnector (1 attribute)",
      await gasOf(market.openByConnector(owner.address, granteeF.address, [postal], PURPOSE, await until(7))),
    );
    record("access", "closeByConnector", await gasOf(market.closeByConnector(owner.address, granteeF.address)));

    record("applications", "retire application", await gasOf(apps.retire(appAccount.address)));
    return rows;
  },
};
