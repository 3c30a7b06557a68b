/** @weconet/socket — the data socket service. */
export { startSocket } from "./server.js";
export type { RunningSocket, SocketOptions } from "./server.js";
export { createApp } from "./app.js";
export { RECEIPT_ANCHORS_ABI } from "./anchor.js";
export { socketOptionsFromEnv } from "./env.js";
