/**
 * The solc warnings Weconet's build expects and does not print. Each names the warning's code, the one library file
 * it points at and why it is harmless here; a warning matches only if both its code and its file do, so the same
 * warning anywhere else (in particular in contracts/) is still shown.
 */
export interface KnownWarning {
  /** solc's error code (`errorCode` in its output). */
  code: string;
  /** The file the warning points at, as Hardhat prints it after `-->` (its path ends with this). */
  file: string;
  /** Why it is expected. */
  reason: string;
}

export const KNOWN_WARNINGS: readonly KnownWarning[] = [
  {
    // "Transient storage as defined by EIP-1153 can break the composability of smart contracts …"
    code: "2394",
    file: "@openzeppelin/contracts/utils/TransientSlot.sol",
    reason:
      "solc warns on every `tstore`. Market uses ReentrancyGuardTransient, whose lock is set and cleared within each " +
      "guarded call: the use the warning itself calls safe.",
  },
  {
    // "Unreachable code." at ERC721.safeTransferFrom's receiver check.
    code: "5740",
    file: "@openzeppelin/contracts/token/ERC721/ERC721.sol",
    reason:
      "Membership's badges are soulbound: its transferFrom always reverts, so the receiver check that ERC721's " +
      "safeTransferFrom runs after transferFrom can never be reached. That is the intent.",
  },
];

/** Whether a solc diagnostic is one of {@link KNOWN_WARNINGS}. */
export function isKnownWarning(error: { severity: string; errorCode?: string; formattedMessage?: string }): boolean {
  if (error.severity !== "warning") return false;
  const file = /-->\s+([^\s:]+\.sol):/.exec(error.formattedMessage ?? "")?.[1];
  if (file === undefined) return false;
  return KNOWN_WARNINGS.some((known) => known.code === error.errorCode && file.endsWith(`/${known.file}`));
}
