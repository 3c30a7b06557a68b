import { expect } from "chai";
import { decodeBytes32String, encodeBytes32String, MaxUint256, ZeroAddress, ZeroHash } from "ethers";

import { NetworkRules__factory } from "../typechain-types/index.js";
import { TEST_SETTINGS } from "./helpers/deployment.js";
import { coreFixture } from "./helpers/fixtures.js";
import { networkHelpers } from "./helpers/network.js";

const DAY = 86_400;
const HOUR = 3_600;

/** Every rule: its key, its value as deployed, and the values at and just beyond its bounds. */
const RULES = [
  {
    key: "admissionPolicy",
    deployed: TEST_SETTINGS.admissionPolicy,
    valid: [0n, 1n],
    invalid: [2n, 255n, MaxUint256],
  },
  {
    key: "maxGrantDuration",
    deployed: TEST_SETTINGS.maxGrantDuration,
    valid: [BigInt(HOUR), BigInt(10 * 365 * DAY)],
    invalid: [0n, BigInt(HOUR - 1), BigInt(10 * 365 * DAY + 1), 2n ** 32n + BigInt(HOUR), MaxUint256],
  },
  {
    key: "marketFeeBps",
    deployed: TEST_SETTINGS.marketFeeBps,
    valid: [0n, 1n, 10_000n],
    invalid: [10_001n, 2n ** 16n, MaxUint256],
  },
  {
    key: "disputeWindow",
    deployed: TEST_SETTINGS.disputeWindow,
    valid: [BigInt(HOUR), BigInt(365 * DAY)],
    invalid: [0n, BigInt(HOUR - 1), BigInt(365 * DAY + 1), 2n ** 32n + BigInt(HOUR), MaxUint256],
  },
  {
    key: "accessRequestLifetime",
    deployed: TEST_SETTINGS.accessRequestLifetime,
    valid: [BigInt(HOUR), BigInt(90 * DAY)],
    invalid: [0n, BigInt(HOUR - 1), BigInt(90 * DAY + 1), 2n ** 32n + BigInt(HOUR), MaxUint256],
  },
  {
    // at least the longest a proposal can take from creation to execution (VotingBounds.MAX_DECISION_TIME)
    key: "probationPeriod",
    deployed: TEST_SETTINGS.probationPeriod,
    valid: [BigInt(35 * DAY), BigInt(365 * DAY)],
    invalid: [0n, BigInt(35 * DAY - 1), BigInt(365 * DAY + 1), 2n ** 32n + BigInt(35 * DAY), MaxUint256],
  },
  {
    key: "admissionsPerLeader",
    deployed: TEST_SETTINGS.admissionsPerLeader,
    valid: [1n, 1_000n],
    invalid: [0n, 1_001n, 2n ** 16n + 1n, MaxUint256],
  },
  {
    key: "disputeRulingPeriod",
    deployed: TEST_SETTINGS.disputeRulingPeriod,
    valid: [BigInt(HOUR), BigInt(90 * DAY)],
    invalid: [0n, BigInt(HOUR - 1), BigInt(90 * DAY + 1), 2n ** 32n + BigInt(HOUR), MaxUint256],
  },
] as const;

/** The fields of `NetworkRules.RuleValues` in storage order, with their widths in bits. */
const SLOT_LAYOUT = [
  ["admissionPolicy", 8n],
  ["marketFeeBps", 16n],
  ["maxGrantDuration", 32n],
  ["disputeWindow", 32n],
  ["accessRequestLifetime", 32n],
  ["probationPeriod", 32n],
  ["admissionsPerLeader", 16n],
  ["disputeRulingPeriod", 32n],
] as const;

/** `marketFeeBps` → `MARKET_FEE_BPS`: the name of a rule's key constant. */
const constantName = (rule: string) => rule.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

const key = (name: string) => encodeBytes32String(name);

