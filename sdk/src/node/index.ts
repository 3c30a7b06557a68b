/** @weconet/sdk/node — the Node-only parts: deployment files, streamed file export, progress on a terminal. */
export { assertDeploymentLive, DEFAULT_DEPLOYMENTS_DIR, loadDeployment } from "./deployment.js";
export { exportEvents, writeEvents } from "./export.js";
export type { ExportFormat } from "./export.js";
export { progressBar } from "./progress.js";
export { documentsFromDirectory } from "./documents.js";
