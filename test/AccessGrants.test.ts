import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { AbiCoder, ZeroAddress, ZeroHash, keccak256 } from "ethers";

import {
  CloseReason,
  Consent,
  DAY,
  PERSON_ATTRIBUTE_NAMES,
  admit,
  asGovernance,
  attributeIds,
  deployAccessNetwork,
  inSeconds,
  purpose,
  registerApplication,
  type AccessNetwork,
} from "./helpers/access.js";
import { TEST_SETTINGS, nth, profileHash, reason } from "./helpers/deployment.js";
import { networkHelpers } from "./helpers/network.js";

describe("AccessGrants", () => {
  let n: AccessNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployAccessNetwork);
  });

  describe("deployment", () => {
    it("is wired to membership, rules, taxonomy, applications and the timelock", async () => {
      const { w } = n;
      expect(await w.accessGrants.membership()).to.equal(await w.membership.getAddress());
      expect(await w.accessGrants.networkRules()).to.equal(await w.networkRules.getAddress());
      expect(await w.accessGrants.taxonomy()).to.equal(await w.taxonomy.getAddress());
      expect(await w.accessGrants.applications()).to.equal(await w.applications.getAddress());
      expect(await w.accessGrants.governance()).to.equal(await w.timelock.getAddress());
      expect(await w.applications.membership()).to.equal(await w.membership.getAddress());
      expect(await w.applications.taxonomy()).to.equal(await w.taxonomy.getAddress());
      expect(await w.applications.governance()).to.equal(await w.timelock.getAddress());
    });

    it("signs grants in its own EIP-712 domain", async () => {
      const domain = await n.w.accessGrants.eip712Domain();
      expect(domain.name).to.equal("Weconet AccessGrants");
      expect(domain.version).to.equal("1");
      expect(domain.verifyingContract).to.equal(await n.w.accessGrants.getAddress());
    });

    it("names a connection by the hash of owner and grantee", async () => {
      const { w, ann, ben } = n;
      const expected = BigInt(
        keccak256(AbiCoder.defaultAbiCoder().encode(["address", "address"], [ann.address, ben.address])),
      );
      expect(await w.accessGrants.connectionIdOf(ann.address, ben.address)).to.equal(expected);
      expect(await w.accessGrants.connectionIdOf(ben.address, ann.address)).to.not.equal(expected);
    });
  });

  describe("grant", () => {
    it("opens a connection for the attributes, purpose and expiry given", async () => {
      const { w, ann, ben, postal, email } = n;
      const expiresAt = await inSeconds(7 * DAY);
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      expect(
        await w.accessGrants
          .connect(ann)
          .grant.staticCall(ben.address, [postal, email], purpose("delivery"), expiresAt),
      ).to.equal(connectionId);
      const tx = w.accessGrants.connect(ann).grant(ben.address, [postal, email], purpose("delivery"), expiresAt);
      await expect(tx)
        .to.emit(w.accessGrants, "ConnectionOpened")
        .withArgs(
          ann.address,
          ben.address,
          connectionId,
          [postal, email],
          purpose("delivery"),
          expiresAt,
          Consent.Owner,
          ZeroAddress,
          0,
        );

      const info = await w.accessGrants.connectionOf(ann.address, ben.address);
      expect(info.expiresAt).to.equal(expiresAt);
      expect(info.grantedAt).to.equal(await networkHelpers.time.latest());
      expect(info.connector).to.equal(ZeroAddress);
      expect(info.attributeIds).to.deep.equal([postal, email]);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(true);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, email)).to.equal(true);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, n.delivery)).to.equal(false);
      // a connection is directed: the grantee's own data stays closed to the owner
      expect(await w.accessGrants.isAuthorized(ben.address, ann.address, postal)).to.equal(false);
    });

    it("opens a connection to a registered application", async () => {
      const { w, ann, app, postal } = n;
      await w.accessGrants.connect(ann).grant(app.address, [postal], purpose("routing"), await inSeconds(DAY));
      expect(await w.accessGrants.isAuthorized(ann.address, app.address, postal)).to.equal(true);
    });

    it("granting again while open replaces the connection: it extends, narrows, and renews the consent", async () => {
      const { w, ann, ben, postal, email, phone } = n;
      await w.accessGrants.connect(ann).grant(ben.address, [postal, email], purpose("delivery"), await inSeconds(DAY));
      await networkHelpers.time.increase(3600);
      const longer = await inSeconds(20 * DAY);
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await expect(w.accessGrants.connect(ann).grant(ben.address, [email, phone], purpose("support"), longer))
        .to.emit(w.accessGrants, "ConnectionChanged")
        .withArgs(
          ann.address,
          ben.address,
          connectionId,
          [email, phone],
          purpose("support"),
          longer,
          Consent.Owner,
          ZeroAddress,
          0,
        );
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, email)).to.equal(true);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, phone)).to.equal(true);
      const info = await w.accessGrants.connectionOf(ann.address, ben.address);
      expect(info.expiresAt).to.equal(longer);
      expect(info.grantedAt).to.equal(await networkHelpers.time.latest());

      // shortening is a change too
      const shorter = await inSeconds(3600);
      await expect(w.accessGrants.connect(ann).grant(ben.address, [email], purpose("support"), shorter)).to.emit(
        w.accessGrants,
        "ConnectionChanged",
      );
      await networkHelpers.time.increaseTo(shorter);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, email)).to.equal(false);
    });

    it("granting after expiry opens a new connection", async () => {
      const { w, ann, ben, postal } = n;
      const expiresAt = await inSeconds(DAY);
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), expiresAt);
      await networkHelpers.time.increaseTo(expiresAt);
      await expect(w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(DAY)))
        .to.emit(w.accessGrants, "ConnectionOpened")
        .and.not.to.emit(w.accessGrants, "ConnectionChanged");
    });

    it("accepts an expiry of exactly the maximum grant duration", async () => {
      const { w, ann, ben, postal } = n;
      const latest = (await networkHelpers.time.latest()) + 1 + TEST_SETTINGS.maxGrantDuration;
      await networkHelpers.time.setNextBlockTimestamp((await networkHelpers.time.latest()) + 1);
      await expect(w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), latest)).to.emit(
        w.accessGrants,
        "ConnectionOpened",
      );
    });

    it("keeps more than ten attributes in a bitmap, with no bit of a wider connection surviving", async () => {
      const { w, ann, ben } = n;
      const all = await attributeIds(w, ...PERSON_ATTRIBUTE_NAMES);
      const expiresAt = await inSeconds(DAY);
      await w.accessGrants.connect(ann).grant(ben.address, all, purpose("profile"), expiresAt);
      for (const attribute of all) {
        expect(await w.accessGrants.isAuthorized(ann.address, ben.address, attribute)).to.equal(true);
      }
      expect((await w.accessGrants.connectionOf(ann.address, ben.address)).attributeIds).to.deep.equal(all);

      // eleven of twelve: still a bitmap, the dropped one is out
      const eleven = all.slice(1);
      await w.accessGrants.connect(ann).grant(ben.address, eleven, purpose("profile"), expiresAt);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, all[0] ?? 0n)).to.equal(false);
      expect((await w.accessGrants.connectionOf(ann.address, ben.address)).attributeIds).to.deep.equal(eleven);

      // back to two inline ids, then eleven others: no stale bit
      await w.accessGrants.connect(ann).grant(ben.address, all.slice(0, 2), purpose("profile"), expiresAt);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, all[5] ?? 0n)).to.equal(false);
      const others = all.filter((_, i) => i !== 5);
      await w.accessGrants.connect(ann).grant(ben.address, others, purpose("profile"), expiresAt);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, all[5] ?? 0n)).to.equal(false);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, all[0] ?? 0n)).to.equal(true);
      // ids beyond the taxonomy's cap are never covered
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, 0)).to.equal(false);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, 513)).to.equal(false);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, 65535)).to.equal(false);
    });

    it("rejects bad input with a clear error", async () => {
      const { w, ann, ben, cas, postal, delivery, email, bike } = n;
      const g = w.accessGrants.connect(ann);
      const p = purpose("delivery");
      const outsider = w.outsider(5);
      const applicant = w.outsider(6);
      await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
      await w.membership.connect(nth(w.leaders, 0)).suspend(cas.address, reason("spam"));
      const suspendedApp = w.outsider(7);
      await registerApplication(w, w.developer, suspendedApp, [postal], "Spam app");
      await w.applications.connect(w.manager).suspend(suspendedApp.address, reason("spam"));
      await w.taxonomy.connect(await asGovernance(w)).deprecateAttribute(email);
      const now = await networkHelpers.time.latest();
      const ok = now + DAY;
      const beyond = now + 10 + TEST_SETTINGS.maxGrantDuration;

      const cases: [string, () => Promise<unknown>, string, unknown[]][] = [
        ["self", () => g.grant(ann.address, [postal], p, ok), "AccessGrantsSelfGrant", [ann.address]],
        ["zero purpose", () => g.grant(ben.address, [postal], ZeroHash, ok), "AccessGrantsEmptyPurpose", []],
        [
          "expiry not in the future",
          () => g.grant(ben.address, [postal], p, now),
          "AccessGrantsInvalidExpiry",
          [now, anyValue],
        ],
        ["expiry past", () => g.grant(ben.address, [postal], p, 1), "AccessGrantsInvalidExpiry", [1, anyValue]],
        [
          "expiry beyond the maximum",
          () => g.grant(ben.address, [postal], p, beyond),
          "AccessGrantsInvalidExpiry",
          [beyond, anyValue],
        ],
        ["no attributes", () => g.grant(ben.address, [], p, ok), "PersonAttributesEmpty", []],
        ["unsorted", () => g.grant(ben.address, [delivery, postal], p, ok), "PersonAttributesUnsorted", [postal]],
        ["duplicate", () => g.grant(ben.address, [postal, postal], p, ok), "PersonAttributesUnsorted", [postal]],
        ["resource attribute", () => g.grant(ben.address, [bike], p, ok), "PersonAttributesNotPersonAttribute", [bike]],
        ["unknown attribute", () => g.grant(ben.address, [999], p, ok), "PersonAttributesNotPersonAttribute", [999]],
        ["attribute 0", () => g.grant(ben.address, [0], p, ok), "PersonAttributesUnsorted", [0]],
        [
          "deprecated attribute",
          () => g.grant(ben.address, [postal, email], p, ok),
          "PersonAttributesNotPersonAttribute",
          [email],
        ],
        [
          "outsider grantee",
          () => g.grant(outsider.address, [postal], p, ok),
          "AccessGrantsInvalidGrantee",
          [outsider.address],
        ],
        [
          "applicant grantee",
          () => g.grant(applicant.address, [postal], p, ok),
          "AccessGrantsInvalidGrantee",
          [applicant.address],
        ],
        ["suspended grantee", () => g.grant(cas.address, [postal], p, ok), "AccessGrantsInvalidGrantee", [cas.address]],
        [
          "suspended application",
          () => g.grant(suspendedApp.address, [postal], p, ok),
          "AccessGrantsInvalidGrantee",
          [suspendedApp.address],
        ],
        ["zero grantee", () => g.grant(ZeroAddress, [postal], p, ok), "AccessGrantsInvalidGrantee", [ZeroAddress]],
      ];
      for (const [label, call, error, args] of cases) {
        await expect(call(), label)
          .to.be.revertedWithCustomError(w.accessGrants, error)
          .withArgs(...args);
      }
      expect((await w.accessGrants.connectionOf(ann.address, ben.address)).expiresAt).to.equal(0n);
    });
  });

  describe("closing", () => {
    beforeEach(async () => {
      await n.w.accessGrants.connect(n.ann).grant(n.ben.address, [n.postal], purpose("delivery"), await inSeconds(DAY));
    });

    it("the owner revokes", async () => {
      const { w, ann, ben, postal } = n;
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await expect(w.accessGrants.connect(ann).revoke(ben.address))
        .to.emit(w.accessGrants, "ConnectionClosed")
        .withArgs(ann.address, ben.address, connectionId, CloseReason.Revoked, ann.address, 0);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
      const info = await w.accessGrants.connectionOf(ann.address, ben.address);
      expect(info.expiresAt).to.equal(0n);
      expect(info.attributeIds).to.deep.equal([]);
      await expect(w.accessGrants.connect(ann).revoke(ben.address))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoConnection")
        .withArgs(ann.address, ben.address);
    });

    it("the grantee relinquishes", async () => {
      const { w, ann, ben, postal } = n;
      const connectionId = await w.accessGrants.connectionIdOf(ann.address, ben.address);
      await expect(w.accessGrants.connect(ben).relinquish(ann.address))
        .to.emit(w.accessGrants, "ConnectionClosed")
        .withArgs(ann.address, ben.address, connectionId, CloseReason.Relinquished, ben.address, 0);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
      await expect(w.accessGrants.connect(ben).relinquish(ann.address))
        .to.be.revertedWithCustomError(w.accessGrants, "AccessGrantsNoConnection")
        .withArgs(ann.address, ben.address);
    });

    it("an expired connection can still be closed, which clears it", async () => {
      const { w, ann, ben } = n;
      await networkHelpers.time.increase(2 * DAY);
      await expect(w.accessGrants.connect(ann).revoke(ben.address)).to.emit(w.accessGrants, "ConnectionClosed");
      expect((await w.accessGrants.connectionOf(ann.address, ben.address)).expiresAt).to.equal(0n);
    });

    it("closing is possible whatever the status of the one closing", async () => {
      const { w, ann, ben, cas, postal } = n;
      const leader = nth(w.leaders, 0);
      await w.accessGrants.connect(ann).grant(cas.address, [postal], purpose("delivery"), await inSeconds(DAY));
      await w.accessGrants.connect(ben).grant(ann.address, [postal], purpose("delivery"), await inSeconds(DAY));
      await w.membership.connect(leader).suspend(ann.address, reason("spam"));
      await expect(w.accessGrants.connect(ann).revoke(ben.address)).to.emit(w.accessGrants, "ConnectionClosed");
      await expect(w.accessGrants.connect(ann).relinquish(ben.address)).to.emit(w.accessGrants, "ConnectionClosed");
      await w.membership.connect(ann).leave();
      await expect(w.accessGrants.connect(ann).revoke(cas.address)).to.emit(w.accessGrants, "ConnectionClosed");
    });

    it("a closed connection never reopens without a new consent", async () => {
      const { w, ann, ben, postal } = n;
      await w.accessGrants.connect(ann).revoke(ben.address);
      await networkHelpers.time.increase(3600);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(DAY));
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(true);
    });
  });

  describe("isAuthorized", () => {
    let expiresAt: number;
    beforeEach(async () => {
      expiresAt = await inSeconds(10 * DAY);
      await n.w.accessGrants.connect(n.ann).grant(n.ben.address, [n.postal, n.email], purpose("delivery"), expiresAt);
      await n.w.accessGrants.connect(n.ann).grant(n.app.address, [n.postal], purpose("routing"), expiresAt);
    });

    const authorized = (owner: string, grantee: string, attribute: bigint) =>
      n.w.accessGrants.isAuthorized(owner, grantee, attribute);

    it("is true until the expiry, false from then on", async () => {
      const { ann, ben, postal } = n;
      await networkHelpers.time.increaseTo(expiresAt - 1);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(true);
      await networkHelpers.time.increaseTo(expiresAt);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
    });

    it("is false while the owner or the grantee is suspended, and true again once reinstated", async () => {
      const { w, ann, ben, postal } = n;
      const leader = nth(w.leaders, 0);
      await w.membership.connect(leader).suspend(ann.address, reason("spam"));
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
      await w.membership.connect(leader).reinstate(ann.address);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(true);
      await w.membership.connect(leader).suspend(ben.address, reason("spam"));
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
      await w.membership.connect(leader).reinstate(ben.address);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(true);
    });

    it("is false once the owner leaves, and stays false when they join again", async () => {
      const { w, ann, ben, postal } = n;
      await w.membership.connect(ann).leave();
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
      await admit(w, ann);
      expect(await w.membership.isActiveMember(ann.address)).to.equal(true);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
    });

    it("is false once the grantee leaves, and stays false when they join again", async () => {
      const { w, ann, ben, postal } = n;
      await w.membership.connect(ben).leave();
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
      await admit(w, ben);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
      // a new consent in the new membership counts
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(DAY));
      expect(await authorized(ann.address, ben.address, postal)).to.equal(true);
    });

    it("is false once a removed member's connections would otherwise still run", async () => {
      const { w, ann, ben, postal } = n;
      await w.membership.connect(await asGovernance(w)).remove(ben.address, reason("fraud"));
      expect(await authorized(ann.address, ben.address, postal)).to.equal(false);
    });

    it("is false for a deprecated attribute, and only for that one", async () => {
      const { w, ann, ben, postal, email } = n;
      await w.taxonomy.connect(await asGovernance(w)).deprecateAttribute(email);
      expect(await authorized(ann.address, ben.address, email)).to.equal(false);
      expect(await authorized(ann.address, ben.address, postal)).to.equal(true);
    });

    it("is false while the application is suspended, and for good once it is retired", async () => {
      const { w, ann, app, postal } = n;
      expect(await authorized(ann.address, app.address, postal)).to.equal(true);
      await w.applications.connect(nth(w.leaders, 0)).suspend(app.address, reason("abuse"));
      expect(await authorized(ann.address, app.address, postal)).to.equal(false);
      await w.applications.connect(nth(w.leaders, 0)).reinstate(app.address);
      expect(await authorized(ann.address, app.address, postal)).to.equal(true);
      await w.applications.connect(w.developer).retire(app.address);
      expect(await authorized(ann.address, app.address, postal)).to.equal(false);
    });

    it("is false for an application whose developer is no longer an active developer", async () => {
      const { w, ann, app, postal } = n;
      const leader = nth(w.leaders, 0);
      const developerRole = await w.membership.DEVELOPER_ROLE();
      await w.membership.connect(leader).suspend(w.developer.address, reason("abuse"));
      expect(await authorized(ann.address, app.address, postal)).to.equal(false);
      await w.membership.connect(leader).reinstate(w.developer.address);
      expect(await authorized(ann.address, app.address, postal)).to.equal(true);
      await w.membership.connect(leader).revokeRole(developerRole, w.developer.address);
      expect(await authorized(ann.address, app.address, postal)).to.equal(false);
    });

    it("judges an application account as an application even if it is ever admitted as a member", async () => {
      const { w, ann, app, postal } = n;
      await admit(w, app);
      await w.applications.connect(nth(w.leaders, 0)).suspend(app.address, reason("abuse"));
      expect(await authorized(ann.address, app.address, postal)).to.equal(false);
    });

    it("is false for attributes outside the connection and for pairs without one", async () => {
      const { ann, ben, cas, app, postal, delivery, email } = n;
      expect(await authorized(ann.address, ben.address, delivery)).to.equal(false);
      expect(await authorized(ann.address, app.address, email)).to.equal(false);
      expect(await authorized(ann.address, cas.address, postal)).to.equal(false);
      expect(await authorized(cas.address, ben.address, postal)).to.equal(false);
    });
  });

  describe("batches", () => {
    it("opens connections to several grantees in one transaction (multicall)", async () => {
      const { w, ann, ben, cas, app, postal, delivery } = n;
      const expiresAt = await inSeconds(DAY);
      const calls = [ben, cas, app].map((grantee) =>
        w.accessGrants.interface.encodeFunctionData("grant", [
          grantee.address,
          [postal, delivery],
          purpose("delivery"),
          expiresAt,
        ]),
      );
      const tx = w.accessGrants.connect(ann).multicall(calls);
      await expect(tx).to.emit(w.accessGrants, "ConnectionOpened");
      const receipt = await (await tx).wait();
      expect(receipt?.logs.length).to.equal(3);
      for (const grantee of [ben, cas, app]) {
        expect(await w.accessGrants.isAuthorized(ann.address, grantee.address, delivery)).to.equal(true);
      }
      // and closes them in one transaction
      const closes = [ben, cas, app].map((grantee) =>
        w.accessGrants.interface.encodeFunctionData("revoke", [grantee.address]),
      );
      await w.accessGrants.connect(ann).multicall(closes);
      for (const grantee of [ben, cas, app]) {
        expect(await w.accessGrants.isAuthorized(ann.address, grantee.address, delivery)).to.equal(false);
      }
    });

    it("a batch is all or nothing", async () => {
      const { w, ann, ben, postal } = n;
      const expiresAt = await inSeconds(DAY);
      const calls = [
        w.accessGrants.interface.encodeFunctionData("grant", [ben.address, [postal], purpose("delivery"), expiresAt]),
        w.accessGrants.interface.encodeFunctionData("grant", [
          w.outsider(3).address,
          [postal],
          purpose("delivery"),
          expiresAt,
        ]),
      ];
      await expect(w.accessGrants.connect(ann).multicall(calls)).to.be.revertedWithCustomError(
        w.accessGrants,
        "AccessGrantsInvalidGrantee",
      );
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
    });
  });

  describe("the access request lifetime rule", () => {
    it("is a network rule the members' vote changes within bounds", async () => {
      const { w } = n;
      const key = await w.networkRules.ACCESS_REQUEST_LIFETIME();
      expect(await w.networkRules.ruleKeys()).to.include(key);
      expect(await w.networkRules.accessRequestLifetime()).to.equal(TEST_SETTINGS.accessRequestLifetime);
      expect(await w.networkRules.rule(key)).to.equal(TEST_SETTINGS.accessRequestLifetime);
      const governance = await asGovernance(w);
      await expect(w.networkRules.connect(governance).setRule(key, 3 * DAY))
        .to.emit(w.networkRules, "RuleChanged")
        .withArgs(key, TEST_SETTINGS.accessRequestLifetime, 3 * DAY);
      expect((await w.networkRules.rules()).accessRequestLifetime).to.equal(3 * DAY);
      for (const bad of [3599, 90 * DAY + 1]) {
        await expect(w.networkRules.connect(governance).setRule(key, bad))
          .to.be.revertedWithCustomError(w.networkRules, "InvalidRuleValue")
          .withArgs(key, bad);
      }
      await expect(w.networkRules.connect(n.ann).setRule(key, DAY))
        .to.be.revertedWithCustomError(w.networkRules, "NotGovernance")
        .withArgs(n.ann.address);
    });
  });
});
