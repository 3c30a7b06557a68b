/** @weconet/socket — the data socket service. */
export { startSocket } from "./server.js";
export type { RunningSocket, SocketOptions } from "./server.js";
export { createApp } from "./app.js";
export type { Anchored } from "./anchor.js";
export { socketOptionsFromEnv } from "./env.js";
