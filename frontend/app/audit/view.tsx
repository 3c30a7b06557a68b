"use client";

import { useMemo, useState } from "react";

import { formatDate, matchesFilter } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { CopyId } from "@/components/CopyId";
import { Field } from "@/components/Field";
import { Query } from "@/components/Query";
import {
  auditFilterOf,
  EMPTY_AUDIT_FORM,
  eventKey,
  proposalsIn,
  toCsvFile,
  toJsonFile,
  type AuditForm,
} from "@/lib/audit";
import { useWeconet, useWeconetRead } from "@/lib/weconet";

const PAGE = 100;

/** The auditor's timeline: every event of every Weconet contract, filtered, and downloadable as CSV or JSON. */
export function AuditPage({ proposal }: { proposal?: string }) {
  const { chain } = useWeconet();
  const events = useWeconetRead("auditEvents", []);
  const [form, setForm] = useState<AuditForm>({ ...EMPTY_AUDIT_FORM, proposal: proposal ?? "" });
  const [shown, setShown] = useState(PAGE);
  const proposals = useMemo(() => (events.data === undefined ? undefined : proposalsIn(events.data)), [events.data]);
  const { errors } = auditFilterOf(form, proposals);
  const valid = Object.keys(errors).length === 0;
  // Newest first; recomputed only when the events or the form change.
  const filtered = useMemo(() => {
    const { filter, errors } = auditFilterOf(form, proposals);
    if (Object.keys(errors).length > 0) return [];
    return (events.data ?? []).filter((e) => matchesFilter(e, filter)).reverse();
  }, [events.data, form, proposals]);
  const eventNames = useMemo(() => [...new Set((events.data ?? []).map((e) => e.event))].sort(), [events.data]);
  // The contracts that emitted anything (the trail names each by its Solidity name).
  const contractNames = useMemo(() => [...new Set((events.data ?? []).map((e) => e.contract))].sort(), [events.data]);
  const set = (patch: Partial<AuditForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setShown(PAGE);
  };
  const download = (kind: "csv" | "json") => {
    const chronological = [...filtered].reverse();
    const text = kind === "csv" ? toCsvFile(chronological) : toJsonFile(chronological);
    const url = URL.createObjectURL(new Blob([text], { type: kind === "csv" ? "text/csv" : "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `weconet-audit-chain-${chain.chainId}.${kind}`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      <h1>Audit trail</h1>
      <p className="muted">
        Every state change of every Weconet contract, read from the events alone: who did what, when. No personal data
        is on-chain — only addresses, ids, hashes and codes.
      </p>
      <form className="card" aria-label="Filter the timeline" onSubmit={(e) => e.preventDefault()}>
        <div className="grid">
          <Field label="Account" error={errors.account}>
            <input value={form.account} placeholder="0x…" onChange={(e) => set({ account: e.target.value })} />
          </Field>
          <Field label="Contract">
            <select value={form.contract} onChange={(e) => set({ contract: e.target.value })}>
              <option value="">All contracts</option>
              {contractNames.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
          <Field label="Event">
            <select value={form.event} onChange={(e) => set({ event: e.target.value })}>
              <option value="">All events</option>
              {eventNames.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
          <Field label="Attribute id" error={errors.attribute}>
            <input inputMode="numeric" value={form.attribute} onChange={(e) => set({ attribute: e.target.value })} />
          </Field>
          <Field label="Proposal id" error={errors.proposal}>
            <input
              value={form.proposal}
              placeholder="716960…4849 or its first digits"
              onChange={(e) => set({ proposal: e.target.value })}
            />
          </Field>
          <Field label="Resource id" error={errors.resource}>
            <input inputMode="numeric" value={form.resource} onChange={(e) => set({ resource: e.target.value })} />
          </Field>
        </div>
        <div className="row" style={{ marginTop: "0.75rem" }}>
          <button type="button" className="secondary" onClick={() => set(EMPTY_AUDIT_FORM)}>
            Clear filters
          </button>
          <button type="button" disabled={!valid || events.data === undefined} onClick={() => download("csv")}>
            Download CSV
          </button>
          <button type="button" disabled={!valid || events.data === undefined} onClick={() => download("json")}>
            Download JSON
          </button>
          <span className="muted small" data-testid="audit-count" aria-live="polite">
            {events.data === undefined ? "" : `${filtered.length} of ${events.data.length} events`}
          </span>
        </div>
      </form>
      <Query result={events} what="the audit trail">
        {() => (
          <div className="table-wrap card">
            <table data-testid="timeline">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Block</th>
                  <th scope="col">Contract · event</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {filtered.slice(0, shown).map((e) => (
                  <tr key={eventKey(e)} data-testid="audit-row">
                    <td>{formatDate(e.timestamp, { timeZone: "UTC" })}</td>
                    <td>{e.block.toString()}</td>
                    <td>
                      {e.contract} · <strong>{e.event}</strong>
                    </td>
                    <td>{e.actor === null ? "" : <AccountName address={e.actor} />}</td>
                    <td className="small" style={{ overflowWrap: "anywhere" }}>
                      {e.readable}
                      {e.subjects.proposals.map((id) => (
                        <div key={id.toString()}>
                          Proposal <CopyId id={id} what="proposal id" />
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {filtered.length > shown && (
              <button type="button" className="secondary" onClick={() => setShown(shown + PAGE)}>
                Show {Math.min(PAGE, filtered.length - shown)} more
              </button>
            )}
          </div>
        )}
      </Query>
    </>
  );
}
