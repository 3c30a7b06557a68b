import { expect } from "chai";
import { id, ZeroHash } from "ethers";

import { nth } from "./helpers/deployment.js";
import { coreFixture } from "./helpers/fixtures.js";
import { networkHelpers } from "./helpers/network.js";

const ROOT_A = id("root: the heads after 10 receipts");
const ROOT_B = id("root: the heads after 25 receipts");
const ROOT_FORGED = id("root: the same 10 receipts, one rewritten");
const MAX_UINT64 = 2n ** 64n - 1n;

describe("ReceiptAnchors", () => {
  it("an operator that anchored nothing has an all-zero latest anchor", async () => {
    const w = await coreFixture();
    expect(await w.receiptAnchors.latestOf(w.outsider(0).address)).to.deep.equal([ZeroHash, 0n, 0n, 0n]);
  });

  describe("anchor", () => {
    it("anchors the root and count with a sequence number from 1 and the block's time", async () => {
      const w = await coreFixture();
      const operator = w.outsider(0);
      expect(await w.receiptAnchors.connect(operator).anchor.staticCall(ROOT_A, 10n)).to.equal(1n);
      await expect(w.receiptAnchors.connect(operator).anchor(ROOT_A, 10n))
        .to.emit(w.receiptAnchors, "ReceiptsAnchored")
        .withArgs(operator.address, 1n, ROOT_A, 10n);
      const at = BigInt(await networkHelpers.time.latest());
      expect(await w.receiptAnchors.latestOf(operator.address)).to.deep.equal([ROOT_A, 10n, 1n, at]);

      await networkHelpers.time.increase(3_600);
      await expect(w.receiptAnchors.connect(operator).anchor(ROOT_B, 25n))
        .to.emit(w.receiptAnchors, "ReceiptsAnchored")
        .withArgs(operator.address, 2n, ROOT_B, 25n);
      const later = BigInt(await networkHelpers.time.latest());
      expect(await w.receiptAnchors.latestOf(operator.address)).to.deep.equal([ROOT_B, 25n, 2n, later]);
    });

    it("accepts any count that grows, up to the largest uint64", async () => {
      const w = await coreFixture();
      const operator = w.outsider(0);
      let seq = 0n;
      for (const count of [1n, 2n, 1_000_000n, MAX_UINT64]) {
        seq += 1n;
        await expect(w.receiptAnchors.connect(operator).anchor(id(`root ${count}`), count))
          .to.emit(w.receiptAnchors, "ReceiptsAnchored")
          .withArgs(operator.address, seq, id(`root ${count}`), count);
      }
      await expect(w.receiptAnchors.connect(operator).anchor(ROOT_A, MAX_UINT64))
        .to.be.revertedWithCustomError(w.receiptAnchors, "ReceiptAnchorsCountNotIncreasing")
        .withArgs(MAX_UINT64, MAX_UINT64);
    });

    it("refuses a zero root", async () => {
      const w = await coreFixture();
      await expect(w.receiptAnchors.connect(w.outsider(0)).anchor(ZeroHash, 10n)).to.be.revertedWithCustomError(
        w.receiptAnchors,
        "ReceiptAnchorsZeroRoot",
      );
    });

    it("refuses a first anchor of no receipts", async () => {
      const w = await coreFixture();
      await expect(w.receiptAnchors.connect(w.outsider(0)).anchor(ROOT_A, 0n))
        .to.be.revertedWithCustomError(w.receiptAnchors, "ReceiptAnchorsCountNotIncreasing")
        .withArgs(0n, 0n);
    });

    it("an operator cannot shrink its log, nor rewrite it under the same count, nor re-anchor the same root", async () => {
      const w = await coreFixture();
      const operator = w.outsider(0);
      await w.receiptAnchors.connect(operator).anchor(ROOT_B, 25n);
      for (const [label, root, count] of [
        ["fewer receipts (dropped ones)", ROOT_A, 10n],
        ["the same count, another root (a rewritten receipt)", ROOT_FORGED, 25n],
        ["the same anchor again", ROOT_B, 25n],
      ] as const) {
        await expect(w.receiptAnchors.connect(operator).anchor(root, count), label)
          .to.be.revertedWithCustomError(w.receiptAnchors, "ReceiptAnchorsCountNotIncreasing")
          .withArgs(25n, count);
      }
      const [root, receipts, seq] = await w.receiptAnchors.latestOf(operator.address);
      expect([root, receipts, seq]).to.deep.equal([ROOT_B, 25n, 1n]);
    });

    it("each operator has its own log: another account cannot anchor in an operator's name or hold it back", async () => {
      const w = await coreFixture();
      const [operator, rival] = [w.outsider(0), w.outsider(1)];
      await w.receiptAnchors.connect(operator).anchor(ROOT_A, 10n);
      // the rival anchors a far larger count: it writes only its own log, so it cannot block the operator's next anchor
      await expect(w.receiptAnchors.connect(rival).anchor(ROOT_FORGED, MAX_UINT64))
        .to.emit(w.receiptAnchors, "ReceiptsAnchored")
        .withArgs(rival.address, 1n, ROOT_FORGED, MAX_UINT64);
      await expect(w.receiptAnchors.connect(operator).anchor(ROOT_B, 25n))
        .to.emit(w.receiptAnchors, "ReceiptsAnchored")
        .withArgs(operator.address, 2n, ROOT_B, 25n);
      const [root, receipts, seq] = await w.receiptAnchors.latestOf(operator.address);
      expect([root, receipts, seq]).to.deep.equal([ROOT_B, 25n, 2n]);
    });

    it("needs no role: members, leaders, the manager and the timelock anchor their own logs like anyone", async () => {
      const w = await coreFixture();
      for (const operator of [nth(w.members, 0), nth(w.leaders, 0), w.manager, w.asTimelock]) {
        await expect(w.receiptAnchors.connect(operator).anchor(ROOT_A, 1n))
          .to.emit(w.receiptAnchors, "ReceiptsAnchored")
          .withArgs(operator.address, 1n, ROOT_A, 1n);
      }
    });
  });
});
