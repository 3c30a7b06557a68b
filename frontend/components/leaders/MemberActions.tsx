"use client";

import { useId, useState } from "react";

import type { ApplicationView, MemberView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { ProfileView } from "@/components/membership/Profile";
import { TxStatus } from "@/components/TxStatus";
import { reasonCodeProblem } from "@/lib/codes";
import { useTransaction } from "@/lib/tx";

/** A reason code and a button that needs it (reject an application, suspend a member). */
function WithReason({
  action,
  danger,
  onSubmit,
  disabled,
}: {
  action: string;
  danger?: boolean;
  onSubmit: (reason: string) => void;
  disabled: boolean;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const id = useId();
  return (
    <form
      className="row"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = reasonCodeProblem(reason);
        setError(problem);
        if (problem === undefined) onSubmit(reason.trim());
      }}
    >
      <label htmlFor={id} className="small">
        Reason code
      </label>
      <input
        id={id}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ width: "10rem" }}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
      />
      <button type="submit" className={danger === true ? "danger" : "secondary"} disabled={disabled}>
        {action}
      </button>
      {error !== undefined && (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** An applicant, with admit and reject. */
export function ApplicantRow({ member, canAct }: { member: MemberView; canAct: boolean }) {
  const tx = useTransaction();
  const busy = !canAct || tx.busy;
  return (
    <tr data-account={member.account}>
      <td>
        <AccountName address={member.account} />
        {/* What the applicant says of themselves: the leader's reason to admit. */}
        <ProfileView account={member.account} />
      </td>
      <td>
        <div className="row">
          <button
            type="button"
            disabled={busy}
            onClick={() => void tx.run("Admit", (w) => w.membership.admit({ applicant: member.account }))}
          >
            Admit
          </button>
          <WithReason
            action="Reject"
            disabled={busy}
            onSubmit={(reason) =>
              void tx.run("Reject", (w) => w.membership.reject({ applicant: member.account, reason }))
            }
          />
        </div>
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}

/** An active or suspended member, with suspend or reinstate, and the developer role. */
export function MemberRow({ member, canAct }: { member: MemberView; canAct: boolean }) {
  const tx = useTransaction();
  const busy = !canAct || tx.busy;
  const developer = member.roles.includes("developer");
  return (
    <tr data-account={member.account}>
      <td>
        <AccountName address={member.account} />
      </td>
      <td>
        <span className={`badge status-${member.status}`}>{member.status}</span> {member.roles.join(", ")}
      </td>
      <td>
        <div className="row">
          {member.status === "active" ? (
            <>
              <WithReason
                action="Suspend"
                danger
                disabled={busy}
                onSubmit={(reason) =>
                  void tx.run("Suspend", (w) => w.membership.suspend({ member: member.account, reason }))
                }
              />
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() =>
                  void tx.run(developer ? "Revoke developer role" : "Grant developer role", (w) =>
                    developer
                      ? w.membership.revokeDeveloper({ account: member.account })
                      : w.membership.grantDeveloper({ account: member.account }),
                  )
                }
              >
                {developer ? "Revoke developer role" : "Make developer"}
              </button>
            </>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void tx.run("Reinstate", (w) => w.membership.reinstate({ member: member.account }))}
            >
              Reinstate
            </button>
          )}
        </div>
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}

/** An application, with suspend (all its access stops at once) or reinstate. */
export function ApplicationRow({ app, canAct }: { app: ApplicationView; canAct: boolean }) {
  const tx = useTransaction();
  const busy = !canAct || tx.busy;
  return (
    <tr data-application={app.account}>
      <td>
        <strong>{app.name}</strong> <AccountName address={app.account} />
      </td>
      <td>
        <span className={`badge status-${app.status === "active" ? "active" : "suspended"}`}>{app.status}</span>
      </td>
      <td>
        {app.status === "active" ? (
          <WithReason
            action="Suspend"
            danger
            disabled={busy}
            onSubmit={(reason) =>
              void tx.run("Suspend application", (w) => w.applications.suspend({ account: app.account, reason }))
            }
          />
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void tx.run("Reinstate application", (w) => w.applications.reinstate({ account: app.account }))
            }
          >
            Reinstate
          </button>
        )}
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}
