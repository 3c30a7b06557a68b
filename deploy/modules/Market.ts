import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import AccessModule from "./Access.js";
import CoreModule from "./Core.js";

/**
 * The market, wired: it reads membership (providers, consumers, leaders who rule), resources, the taxonomy and
 * the rules (fee, dispute window, maximum grant duration), credits the network fee to the treasury (the
 * timelock), and opens and closes data connections through AccessGrants, which approves it as a connector while
 * the deployer is still AccessGrants' bootstrapper (the top-level module ends the bootstrap after this).
 */
export default buildModule("WeconetMarket", (m) => {
  const { timelock, membership, resources, taxonomy, networkRules } = m.useModule(CoreModule);
  const { accessGrants } = m.useModule(AccessModule);

  const market = m.contract("Market", [timelock, membership, resources, taxonomy, networkRules, accessGrants]);
  m.call(accessGrants, "setConnector", [market, true], { id: "MarketIsConnector" });

  return { market };
});
