"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";

import { messageOf } from "@/lib/message";
import { useActiveChain, useNetworkConfig } from "@/lib/weconet";

import { AccountName } from "./AccountName";

/**
 * Connect (an EIP-6963 wallet, or on the local chain a development account), or the connected account. The panel
 * closes with Escape (the focus back on its button); once a wallet connects the focus moves to the connected
 * account, where the button was, and after disconnecting back to the button.
 */
export function WalletButton() {
  const { address, isConnected, connector } = useConnection();
  const { disconnect } = useDisconnect();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const connected = useRef<HTMLDivElement>(null);
  // Where the focus goes at the next render: set by what the member just did, not by a reconnect on page load.
  const focusNext = useRef<"trigger" | "connected" | undefined>(undefined);
  const showConnected = isConnected && address !== undefined;
  useEffect(() => {
    const target = focusNext.current === "trigger" ? trigger.current : connected.current;
    if (focusNext.current === undefined || target === null) return;
    focusNext.current = undefined;
    target.focus();
  });
  // Connected from the open panel (which unmounts then, before its own callbacks could run): the focus goes to the
  // connected account, where the panel's button was.
  useEffect(() => {
    if (!showConnected || !open) return;
    focusNext.current = "connected";
    setOpen(false);
  }, [showConnected, open]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      focusNext.current = "trigger";
      setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  if (showConnected) {
    return (
      <div
        className="wallet"
        data-testid="wallet-connected"
        ref={connected}
        tabIndex={-1}
        role="group"
        aria-label="Connected wallet"
      >
        <AccountName address={address} />
        <span className="muted small">{connector?.name}</span>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            focusNext.current = "trigger";
            disconnect();
          }}
        >
          Disconnect
        </button>
      </div>
    );
  }
  return (
    <div className="wallet">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls="connect-panel"
        onClick={() => setOpen(!open)}
      >
        Connect wallet
      </button>
      {open && <ConnectPanel />}
    </div>
  );
}

function ConnectPanel() {
  const connectors = useConnectors();
  const { mutate: connect, error, isPending } = useConnect();
  const { chain } = useActiveChain();
  const { devAccounts } = useNetworkConfig();
  const injected = connectors.filter((c) => c.type === "injected");
  const dev = connectors.filter((c) => c.type === "weconet-dev");
  const [person, setPerson] = useState(dev[0]?.id ?? "");
  const selectId = useId();
  const chosen = dev.find((c) => c.id === person);
  const connectWith = (c: (typeof connectors)[number]) => connect({ connector: c, chainId: chain.chainId });
  const panel = useRef<HTMLDivElement>(null);
  // Opened: the focus goes to its first choice (Escape closes it again, see WalletButton).
  useEffect(() => panel.current?.querySelector<HTMLElement>("button, select")?.focus(), []);
  return (
    <div id="connect-panel" ref={panel} className="panel connect-panel" role="group" aria-label="Connect a wallet">
      <h2 className="h3">Browser wallets</h2>
      {injected.length === 0 ? (
        <p className="muted small">
          No browser wallet announced itself (EIP-6963). Install one, or use a development account.
        </p>
      ) : (
        <ul className="plain">
          {injected.map((c) => (
            <li key={c.uid}>
              <button type="button" className="secondary wide" disabled={isPending} onClick={() => connectWith(c)}>
                {c.icon !== undefined && <img src={c.icon} alt="" width={20} height={20} />} {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {dev.length > 0 && (
        <>
          <h2 className="h3">Development accounts (local chain only)</h2>
          <label htmlFor={selectId}>Act as</label>
          <select id={selectId} value={person} onChange={(e) => setPerson(e.target.value)}>
            {dev.map((c) => {
              const account = devAccounts.find((a) => `weconet-dev-${a.name}` === c.id);
              return (
                <option key={c.uid} value={c.id}>
                  {account === undefined ? c.name : `${account.name} — ${account.role}`}
                </option>
              );
            })}
          </select>
          <button
            type="button"
            disabled={chosen === undefined || isPending}
            onClick={() => chosen && connectWith(chosen)}
          >
            Connect development account
          </button>
          <p className="muted small">Public keys of Hardhat&apos;s development mnemonic: never use them elsewhere.</p>
        </>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {messageOf(error)}
        </p>
      )}
    </div>
  );
}

/** Tells a member whose wallet is on a chain without Weconet, and switches (adding the chain when needed). */
export function WrongNetworkBanner() {
  const { wrongNetwork, walletChainId } = useActiveChain();
  const { chains } = useNetworkConfig();
  const { mutate: switchChain, isPending, error } = useSwitchChain();
  if (!wrongNetwork) return null;
  return (
    <div className="banner warning" role="alert" data-testid="wrong-network">
      <p>
        Your wallet is on chain {walletChainId}, where Weconet is not deployed. The pages show{" "}
        {chains[0]?.name ?? "Weconet"} read-only until you switch.
      </p>
      {chains.map((c) => (
        <button key={c.chainId} type="button" disabled={isPending} onClick={() => switchChain({ chainId: c.chainId })}>
          Switch to {c.name} (chain {c.chainId})
        </button>
      ))}
      {error !== null && <p className="error">{messageOf(error)}</p>}
    </div>
  );
}
