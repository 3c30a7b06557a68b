import { expect } from "chai";
import { id, ZeroAddress, ZeroHash } from "ethers";

import { DataType, Domain } from "../deploy/starter-taxonomy.js";
import { nth, reason } from "./helpers/deployment.js";
import { admitNewcomer, applicantAndSuspended, coreFixture, type Core } from "./helpers/fixtures.js";
import { ethers, networkHelpers } from "./helpers/network.js";

const BIKE = id("description: a blue bike, 3 gears");

async function classId(w: Core, name: string): Promise<bigint> {
  return w.taxonomy.attributeId(name);
}

/** `owner` registers a bike and gets its id. */
async function registerBike(w: Core, owner = nth(w.members, 0)): Promise<bigint> {
  const bike = await classId(w, "bike");
  const resourceId = await w.resources.connect(owner).register.staticCall(bike, BIKE);
  await w.resources.connect(owner).register(bike, BIKE);
  return resourceId;
}

describe("Resources", () => {
  it("is wired to the membership and the taxonomy", async () => {
    const w = await coreFixture();
    expect(await w.resources.membership()).to.equal(await w.membership.getAddress());
    expect(await w.resources.taxonomy()).to.equal(await w.taxonomy.getAddress());
    expect(await w.resources.resourceCount()).to.equal(0n);
  });

  describe("register", () => {
    it("registers an active resource owned by the caller, with ids from 1", async () => {
      const w = await coreFixture();
      const [owner, other] = [nth(w.members, 0), w.developer];
      const bike = await classId(w, "bike");
      await expect(w.resources.connect(owner).register(bike, BIKE))
        .to.emit(w.resources, "ResourceRegistered")
        .withArgs(1n, owner.address, bike, BIKE);
      const registeredAt = BigInt(await networkHelpers.time.latest());
      const r = await w.resources.resource(1n);
      expect([r.owner, r.classId, r.active, r.registeredAt, r.metadata]).to.deep.equal([
        owner.address,
        bike,
        true,
        registeredAt,
        BIKE,
      ]);
      const laptop = await classId(w, "laptop");
      await expect(w.resources.connect(other).register(laptop, id("laptop")))
        .to.emit(w.resources, "ResourceRegistered")
        .withArgs(2n, other.address, laptop, id("laptop"));
      expect(await w.resources.resourceCount()).to.equal(2n);
      expect(await w.resources.isAvailable(1n)).to.equal(true);
    });

    it("accepts every active resource class, at any depth", async () => {
      const w = await coreFixture();
      for (const name of ["equipment", "vehicle", "bike", "workspace", "courier_service", "dataset"]) {
        await expect(w.resources.connect(nth(w.members, 0)).register(await classId(w, name), BIKE), name).to.emit(
          w.resources,
          "ResourceRegistered",
        );
      }
    });

    it("refuses an empty description pointer", async () => {
      const w = await coreFixture();
      await expect(
        w.resources.connect(nth(w.members, 0)).register(await classId(w, "bike"), ZeroHash),
      ).to.be.revertedWithCustomError(w.resources, "ResourcesEmptyMetadata");
    });

    const invalidClasses: [string, (w: Core) => Promise<bigint>][] = [
      ["no class (0)", async () => 0n],
      ["an id beyond the taxonomy", async (w) => (await w.taxonomy.attributeCount()) + 1n],
      ["a resource attribute that is not a class", (w) => classId(w, "capacity")],
      ["an offer attribute", (w) => classId(w, "price")],
      ["a person attribute", (w) => classId(w, "email")],
      [
        "a class of the person domain",
        async (w) => {
          const profession = { name: "profession", domain: Domain.Person, dataType: DataType.Class, parent: 0 };
          await w.taxonomy.connect(w.asTimelock).addAttribute(profession);
          return classId(w, "profession");
        },
      ],
      [
        "a deprecated class",
        async (w) => {
          const van = await classId(w, "van");
          await w.taxonomy.connect(w.asTimelock).deprecateAttribute(van);
          return van;
        },
      ],
    ];
    for (const [label, situation] of invalidClasses) {
      it(`refuses ${label} with ResourcesInvalidClass`, async () => {
        const w = await coreFixture();
        const classIdValue = await situation(w);
        await expect(w.resources.connect(nth(w.members, 0)).register(classIdValue, BIKE))
          .to.be.revertedWithCustomError(w.resources, "ResourcesInvalidClass")
          .withArgs(classIdValue);
      });
    }

    it("refuses anyone who is not an active member", async () => {
      const w = await coreFixture();
      const { applicant, suspended } = await applicantAndSuspended(w);
      const departed = nth(w.members, 2);
      await w.membership.connect(departed).leave();
      const bike = await classId(w, "bike");
      for (const account of [w.outsider(0), applicant, suspended, departed]) {
        await expect(w.resources.connect(account).register(bike, BIKE))
          .to.be.revertedWithCustomError(w.resources, "ResourcesNotActiveMember")
          .withArgs(account.address);
      }
    });
  });

  describe("update", () => {
    it("changes the class and the description of the owner's resource", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      const van = await classId(w, "van");
      await expect(w.resources.connect(owner).update(resourceId, van, id("now a van")))
        .to.emit(w.resources, "ResourceUpdated")
        .withArgs(resourceId, owner.address, van, id("now a van"));
      const r = await w.resources.resource(resourceId);
      expect([r.classId, r.metadata, r.owner, r.active]).to.deep.equal([van, id("now a van"), owner.address, true]);
    });

    it("validates the new class and description like a registration", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      const capacity = await classId(w, "capacity");
      await expect(w.resources.connect(owner).update(resourceId, capacity, BIKE))
        .to.be.revertedWithCustomError(w.resources, "ResourcesInvalidClass")
        .withArgs(capacity);
      await expect(
        w.resources.connect(owner).update(resourceId, await classId(w, "bike"), ZeroHash),
      ).to.be.revertedWithCustomError(w.resources, "ResourcesEmptyMetadata");
    });

    it("refuses unknown resources, other members, and an owner who is no longer an active member", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      const bike = await classId(w, "bike");
      for (const unknown of [0n, resourceId + 1n]) {
        await expect(w.resources.connect(owner).update(unknown, bike, BIKE))
          .to.be.revertedWithCustomError(w.resources, "ResourcesUnknownResource")
          .withArgs(unknown);
      }
      await expect(w.resources.connect(nth(w.members, 1)).update(resourceId, bike, BIKE))
        .to.be.revertedWithCustomError(w.resources, "ResourcesNotOwner")
        .withArgs(resourceId, nth(w.members, 1).address);
      await w.membership.connect(nth(w.leaders, 0)).suspend(owner.address, reason("x"));
      await expect(w.resources.connect(owner).update(resourceId, bike, BIKE))
        .to.be.revertedWithCustomError(w.resources, "ResourcesNotActiveMember")
        .withArgs(owner.address);
    });
  });

  describe("setActive and availability", () => {
    it("switches a resource off and on, with an event each time", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      await expect(w.resources.connect(owner).setActive(resourceId, false))
        .to.emit(w.resources, "ResourceActiveSet")
        .withArgs(resourceId, owner.address, false);
      expect((await w.resources.resource(resourceId)).active).to.equal(false);
      expect(await w.resources.isAvailable(resourceId)).to.equal(false);
      await expect(w.resources.connect(owner).setActive(resourceId, true))
        .to.emit(w.resources, "ResourceActiveSet")
        .withArgs(resourceId, owner.address, true);
      expect(await w.resources.isAvailable(resourceId)).to.equal(true);
    });

    it("refuses a switch to the state the resource is already in", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      await expect(w.resources.connect(owner).setActive(resourceId, true))
        .to.be.revertedWithCustomError(w.resources, "ResourcesActiveUnchanged")
        .withArgs(resourceId, true);
      await w.resources.connect(owner).setActive(resourceId, false);
      await expect(w.resources.connect(owner).setActive(resourceId, false))
        .to.be.revertedWithCustomError(w.resources, "ResourcesActiveUnchanged")
        .withArgs(resourceId, false);
    });

    it("refuses unknown resources, other members and a suspended owner", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      await expect(w.resources.connect(owner).setActive(7n, false))
        .to.be.revertedWithCustomError(w.resources, "ResourcesUnknownResource")
        .withArgs(7n);
      await expect(w.resources.connect(w.manager).setActive(resourceId, false))
        .to.be.revertedWithCustomError(w.resources, "ResourcesNotOwner")
        .withArgs(resourceId, w.manager.address);
      await w.membership.connect(nth(w.leaders, 0)).suspend(owner.address, reason("x"));
      await expect(w.resources.connect(owner).setActive(resourceId, false))
        .to.be.revertedWithCustomError(w.resources, "ResourcesNotActiveMember")
        .withArgs(owner.address);
    });

    it("a resource is available only while it is active and its owner an active member", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const leader = nth(w.leaders, 0);
      const resourceId = await registerBike(w, owner);
      expect(await w.resources.isAvailable(resourceId)).to.equal(true);
      await w.membership.connect(leader).suspend(owner.address, reason("x"));
      expect(await w.resources.isAvailable(resourceId)).to.equal(false);
      await w.membership.connect(leader).reinstate(owner.address);
      expect(await w.resources.isAvailable(resourceId)).to.equal(true);
      await w.membership.connect(owner).leave();
      expect(await w.resources.isAvailable(resourceId)).to.equal(false);
      expect((await w.resources.resource(resourceId)).owner).to.equal(owner.address);
    });

    it("a member who leaves and re-joins does not get the resources of the earlier membership back", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const oldId = await registerBike(w, owner);
      await w.membership.connect(owner).leave();
      await networkHelpers.time.increase(60);
      await admitNewcomer(w, owner, "back again");
      expect(await w.resources.isAvailable(oldId)).to.equal(false);
      await expect(w.resources.connect(owner).setActive(oldId, false))
        .to.be.revertedWithCustomError(w.resources, "ResourcesFromEarlierMembership")
        .withArgs(oldId);
      await expect(w.resources.connect(owner).update(oldId, await classId(w, "bike"), BIKE))
        .to.be.revertedWithCustomError(w.resources, "ResourcesFromEarlierMembership")
        .withArgs(oldId);
      const newId = await registerBike(w, owner);
      expect(await w.resources.isAvailable(newId)).to.equal(true);
    });

    it("refuses a zero membership or taxonomy address at deployment", async () => {
      const w = await coreFixture();
      const factory = await ethers.getContractFactory("Resources");
      const [membership, taxonomy] = [await w.membership.getAddress(), await w.taxonomy.getAddress()];
      for (const [m, t] of [
        [ZeroAddress, taxonomy],
        [membership, ZeroAddress],
      ] as const) {
        await expect(factory.deploy(m, t)).to.be.revertedWithCustomError(w.resources, "ResourcesZeroAddress");
      }
    });

    it("unknown resources are not available and cannot be read", async () => {
      const w = await coreFixture();
      for (const unknown of [0n, 1n, 2n ** 256n - 1n]) {
        expect(await w.resources.isAvailable(unknown)).to.equal(false);
        await expect(w.resources.resource(unknown))
          .to.be.revertedWithCustomError(w.resources, "ResourcesUnknownResource")
          .withArgs(unknown);
      }
    });

    it("a resource keeps a class deprecated after its registration, but cannot be updated to it", async () => {
      const w = await coreFixture();
      const owner = nth(w.members, 0);
      const resourceId = await registerBike(w, owner);
      const bike = await classId(w, "bike");
      await w.taxonomy.connect(w.asTimelock).deprecateAttribute(bike);
      expect((await w.resources.resource(resourceId)).classId).to.equal(bike);
      await expect(w.resources.connect(owner).update(resourceId, bike, id("new description")))
        .to.be.revertedWithCustomError(w.resources, "ResourcesInvalidClass")
        .withArgs(bike);
    });

    it("a newcomer's first resource makes them an organisation: a member with something to offer", async () => {
      const w = await coreFixture();
      const newcomer = w.outsider(0);
      await admitNewcomer(w, newcomer, "newcomer");
      const resourceId = await registerBike(w, newcomer);
      expect((await w.resources.resource(resourceId)).owner).to.equal(newcomer.address);
      expect(await w.resources.isAvailable(resourceId)).to.equal(true);
    });
  });
});
