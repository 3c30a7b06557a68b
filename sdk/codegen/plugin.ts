import { definePlugin } from "hardhat/plugins";

/**
 * A Hardhat plugin that regenerates the SDK's typed ABIs after every successful build (`hardhat compile`, `test`,
 * `run`, `node`): the same hook TypeChain uses, so the SDK and the contracts can never drift apart.
 */
export default definePlugin({
  id: "weconet-sdk-abis",
  hookHandlers: {
    solidity: () => import("./solidity-hook.js"),
  },
});
