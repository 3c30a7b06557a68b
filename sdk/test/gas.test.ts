/**
 * Issue 11, point 10, without a chain: the SDK's gas margin and how it tells an out-of-gas failure from a
 * contract's refusal (sdk/test/anvil-gas.test.ts shows both on a real node).
 */
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  IntrinsicGasTooLowError,
  type Hash,
} from "viem";
import { describe, expect, it } from "vitest";

import {
  abis,
  GAS_MARGIN,
  OutOfGasError,
  ranOutOfGas,
  toWeconetError,
  WeconetError,
  withGasMargin,
} from "../src/index.js";
import { revertedTransactionError } from "../src/errors.js";

const hash: Hash = `0x${"ab".repeat(32)}`;
const member = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

describe("the gas limit an action is sent with", () => {
  it("adds 20%, and at least one vote checkpoint's whole cost (25,000 gas)", () => {
    expect(GAS_MARGIN).toEqual({ percent: 20n, atLeast: 25_000n });
    // The admission: anvil estimated 99,034 where 121,300 were needed.
    expect(withGasMargin(99_034n)).toBe(124_034n);
    expect(withGasMargin(99_034n)).toBeGreaterThan(121_300n);
    expect(withGasMargin(125_000n)).toBe(150_000n);
    expect(withGasMargin(500_000n)).toBe(600_000n);
    expect(withGasMargin(100_001n)).toBe(125_001n);
    expect(withGasMargin(200_001n)).toBe(240_002n); // 20% rounded up: 40,001
  });
});

describe("an out-of-gas failure", () => {
  it("is a mined transaction that used its whole limit, or all but what callers keep back (EIP-150: 1/64 each)", () => {
    expect(ranOutOfGas(60_000n, 60_000n)).toBe(true);
    expect(ranOutOfGas(63_000n, 64_000n)).toBe(true);
    // A removal by the members' vote that ran out of gas in Membership, three calls down.
    expect(ranOutOfGas(60_000n, 64_000n)).toBe(true);
    expect(ranOutOfGas(59_999n, 64_000n)).toBe(false);
    expect(ranOutOfGas(30_000n, 124_034n)).toBe(false);
    expect(ranOutOfGas(0n, 0n)).toBe(false);
  });

  it("is reported with the limit and the gas used; any other reverted transaction as reverted", () => {
    const outOfGas = revertedTransactionError("admit x", { transactionHash: hash, gasUsed: 99_034n }, 99_034n);
    expect(outOfGas).toBeInstanceOf(OutOfGasError);
    expect(outOfGas.message).toBe(
      `admit x: the transaction ${hash} ran out of gas: the network needed more than the 99034 gas the wallet allowed (it used 99034); it changed nothing, but its fee is spent. Send it again with a higher gas limit.`,
    );
    expect(outOfGas).toMatchObject({ gasLimit: 99_034n, gasUsed: 99_034n, hash });
    const reverted = revertedTransactionError("admit x", { transactionHash: hash, gasUsed: 40_000n }, 124_034n);
    expect(reverted).not.toBeInstanceOf(OutOfGasError);
    expect(reverted.message).toBe(`admit x: the transaction ${hash} reverted`);
  });

  it("is recognised in what nodes answer an estimate or a transaction that cannot run in its gas", () => {
    const answers: [string, BaseError, bigint | undefined][] = [
      ["anvil", new BaseError("RPC error", { details: "Out of gas: gas required exceeds allowance: 50000" }), 50_000n],
      ["geth", new BaseError("RPC error", { details: "gas required exceeds allowance (74000)" }), 74_000n],
      ["an eth_call", new BaseError("RPC error", { details: "EVM error OutOfGas" }), undefined],
      ["Hardhat", new BaseError("Transaction ran out of gas"), undefined],
      ["a limit below the base cost", new IntrinsicGasTooLowError({ gas: 20_000n }), undefined],
      [
        "a revert without data",
        new ContractFunctionExecutionError(
          new ContractFunctionRevertedError({ abi: abis.Membership, functionName: "admit", message: "out of gas" }),
          { abi: abis.Membership, functionName: "admit", args: [member] },
        ),
        undefined,
      ],
    ];
    for (const [node, answer, limit] of answers) {
      const error = toWeconetError(answer, "admit x");
      expect(error, node).toBeInstanceOf(OutOfGasError);
      expect((error as OutOfGasError).gasLimit, node).toBe(limit);
      expect(error.message, node).toMatch(/^admit x: ran out of gas: the network needed more .*; nothing was sent\./);
    }
  });

  it("is not confused with a contract's custom error or with too little ETH", () => {
    const data = encodeErrorResult({ abi: abis.Membership, errorName: "MembershipNotActiveMember", args: [member] });
    const refused = toWeconetError(
      new ContractFunctionExecutionError(
        new ContractFunctionRevertedError({ abi: abis.Membership, functionName: "admit", data }),
        { abi: abis.Membership, functionName: "admit", args: [member] },
      ),
      "admit x",
    );
    expect(refused).not.toBeInstanceOf(OutOfGasError);
    expect(refused.message).toBe(`admit x: ${member} is not an active member.`);
    const poor = toWeconetError(new BaseError("RPC error", { details: "insufficient funds for gas * price + value" }));
    expect(poor).toBeInstanceOf(WeconetError);
    expect(poor).not.toBeInstanceOf(OutOfGasError);
    expect(poor.message).toBe("insufficient funds: the account cannot pay for gas and value.");
  });
});
