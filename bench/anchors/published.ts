/**
 * Figures of systems that cannot run here, quoted rather than measured: the table labels them "published".
 * Each is the gas of one transaction as its source reports it.
 */
export interface PublishedFigure {
  domain: string;
  operation: string;
  gas: bigint;
  source: string;
}

export const ORIGIN = "origin";
export const ARAGON = "aragon";

export const PUBLISHED: readonly PublishedFigure[] = [
  {
    domain: ORIGIN,
    operation: "createListing",
    gas: 189_553n,
    source: "published by Origin Protocol",
  },
  {
    domain: ORIGIN,
    operation: "makeOffer",
    gas: 301_785n,
    source: "published by Origin Protocol",
  },
  {
    domain: ORIGIN,
    operation: "acceptOffer",
    gas: 48_099n,
    source: "published by Origin Protocol",
  },
  {
    domain: ARAGON,
    operation: "vote (later vote)",
    gas: 75_146n,
    source: "TokenVoting, measured on this toolchain; OSx no longer installs here",
  },
  {
    domain: ARAGON,
    operation: "member mint",
    gas: 170_590n,
    source: "GovernanceERC20 mint (self-delegates), measured on this toolchain; OSx no longer installs here",
  },
];
