import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { Wallet, ZeroAddress, ZeroHash } from "ethers";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import { Applications__factory, ERC1271Wallet__factory } from "../typechain-types/index.js";
import {
  AppStatus,
  DAY,
  admit,
  asGovernance,
  deployAccessNetwork,
  inSeconds,
  purpose,
  registrationConsent,
  type AccessNetwork,
} from "./helpers/access.js";
import { nth, profileHash, reason } from "./helpers/deployment.js";
import { networkHelpers } from "./helpers/network.js";

/** Mirrors the `Authority` enum (contracts/governance/Authority.sol). */
const Authority = { None: 0, Leader: 1, Manager: 2, MembersVote: 3 } as const;

describe("Applications", () => {
  let n: AccessNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployAccessNetwork);
  });

  /**
   * `developer` registers `account` with the account's own signature (or, for a bare address, no valid one: the
   * checks before the consent's refuse it first).
   */
  async function reg(
    account: HardhatEthersSigner | string,
    name: string,
    uri: string,
    attributeIds: bigint[],
    p: string,
    developer: HardhatEthersSigner = n.w.developer,
  ) {
    const consent =
      typeof account === "string"
        ? { deadline: await inSeconds(DAY), signature: "0x" }
        : await registrationConsent(n.w.applications, account, developer.address);
    const address = typeof account === "string" ? account : account.address;
    return n.w.applications
      .connect(developer)
      .register(address, name, uri, attributeIds, p, consent.deadline, consent.signature);
  }

  describe("register", () => {
    it("a developer registers an application under its account", async () => {
      const { w, postal, email } = n;
      const account = w.outsider(1);
      const tx = reg(account, "Bike courier", "ipfs://courier", [postal, email], purpose("delivery"));
      await expect(tx)
        .to.emit(w.applications, "ApplicationRegistered")
        .withArgs(
          account.address,
          w.developer.address,
          "Bike courier",
          "ipfs://courier",
          [postal, email],
          purpose("delivery"),
          0n,
        );
      const app = await w.applications.application(account.address);
      expect(app.developer).to.equal(w.developer.address);
      expect(app.status).to.equal(AppStatus.Active);
      expect(app.registeredAt).to.equal(await networkHelpers.time.latest());
      expect(app.name).to.equal("Bike courier");
      expect(app.metadataURI).to.equal("ipfs://courier");
      expect(app.attributeIds).to.deep.equal([postal, email]);
      expect(app.purpose).to.equal(purpose("delivery"));
      expect(await w.applications.statusOf(account.address)).to.equal(AppStatus.Active);
      expect(await w.applications.isLive(account.address)).to.equal(true);
    });

    it("an unknown account is no application", async () => {
      const { w } = n;
      expect(await w.applications.statusOf(w.outsider(9).address)).to.equal(AppStatus.None);
      expect(await w.applications.isLive(w.outsider(9).address)).to.equal(false);
      expect((await w.applications.application(w.outsider(9).address)).developer).to.equal(ZeroAddress);
    });

    it("rejects bad registrations with a clear error", async () => {
      const { w, app, ann, postal, bike } = n;
      const d = { register: reg };
      const applicant = w.outsider(6);
      await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
      const fresh = w.outsider(1);
      const p = purpose("delivery");
      const cases: [string, () => Promise<unknown>, string, unknown[]][] = [
        [
          "zero account",
          () => d.register(ZeroAddress, "A", "ipfs://a", [postal], p),
          "ApplicationsInvalidAccount",
          [ZeroAddress],
        ],
        [
          "the developer's own address",
          () => d.register(w.developer, "A", "ipfs://a", [postal], p),
          "ApplicationsInvalidAccount",
          [w.developer.address],
        ],
        ["a member", () => d.register(ann, "A", "ipfs://a", [postal], p), "ApplicationsInvalidAccount", [ann.address]],
        [
          "an applicant",
          () => d.register(applicant, "A", "ipfs://a", [postal], p),
          "ApplicationsInvalidAccount",
          [applicant.address],
        ],
        ["taken", () => d.register(app, "A", "ipfs://a", [postal], p), "ApplicationsAlreadyRegistered", [app.address]],
        ["empty name", () => d.register(fresh, "", "ipfs://a", [postal], p), "ApplicationsInvalidName", []],
        ["long name", () => d.register(fresh, "x".repeat(65), "ipfs://a", [postal], p), "ApplicationsInvalidName", []],
        ["empty URI", () => d.register(fresh, "A", "", [postal], p), "ApplicationsInvalidMetadataURI", []],
        ["long URI", () => d.register(fresh, "A", "x".repeat(257), [postal], p), "ApplicationsInvalidMetadataURI", []],
        ["zero purpose", () => d.register(fresh, "A", "ipfs://a", [postal], ZeroHash), "ApplicationsEmptyPurpose", []],
        ["no attributes", () => d.register(fresh, "A", "ipfs://a", [], p), "PersonAttributesEmpty", []],
        [
          "resource attribute",
          () => d.register(fresh, "A", "ipfs://a", [bike], p),
          "PersonAttributesNotPersonAttribute",
          [bike],
        ],
      ];
      for (const [label, call, error, args] of cases) {
        await expect(call(), label)
          .to.be.revertedWithCustomError(w.applications, error)
          .withArgs(...args);
      }
      // the longest name and URI allowed
      await expect(d.register(fresh, "x".repeat(64), "x".repeat(256), [postal], p)).to.emit(
        w.applications,
        "ApplicationRegistered",
      );
    });

    it("a retired application's account is never registered again", async () => {
      const { w, app, postal } = n;
      await w.applications.connect(w.developer).retire(app.address);
      await expect(reg(app, "Again", "ipfs://again", [postal], purpose("routing")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsAlreadyRegistered")
        .withArgs(app.address);
    });
  });

  describe("update and retire", () => {
    it("its developer updates the description", async () => {
      const { w, app, email } = n;
      await expect(
        w.applications
          .connect(w.developer)
          .update(app.address, "Route planner 2", "ipfs://v2", [email], purpose("routing-v2")),
      )
        .to.emit(w.applications, "ApplicationUpdated")
        .withArgs(app.address, w.developer.address, "Route planner 2", "ipfs://v2", [email], purpose("routing-v2"));
      const updated = await w.applications.application(app.address);
      expect(updated.name).to.equal("Route planner 2");
      expect(updated.attributeIds).to.deep.equal([email]);
      expect(updated.status).to.equal(AppStatus.Active);
    });

    it("its developer may update a suspended application, which stays suspended", async () => {
      const { w, app, email } = n;
      await w.applications.connect(nth(w.leaders, 0)).suspend(app.address, reason("abuse"));
      await w.applications
        .connect(w.developer)
        .update(app.address, "Fixed", "ipfs://fixed", [email], purpose("routing"));
      expect(await w.applications.statusOf(app.address)).to.equal(AppStatus.Suspended);
    });

    it("its developer retires it for good", async () => {
      const { w, app, email } = n;
      await expect(w.applications.connect(w.developer).retire(app.address))
        .to.emit(w.applications, "ApplicationRetired")
        .withArgs(app.address, w.developer.address);
      expect(await w.applications.statusOf(app.address)).to.equal(AppStatus.Retired);
      expect(await w.applications.isLive(app.address)).to.equal(false);
      await expect(w.applications.connect(w.developer).retire(app.address))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(app.address, AppStatus.Retired);
      await expect(w.applications.connect(w.developer).update(app.address, "X", "ipfs://x", [email], purpose("x")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(app.address, AppStatus.Retired);
      await expect(w.applications.connect(nth(w.leaders, 0)).reinstate(app.address))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(app.address, AppStatus.Retired);
    });

    it("a developer who lost the role may still retire, but not update", async () => {
      const { w, app, email } = n;
      await w.membership
        .connect(nth(w.leaders, 0))
        .revokeRole(await w.membership.DEVELOPER_ROLE(), w.developer.address);
      await expect(w.applications.connect(w.developer).update(app.address, "X", "ipfs://x", [email], purpose("x")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsNotDeveloper")
        .withArgs(w.developer.address);
      await expect(w.applications.connect(w.developer).retire(app.address)).to.emit(
        w.applications,
        "ApplicationRetired",
      );
    });

    it("unknown applications cannot be updated or retired", async () => {
      const { w, email } = n;
      const unknown = w.outsider(9).address;
      await expect(w.applications.connect(w.developer).update(unknown, "X", "ipfs://x", [email], purpose("x")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(unknown, AppStatus.None);
      await expect(w.applications.connect(w.developer).retire(unknown))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(unknown, AppStatus.None);
    });
  });

  describe("suspend and reinstate", () => {
    it("a leader, the manager and the members' vote suspend and reinstate", async () => {
      const { w, app } = n;
      for (const overseer of [nth(w.leaders, 0), w.manager, await asGovernance(w)]) {
        await expect(w.applications.connect(overseer).suspend(app.address, reason("abuse")))
          .to.emit(w.applications, "ApplicationSuspended")
          .withArgs(app.address, overseer.address, reason("abuse"), anyValue);
        expect(await w.applications.isLive(app.address)).to.equal(false);
        await expect(w.applications.connect(overseer).reinstate(app.address))
          .to.emit(w.applications, "ApplicationReinstated")
          .withArgs(app.address, overseer.address, anyValue);
        expect(await w.applications.isLive(app.address)).to.equal(true);
      }
    });

    it("only an active application is suspended, only a suspended one reinstated", async () => {
      const { w, app } = n;
      const leader = nth(w.leaders, 0);
      await expect(w.applications.connect(leader).reinstate(app.address))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(app.address, AppStatus.Active);
      await w.applications.connect(leader).suspend(app.address, reason("abuse"));
      // suspending again needs a higher authority (it raises the suspension's)
      await expect(w.applications.connect(leader).suspend(app.address, reason("abuse")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInsufficientAuthority")
        .withArgs(leader.address, Authority.Manager, Authority.Leader);
      await expect(w.applications.connect(leader).suspend(w.outsider(9).address, reason("abuse")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(w.outsider(9).address, AppStatus.None);
    });
  });

  describe("isLive follows the developer", () => {
    it("is false while the developer is suspended, without a role, or gone", async () => {
      const { w, app } = n;
      const leader = nth(w.leaders, 0);
      await w.membership.connect(leader).suspend(w.developer.address, reason("abuse"));
      expect(await w.applications.isLive(app.address)).to.equal(false);
      await w.membership.connect(leader).reinstate(w.developer.address);
      expect(await w.applications.isLive(app.address)).to.equal(true);
      await w.membership.connect(w.developer).leave();
      expect(await w.applications.isLive(app.address)).to.equal(false);
    });
  });

  describe("attacks (issue 11): an application is its account's own, and only the same or a higher authority lifts a suspension", () => {
    it("a member who left cannot be turned into an application: the grants given to them as a member stay dead", async () => {
      const { w, ann, ben, postal } = n;
      await w.accessGrants.connect(ann).grant(ben.address, [postal], purpose("delivery"), await inSeconds(30 * DAY));
      await w.membership.connect(ben).leave();
      // even with ben's own consent (a colluding former member), the developer cannot register the address
      await expect(reg(ben, "Ben's app", "ipfs://ben", [postal], purpose("delivery")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidAccount")
        .withArgs(ben.address);
      expect(await w.applications.statusOf(ben.address)).to.equal(AppStatus.None);
      expect(await w.accessGrants.isAuthorized(ann.address, ben.address, postal)).to.equal(false);
    });

    it("a developer cannot squat an address without its consent (e.g. a future member's)", async () => {
      const { w, postal } = n;
      const future = w.outsider(2);
      const forged = await registrationConsent(w.applications, w.developer, w.developer.address);
      await expect(
        w.applications
          .connect(w.developer)
          .register(future.address, "Squat", "ipfs://squat", [postal], purpose("x"), forged.deadline, forged.signature),
      )
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidConsent")
        .withArgs(future.address);
      // a consent given to another developer does not serve this one either
      const toOther = await registrationConsent(w.applications, future, w.outsider(3).address);
      await expect(
        w.applications
          .connect(w.developer)
          .register(
            future.address,
            "Squat",
            "ipfs://squat",
            [postal],
            purpose("x"),
            toOther.deadline,
            toOther.signature,
          ),
      ).to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidConsent");
      // a lapsed consent neither
      const lapsed = await registrationConsent(w.applications, future, w.developer.address, await inSeconds(10));
      await networkHelpers.time.increase(60);
      await expect(
        w.applications
          .connect(w.developer)
          .register(future.address, "Squat", "ipfs://squat", [postal], purpose("x"), lapsed.deadline, lapsed.signature),
      )
        .to.be.revertedWithCustomError(w.applications, "ApplicationsConsentExpired")
        .withArgs(lapsed.deadline);
      // the address stays free: it can apply for membership
      await admit(w, future);
      expect(await w.membership.isActiveMember(future.address)).to.equal(true);
    });

    it("a contract account consents by ERC-1271; its consent is used up once", async () => {
      const { w, postal } = n;
      const keyHolder = Wallet.createRandom();
      const wallet = await new ERC1271Wallet__factory(w.deployer).deploy(keyHolder.address);
      const account = await wallet.getAddress();
      const deadline = await inSeconds(DAY);
      const digest = await w.applications.registrationDigest(account, w.developer.address, 0n, deadline);
      const signature = keyHolder.signingKey.sign(digest).serialized;
      const register = () =>
        w.applications
          .connect(w.developer)
          .register(account, "Wallet app", "ipfs://wallet", [postal], purpose("x"), deadline, signature);
      await expect(register()).to.emit(w.applications, "ApplicationRegistered");
      expect(await w.applications.nonces(account)).to.equal(1n);
    });

    it("the developer leaves, rejoins and is made developer again: the application stays dead until registered anew", async () => {
      const { w, ann, app, postal } = n;
      const registeredAt = (await w.applications.application(app.address)).registeredAt;
      await w.accessGrants.connect(ann).grant(app.address, [postal], purpose("routing"), await inSeconds(30 * DAY));
      expect(await w.accessGrants.isAuthorized(ann.address, app.address, postal)).to.equal(true);

      await w.membership.connect(w.developer).leave();
      await admit(w, w.developer);
      await w.membership.connect(nth(w.leaders, 0)).grantRole(await w.membership.DEVELOPER_ROLE(), w.developer.address);
      expect(await w.membership.hasActiveRole(await w.membership.DEVELOPER_ROLE(), w.developer.address)).to.equal(true);
      expect(await w.applications.isLive(app.address)).to.equal(false);
      expect(await w.applications.liveSince(app.address)).to.equal(0n);
      expect(await w.accessGrants.isAuthorized(ann.address, app.address, postal)).to.equal(false);

      // registered anew, with the account's fresh consent: live again, from a new registration time
      await expect(reg(app, "Route planner", "ipfs://route-planner", [postal], purpose("routing")))
        .to.emit(w.applications, "ApplicationRegistered")
        .withArgs(
          app.address,
          w.developer.address,
          "Route planner",
          "ipfs://route-planner",
          [postal],
          purpose("routing"),
          1n,
        );
      const renewed = await w.applications.application(app.address);
      expect(renewed.registeredAt).to.be.greaterThan(registeredAt);
      expect(await w.applications.liveSince(app.address)).to.equal(renewed.registeredAt);
      // the grant given before the new registration does not count; a new one does
      expect(await w.accessGrants.isAuthorized(ann.address, app.address, postal)).to.equal(false);
      await w.accessGrants.connect(ann).grant(app.address, [postal], purpose("routing"), await inSeconds(DAY));
      expect(await w.accessGrants.isAuthorized(ann.address, app.address, postal)).to.equal(true);
    });

    it("a live application's account cannot be taken over by another registration", async () => {
      const { w, app, postal } = n;
      await expect(reg(app, "Mine now", "ipfs://mine", [postal], purpose("x")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsAlreadyRegistered")
        .withArgs(app.address);
    });

    it("a leader cannot lift the members' vote's suspension, nor the manager's; the manager cannot lift the members' vote's", async () => {
      const { w, app } = n;
      const leader = nth(w.leaders, 0);
      const governance = await asGovernance(w);
      await expect(w.applications.connect(governance).suspend(app.address, reason("abuse")))
        .to.emit(w.applications, "ApplicationSuspended")
        .withArgs(app.address, governance.address, reason("abuse"), Authority.MembersVote);
      expect((await w.applications.application(app.address)).suspendedBy).to.equal(Authority.MembersVote);
      await expect(w.applications.connect(leader).reinstate(app.address))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInsufficientAuthority")
        .withArgs(leader.address, Authority.MembersVote, Authority.Leader);
      await expect(w.applications.connect(w.manager).reinstate(app.address))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInsufficientAuthority")
        .withArgs(w.manager.address, Authority.MembersVote, Authority.Manager);
      await expect(w.applications.connect(governance).reinstate(app.address))
        .to.emit(w.applications, "ApplicationReinstated")
        .withArgs(app.address, governance.address, Authority.MembersVote);

      await w.applications.connect(w.manager).suspend(app.address, reason("abuse"));
      await expect(w.applications.connect(leader).reinstate(app.address))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInsufficientAuthority")
        .withArgs(leader.address, Authority.Manager, Authority.Leader);
      // a higher authority may raise a suspension; a leader's is lifted by the manager
      await w.applications.connect(governance).suspend(app.address, reason("abuse"));
      expect((await w.applications.application(app.address)).suspendedBy).to.equal(Authority.MembersVote);
      await w.applications.connect(governance).reinstate(app.address);
      await w.applications.connect(leader).suspend(app.address, reason("abuse"));
      await expect(w.applications.connect(w.manager).reinstate(app.address)).to.emit(
        w.applications,
        "ApplicationReinstated",
      );
    });
  });

  it("refuses a zero governance address", async () => {
    const { w } = n;
    const factory = new Applications__factory(w.deployer);
    await expect(
      factory.deploy(ZeroAddress, await w.membership.getAddress(), await w.taxonomy.getAddress()),
    ).to.be.revertedWithCustomError(factory, "GovernanceZeroAddress");
  });
});
