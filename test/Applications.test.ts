import { expect } from "chai";
import { ZeroAddress, ZeroHash } from "ethers";

import { Applications__factory } from "../typechain-types/index.js";
import { AppStatus, asGovernance, deployAccessNetwork, purpose, type AccessNetwork } from "./helpers/access.js";
import { nth, profileHash, reason } from "./helpers/deployment.js";
import { networkHelpers } from "./helpers/network.js";

describe("Applications", () => {
  let n: AccessNetwork;
  beforeEach(async () => {
    n = await networkHelpers.loadFixture(deployAccessNetwork);
  });

  describe("register", () => {
    it("a developer registers an application under its account", async () => {
      const { w, postal, email } = n;
      const account = w.outsider(1);
      const tx = w.applications
        .connect(w.developer)
        .register(account.address, "Bike courier", "ipfs://courier", [postal, email], purpose("delivery"));
      await expect(tx)
        .to.emit(w.applications, "ApplicationRegistered")
        .withArgs(
          account.address,
          w.developer.address,
          "Bike courier",
          "ipfs://courier",
          [postal, email],
          purpose("delivery"),
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
      const d = w.applications.connect(w.developer);
      const applicant = w.outsider(6);
      await w.membership.connect(applicant).applyForMembership(profileHash("applicant"));
      const fresh = w.outsider(1).address;
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
          () => d.register(w.developer.address, "A", "ipfs://a", [postal], p),
          "ApplicationsInvalidAccount",
          [w.developer.address],
        ],
        [
          "a member",
          () => d.register(ann.address, "A", "ipfs://a", [postal], p),
          "ApplicationsInvalidAccount",
          [ann.address],
        ],
        [
          "an applicant",
          () => d.register(applicant.address, "A", "ipfs://a", [postal], p),
          "ApplicationsInvalidAccount",
          [applicant.address],
        ],
        [
          "taken",
          () => d.register(app.address, "A", "ipfs://a", [postal], p),
          "ApplicationsAlreadyRegistered",
          [app.address],
        ],
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

    it("an account that was once an application is never registered again", async () => {
      const { w, app, postal } = n;
      await w.applications.connect(w.developer).retire(app.address);
      await expect(
        w.applications
          .connect(w.developer)
          .register(app.address, "Again", "ipfs://again", [postal], purpose("routing")),
      )
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
          .withArgs(app.address, overseer.address, reason("abuse"));
        expect(await w.applications.isLive(app.address)).to.equal(false);
        await expect(w.applications.connect(overseer).reinstate(app.address))
          .to.emit(w.applications, "ApplicationReinstated")
          .withArgs(app.address, overseer.address);
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
      await expect(w.applications.connect(leader).suspend(app.address, reason("abuse")))
        .to.be.revertedWithCustomError(w.applications, "ApplicationsInvalidStatus")
        .withArgs(app.address, AppStatus.Suspended);
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

  it("refuses a zero governance address", async () => {
    const { w } = n;
    const factory = new Applications__factory(w.deployer);
    await expect(
      factory.deploy(ZeroAddress, await w.membership.getAddress(), await w.taxonomy.getAddress()),
    ).to.be.revertedWithCustomError(factory, "GovernanceZeroAddress");
  });
});
