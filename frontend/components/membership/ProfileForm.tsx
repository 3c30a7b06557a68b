"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import { checkProfile, DOCUMENT_LIMITS, type ProfileDocument } from "@weconet/sdk";

import { SocketStatus } from "@/components/data/SocketStatus";
import { Field } from "@/components/Field";
import { TxStatus } from "@/components/TxStatus";
import { useSocket, type SocketSession } from "@/lib/socket";
import { sessionFor, useSocketAction } from "@/lib/socket-action";
import { useTransaction } from "@/lib/tx";

type Draft = { name: string; about: string; contact: string };

const draftOf = (profile: ProfileDocument | undefined): Draft => ({
  name: profile?.name ?? "",
  about: profile?.about ?? "",
  contact: profile?.contact ?? "",
});

/**
 * Apply with a profile, or change one's profile: the document goes to the data socket's documents and its hash
 * on-chain. The chain comes first (an applicant may publish only the profile its application names), then the
 * document; if publishing fails, the same document can be published again without another transaction.
 */
export function ProfileForm({ mode, current }: { mode: "apply" | "update"; current?: ProfileDocument | undefined }) {
  const tx = useTransaction();
  const socket = useSocket();
  const publish = useSocketAction(() => void socket.signOut());
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [touched, setTouched] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  // The profile may arrive after the form shows (read from the socket): it fills the form until the member types.
  useEffect(() => {
    if (current !== undefined && !touched) setDraft(draftOf(current));
  }, [current, touched]);
  // The document whose hash is on-chain but which the socket does not have yet (publishing failed).
  const [unpublished, setUnpublished] = useState<string>();
  const checked = checkProfile(draft);
  const errors = showErrors && !checked.ok ? checked.errors : {};
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched(true);
    // An old result does not stay beside new input.
    tx.reset();
    publish.reset();
  };
  const label = mode === "apply" ? "Apply" : "Update profile";

  const publishText = async (session: SocketSession, text: string) => {
    const done = await publish.run(
      "Publish the profile",
      () => session.documents.put(text),
      () => "published in the data socket, where leaders and members read it.",
    );
    setUnpublished(done === undefined ? text : undefined);
    // A read of the document made before it was published (and failed) is read again now.
    if (done !== undefined) await queryClient.invalidateQueries({ queryKey: ["socket-document", done] });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (!checked.ok) return;
    const session = await sessionFor(socket, publish);
    if (session === undefined) return;
    const sent = await tx.run(label, (w) =>
      mode === "apply"
        ? w.membership.apply({ profile: checked.document })
        : w.membership.updateProfile({ profile: checked.document }),
    );
    if (sent !== undefined) await publishText(session, checked.text);
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      // One form from applying to editing (the same one stays while its profile is published after applying).
      data-testid="profile-form"
      data-mode={mode}
      aria-label={mode === "apply" ? "Apply for membership" : "Edit your profile"}
    >
      <p className="hint">
        Your profile is public: leaders read it to admit you, members see it beside your name. Only its hash goes
        on-chain; the document is kept in the network&apos;s data socket. Never put secrets in it.
      </p>
      <Field label="Name" hint={`At most ${DOCUMENT_LIMITS.name} characters.`} error={errors.name}>
        <input value={draft.name} autoComplete="name" onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label="About you" hint="What you bring or need: a few sentences." error={errors.about}>
        <textarea rows={3} value={draft.about} onChange={(e) => set({ about: e.target.value })} />
      </Field>
      <Field
        label="Contact (optional)"
        hint="An e-mail address or a site, if you want to be reached."
        error={errors.contact}
      >
        <input value={draft.contact} onChange={(e) => set({ contact: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" disabled={tx.busy || publish.busy}>
          {mode === "apply" ? "Apply for membership" : "Save profile"}
        </button>
        {unpublished !== undefined && socket.session !== undefined && (
          <button
            type="button"
            className="secondary"
            disabled={publish.busy}
            onClick={() => socket.session !== undefined && void publishText(socket.session, unpublished)}
          >
            Publish the profile again
          </button>
        )}
      </div>
      <TxStatus state={tx.state} />
      <SocketStatus state={publish.state} />
    </form>
  );
}
