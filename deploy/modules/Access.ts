import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import CoreModule from "./Core.js";

/**
 * Data connections, wired to the core: the application registry (suspended by leaders, the manager or the
 * members' vote) and AccessGrants (reads membership, rules, taxonomy and applications; the timelock approves
 * connectors). The deployer is AccessGrants' bootstrapper, so that the market (a contract: the bootstrapper may
 * approve nothing else) can be approved as a connector within the deployment; the top-level module
 * (deploy/modules/Weconet.ts) ends the bootstrap phase last, and it lapses by itself one day after AccessGrants'
 * deployment (BOOTSTRAP_PERIOD) should a deployment stop half-way.
 */
export default buildModule("WeconetAccess", (m) => {
  const { timelock, membership, networkRules, taxonomy } = m.useModule(CoreModule);
  const deployer = m.getAccount(0);

  const applications = m.contract("Applications", [timelock, membership, taxonomy]);
  const accessGrants = m.contract("AccessGrants", [
    timelock,
    membership,
    networkRules,
    taxonomy,
    applications,
    deployer,
  ]);

  return { applications, accessGrants };
});
