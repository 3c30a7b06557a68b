"use client";

import { useState } from "react";

import type { Attribute, RegistrationConsent } from "@weconet/sdk";

import { AttributePicker } from "@/components/AttributePicker";
import { Field } from "@/components/Field";
import { PurposePicker } from "@/components/PurposePicker";
import { TxStatus } from "@/components/TxStatus";
import { checkApplication, type ApplicationDraft } from "@/lib/application";
import { useActing, useTransaction } from "@/lib/tx";
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
  const [consentText, setConsentText] = useState("");
  const [consentError, setConsentError] = useState<string | undefined>();
  const [showErrors, setShowErrors] = useState(false);
  const set = (patch: Partial<ApplicationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { description, errors } = checkApplication(draft, { me: account, attributes });
  const shown = showErrors ? errors : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    // A new field error: the last transaction's status line goes (it is not this attempt's).
    if (description === undefined) return tx.reset();
    let consent: RegistrationConsent | undefined;
    if (!existing) {
      try {
        // The SDK's consent codec comes with its actions (loaded on the first one).
        consent = (await import("@/lib/acting")).parseRegistrationConsent(consentText);
        setConsentError(undefined);
      } catch (problem) {
        setConsentError(
          `${(problem as Error).message}. The application account signs it below ("Consent as this account").`,
        );
        return;
      }
    }
    const sent = await tx.run(existing ? "Update application" : "Register application", (w) =>
      consent === undefined ? w.applications.update(description) : w.applications.register({ ...description, consent }),
    );
    if (sent !== undefined) {
      if (!existing) {
        setDraft(EMPTY_APPLICATION);
        setConsentText("");
      }
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
      <PurposePicker value={draft.purpose} onChange={(purpose) => set({ purpose })} error={shown.purpose} />
      {!existing && (
        <Field
          label="The application account's consent"
          hint="No application without its account's own consent: connect as the application account, sign below, and paste the result here (or run `weconet app-consent --developer <you>` as that account)."
          error={showErrors ? consentError : undefined}
        >
          <textarea
            value={consentText}
            rows={3}
            placeholder='{"account":"0x…","developer":"0x…","nonce":"0","deadline":"…","signature":"0x…"}'
            onChange={(e) => setConsentText(e.target.value)}
          />
        </Field>
      )}
      <div className="row">
        <button type="submit" disabled={account === undefined || tx.busy}>
          {existing ? "Save changes" : "Register application"}
        </button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}

/**
 * The application account's side of a registration: connected as the application's account, sign (nothing is
 * sent) a consent to be registered by the developer, and hand the text over. In the dev wallet, switch to the
 * application account to sign.
 */
export function RegistrationConsentForm() {
  const { account } = useWeconet();
  const { canAct, act } = useActing();
  const [developer, setDeveloper] = useState("");
  const [result, setResult] = useState<string>("");
  const [problem, setProblem] = useState<string | undefined>();
  const sign = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!canAct) return;
    try {
      const consent = await (
        await act()
      ).applications.consentToRegistration({ developer: developer.trim() as `0x${string}` });
      setResult((await import("@/lib/acting")).encodeRegistrationConsent(consent));
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <form onSubmit={(e) => void sign(e)} noValidate data-testid="registration-consent">
      <p className="hint">
        Connected as {account ?? "no account"}: consent to this account being registered as an application by the
        developer below.
      </p>
      <Field label="Developer" hint="The developer who will register this account." error={problem}>
        <input value={developer} placeholder="0x…" onChange={(e) => setDeveloper(e.target.value)} />
      </Field>
      <div className="row">
        <button type="submit" disabled={!canAct || developer.trim() === ""}>
          Consent as this account
        </button>
      </div>
      {result !== "" && (
        <Field label="Consent to hand to the developer" hint="Paste it into the registration form.">
          <textarea readOnly rows={3} value={result} />
        </Field>
      )}
    </form>
  );
}
