"use client";

import { useState } from "react";
import type { Address } from "viem";

import type { ApplicationView, Attribute, MemberView } from "@weconet/sdk";

import { AttributePicker } from "@/components/AttributePicker";
import { Field } from "@/components/Field";
import { PurposePicker } from "@/components/PurposePicker";
import { TxStatus } from "@/components/TxStatus";
import { shortAddress } from "@/lib/format";
import { checkGrant, type GrantDraft } from "@/lib/grant";
import { useTransaction } from "@/lib/tx";
import { useNetworkConfig, useWeconet } from "@/lib/weconet";

const EMPTY: GrantDraft = { granteeKind: "member", grantee: "", attributes: [], purpose: "", days: "30" };

/** Open a data connection: to a member or an application, which attributes, for what, until when. */
export function GrantForm({
  members,
  applications,
  attributes,
  maxGrantDuration,
}: {
  members: readonly MemberView[];
  applications: readonly ApplicationView[];
  attributes: readonly Attribute[];
  maxGrantDuration: bigint | undefined;
}) {
  const { account } = useWeconet();
  const { devAccounts } = useNetworkConfig();
  const tx = useTransaction();
  const [draft, setDraft] = useState<GrantDraft>(EMPTY);
  const [showErrors, setShowErrors] = useState(false);
  const set = (patch: Partial<GrantDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { terms, errors } = checkGrant(draft, { me: account, attributes, maxGrantDuration });
  const shown = showErrors ? errors : {};
  const nameOf = (a: Address) => devAccounts.find((d) => d.address.toLowerCase() === a.toLowerCase())?.name;
  const liveApps = applications.filter((a) => a.live);

  const chooseApplication = (address: string) => {
    const app = liveApps.find((a) => a.account === address);
    // An application says what it asks for: start from that (the member may narrow it).
    set({
      grantee: address,
      ...(app === undefined ? {} : { attributes: [...app.attributeIds], purpose: app.purpose }),
    });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (terms === undefined) return tx.reset();
    const sent = await tx.run("Open connection", (w) => w.access.grant(terms));
    if (sent !== undefined) {
      setDraft(EMPTY);
      setShowErrors(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="grant-h" data-testid="grant-form">
      <h2 id="grant-h">Open a connection</h2>
      <p className="hint">
        Only the connection goes on-chain (who, which attributes, what for, until when): the values stay in your data
        socket. You can close it at any time.
      </p>
      <fieldset>
        <legend>Share with</legend>
        <div className="choices">
          <label>
            <input
              type="radio"
              name="granteeKind"
              checked={draft.granteeKind === "member"}
              onChange={() => set({ granteeKind: "member", grantee: "" })}
            />
            A member
          </label>
          <label>
            <input
              type="radio"
              name="granteeKind"
              checked={draft.granteeKind === "application"}
              onChange={() => set({ granteeKind: "application", grantee: "" })}
            />
            An application
          </label>
        </div>
      </fieldset>
      {draft.granteeKind === "member" ? (
        <Field label="Member" hint="Choose one, or paste an address." error={shown.grantee}>
          <input
            list="grant-members"
            value={draft.grantee}
            placeholder="0x…"
            onChange={(e) => set({ grantee: e.target.value })}
          />
        </Field>
      ) : (
        <Field label="Application" error={shown.grantee}>
          <select value={draft.grantee} onChange={(e) => chooseApplication(e.target.value)}>
            <option value="">Choose an application…</option>
            {liveApps.map((a) => (
              <option key={a.account} value={a.account}>
                {a.name} ({shortAddress(a.account)})
              </option>
            ))}
          </select>
        </Field>
      )}
      <datalist id="grant-members">
        {members
          .filter((m) => m.status === "active" && m.account.toLowerCase() !== account?.toLowerCase())
          .map((m) => (
            <option key={m.account} value={m.account}>
              {nameOf(m.account) ?? shortAddress(m.account)}
            </option>
          ))}
      </datalist>
      <AttributePicker
        legend="Attributes to share"
        attributes={attributes}
        selected={draft.attributes}
        onChange={(ids) => set({ attributes: ids })}
        error={shown.attributes}
      />
      <PurposePicker value={draft.purpose} onChange={(purpose) => set({ purpose })} error={shown.purpose} />
      <Field label="For how many days" error={shown.days}>
        <input inputMode="decimal" value={draft.days} onChange={(e) => set({ days: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" disabled={account === undefined || tx.busy}>
          Open connection
        </button>
        {account === undefined && <span className="muted small">Connect a wallet to open a connection.</span>}
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}
