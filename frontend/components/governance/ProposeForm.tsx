"use client";

import { useState } from "react";
import Link from "next/link";
import { isAddress, type Address } from "viem";

import {
  describeProposal,
  proposalCalls,
  socketUrlProblem,
  type MemberView,
  type ProposalCall,
  type Rule,
} from "@weconet/sdk";

import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import type { DescribedCall } from "@/lib/call-text";
import { describeCall } from "@/lib/calls";
import { shortAddress, shortId } from "@/lib/format";
import { formatRuleValue, inputUnit, parseRuleInput, ruleInfo, type Bounds } from "@/lib/rules";
import { useTransaction } from "@/lib/tx";
import { deploymentOf } from "@/lib/network";
import { useNetworkConfig, useWeconet } from "@/lib/weconet";

import { ProposalText } from "./ProposalText";

type Kind = "rule" | "leader" | "manager" | "socket";

export interface ProposalDraft {
  kind: Kind;
  rule: string;
  value: string;
  account: string;
  appoint: boolean;
  /** The new default socket's URL (kind "socket"). */
  url: string;
  title: string;
  rationale: string;
}

export type DraftErrors = Partial<Record<"value" | "account" | "url" | "title", string>>;

/**
 * Checks a draft before anything is sent, with the contract's own bounds and the members' current roles, and
 * builds the exact call the governor will execute. Pure, so it is tested on its own.
 */
export function checkDraft(
  draft: ProposalDraft,
  context: {
    deployment: Parameters<typeof proposalCalls.setRule>[0];
    bounds: Record<string, Bounds> | undefined;
    members: readonly MemberView[];
  },
): { call?: ProposalCall; errors: DraftErrors } {
  const errors: DraftErrors = {};
  let call: ProposalCall | undefined;
  if (draft.title.trim() === "") errors.title = "Give the proposal a title: members see it first.";
  if (draft.kind === "rule") {
    const parsed = parseRuleInput(draft.rule, draft.value, context.bounds?.[draft.rule]);
    if (parsed.ok) call = proposalCalls.setRule(context.deployment, draft.rule, parsed.value);
    else errors.value = parsed.error;
  } else if (draft.kind === "socket") {
    const problem = socketUrlProblem(draft.url.trim());
    if (problem !== undefined) errors.url = problem;
    else call = proposalCalls.setDefaultSocket(context.deployment, draft.url.trim());
  } else if (!isAddress(draft.account)) {
    errors.account = "Choose a member.";
  } else {
    const member = context.members.find((m) => m.account.toLowerCase() === draft.account.toLowerCase());
    const account = draft.account as Address;
    if (member?.status !== "active") errors.account = "Only an active member can hold a role.";
    else if (draft.kind === "manager") {
      if (member.isManager) errors.account = "This member is the network manager already.";
      else call = proposalCalls.appointManager(context.deployment, account);
    } else if (draft.appoint && member.roles.includes("leader")) {
      errors.account = "This member is a network leader already.";
    } else if (!draft.appoint && !member.roles.includes("leader")) {
      errors.account = "This member is not a network leader.";
    } else call = proposalCalls.leader(context.deployment, account, draft.appoint);
  }
  return Object.keys(errors).length === 0 ? { call, errors } : { errors };
}

const EMPTY: ProposalDraft = {
  kind: "rule",
  rule: "",
  value: "",
  account: "",
  appoint: true,
  url: "",
  title: "",
  rationale: "",
};

