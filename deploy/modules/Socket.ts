import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import CoreModule from "./Core.js";

/**
 * Where members' data lives, and the auditors' anchor of the data sockets' receipt logs: the socket directory
 * (members name their socket; the timelock alone changes the network's default, the `defaultSocket` parameter)
 * and the receipt anchors (no owner: any socket operator anchors its own logs).
 */
export default buildModule("WeconetSocket", (m) => {
  const { timelock, membership } = m.useModule(CoreModule);

  const socketDirectory = m.contract("SocketDirectory", [
    timelock,
    membership,
    m.getParameter("defaultSocket", "http://127.0.0.1:8600"),
  ]);
  const receiptAnchors = m.contract("ReceiptAnchors", []);

  return { socketDirectory, receiptAnchors };
});
