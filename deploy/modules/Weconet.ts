import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import AccessModule from "./Access.js";
import CoreModule from "./Core.js";
import MarketModule from "./Market.js";
import SocketModule from "./Socket.js";

/**
 * The whole Weconet network: one module per domain, each wired to the core. Deploy with
 * `hardhat ignition deploy deploy/modules/Weconet.ts --network <name> --parameters deploy/parameters/<name>.json`.
 */
export default buildModule("Weconet", (m) => {
  const core = m.useModule(CoreModule);
  const access = m.useModule(AccessModule);
  const market = m.useModule(MarketModule);
  const socket = m.useModule(SocketModule);

  // Last: the deployer gives up approving connectors (after the market module approved the market), so that
  // from here on only the members' vote can.
  m.call(access.accessGrants, "finishBootstrap", [], { id: "AccessGrantsFinishBootstrap", after: [MarketModule] });

  return { ...core, ...access, ...market, ...socket };
});
