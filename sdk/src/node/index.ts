/** @weconet/sdk/node — the Node-only parts: deployment files, streamed file export, progress on a terminal. */
export { assertDeploymentLive, DEFAULT_DEPLOYMENTS_DIR, loadDeployment } from "./deployment.js";
export { exportEvents, writeEvents } from "./export.js";
export type { ExportFormat } from "./export.js";
export { progressBar } from "./progress.js";
export { documentsFromDirectory } from "./documents.js";
/** The node the `weconet` CLI reaches without --rpc / WECONET_RPC_URL (what `npm start`'s hints compare with). */
export { DEFAULT_RPC as CLI_DEFAULT_RPC } from "../cli/connect.js";
