import { keccak256, stringToHex, type Address } from "viem";

import { chainTime, send, type AccessBatchStep, type AttributeRef } from "@weconet/sdk";

import {
  admit,
  asGovernance,
  benchNetwork,
  everyone,
  fundedAddresses,
  gasOf,
  signingAccount,
  type BenchNetwork,
  type Measurement,
  type Scenario,
} from "../lib.js";

const DAY = 86_400;
/** The purpose code of every connection here: a hash, as a member would use for a longer purpose statement. */
const PURPOSE = keccak256(stringToHex("purpose:delivery"));

/** How many connections and applications the benchmark has opened and registered so far. */
const grown = { connections: 0, applications: 0 };

/**
 * Grows the shared network to `scale` open connections between its members (distinct owner → grantee pairs:
 * each member to the next) and `scale / 10` applications, so that every operation below is measured against a
 * populated contract.
 */
async function populate(net: BenchNetwork, scale: number): Promise<void> {
  const members = everyone(net);
  for (; grown.connections < scale; grown.connections++) {
    const i = grown.connections;
    const owner = members[i % members.length];
    const grantee = members[(i + 1) % members.length];
    if (owner === undefined || grantee === undefined) throw new Error("bench: too few members to connect");
    await net.sdk
      .as(owner)
      .access.grant({ grantee, attributes: ["postal_address"], purpose: PURPOSE, duration: 29 * DAY });
  }
  const developer = net.sdk.as(net.founders.developer);
  for (let i = Math.max(0, Math.max(1, Math.floor(scale / 10)) - grown.applications); i > 0; i--) {
    // an application account signs its consent to the registration with its own key
    const key = await signingAccount();
    const consent = await developer.applications.consentToRegistration({
      developer: net.founders.developer,
      signer: key,
    });
    await developer.applications.register({
      account: key.address,
      consent,
      name: `App ${grown.applications}`,
      metadataURI: `ipfs://app-${grown.applications}`,
      attributes: ["postal_address"],
      purpose: PURPOSE,
    });
    grown.applications++;
  }
}

/**
 * Data connections and applications: what members, grantees, developers, leaders and the market (a connector) do,
 * measured with `scale` existing members, `scale` existing connections and `scale / 10` applications, each
 * operation sent through the SDK.
 */
