import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The demo network's play-money euro (an ERC-20 with a faucet), deployed by the local demo only: the "Weconet"
 * module never uses it, so real deployments never get it.
 */
export default buildModule("WeconetDemoEuro", (m) => {
  const demoEuro = m.contract("DemoEuro");
  return { demoEuro };
});
