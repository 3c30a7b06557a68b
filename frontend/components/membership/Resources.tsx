"use client";

import { useState } from "react";
import type { Address } from "viem";

import {
  readResource,
  type Attribute,
  type ResourceDocument,
  type ResourceView,
  type Sent,
  type Weconet,
} from "@weconet/sdk";

import { ConfirmButton } from "@/components/Confirm";
import { SocketStatus } from "@/components/data/SocketStatus";
import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { checkResourceDraft, resourceClasses, type ResourceDraft } from "@/lib/membership";
import { useDocument, useSocket } from "@/lib/socket";
import { sessionFor, useSocketAction } from "@/lib/socket-action";
import { useTransaction } from "@/lib/tx";

const EMPTY: ResourceDraft = { classId: "", name: "", description: "" };

/** A resource's document (name and description) from its owner's data socket. */
export function useResourceText(owner: Address, resource: ResourceView) {
  const socket = useSocket(owner);
  const doc = useDocument(socket.client, resource.metadata);
  return doc.data === undefined ? undefined : readResource(doc.data);
}

/**
 * The fields of a resource: its class from the taxonomy, its name and description (the document), and the
 * submit that publishes the document (a member may) and then sends `send` with its class and document.
 */
function ResourceFields({
  attributes,
  initial,
  submitLabel,
  testId,
  onSent,
  send,
  label,
}: {
  attributes: readonly Attribute[];
  initial: ResourceDraft;
  submitLabel: string;
  testId: string;
  label: string;
  onSent?: () => void;
  send: (classId: number, document: ResourceDocument) => (w: Weconet) => Promise<Sent>;
}) {
  const tx = useTransaction();
  const socket = useSocket();
  const publish = useSocketAction(() => void socket.signOut());
  const [draft, setDraft] = useState<ResourceDraft>(initial);
  const [showErrors, setShowErrors] = useState(false);
  const checked = checkResourceDraft(draft, attributes);
  const errors = showErrors ? checked.errors : {};
  const set = (patch: Partial<ResourceDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    tx.reset();
    publish.reset();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    const { classId, document, text } = checked;
    if (classId === undefined || document === undefined || text === undefined) return;
    const session = await sessionFor(socket, publish);
    if (session === undefined) return;
    // A member may publish any document: the description first, so the chain never names a missing one.
    const published = await publish.run(
      "Publish the description",
      () => session.documents.put(text),
      () => "published in the data socket.",
    );
    if (published === undefined) return;
    const sent = await tx.run(label, send(classId, document));
    if (sent !== undefined) {
      setShowErrors(false);
      onSent?.();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid={testId} aria-label={label}>
      <Field label="Kind of resource" hint="A class of the network's taxonomy." error={errors.classId}>
        <select value={draft.classId} onChange={(e) => set({ classId: e.target.value })}>
          <option value="">Choose a class…</option>
          {resourceClasses(attributes).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Name" error={errors.name}>
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field
        label="Description"
        hint="Public, in the data socket; only its hash goes on-chain. Never personal data."
        error={errors.description}
      >
        <textarea rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" disabled={tx.busy || publish.busy}>
          {submitLabel}
        </button>
      </div>
      <TxStatus state={tx.state} />
      <SocketStatus state={publish.state} />
    </form>
  );
}

/** Register a resource: the member becomes an organisation offering it. */
export function RegisterResourceForm({ attributes }: { attributes: readonly Attribute[] }) {
  // A new form (empty) after each registration.
  const [round, setRound] = useState(0);
  return (
    <ResourceFields
      key={round}
      attributes={attributes}
      initial={EMPTY}
      label="Register resource"
      submitLabel="Register resource"
      testId="register-resource-form"
      send={(classId, document) => (w) => w.resources.register({ resourceClass: classId, metadata: document })}
      onSent={() => setRound((r) => r + 1)}
    />
  );
}

/** One of my resources: what it is, edit it, switch it off or on. */
export function MyResourceRow({
  resource: r,
  attributes,
}: {
  resource: ResourceView;
  attributes: readonly Attribute[];
}) {
  const text = useResourceText(r.owner, r);
  const tx = useTransaction();
  const [editing, setEditing] = useState(false);
  const className = attributes.find((a) => a.id === r.classId)?.name ?? `class ${r.classId}`;
  return (
    <li className="card" data-resource={r.id.toString()}>
      <div className="row">
        <strong data-testid="resource-name">{text?.name || `Resource #${r.id}`}</strong>
        <span className="muted">
          {className} · #{r.id.toString()}
        </span>
        <span className={`badge ${r.active ? "status-active" : "status-suspended"}`} data-testid="resource-state">
          {r.active ? "in use" : "switched off"}
        </span>
      </div>
      {text?.description !== undefined && text.description !== "" && <p className="small">{text.description}</p>}
      <div className="row">
        <button type="button" className="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {editing ? "Stop editing" : "Edit"}
        </button>
        {r.active ? (
          <ConfirmButton
            label="Switch off"
            question="Switched off, it cannot be offered or booked until you switch it on again."
            confirmLabel="Yes, switch it off"
            disabled={tx.busy}
            onConfirm={() =>
              void tx.run("Switch off", (w) => w.resources.setActive({ resourceId: r.id, active: false }))
            }
          />
        ) : (
          <button
            type="button"
            className="secondary"
            disabled={tx.busy}
            onClick={() => void tx.run("Switch on", (w) => w.resources.setActive({ resourceId: r.id, active: true }))}
          >
            Switch on
          </button>
        )}
        <TxStatus state={tx.state} />
      </div>
      {editing && (
        <ResourceFields
          attributes={attributes}
          initial={{ classId: String(r.classId), name: text?.name ?? "", description: text?.description ?? "" }}
          label={`Update resource ${r.id}`}
          submitLabel="Save resource"
          testId="edit-resource-form"
          send={(classId, document) => (w) =>
            w.resources.update({ resourceId: r.id, resourceClass: classId, metadata: document })
          }
          onSent={() => setEditing(false)}
        />
      )}
    </li>
  );
}