export const accessScenario: Scenario = {
  domain: "access",
  async grow(scale: number): Promise<void> {
    await populate(await benchNetwork(scale), scale);
  },
  async measure(scale: number): Promise<Measurement[]> {
    const net = await benchNetwork(scale);
    const { sdk, founders } = net;
    const rows: Measurement[] = [];
    const record = (domain: string, operation: string, gas: bigint) => rows.push({ domain, operation, scale, gas });
    // Expiries stay clear of the maximum grant duration (30 days here): Hardhat simulates a call a second or two
    // behind the latest block when blocks run ahead of the wall clock.
    const until = async (days: number) => (await chainTime(sdk.reader.context)) + days * DAY;

    // Fresh people for the measured operations, so that every figure starts from the same storage state.
    const ownerKey = await signingAccount();
    const [granteeA, granteeB, granteeC, granteeD, granteeE, granteeF, relayer, connector] = (await fundedAddresses(
      8,
    )) as [Address, Address, Address, Address, Address, Address, Address, Address];
    const appKey = await signingAccount();
    const appAccount = appKey.address;
    for (const p of [ownerKey, granteeA, granteeB, granteeC, granteeD, granteeE, granteeF]) await admit(net, p);
    const owner = sdk.as(ownerKey);
    const person = (await sdk.reader.reads.attributes()).filter((a) => a.domain === "person").map((a) => a.id);

    // Applications: a developer registers, a leader suspends and reinstates.
    const developer = sdk.as(founders.developer);
    const app = { account: appAccount, attributes: ["postal_address"], purpose: PURPOSE };
    const consent = await developer.applications.consentToRegistration({
      developer: founders.developer,
      signer: appKey,
    });
    record(
      "applications",
      "register application",
      await gasOf(
        developer.applications.register({
          ...app,
          consent,
          name: "Route planner",
          metadataURI: "ipfs://route-planner",
        }),
      ),
    );
    record(
      "applications",
      "update application",
      await gasOf(
        developer.applications.update({ ...app, name: "Route planner 2", metadataURI: "ipfs://route-planner-2" }),
      ),
    );
    const leader = sdk.as(founders.leaders[0]);
    record(
      "applications",
      "suspend application",
      await gasOf(leader.applications.suspend({ account: appAccount, reason: "abuse" })),
    );
    record(
      "applications",
      "reinstate application",
      await gasOf(leader.applications.reinstate({ account: appAccount })),
    );

    // Owners open, change and close connections.
    const grant = (grantee: Address, attributes: readonly AttributeRef[], expiresAt: number) =>
      gasOf(owner.access.grant({ grantee, attributes, purpose: PURPOSE, expiresAt }));
    const postal = ["postal_address"];
    record("access", "grant (open, 1 attribute)", await grant(granteeA, postal, await until(28)));
    record("access", "grant (open, 10 attributes)", await grant(granteeB, person.slice(0, 10), await until(28)));
    record("access", "grant (open, 12 attributes: bitmap)", await grant(granteeC, person, await until(28)));
    record(
      "access",
      "grant (open to an application, 1 attribute)",
      await gasOf(owner.access.grantToApplication({ application: appAccount, expiresAt: await until(28) })),
    );
    record("access", "grant (change: extend)", await grant(granteeA, postal, (await until(28)) + 1));
    record("access", "grant (change: narrow 10 to 2)", await grant(granteeB, person.slice(0, 2), await until(28)));
    record("access", "revoke", await gasOf(owner.access.revoke({ grantee: granteeA })));
    record("access", "relinquish", await gasOf(sdk.as(granteeB).access.relinquish({ owner: ownerKey.address })));
    const batchExpiry = await until(28);
    const batch: AccessBatchStep[] = [granteeA, granteeB, granteeD].map((grantee) => ({
      action: "grant",
      grantee,
      attributes: postal,
      purpose: PURPOSE,
      expiresAt: batchExpiry,
    }));
    record("access", "multicall: grant to 3 grantees (1 attribute each)", await gasOf(owner.access.batch(batch)));

    // Gasless consent: the owner signs, a relayer submits.
    const signed = async () =>
      owner.access.signGrant({
        grantee: granteeE,
        attributes: postal,
        purpose: PURPOSE,
        expiresAt: await until(28),
        deadline: await until(1),
        nonceKey: 0n,
      });
    const submitter = sdk.as(relayer);
    record(
      "access",
      "grantBySig (open, 1 attribute, first signature)",
      await gasOf(submitter.access.submitSignedGrant(await signed())),
    );
    await owner.access.revoke({ grantee: granteeE });
    record(
      "access",
      "grantBySig (open, 1 attribute, later signature)",
      await gasOf(submitter.access.submitSignedGrant(await signed())),
    );
    record("access", "invalidateNonce", await gasOf(owner.access.invalidateNonce({ key: 0n })));

    // Requests: a grantee asks, the owner answers.
    const asker = sdk.as(granteeC);
    const ask = () =>
      asker.access.requestAccess({ owner: ownerKey.address, attributes: postal, purpose: PURPOSE, duration: 14 * DAY });
    await owner.access.revoke({ grantee: granteeC });
    record("access", "requestAccess (1 attribute)", await gasOf(ask()));
    record("access", "acceptRequest (1 attribute)", await gasOf(owner.access.acceptRequest({ grantee: granteeC })));
    await ask();
    record(
      "access",
      "rejectRequest",
      await gasOf(owner.access.rejectRequest({ grantee: granteeC, reason: "not-needed" })),
    );
    await ask();
    record("access", "cancelRequest", await gasOf(asker.access.cancelRequest({ owner: ownerKey.address })));

    // The market as a connector: approved by the members' vote, opens on the owner's behalf and closes again.
    const governance = await asGovernance(net);
    record(
      "access",
      "setConnector (governance)",
      await gasOf(send(governance.context, "accessGrants", "setConnector", [connector, true])),
    );
    const market = sdk.as(connector).context;
    const postalId = await sdk.reader.reads.attributeId("postal_address");
    record(
      "access",
      "openByConnector (1 attribute)",
      await gasOf(
        send(market, "accessGrants", "openByConnector", [
          ownerKey.address,
          granteeF,
          [postalId],
          PURPOSE,
          await until(7),
        ]),
      ),
    );
    record(
      "access",
      "closeByConnector",
      await gasOf(send(market, "accessGrants", "closeByConnector", [ownerKey.address, granteeF, 1])),
    );

    record("applications", "retire application", await gasOf(developer.applications.retire({ account: appAccount })));
    return rows;
  },
};