describe("NetworkRules", () => {
  describe("as deployed", () => {
    it("holds the deployment's rules, through every getter", async () => {
      const w = await coreFixture();
      const r = w.networkRules;
      expect(await r.admissionPolicy()).to.equal(BigInt(TEST_SETTINGS.admissionPolicy));
      expect(await r.maxGrantDuration()).to.equal(BigInt(TEST_SETTINGS.maxGrantDuration));
      expect(await r.marketFeeBps()).to.equal(BigInt(TEST_SETTINGS.marketFeeBps));
      expect(await r.disputeWindow()).to.equal(BigInt(TEST_SETTINGS.disputeWindow));
      for (const rule of RULES) expect(await r.rule(key(rule.key)), rule.key).to.equal(BigInt(rule.deployed));
      const all = await r.rules();
      for (const rule of RULES) expect(all[rule.key], rule.key).to.equal(BigInt(rule.deployed));
      expect(await r.governance()).to.equal(await w.timelock.getAddress());
    });

    it("lists its keys in a fixed order, each readable as a short name", async () => {
      const w = await coreFixture();
      const keys = await w.networkRules.ruleKeys();
      expect(keys.map(decodeBytes32String)).to.deep.equal(RULES.map((r) => r.key));
      for (const rule of RULES) {
        const constant = w.networkRules.getFunction(constantName(rule.key));
        expect(await constant.staticCall(), rule.key).to.equal(key(rule.key));
      }
    });

    it("publishes its bounds", async () => {
      const w = await coreFixture();
      expect(await w.networkRules.MIN_GRANT_DURATION()).to.equal(BigInt(HOUR));
      expect(await w.networkRules.MAX_GRANT_DURATION_LIMIT()).to.equal(BigInt(10 * 365 * DAY));
      expect(await w.networkRules.MAX_FEE_BPS()).to.equal(10_000n);
      expect(await w.networkRules.MIN_DISPUTE_WINDOW()).to.equal(BigInt(HOUR));
      expect(await w.networkRules.MAX_DISPUTE_WINDOW()).to.equal(BigInt(365 * DAY));
      expect(await w.networkRules.MIN_ACCESS_REQUEST_LIFETIME()).to.equal(BigInt(HOUR));
      expect(await w.networkRules.MAX_ACCESS_REQUEST_LIFETIME()).to.equal(BigInt(90 * DAY));
      expect(await w.networkRules.MIN_PROBATION_PERIOD()).to.equal(BigInt(35 * DAY));
      expect(await w.networkRules.MAX_PROBATION_PERIOD()).to.equal(BigInt(365 * DAY));
      expect(await w.networkRules.MIN_ADMISSIONS_PER_LEADER()).to.equal(1n);
      expect(await w.networkRules.MAX_ADMISSIONS_PER_LEADER()).to.equal(1_000n);
      expect(await w.networkRules.MIN_DISPUTE_RULING_PERIOD()).to.equal(BigInt(HOUR));
      expect(await w.networkRules.MAX_DISPUTE_RULING_PERIOD()).to.equal(BigInt(90 * DAY));
    });

    it("answers every rule's bounds in one view, the same the setter enforces", async () => {
      const w = await coreFixture();
      for (const rule of RULES) {
        const [min, max] = await w.networkRules.ruleBounds(key(rule.key));
        expect(min, rule.key).to.equal(rule.valid[0]);
        expect(max, rule.key).to.equal(rule.valid[rule.valid.length - 1]);
      }
      await expect(w.networkRules.ruleBounds(key("noSuchRule")))
        .to.be.revertedWithCustomError(w.networkRules, "UnknownRule")
        .withArgs(key("noSuchRule"));
    });

    it("emitted a RuleChanged from 0 for every rule at deployment, in key order", async () => {
      const w = await coreFixture();
      const events = await w.networkRules.queryFilter(w.networkRules.filters.RuleChanged(), 0);
      expect(events.map((e) => [decodeBytes32String(e.args.key), e.args.oldValue, e.args.newValue])).to.deep.equal(
        RULES.map((r) => [r.key, 0n, BigInt(r.deployed)]),
      );
    });

    it("keeps every rule in one storage slot", async () => {
      const w = await coreFixture();
      const address = await w.networkRules.getAddress();
      const slot = BigInt(await networkHelpers.getStorageAt(address, 0));
      let offset = 0n;
      for (const [field, bits] of SLOT_LAYOUT) {
        const deployed = RULES.find((r) => r.key === field)?.deployed;
        expect((slot >> offset) & ((1n << bits) - 1n), field).to.equal(BigInt(deployed ?? -1));
        offset += bits;
      }
      expect(slot >> offset).to.equal(0n);
      expect(BigInt(await networkHelpers.getStorageAt(address, 1))).to.equal(0n);
    });
  });

  describe("setRule", () => {
    for (const rule of RULES) {
      for (const value of rule.valid) {
        it(`sets ${rule.key} to ${value}, emitting the old and new value and touching no other rule`, async () => {
          const w = await coreFixture();
          const others = RULES.filter((r) => r.key !== rule.key);
          await expect(w.networkRules.connect(w.asTimelock).setRule(key(rule.key), value))
            .to.emit(w.networkRules, "RuleChanged")
            .withArgs(key(rule.key), BigInt(rule.deployed), value);
          expect(await w.networkRules.rule(key(rule.key))).to.equal(value);
          for (const other of others) {
            expect(await w.networkRules.rule(key(other.key)), other.key).to.equal(BigInt(other.deployed));
          }
        });
      }

      for (const value of rule.invalid) {
        it(`refuses ${rule.key} = ${value} with InvalidRuleValue`, async () => {
          const w = await coreFixture();
          await expect(w.networkRules.connect(w.asTimelock).setRule(key(rule.key), value))
            .to.be.revertedWithCustomError(w.networkRules, "InvalidRuleValue")
            .withArgs(key(rule.key), value);
          expect(await w.networkRules.rule(key(rule.key))).to.equal(BigInt(rule.deployed));
        });
      }
    }

    it("the typed getters follow each change", async () => {
      const w = await coreFixture();
      const set = (name: string, value: bigint) => w.networkRules.connect(w.asTimelock).setRule(key(name), value);
      await set("admissionPolicy", 0n);
      await set("maxGrantDuration", 7n * BigInt(DAY));
      await set("marketFeeBps", 10_000n);
      await set("disputeWindow", 2n * BigInt(HOUR));
      await set("accessRequestLifetime", 3n * BigInt(HOUR));
      expect(await w.networkRules.accessRequestLifetime()).to.equal(3n * BigInt(HOUR));
      expect(await w.networkRules.admissionPolicy()).to.equal(0n);
      expect(await w.networkRules.maxGrantDuration()).to.equal(7n * BigInt(DAY));
      expect(await w.networkRules.marketFeeBps()).to.equal(10_000n);
      expect(await w.networkRules.disputeWindow()).to.equal(2n * BigInt(HOUR));
    });

    it("setting a rule to its current value still records the decision", async () => {
      const w = await coreFixture();
      const fee = BigInt(TEST_SETTINGS.marketFeeBps);
      await expect(w.networkRules.connect(w.asTimelock).setRule(key("marketFeeBps"), fee))
        .to.emit(w.networkRules, "RuleChanged")
        .withArgs(key("marketFeeBps"), fee, fee);
    });

    it("refuses unknown keys, for reading and for writing", async () => {
      const w = await coreFixture();
      for (const unknown of [key("quorum"), key("MarketFeeBps"), key("marketFeeBps "), ZeroHash]) {
        await expect(w.networkRules.connect(w.asTimelock).setRule(unknown, 1n))
          .to.be.revertedWithCustomError(w.networkRules, "UnknownRule")
          .withArgs(unknown);
        await expect(w.networkRules.rule(unknown))
          .to.be.revertedWithCustomError(w.networkRules, "UnknownRule")
          .withArgs(unknown);
      }
    });
  });

  describe("constructor", () => {
    const valid = {
      admissionPolicy: 1,
      marketFeeBps: 100,
      maxGrantDuration: 30 * DAY,
      disputeWindow: 3 * DAY,
      accessRequestLifetime: 7 * DAY,
      probationPeriod: 35 * DAY,
      admissionsPerLeader: 10,
      disputeRulingPeriod: 14 * DAY,
    };

    it("refuses a zero governance address", async () => {
      const w = await coreFixture();
      await expect(new NetworkRules__factory(w.deployer).deploy(ZeroAddress, valid)).to.be.revertedWithCustomError(
        w.networkRules,
        "GovernanceZeroAddress",
      );
    });

    const invalid: [string, Partial<typeof valid>, bigint][] = [
      ["maxGrantDuration", { maxGrantDuration: HOUR - 1 }, BigInt(HOUR - 1)],
      ["marketFeeBps", { marketFeeBps: 10_001 }, 10_001n],
      ["disputeWindow", { disputeWindow: 0 }, 0n],
      ["disputeWindow", { disputeWindow: 365 * DAY + 1 }, BigInt(365 * DAY + 1)],
      ["accessRequestLifetime", { accessRequestLifetime: HOUR - 1 }, BigInt(HOUR - 1)],
      ["accessRequestLifetime", { accessRequestLifetime: 90 * DAY + 1 }, BigInt(90 * DAY + 1)],
      ["probationPeriod", { probationPeriod: 35 * DAY - 1 }, BigInt(35 * DAY - 1)],
      ["admissionsPerLeader", { admissionsPerLeader: 0 }, 0n],
      ["disputeRulingPeriod", { disputeRulingPeriod: 90 * DAY + 1 }, BigInt(90 * DAY + 1)],
    ];
    for (const [name, change, value] of invalid) {
      it(`refuses an initial ${name} of ${value}`, async () => {
        const w = await coreFixture();
        const governance = await w.timelock.getAddress();
        await expect(new NetworkRules__factory(w.deployer).deploy(governance, { ...valid, ...change }))
          .to.be.revertedWithCustomError(w.networkRules, "InvalidRuleValue")
          .withArgs(key(name), value);
      });
    }
  });
});
