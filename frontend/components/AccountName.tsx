"use client";

import type { Address } from "viem";

import { useExplorerHref } from "@/components/Explorer";
import { shortAddress } from "@/lib/format";
import { useNetworkConfig } from "@/lib/weconet";

/** A demo person's name for an address on the local chain, when it is one of the development accounts. */
export function useDevName(address: string | undefined): string | undefined {
  const { devAccounts } = useNetworkConfig();
  if (address === undefined) return undefined;
  return devAccounts.find((a) => a.address.toLowerCase() === address.toLowerCase())?.name;
}

/**
 * An address, shortened, with the full one in its title, the demo person's name on the local chain, and a link to
 * the chain's explorer where it has one.
 */
export function AccountName({ address }: { address: Address | string }) {
  const name = useDevName(address);
  const href = useExplorerHref("address", address);
  const short = <code>{shortAddress(address)}</code>;
  return (
    <span className="account" title={address}>
      {name !== undefined && <strong>{name} </strong>}
      {href === undefined ? (
        short
      ) : (
        <a href={href} target="_blank" rel="noreferrer" aria-label={`${address} on the explorer`}>
          {short}
        </a>
      )}
    </span>
  );
}
