import { expect } from "chai";
import { ZeroAddress } from "ethers";

import { DataType, Domain, STARTER_TAXONOMY, starterTaxonomyInputs } from "../deploy/starter-taxonomy.js";
import type { Taxonomy } from "../typechain-types/index.js";
import { Taxonomy__factory } from "../typechain-types/index.js";
import { coreFixture, type Core } from "./helpers/fixtures.js";
import { networkHelpers } from "./helpers/network.js";

const MAX_ATTRIBUTES = 512;
const STARTER = STARTER_TAXONOMY.length;

interface Input {
  name: string;
  domain: number;
  dataType: number;
  parent: number | bigint;
}

const input = (name: string, over: Partial<Input> = {}): Input => ({
  name,
  domain: Domain.Resource,
  dataType: DataType.Text,
  parent: 0,
  ...over,
});

async function idOf(taxonomy: Taxonomy, name: string): Promise<bigint> {
  return taxonomy.attributeId(name);
}

/** Adds filler attributes (in batches that fit a block) until the taxonomy holds `total`. */
async function fillTo(w: Core, total: number): Promise<void> {
  const batch = 60;
  for (let count = Number(await w.taxonomy.attributeCount()); count < total; count += batch) {
    const size = Math.min(batch, total - count);
    const inputs = Array.from({ length: size }, (_, i) => input(fillerName(count - STARTER + i)));
    await (await w.taxonomy.connect(w.asTimelock).addAttributes(inputs)).wait();
  }
}

/** The network with its taxonomy two attributes short of the cap. */
async function deployNearlyFullTaxonomy(): Promise<Core> {
  const w = await coreFixture();
  await fillTo(w, MAX_ATTRIBUTES - 2);
  return w;
}

/** The network with its taxonomy filled to the cap: 512 attributes. */
async function deployFullTaxonomy(): Promise<Core> {
  const w = await networkHelpers.loadFixture(deployNearlyFullTaxonomy);
  await fillTo(w, MAX_ATTRIBUTES);
  return w;
}

/** Distinct names of equal length, so that lookups compare like with like. */
function fillerName(i: number): string {
  return `filler_${i.toString().padStart(4, "0")}`;
}

