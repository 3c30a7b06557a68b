import type { Hex } from "viem";

import { purposeCode } from "@weconet/sdk";

/**
 * The purpose of a form as its picker holds it (a purpose code, or "" before one is chosen): the code to send, or
 * the problem to show. The SDK decides what a purpose is (`purposeCode`); the form only says it in its words.
 */
export function checkPurpose(value: string): { code?: Hex; problem?: string } {
  if (value.trim() === "") return { problem: "Choose what it is for." };
  try {
    return { code: purposeCode(value) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}
