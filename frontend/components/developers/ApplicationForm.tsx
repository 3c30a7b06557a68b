"use client";

import { useState } from "react";

import type { Attribute } from "@weconet/sdk";

import { AttributePicker } from "@/components/AttributePicker";
import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { checkApplication, type ApplicationDraft } from "@/lib/application";
import { useTransaction } from "@/lib/tx";
import { useWeconet } from "@/lib/weconet";

export const EMPTY_APPLICATION: ApplicationDraft = {
  account: "",
  name: "",
  metadataURI: "",
  attributes: [],
  purpose: "",
};

/** Register an application, or update one (`existing`: its account is then fixed). */
export function ApplicationForm({
  attributes,
  initial = EMPTY_APPLICATION,
  existing = false,
  onDone,
}: {
  attributes: readonly Attribute[];
  initial?: ApplicationDraft;
  existing?: boolean;
  onDone?: () => void;
}) {
  const { account } = useWeconet();
  const tx = useTransaction();
  const [draft, setDraft] = useState<ApplicationDraft>(initial);
  const [showErrors, setShowErrors] = useState(false);
  const set = (patch: Partial<ApplicationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { description, errors } = checkApplication(draft, { me: account, attributes });
  const shown = showErrors ? errors : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (description === undefined) return;
    const sent = await tx.run(existing ? "Update application" : "Register application", (w) =>
      existing ? w.applications.update(description) : w.applications.register(description),
    );
    if (sent !== undefined) {
      if (!existing) setDraft(EMPTY_APPLICATION);
      setShowErrors(false);
      onDone?.();
    }
  };
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid={existing ? "update-application" : "register-application"}
    >
      <Field
        label="Application account"
        hint="The address its back end signs data-socket requests with."
        error={shown.account}
      >
        <input
          value={draft.account}
          readOnly={existing}
          placeholder="0x…"
          onChange={(e) => set({ account: e.target.value })}
        />
      </Field>
      <Field label="Name" error={shown.name}>
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label="Metadata URI" hint="Its description, terms and privacy statement." error={shown.metadataURI}>
        <input
          value={draft.metadataURI}
          placeholder="ipfs://…"
          onChange={(e) => set({ metadataURI: e.target.value })}
        />
      </Field>
      <AttributePicker
        legend="Attributes it asks members for"
        attributes={attributes}
        selected={draft.attributes}
        onChange={(ids) => set({ attributes: ids })}
        error={shown.attributes}
      />
      <Field label="Purpose (short code)" error={shown.purpose}>
        <input value={draft.purpose} onChange={(e) => set({ purpose: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" disabled={account === undefined || tx.busy}>
          {existing ? "Save changes" : "Register application"}
        </button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}
