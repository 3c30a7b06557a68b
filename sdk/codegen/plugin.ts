import { definePlugin } from "hardhat/plugins";

/**
 * A Hardhat plugin that regenerates the SDK's typed ABIs and its vocabulary (enums, roles, constants, errors with
 * their NatSpec) after every successful build (`hardhat compile`, `test`, `run`, `node`): the same hook TypeChain
 * uses, so the SDK and the contracts can never drift apart. Its config hook makes solc emit NatSpec.
 */
export default definePlugin({
  id: "weconet-sdk-abis",
  hookHandlers: {
    config: () => import("./config-hook.js"),
    solidity: () => import("./solidity-hook.js"),
  },
});
