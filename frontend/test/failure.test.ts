import { BaseError } from "viem";
import { describe, expect, it } from "vitest";

import { OutOfGasError, WeconetError } from "@weconet/sdk";

import { failureOf } from "@/lib/failure";

const hash = `0x${"ab".repeat(32)}` as const;

describe("a transaction's failure, in the dApp's words", () => {
  it("says when it ran out of gas: mined with its whole limit used", () => {
    const failure = failureOf(new OutOfGasError("admit x", { gasLimit: 99_034n, gasUsed: 99_034n, hash }));
    expect(failure).toEqual({
      message: `admit x: the transaction ${hash} ran out of gas: the network needed more than the 99034 gas the wallet allowed (it used 99034); it changed nothing, but its fee is spent. Send it again with a higher gas limit.`,
      outOfGas: true,
    });
  });

  it("says when it ran out of gas: a wallet's estimate refused by the node", () => {
    const failure = failureOf(new BaseError("RPC error", { details: "gas required exceeds allowance (74000)" }));
    expect(failure.outOfGas).toBe(true);
    expect(failure.message).toBe(
      "ran out of gas: the network needed more than the 74000 gas the wallet allowed; nothing was sent. Send it again with a higher gas limit.",
    );
  });

  it("keeps a contract's refusal a refusal", () => {
    expect(failureOf(new WeconetError("0xabc has voted on this proposal already."))).toEqual({
      message: "0xabc has voted on this proposal already.",
      outOfGas: false,
    });
  });
});