/** Propose a rule change, a role appointment or a new default socket, with a preview of exactly what will change. */
export function ProposeForm({
  rules,
  members,
  bounds,
}: {
  rules: readonly Rule[];
  members: readonly MemberView[];
  bounds: Record<string, Bounds> | undefined;
}) {
  const { chain, account } = useWeconet();
  const { devAccounts } = useNetworkConfig();
  const deployment = deploymentOf(chain);
  const tx = useTransaction();
  const [draft, setDraft] = useState<ProposalDraft>({ ...EMPTY, rule: rules[0]?.name ?? "" });
  const [showErrors, setShowErrors] = useState(false);
  const [created, setCreated] = useState<bigint>();
  const set = (patch: Partial<ProposalDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { call, errors } = checkDraft(draft, { deployment, bounds, members });
  const shown = showErrors ? errors : {};
  const currentRule = (name: string) => rules.find((r) => r.name === name)?.value;
  const nameOf = (a: Address) => {
    const person = devAccounts.find((d) => d.address.toLowerCase() === a.toLowerCase());
    return person === undefined ? a : `${person.name} (${shortAddress(a)})`;
  };
  const active = members.filter((m) => m.status === "active");

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (call === undefined) return tx.reset();
    const description = describeProposal(draft.title, draft.rationale);
    const sent = await tx.run("Propose", (w) => w.governance.propose({ calls: [call], description }));
    if (sent !== undefined) {
      setCreated(sent.proposalId);
      setDraft({ ...EMPTY, rule: draft.rule });
      setShowErrors(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="propose-h" data-testid="propose-form">
      <h2 id="propose-h">Propose a change</h2>
      <fieldset>
        <legend>What should change?</legend>
        <div className="choices">
          {(
            [
              ["rule", "A network rule"],
              ["leader", "A network leader"],
              ["manager", "The network manager"],
              ["socket", "The default socket"],
            ] as const
          ).map(([kind, label]) => (
            <label key={kind}>
              <input type="radio" name="kind" checked={draft.kind === kind} onChange={() => set({ kind })} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      {draft.kind === "rule" ? (
        <>
          <Field label="Rule" hint={ruleInfo(draft.rule).help}>
            <select value={draft.rule} onChange={(e) => set({ rule: e.target.value, value: "" })}>
              {rules.map((r) => (
                <option key={r.name} value={r.name}>
                  {ruleInfo(r.name).label} (now {formatRuleValue(r.name, r.value)})
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={`New value${inputUnit(draft.rule) === "" ? "" : ` (${inputUnit(draft.rule)})`}`}
            hint={
              ruleInfo(draft.rule).kind === "choice"
                ? ruleInfo(draft.rule)
                    .choices?.map((c, i) => `${i} = ${c}`)
                    .join(", ")
                : undefined
            }
            error={shown.value}
          >
            <input inputMode="decimal" value={draft.value} onChange={(e) => set({ value: e.target.value })} />
          </Field>
        </>
      ) : draft.kind === "socket" ? (
        <Field
          label="Default socket URL"
          hint="Where the data of members who name no socket of their own lives (http:// or https://)."
          error={shown.url}
        >
          <input value={draft.url} placeholder="https://…" onChange={(e) => set({ url: e.target.value })} />
        </Field>
      ) : (
        <>
          <Field label="Member" error={shown.account}>
            <select value={draft.account} onChange={(e) => set({ account: e.target.value })}>
              <option value="">Choose a member…</option>
              {active.map((m) => (
                <option key={m.account} value={m.account}>
                  {nameOf(m.account)}
                  {m.roles.length > 0 ? ` — ${m.roles.join(", ")}` : ""}
                </option>
              ))}
            </select>
          </Field>
          {draft.kind === "leader" && (
            <fieldset>
              <legend>Appoint or dismiss</legend>
              <div className="choices">
                <label>
                  <input type="radio" name="appoint" checked={draft.appoint} onChange={() => set({ appoint: true })} />
                  Appoint as leader
                </label>
                <label>
                  <input
                    type="radio"
                    name="appoint"
                    checked={!draft.appoint}
                    onChange={() => set({ appoint: false })}
                  />
                  Dismiss as leader
                </label>
              </div>
            </fieldset>
          )}
        </>
      )}

      <Field label="Title" hint="One line, shown first to every member." error={shown.title}>
        <input value={draft.title} onChange={(e) => set({ title: e.target.value })} maxLength={200} />
      </Field>
      <Field
        label="Why (rationale)"
        hint="Public and on-chain: never personal data. Markdown: **bold**, _italic_, lists, `code`, [links](https://…) (http, https and mailto only); HTML is shown as text."
      >
        <textarea rows={3} value={draft.rationale} onChange={(e) => set({ rationale: e.target.value })} />
      </Field>

      <div className="preview" aria-live="polite" data-testid="proposal-preview">
        <strong>Preview: exactly what will change</strong>
        {call === undefined ? (
          <p className="muted small">Complete the form to see the change.</p>
        ) : (
          <Preview call={call} sentence={describeCall(deployment, call, { currentRule, name: nameOf })} />
        )}
        {draft.title.trim() !== "" && (
          <>
            <p className="small muted">The description, as the proposal&apos;s page will show it:</p>
            <div className="card" data-testid="description-preview">
              <ProposalText
                title={draft.title.trim()}
                description={describeProposal(draft.title, draft.rationale)}
                level={3}
              />
            </div>
            <details className="small">
              <summary>Stored on-chain as (Markdown)</summary>
              <pre>{describeProposal(draft.title, draft.rationale)}</pre>
            </details>
          </>
        )}
      </div>

      <div className="row">
        <button type="submit" disabled={account === undefined || tx.busy}>
          Propose
        </button>
        {account === undefined && <span className="muted small">Connect a wallet to propose.</span>}
        <TxStatus state={tx.state} />
      </div>
      {created !== undefined && tx.state.status === "confirmed" && (
        <p className="small" data-testid="proposal-created">
          <Link href={`/governance/${created.toString()}`}>Proposal {shortId(created)}</Link> created: voting opens
          after the voting delay.
        </p>
      )}
    </form>
  );
}

function Preview({ call, sentence }: { call: ProposalCall; sentence: DescribedCall }) {
  return (
    <>
      <p>{sentence.sentence}</p>
      <p className="small">
        <code>
          {sentence.contract}.{sentence.signature}
        </code>{" "}
        at <code>{call.target}</code>
      </p>
      <p className="small muted">
        Calldata: <code>{call.data}</code>
      </p>
    </>
  );
}
