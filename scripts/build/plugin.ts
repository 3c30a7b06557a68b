import { definePlugin } from "hardhat/plugins";

/**
 * A Hardhat plugin that hides exactly two solc warnings, both about OpenZeppelin's own sources and both understood
 * (see known-warnings.ts): every other warning, including the same kinds in Weconet's own contracts, is printed.
 */
export default definePlugin({
  id: "weconet-known-warnings",
  hookHandlers: {
    solidity: () => import("./known-warnings-hook.js"),
  },
});
