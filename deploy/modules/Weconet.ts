import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import CoreModule from "./Core.js";

/**
 * The whole Weconet network: one module per domain, each wired to the core. Deploy with
 * `hardhat ignition deploy deploy/modules/Weconet.ts --network <name> --parameters deploy/parameters/<name>.json`.
 */
export default buildModule("Weconet", (m) => {
  const core = m.useModule(CoreModule);
  return { ...core };
});
