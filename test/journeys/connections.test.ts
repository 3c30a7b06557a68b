import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { AbiCoder, getAddress, id, keccak256, toBeHex, zeroPadValue } from "ethers";

import type { AccessGrants } from "../../typechain-types/index.js";
import {
  AppStatus,
  Consent,
  DAY,
  admit,
  asGovernance,
  deployAccessNetwork,
  inSeconds,
  purpose,
  signGrant,
  type AccessNetwork,
} from "../helpers/access.js";
import { TEST_SETTINGS, nth, reason } from "../helpers/deployment.js";
import { ethers, networkHelpers } from "../helpers/network.js";

/** What a data socket does before it releases an attribute value: ask the chain, for free (eth_call). */
async function socketReleases(
  accessGrants: AccessGrants,
  owner: string,
  caller: string,
  attribute: bigint,
): Promise<boolean> {
  return accessGrants.isAuthorized(owner, caller, attribute);
}

/** A connection as an auditor rebuilds it from events alone. */
interface Rebuilt {
  owner: string;
  grantee: string;
  attributeIds: bigint[];
  purpose: string;
  expiresAt: bigint;
  open: boolean;
  history: string[];
}

/** Every connection's state and history, from AccessGrants' events and nothing else. */
async function rebuildFromEvents(accessGrants: AccessGrants): Promise<Map<bigint, Rebuilt>> {
  const logs = await ethers.provider.getLogs({ address: await accessGrants.getAddress(), fromBlock: 0 });
  const connections = new Map<bigint, Rebuilt>();
  for (const log of logs) {
    const event = accessGrants.interface.parseLog(log);
    if (event === null || event.fragment.inputs[2]?.name !== "connectionId") continue;
    const owner = String(event.args[0]);
    const grantee = String(event.args[1]);
    const connectionId = BigInt(event.args[2]);
    const c = connections.get(connectionId) ?? {
      owner,
      grantee,
      attributeIds: [],
      purpose: "",
      expiresAt: 0n,
      open: false,
      history: [],
    };
    c.history.push(event.name);
    if (event.name === "ConnectionOpened" || event.name === "ConnectionChanged") {
      c.attributeIds = [...(event.args[3] as bigint[])];
      c.purpose = String(event.args[4]);
      c.expiresAt = BigInt(event.args[5]);
      c.open = true;
    } else if (event.name === "ConnectionClosed") {
      c.open = false;
    }
    connections.set(connectionId, c);
  }
  return connections;
}