describe("Taxonomy", () => {
  describe("the starter vocabulary", () => {
    it("holds every starter attribute under its id, name, domain, data type and parent", async () => {
      const w = await coreFixture();
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(STARTER));
      const inputs = starterTaxonomyInputs();
      for (const [index, expected] of inputs.entries()) {
        const id = BigInt(index + 1);
        const a = await w.taxonomy.attribute(id);
        expect([a.name, a.domain, a.dataType, a.parent, a.deprecated], expected.name).to.deep.equal([
          expected.name,
          BigInt(expected.domain),
          BigInt(expected.dataType),
          BigInt(expected.parent),
          false,
        ]);
        expect(await idOf(w.taxonomy, expected.name)).to.equal(id);
      }
      expect(await w.taxonomy.governance()).to.equal(await w.timelock.getAddress());
      expect(await w.taxonomy.MAX_ATTRIBUTES()).to.equal(BigInt(MAX_ATTRIBUTES));
      expect(await w.taxonomy.MAX_NAME_LENGTH()).to.equal(32n);
    });

    it("emitted AttributeAdded for each at deployment", async () => {
      const w = await coreFixture();
      const events = await w.taxonomy.queryFilter(w.taxonomy.filters.AttributeAdded(), 0);
      expect(events.map((e) => [e.args.id, e.args.name, e.args.domain, e.args.dataType, e.args.parent])).to.deep.equal(
        starterTaxonomyInputs().map((a, i) => [
          BigInt(i + 1),
          a.name,
          BigInt(a.domain),
          BigInt(a.dataType),
          BigInt(a.parent),
        ]),
      );
    });

    it("refuses a starter list with a child before its parent, or a duplicate", async () => {
      const w = await coreFixture();
      const governance = await w.timelock.getAddress();
      const factory = new Taxonomy__factory(w.deployer);
      const childFirst = [input("bike", { dataType: DataType.Class, parent: 2 }), input("vehicle", { dataType: 0 })];
      await expect(factory.deploy(governance, childFirst))
        .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyInvalidParent")
        .withArgs(2);
      await expect(factory.deploy(governance, [input("bike"), input("bike")]))
        .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyDuplicateName")
        .withArgs("bike", 1);
      await expect(factory.deploy(ZeroAddress, [])).to.be.revertedWithCustomError(w.taxonomy, "GovernanceZeroAddress");
      const empty = await factory.deploy(governance, []);
      expect(await empty.attributeCount()).to.equal(0n);
    });
  });

  describe("adding attributes", () => {
    it("adds one with the next id, emits it and makes it findable by id and name", async () => {
      const w = await coreFixture();
      const vehicle = await idOf(w.taxonomy, "vehicle");
      const cargo = input("cargo_bike", { dataType: DataType.Class, parent: vehicle });
      const expectedId = BigInt(STARTER + 1);
      expect(await w.taxonomy.connect(w.asTimelock).addAttribute.staticCall(cargo)).to.equal(expectedId);
      await expect(w.taxonomy.connect(w.asTimelock).addAttribute(cargo))
        .to.emit(w.taxonomy, "AttributeAdded")
        .withArgs(expectedId, "cargo_bike", Domain.Resource, DataType.Class, vehicle);
      expect(await w.taxonomy.attributeCount()).to.equal(expectedId);
      expect(await idOf(w.taxonomy, "cargo_bike")).to.equal(expectedId);
      const stored = await w.taxonomy.attribute(expectedId);
      expect([stored.name, stored.domain, stored.dataType, stored.parent, stored.deprecated]).to.deep.equal([
        "cargo_bike",
        BigInt(Domain.Resource),
        BigInt(DataType.Class),
        vehicle,
        false,
      ]);
      expect(await w.taxonomy.isActiveClass(expectedId, Domain.Resource)).to.equal(true);
    });

    it("adds several at once, a parent before its children, returning their ids", async () => {
      const w = await coreFixture();
      const first = STARTER + 1;
      const inputs = [
        input("profession", { domain: Domain.Person, dataType: DataType.Class }),
        input("nurse", { domain: Domain.Person, dataType: DataType.Class, parent: first }),
        input("registration_number", { domain: Domain.Person, parent: first + 1 }),
      ];
      const ids = await w.taxonomy.connect(w.asTimelock).addAttributes.staticCall(inputs);
      expect(ids).to.deep.equal([first, first + 1, first + 2].map(BigInt));
      const tx = w.taxonomy.connect(w.asTimelock).addAttributes(inputs);
      for (const [i, a] of inputs.entries()) {
        await expect(tx)
          .to.emit(w.taxonomy, "AttributeAdded")
          .withArgs(first + i, a.name, a.domain, a.dataType, a.parent);
      }
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(first + 2));
    });

    it("adds nothing when one attribute of a batch is invalid", async () => {
      const w = await coreFixture();
      const inputs = [input("good_one"), input("Bad")];
      await expect(w.taxonomy.connect(w.asTimelock).addAttributes(inputs))
        .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyInvalidName")
        .withArgs("Bad");
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(STARTER));
      await expect(w.taxonomy.attributeId("good_one")).to.be.revertedWithCustomError(w.taxonomy, "TaxonomyUnknownName");
    });

    it("an empty batch adds nothing", async () => {
      const w = await coreFixture();
      expect(await w.taxonomy.connect(w.asTimelock).addAttributes.staticCall([])).to.deep.equal([]);
      await w.taxonomy.connect(w.asTimelock).addAttributes([]);
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(STARTER));
    });

    describe("names", () => {
      const valid = ["a", "z", "a1", "a_", "a_b_c", "x9_y8", "abcdefghijklmnopqrstuvwxyz012345"];
      const invalid = [
        "",
        "abcdefghijklmnopqrstuvwxyz0123456", // 33 bytes
        "1abc",
        "_abc",
        "Abc",
        "abC",
        "a-b",
        "a b",
        " a",
        "a.b",
        "a/b",
        "é",
        "caf\u00e9",
        "a\u0000",
        "a`",
        "a{",
        "a@",
        "a:",
      ];
      for (const name of valid) {
        it(`accepts "${name}"`, async () => {
          const w = await coreFixture();
          await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input(name))).to.emit(
            w.taxonomy,
            "AttributeAdded",
          );
        });
      }
      for (const name of invalid) {
        it(`refuses ${JSON.stringify(name)} with TaxonomyInvalidName`, async () => {
          const w = await coreFixture();
          await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input(name)))
            .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyInvalidName")
            .withArgs(name);
        });
      }

      it("refuses a name in use, also by a deprecated attribute, naming its id", async () => {
        const w = await coreFixture();
        const bike = await idOf(w.taxonomy, "bike");
        await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input("bike", { domain: Domain.Offer })))
          .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyDuplicateName")
          .withArgs("bike", bike);
        await w.taxonomy.connect(w.asTimelock).deprecateAttribute(bike);
        await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input("bike")))
          .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyDuplicateName")
          .withArgs("bike", bike);
        await expect(w.taxonomy.connect(w.asTimelock).addAttributes([input("twice"), input("twice")]))
          .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyDuplicateName")
          .withArgs("twice", STARTER + 1);
      });
    });

    describe("parents", () => {
      it("accepts no parent, or an active class of the same domain, for classes and other attributes", async () => {
        const w = await coreFixture();
        const vehicle = await idOf(w.taxonomy, "vehicle");
        for (const a of [
          input("no_parent"),
          input("boat", { dataType: DataType.Class, parent: vehicle }),
          input("wheel_count", { dataType: DataType.Integer, parent: vehicle }),
        ]) {
          await expect(w.taxonomy.connect(w.asTimelock).addAttribute(a)).to.emit(w.taxonomy, "AttributeAdded");
        }
      });

      const refused: [string, (w: Core) => Promise<{ parent: bigint; domain: number }>][] = [
        ["an unknown id", async () => ({ parent: BigInt(STARTER + 1), domain: Domain.Resource })],
        ["the largest id", async () => ({ parent: 65_535n, domain: Domain.Resource })],
        ["an attribute that is not a class", async (w) => ({ parent: await idOf(w.taxonomy, "capacity"), domain: 1 })],
        ["a class of another domain", async (w) => ({ parent: await idOf(w.taxonomy, "vehicle"), domain: 2 })],
        [
          "a deprecated class",
          async (w) => {
            const parent = await idOf(w.taxonomy, "vehicle");
            await w.taxonomy.connect(w.asTimelock).deprecateAttribute(parent);
            return { parent, domain: Domain.Resource };
          },
        ],
      ];
      for (const [label, situation] of refused) {
        it(`refuses ${label} as parent with TaxonomyInvalidParent`, async () => {
          const w = await coreFixture();
          const { parent, domain } = await situation(w);
          await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input("child", { parent, domain })))
            .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyInvalidParent")
            .withArgs(parent);
        });
      }
    });
  });

  describe("deprecation", () => {
    it("marks the attribute deprecated, keeps it readable and no longer active", async () => {
      const w = await coreFixture();
      const van = await idOf(w.taxonomy, "van");
      expect(await w.taxonomy.isActive(van, Domain.Resource)).to.equal(true);
      expect(await w.taxonomy.isActiveClass(van, Domain.Resource)).to.equal(true);
      await expect(w.taxonomy.connect(w.asTimelock).deprecateAttribute(van))
        .to.emit(w.taxonomy, "AttributeDeprecated")
        .withArgs(van);
      const a = await w.taxonomy.attribute(van);
      expect([a.name, a.deprecated]).to.deep.equal(["van", true]);
      expect(await idOf(w.taxonomy, "van")).to.equal(van);
      expect(await w.taxonomy.isActive(van, Domain.Resource)).to.equal(false);
      expect(await w.taxonomy.isActiveClass(van, Domain.Resource)).to.equal(false);
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(STARTER));
    });

    it("is final, and only for attributes that exist", async () => {
      const w = await coreFixture();
      const van = await idOf(w.taxonomy, "van");
      await w.taxonomy.connect(w.asTimelock).deprecateAttribute(van);
      await expect(w.taxonomy.connect(w.asTimelock).deprecateAttribute(van))
        .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyAlreadyDeprecated")
        .withArgs(van);
      for (const unknown of [0n, BigInt(STARTER + 1), 65_535n]) {
        await expect(w.taxonomy.connect(w.asTimelock).deprecateAttribute(unknown))
          .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyUnknownAttribute")
          .withArgs(unknown);
      }
    });

    it("leaves the children of a deprecated class as they are", async () => {
      const w = await coreFixture();
      const [vehicle, bike] = [await idOf(w.taxonomy, "vehicle"), await idOf(w.taxonomy, "bike")];
      await w.taxonomy.connect(w.asTimelock).deprecateAttribute(vehicle);
      expect(await w.taxonomy.isActiveClass(bike, Domain.Resource)).to.equal(true);
      expect((await w.taxonomy.attribute(bike)).parent).to.equal(vehicle);
    });
  });

  describe("lookups", () => {
    it("isActive and isActiveClass answer for the id, the domain and (for classes) the data type", async () => {
      const w = await coreFixture();
      const bike = await idOf(w.taxonomy, "bike");
      const capacity = await idOf(w.taxonomy, "capacity");
      const email = await idOf(w.taxonomy, "email");
      const price = await idOf(w.taxonomy, "price");
      const cases: [bigint, number, boolean, boolean][] = [
        [bike, Domain.Resource, true, true],
        [bike, Domain.Person, false, false],
        [bike, Domain.Offer, false, false],
        [capacity, Domain.Resource, true, false],
        [email, Domain.Person, true, false],
        [price, Domain.Offer, true, false],
        [price, Domain.Resource, false, false],
        [0n, Domain.Person, false, false],
        [BigInt(STARTER + 1), Domain.Person, false, false],
        [65_535n, Domain.Resource, false, false],
      ];
      for (const [id, domain, active, activeClass] of cases) {
        expect(await w.taxonomy.isActive(id, domain), `isActive(${id}, ${domain})`).to.equal(active);
        expect(await w.taxonomy.isActiveClass(id, domain), `isActiveClass(${id}, ${domain})`).to.equal(activeClass);
      }
    });

    it("refuses unknown ids and names", async () => {
      const w = await coreFixture();
      for (const id of [0n, BigInt(STARTER + 1)]) {
        await expect(w.taxonomy.attribute(id))
          .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyUnknownAttribute")
          .withArgs(id);
      }
      for (const name of ["", "Bike", "bikes", "unknown"]) {
        await expect(w.taxonomy.attributeId(name))
          .to.be.revertedWithCustomError(w.taxonomy, "TaxonomyUnknownName")
          .withArgs(name);
      }
    });

    describe("pagination", () => {
      const pages: [string, number, number, number[]][] = [
        ["from 0, which means the start", 0, 5, [1, 2, 3, 4, 5]],
        ["from 1", 1, 3, [1, 2, 3]],
        ["the whole vocabulary", 1, 1000, Array.from({ length: STARTER }, (_, i) => i + 1)],
        ["the last page, cut short", STARTER - 1, 10, [STARTER - 1, STARTER]],
        ["the very last attribute", STARTER, 1, [STARTER]],
        ["beyond the end", STARTER + 1, 10, []],
        ["far beyond the end", 65_535, 65_535, []],
        ["zero items", 3, 0, []],
      ];
      for (const [label, fromId, count, ids] of pages) {
        it(`pages ${label}`, async () => {
          const w = await coreFixture();
          const [gotIds, page] = await w.taxonomy.attributes(fromId, count);
          expect(gotIds).to.deep.equal(ids.map(BigInt));
          expect(page.map((a) => a.name)).to.deep.equal(ids.map((id) => STARTER_TAXONOMY[id - 1]?.name));
        });
      }

      it("shows deprecation in the page", async () => {
        const w = await coreFixture();
        await w.taxonomy.connect(w.asTimelock).deprecateAttribute(2);
        const [, page] = await w.taxonomy.attributes(1, 3);
        expect(page.map((a) => a.deprecated)).to.deep.equal([false, true, false]);
      });
    });
  });

  describe("the cap of 512 attributes", () => {
    it("fills up to exactly 512, then refuses more with TaxonomyFull", async () => {
      const w = await networkHelpers.loadFixture(deployFullTaxonomy);
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(MAX_ATTRIBUTES));
      expect(await idOf(w.taxonomy, fillerName(MAX_ATTRIBUTES - STARTER - 1))).to.equal(BigInt(MAX_ATTRIBUTES));
      await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input("one_more"))).to.be.revertedWithCustomError(
        w.taxonomy,
        "TaxonomyFull",
      );
      await expect(w.taxonomy.connect(w.asTimelock).addAttributes([input("one_more")])).to.be.revertedWithCustomError(
        w.taxonomy,
        "TaxonomyFull",
      );
      // deprecating does not free an id
      await w.taxonomy.connect(w.asTimelock).deprecateAttribute(MAX_ATTRIBUTES);
      await expect(w.taxonomy.connect(w.asTimelock).addAttribute(input("one_more"))).to.be.revertedWithCustomError(
        w.taxonomy,
        "TaxonomyFull",
      );
      const [ids] = await w.taxonomy.attributes(1, MAX_ATTRIBUTES);
      expect(ids.length).to.equal(MAX_ATTRIBUTES);
    });

    it("a batch that would cross the cap adds nothing", async () => {
      const w = await networkHelpers.loadFixture(deployNearlyFullTaxonomy);
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(MAX_ATTRIBUTES - 2));
      const crossing = [input("near_a"), input("near_b"), input("near_c")];
      await expect(w.taxonomy.connect(w.asTimelock).addAttributes(crossing)).to.be.revertedWithCustomError(
        w.taxonomy,
        "TaxonomyFull",
      );
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(MAX_ATTRIBUTES - 2));
      await w.taxonomy.connect(w.asTimelock).addAttributes(crossing.slice(0, 2));
      expect(await w.taxonomy.attributeCount()).to.equal(BigInt(MAX_ATTRIBUTES));
    });

    it("looks up by id and by name at the same cost with 36 or 512 attributes", async () => {
      const small = await coreFixture();
      const name = fillerName(0);
      await small.taxonomy.connect(small.asTimelock).addAttribute(input(name));
      const smallId = BigInt(STARTER + 1);
      const costs = async (t: Taxonomy, id: bigint) => [
        await t.attributeId.estimateGas(name),
        await t.attribute.estimateGas(id),
        await t.isActive.estimateGas(id, Domain.Resource),
        await t.isActiveClass.estimateGas(id, Domain.Resource),
      ];
      const atSmall = await costs(small.taxonomy, smallId);
      const full = await networkHelpers.loadFixture(deployFullTaxonomy);
      const lastName = fillerName(MAX_ATTRIBUTES - STARTER - 1);
      const atFull = [
        await full.taxonomy.attributeId.estimateGas(lastName),
        await full.taxonomy.attribute.estimateGas(MAX_ATTRIBUTES),
        await full.taxonomy.isActive.estimateGas(MAX_ATTRIBUTES, Domain.Resource),
        await full.taxonomy.isActiveClass.estimateGas(MAX_ATTRIBUTES, Domain.Resource),
      ];
      expect(atFull).to.deep.equal(atSmall);
    });
  });
});
