"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useActiveChain } from "@/lib/weconet";

import { Inbox } from "./Inbox";
import { MeCard } from "./MeCard";
import { WalletButton, WrongNetworkBanner } from "./Wallet";

/** One page per user task. */
export const PAGES = [
  { href: "/", label: "Network" },
  { href: "/membership", label: "Me" },
  { href: "/governance", label: "Governance" },
  { href: "/data", label: "My data" },
  { href: "/connections", label: "Connections" },
  { href: "/market", label: "Market" },
  { href: "/leaders", label: "Leaders" },
  { href: "/developers", label: "Developers" },
  { href: "/audit", label: "Audit" },
] as const;

export function Header() {
  const pathname = usePathname();
  const { chain } = useActiveChain();
  return (
    <header className="site-header">
      <div className="bar">
        <Link href="/" className="brand">
          Weconet
        </Link>
        <span className="chain muted small" data-testid="chain">
          {chain.name} · chain {chain.chainId}
        </span>
        <Inbox />
        <WalletButton />
      </div>
      <nav aria-label="Pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p.href}>
              <Link href={p.href} aria-current={pathname === p.href ? "page" : undefined}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <MeCard />
      <WrongNetworkBanner />
    </header>
  );
}
