"use client";

import { useId, useState } from "react";

import {
  applicationOversightOf,
  AUTHORITIES,
  AUTHORITY_LEVELS,
  oversightOf,
  type ApplicationView,
  type AuthorityLevel,
  type MemberView,
} from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { ProfileView } from "@/components/membership/Profile";
import { TxStatus } from "@/components/TxStatus";
import { reasonCodeProblem } from "@/lib/codes";
import { useTransaction } from "@/lib/tx";

/** Who imposed a suspension, in a sentence ("a leader", "the manager"), as the SDK words it. */
const authorityWords = (level: AuthorityLevel) => AUTHORITIES[AUTHORITY_LEVELS.indexOf(level)] ?? level;

/**
 * A reason code and a button that needs it (reject an application, suspend a member). `onInput` is told of every
 * edit and failed check: the last transaction's status line does not stay beside a new field error.
 */
function WithReason({
  action,
  danger,
  onSubmit,
  onInput,
  disabled,
}: {
  action: string;
  danger?: boolean;
  onSubmit: (reason: string) => void;
  onInput?: () => void;
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
        else onInput?.();
      }}
    >
      <label htmlFor={id} className="small">
        Reason code
      </label>
      <input
        id={id}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          onInput?.();
        }}
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
            onInput={tx.reset}
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

/**
 * An active or suspended member, with what `me` (the connected account's standing) may do to them by the
 * contract's oversight rule (the SDK's `oversightOf`): suspend or reinstate, and the developer role. Nothing is
 * offered that would only revert.
 */
export function MemberRow({ member, me }: { member: MemberView; me: MemberView | undefined }) {
  const tx = useTransaction();
  const may = oversightOf(me, member);
  // A leader or the manager who may not suspend or reinstate this member is told why (the page's rule in short).
  const overseer = me !== undefined && (me.roles.includes("leader") || me.roles.includes("manager"));
  const explain = overseer && !may.suspend && !may.reinstate;
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
          {may.suspend && (
            <WithReason
              action={member.status === "suspended" ? "Suspend with your authority" : "Suspend"}
              danger
              disabled={tx.busy}
              onInput={tx.reset}
              onSubmit={(reason) =>
                void tx.run("Suspend", (w) => w.membership.suspend({ member: member.account, reason }))
              }
            />
          )}
          {may.reinstate && (
            <button
              type="button"
              disabled={tx.busy}
              onClick={() => void tx.run("Reinstate", (w) => w.membership.reinstate({ member: member.account }))}
            >
              Reinstate
            </button>
          )}
          {(may.grantDeveloper || may.revokeDeveloper) && (
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() =>
                void tx.run(may.revokeDeveloper ? "Revoke developer role" : "Grant developer role", (w) =>
                  may.revokeDeveloper
                    ? w.membership.revokeDeveloper({ account: member.account })
                    : w.membership.grantDeveloper({ account: member.account }),
                )
              }
            >
              {may.revokeDeveloper ? "Revoke developer role" : "Make developer"}
            </button>
          )}
          {explain && (
            <span className="muted small" data-testid="no-oversight">
              {member.isManager
                ? "Only the members' vote oversees the manager."
                : member.heldRoles.includes("leader")
                  ? "Only the manager oversees a leader."
                  : member.status === "suspended" && may.authority !== "none"
                    ? `Suspended by ${authorityWords(member.suspendedBy)}: only they or a higher authority reinstate.`
                    : "Nothing you may change here."}
            </span>
          )}
        </div>
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}

/**
 * An application, with what `me` may do to it by the registry's rule (the SDK's `applicationOversightOf`): suspend
 * (all its access stops at once, or a lower authority's suspension raised) or reinstate. Nothing that would only
 * revert is offered: a leader is not offered to lift what the manager suspended.
 */
export function ApplicationRow({ app, me }: { app: ApplicationView; me: MemberView | undefined }) {
  const tx = useTransaction();
  const may = applicationOversightOf(me, app);
  const suspended = app.status === "suspended";
  return (
    <tr data-application={app.account}>
      <td>
        <strong>{app.name}</strong> <AccountName address={app.account} />
      </td>
      <td>
        <span className={`badge status-${suspended ? "suspended" : "active"}`}>{app.status}</span>
        {suspended && <span className="muted small"> by {authorityWords(app.suspendedBy)}</span>}
      </td>
      <td>
        <div className="row">
          {may.suspend && (
            <WithReason
              action={suspended ? "Suspend with your authority" : "Suspend"}
              danger
              disabled={tx.busy}
              onInput={tx.reset}
              onSubmit={(reason) =>
                void tx.run("Suspend application", (w) => w.applications.suspend({ account: app.account, reason }))
              }
            />
          )}
          {may.reinstate && (
            <button
              type="button"
              disabled={tx.busy}
              onClick={() =>
                void tx.run("Reinstate application", (w) => w.applications.reinstate({ account: app.account }))
              }
            >
              Reinstate
            </button>
          )}
          {may.authority !== "none" && !may.suspend && !may.reinstate && (
            <span className="muted small" data-testid="no-oversight">
              Suspended by {authorityWords(app.suspendedBy)}: only they or a higher authority reinstate.
            </span>
          )}
        </div>
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}