describe("journeys: data connections", () => {
  let n: AccessNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployAccessNetwork);
  });

  it("a member shares a delivery address with a courier, extends, narrows and closes", async () => {
    const { w, ann: dave, ben: courier, delivery, phone, postal } = n;
    const birthDate = await w.taxonomy.attributeId("birth_date");
    await w.accessGrants
      .connect(dave)
      .grant(courier.address, [delivery, phone], purpose("courier-delivery"), await inSeconds(30 * DAY));
    expect(await socketReleases(w.accessGrants, dave.address, courier.address, delivery)).to.equal(true);
    expect(await socketReleases(w.accessGrants, dave.address, courier.address, birthDate)).to.equal(false);
    expect(await socketReleases(w.accessGrants, dave.address, courier.address, postal)).to.equal(false);

    // ten days on, the delivery is late: Dave extends, but no longer shares his phone number
    await networkHelpers.time.increase(10 * DAY);
    await w.accessGrants
      .connect(dave)
      .grant(courier.address, [delivery], purpose("courier-delivery"), await inSeconds(30 * DAY));
    expect(await socketReleases(w.accessGrants, dave.address, courier.address, phone)).to.equal(false);
    await networkHelpers.time.increase(25 * DAY);
    expect(await socketReleases(w.accessGrants, dave.address, courier.address, delivery)).to.equal(true);

    // delivered: Dave closes the connection
    await w.accessGrants.connect(dave).revoke(courier.address);
    expect(await socketReleases(w.accessGrants, dave.address, courier.address, delivery)).to.equal(false);
  });

  it("a developer registers an application, it asks members for access, and a leader's suspension stops it at once", async () => {
    const { w, ann, ben, cas, postal, delivery } = n;
    const account = w.outsider(1);
    await w.applications
      .connect(w.developer)
      .register(
        account.address,
        "Parcel lockers",
        "ipfs://parcel-lockers",
        [postal, delivery],
        purpose("parcel-lockers"),
      );
    const app = w.accessGrants.connect(account);
    for (const member of [ann, ben, cas]) {
      await app.requestAccess(member.address, [delivery], purpose("parcel-lockers"), 14 * DAY);
    }
    await w.accessGrants.connect(ann).acceptRequest(account.address, [delivery], purpose("parcel-lockers"), 14 * DAY);
    await w.accessGrants.connect(ben).acceptRequest(account.address, [delivery], purpose("parcel-lockers"), 14 * DAY);
    await w.accessGrants.connect(cas).rejectRequest(account.address, reason("not-needed"));
    expect(await w.accessGrants.isAuthorized(ann.address, account.address, delivery)).to.equal(true);
    expect(await w.accessGrants.isAuthorized(ben.address, account.address, delivery)).to.equal(true);
    expect(await w.accessGrants.isAuthorized(cas.address, account.address, delivery)).to.equal(false);

    // the application misbehaves: one transaction by a leader stops all of its access
    await w.applications.connect(nth(w.leaders, 0)).suspend(account.address, reason("abuse"));
    for (const member of [ann, ben]) {
      expect(await w.accessGrants.isAuthorized(member.address, account.address, delivery)).to.equal(false);
    }
    await expect(app.requestAccess(cas.address, [delivery], purpose("parcel-lockers"), DAY))
      .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsInvalidGrantee")
      .withArgs(account.address);

    // fixed and reinstated: the members' consents count again; the developer later retires it for good
    await w.applications.connect(nth(w.leaders, 0)).reinstate(account.address);
    expect(await w.accessGrants.isAuthorized(ann.address, account.address, delivery)).to.equal(true);
    await w.applications.connect(w.developer).retire(account.address);
    expect(await w.applications.statusOf(account.address)).to.equal(AppStatus.Retired);
    expect(await w.accessGrants.isAuthorized(ann.address, account.address, delivery)).to.equal(false);
  });

  it("an auditor rebuilds every connection's history from events alone", async () => {
    const { w, ann, ben, cas, app, postal, email, phone } = n;
    const connector = w.outsider(8);
    await w.accessGrants.connect(await asGovernance(w)).setConnector(connector.address, true);
    const helper = w.outsider(4);
    await admit(w, helper);

    // a busy week: every way of opening, changing and closing
    await w.accessGrants
      .connect(ann)
      .grant(ben.address, [postal, email], purpose("delivery"), await inSeconds(10 * DAY));
    await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(20 * DAY));
    const signed = {
      owner: cas.address,
      grantee: ann.address,
      attributeIds: [email],
      purpose: purpose("newsletter"),
      expiresAt: await inSeconds(5 * DAY),
      nonce: 0n,
      deadline: await inSeconds(DAY),
    };
    await w.accessGrants.connect(helper).grantBySig(signed, await signGrant(cas, w.accessGrants, signed));
    await w.accessGrants.connect(app).requestAccess(ben.address, [phone], purpose("routing"), 7 * DAY);
    await w.accessGrants.connect(ben).acceptRequest(app.address, [phone], purpose("routing"), 7 * DAY);
    await w.accessGrants.connect(helper).requestAccess(cas.address, [postal], purpose("visit"), DAY);
    await w.accessGrants.connect(cas).rejectRequest(helper.address, reason("not-needed"));
    await w.accessGrants
      .connect(connector)
      .openByConnector(helper.address, cas.address, [postal], purpose("booking"), await inSeconds(3 * DAY));
    await w.accessGrants.connect(connector).closeByConnector(helper.address, cas.address);
    await w.accessGrants.connect(ann).relinquish(cas.address);
    await w.accessGrants.connect(ben).grant(ann.address, [email], purpose("support"), await inSeconds(DAY));
    await w.accessGrants.connect(ben).revoke(ann.address);

    const rebuilt = await rebuildFromEvents(w.accessGrants);
    expect(rebuilt.size).to.equal(6);
    for (const [connectionId, c] of rebuilt) {
      // the same three indexed fields everywhere: owner, grantee, and their connection id
      expect(connectionId).to.equal(
        BigInt(keccak256(AbiCoder.defaultAbiCoder().encode(["address", "address"], [c.owner, c.grantee]))),
      );
      const onChain = await w.accessGrants.connectionOf(c.owner, c.grantee);
      if (c.open) {
        expect(onChain.attributeIds).to.deep.equal(c.attributeIds);
        expect(onChain.expiresAt).to.equal(c.expiresAt);
      } else {
        expect(onChain.expiresAt).to.equal(0n);
      }
    }
    const history = (owner: HardhatEthersSigner, grantee: string) =>
      rebuilt.get(
        BigInt(keccak256(AbiCoder.defaultAbiCoder().encode(["address", "address"], [owner.address, grantee]))),
      )?.history;
    expect(history(ann, ben.address)).to.deep.equal(["ConnectionOpened", "ConnectionChanged"]);
    expect(history(cas, ann.address)).to.deep.equal(["ConnectionOpened", "ConnectionClosed"]);
    expect(history(ben, app.address)).to.deep.equal(["AccessRequested", "AccessRequestAccepted", "ConnectionOpened"]);
    expect(history(cas, helper.address)).to.deep.equal(["AccessRequested", "AccessRequestRejected"]);
    expect(history(helper, cas.address)).to.deep.equal(["ConnectionOpened", "ConnectionClosed"]);
    expect(history(ben, ann.address)).to.deep.equal(["ConnectionOpened", "ConnectionClosed"]);

    // the raw topics carry the layout too, so an auditor can filter by any of the three without the ABI
    const logs = await w.accessGrants.queryFilter(w.accessGrants.filters.ConnectionOpened());
    for (const log of logs) {
      expect(getAddress("0x" + (log.topics[1] ?? "").slice(26))).to.equal(log.args.owner);
      expect(getAddress("0x" + (log.topics[2] ?? "").slice(26))).to.equal(log.args.grantee);
      expect(log.topics[3]).to.equal(zeroPadValue(toBeHex(log.args.connectionId), 32));
    }
    const byConnector = logs.find((log) => log.args.consent === BigInt(Consent.Connector));
    expect(byConnector?.args.connector).to.equal(connector.address);
  });

  it("the members vote to approve the market as a connector, after the deployer lost that power", async () => {
    const { w, ann, ben, postal } = n;
    const market = w.outsider(8);
    await expect(w.accessGrants.connect(w.deployer).setConnector(market.address, true)).to.be.revertedWithCustomError(
      w.accessGrants,
      "NotGovernance",
    );

    const description = "# Approve the market as a data connector";
    const targets = [await w.accessGrants.getAddress()];
    const values = [0n];
    const calldatas = [w.accessGrants.interface.encodeFunctionData("setConnector", [market.address, true])];
    // a founder proposes: ann, admitted with the access network, is still on probation (no vote yet)
    await w.governor.connect(w.manager).propose(targets, values, calldatas, description);
    const proposalId = await w.governor.hashProposal(targets, values, calldatas, id(description));
    await networkHelpers.time.increase(TEST_SETTINGS.votingDelay + 1);
    for (const voter of [w.manager, ...w.leaders, w.developer, ...w.members]) {
      await w.governor.connect(voter).castVote(proposalId, 1);
    }
    await networkHelpers.time.increase(TEST_SETTINGS.votingPeriod + 1);
    await w.governor.queue(targets, values, calldatas, id(description));
    await networkHelpers.time.increase(TEST_SETTINGS.timelockMinDelay + 1);
    // the deployment approved the network's own market as connector 1
    await expect(w.governor.execute(targets, values, calldatas, id(description)))
      .to.emit(w.accessGrants, "ConnectorSet")
      .withArgs(market.address, 2, true);

    await w.accessGrants
      .connect(market)
      .openByConnector(ann.address, ben.address, [postal], purpose("booking"), await inSeconds(DAY));
    expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(true);
  });
});
