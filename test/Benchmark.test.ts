import { expect } from "chai";

import { PUBLISHED } from "../bench/anchors/published.js";
import { evaluateTargets, Figures, growthOf, PAIRS, TARGETS, type Target } from "../bench/compare.js";
import { compareWithBaseline, readBaseline } from "../bench/baseline.js";
import { MIN_MEMBERS } from "../bench/governance.js";
import { measureAll } from "../bench/measure.js";
import { ANCHORS, SCENARIOS } from "../bench/registry.js";
import { buildReport, type Report } from "../bench/report.js";
import type { RunResult } from "../bench/report.js";
import { networkHelpers } from "./helpers/network.js";

const domainOf = (operation: string) => operation.slice(0, operation.indexOf(": "));

describe("Gas benchmark", function () {
  describe("growth", function () {
    it("counts differences within 1% of the smallest figure as constant", function () {
      expect(growthOf([100_000, 100_500, 101_000], undefined)).to.deep.equal({ text: "O(1) +1000", ok: true });
    });

    it("accepts growth that the scenario explains, and only then", function () {
      expect(growthOf([100_000, 103_000], "checkpoint search")).to.deep.equal({ text: "O(log n) +3000", ok: true });
      expect(growthOf([100_000, 103_000], undefined)).to.deep.equal({ text: "GROWS +3000", ok: false });
    });
  });

  describe("baseline", function () {
    const report = (gas: Record<string, number>): Report => ({
      scales: [10],
      comparison: Object.entries(gas).map(([operation, g]) => ({
        operation,
        weconet: { 10: g },
        growth: "O(1) +0",
        growthNote: null,
        ok: true,
        anchor: null,
        anchorSource: null,
        anchorGas: null,
        ratioToAnchor: null,
        floor: "tx",
        floorGas: null,
        ratioToFloor: null,
      })),
      anchors: [],
      published: [],
      targets: [],
    });

    it("fails an operation more than 5% dearer than the baseline with no reason, and only such a one", function () {
      const baseline = {
        recorded: "test",
        gas: { "a: cheaper": 100, "a: same": 100, "a: 5%": 100, "a: 6%": 100, "a: gone": 1 },
      };
      const rows = compareWithBaseline(
        report({ "a: cheaper": 90, "a: same": 100, "a: 5%": 105, "a: 6%": 106, "a: new": 7 }),
        baseline,
      );
      expect(rows.map((r) => [r.operation, r.ok])).to.deep.equal([
        ["a: cheaper", true],
        ["a: same", true],
        ["a: 5%", true],
        ["a: 6%", false],
        ["a: new", true],
        ["a: gone", true],
      ]);
    });

    it("the recorded baseline has a figure for every operation it names", function () {
      const baseline = readBaseline();
      expect(Object.keys(baseline.gas).length).to.be.greaterThan(50);
      for (const [operation, gas] of Object.entries(baseline.gas)) expect(gas, operation).to.be.greaterThan(21_000);
    });
  });

  describe("targets", function () {
    const target = (factor: number, inclusive: boolean): Target => ({
      title: "t",
      checks: [{ subject: ["w: op"], reference: ["a: op"], factor, inclusive }],
    });
    const figures = (subject: [number, bigint][], reference: bigint) => {
      const f = new Figures();
      for (const [scale, gas] of subject) f.addMeasured("w: op", scale, gas);
      f.addPublished("a: op", reference);
      return f;
    };

    it("a 'below' target misses on equality; an 'at most' target holds", function () {
      const f = figures([[10, 100n]], 100n);
      expect(evaluateTargets(f, [10], [target(1, false)])[0]?.verdict).to.equal("MISSED");
      expect(evaluateTargets(f, [10], [target(1, true)])[0]?.verdict).to.equal("HOLDS");
    });

    it("applies the factor to the reference", function () {
      const f = figures([[10, 41n]], 120n);
      expect(evaluateTargets(f, [10], [target(1 / 3, true)])[0]?.verdict).to.equal("MISSED");
      expect(evaluateTargets(f, [10], [target(1 / 2, true)])[0]?.verdict).to.equal("HOLDS");
    });

    it("holds only if it holds at every scale, and reports the largest scale's figures", function () {
      const [result] = evaluateTargets(
        figures(
          [
            [10, 90n],
            [1000, 110n],
          ],
          100n,
        ),
        [10, 1000],
        [target(1, true)],
      );
      expect(result?.verdict).to.equal("MISSED");
      expect(result?.checks[0]).to.include({ subjectGas: 110, referenceGas: 100, holds: false });
    });

    it("says NOT MEASURED when an operation has no figure, rather than holding or missing", function () {
      const [result] = evaluateTargets(new Figures(), [10], [target(1, true)]);
      expect(result?.verdict).to.equal("NOT MEASURED");
      expect(result?.checks[0]).to.include({ subjectGas: null, holds: null });
    });
  });

  describe("on one chain with Weconet and the anchors", function () {
    let run: RunResult;
    let report: Report;

    before(async function () {
      const clean = await networkHelpers.takeSnapshot();
      run = await measureAll([MIN_MEMBERS, MIN_MEMBERS + 2], SCENARIOS, ANCHORS);
      report = buildReport(run);
      await clean.restore();
    });

    it("measures every operation that a pair or a target names, in every domain it measures", function () {
      const measured = new Set([...run.weconet, ...run.anchors].map((m) => `${m.domain}: ${m.operation}`));
      const published = new Set(PUBLISHED.map((p) => `${p.domain}: ${p.operation}`));
      const domains = new Set([...measured, ...published].map(domainOf));
      const named = [
        ...PAIRS.flatMap((p) => [...p.weconet, ...p.anchor]),
        ...TARGETS.flatMap((t) => t.checks.flatMap((c) => [...c.subject, ...c.reference])),
      ];
      // Every anchor a pair names exists; a Weconet domain that no scenario measures yet prints "not measured".
      const anchorDomains = new Set([...run.anchors.map((m) => m.domain), ...PUBLISHED.map((p) => p.domain)]);
      const unknown = named.filter(
        (op) =>
          (domains.has(domainOf(op)) || anchorDomains.has(domainOf(op))) && !measured.has(op) && !published.has(op),
      );
      expect(unknown).to.deep.equal([]);
    });

    it("gives every measured pair both figures and both ratios", function () {
      const paired = report.comparison.filter((r) => r.anchor !== null && Object.values(r.weconet).every((g) => g));
      expect(paired.length).to.be.greaterThan(10);
      for (const row of paired) {
        expect(row.anchorGas, row.operation).to.be.a("number");
        expect(row.ratioToAnchor, row.operation).to.be.a("number");
        expect(row.ratioToFloor, row.operation).to.be.a("number");
      }
    });

    it("finds no Weconet operation whose gas grows with the network unexplained", function () {
      expect(report.comparison.filter((r) => !r.ok).map((r) => r.operation)).to.deep.equal([]);
    });

    it("measures the floor as one fresh slot plus an event, and 21,000 for a bare transaction", function () {
      const floor = report.anchors.filter((a) => a.system === "floor");
      const slot = floor.find((a) => a.operation === "one fresh slot + event")?.gas[MIN_MEMBERS];
      expect(slot).to.be.within(43_000, 48_000);
      expect(floor.find((a) => a.operation === "bare transaction")?.gas[MIN_MEMBERS]).to.equal(21_000);
    });
  });
});
