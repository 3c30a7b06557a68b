/**
 * The dApp's formatters are the SDK's (sdk/src/format, shared with the CLI and the audit trail); these are the
 * names the components import them by. `formatTime` is a block time in the reader's own time zone.
 */
export {
  formatBps,
  formatDate as formatTime,
  formatDuration,
  formatRelative,
  sameAddress,
  shortAddress,
  shortId,
} from "@weconet/sdk";
