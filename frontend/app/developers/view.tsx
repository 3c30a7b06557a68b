"use client";

import { useState } from "react";

import { purposeText, type ApplicationView, type Attribute } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { ConfirmButton } from "@/components/Confirm";
import { attributeNames } from "@/lib/attributes";
import { ApplicationForm, RegistrationConsentForm } from "@/components/developers/ApplicationForm";
import { Query } from "@/components/Query";
import { TxStatus } from "@/components/TxStatus";
import { sameAddress } from "@/lib/format";
import { useTransaction } from "@/lib/tx";
import { useWeconet, useWeconetList, useWeconetRead } from "@/lib/weconet";

/** Community developers register and manage the applications that turn members' data into information. */
export function DevelopersPage() {
  const { account } = useWeconet();
  const applications = useWeconetList("applications");
  const attributes = useWeconetList("attributes");
  const me = useWeconetRead("member", account === undefined ? undefined : [account]);
  const isDeveloper = me.data != null && me.data.status === "active" && me.data.roles.includes("developer");
  const attrs = attributes.data ?? [];
  return (
    <>
      <h1>Developers</h1>
      <p className="muted">
        Applications are to data what a television is to electricity: many devices, one grid. An application asks
        members for attributes; members connect to it; its access stops when they close the connection, when a leader
        suspends it, or when it is retired.
      </p>
      {!isDeveloper && (
        <p className="banner warning">
          {account === undefined ? "Connect a wallet: " : "You do not hold the developer role: "}
          only active community developers (named by a network leader) register applications.
        </p>
      )}
      <section className="card" aria-labelledby="apps-h">
        <h2 id="apps-h">Applications</h2>
        <Query result={applications} what="the applications">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No applications yet.</p>
            ) : (
              <ul className="plain" data-testid="applications">
                {list.map((app) => (
                  <ApplicationItem
                    key={app.account}
                    app={app}
                    attributes={attrs}
                    mine={sameAddress(app.developer, account)}
                  />
                ))}
              </ul>
            )
          }
        </Query>
      </section>
      {isDeveloper && attributes.data !== undefined && (
        <section className="card" aria-labelledby="register-h">
          <h2 id="register-h">Register an application</h2>
          <ApplicationForm attributes={attributes.data} />
        </section>
      )}
      <section className="card" aria-labelledby="consent-h">
        <h2 id="consent-h">Consent as an application account</h2>
        <RegistrationConsentForm />
      </section>
    </>
  );
}

function ApplicationItem({
  app,
  attributes,
  mine,
}: {
  app: ApplicationView;
  attributes: readonly Attribute[];
  mine: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const tx = useTransaction();
  return (
    <li className="card" data-application={app.account}>
      <div className="row">
        <strong>{app.name}</strong>
        <span className={`badge status-${app.status === "active" ? "active" : "suspended"}`}>{app.status}</span>
        {!app.live && app.status === "active" && (
          <span className="muted small">not live: its developer is not in good standing</span>
        )}
      </div>
      <p className="small">
        Account <AccountName address={app.account} /> · developer <AccountName address={app.developer} /> · asks{" "}
        {attributeNames(app.attributeIds, attributes)} for “{purposeText(app.purpose) ?? app.purpose}” ·{" "}
        {app.metadataURI}
      </p>
      {mine && app.status !== "retired" && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
            {editing ? "Cancel" : "Update"}
          </button>
          <ConfirmButton
            label="Retire for good"
            tone="danger"
            question={
              <>
                Retire {app.name} for good? Every connection to it stops authorizing at once, and a retired application
                cannot be registered again.
              </>
            }
            confirmLabel={`Retire ${app.name}`}
            disabled={tx.busy}
            onConfirm={() => void tx.run("Retire application", (w) => w.applications.retire({ account: app.account }))}
          />
          <TxStatus state={tx.state} />
        </div>
      )}
      {editing && (
        <ApplicationForm
          attributes={attributes}
          existing
          initial={{
            account: app.account,
            name: app.name,
            metadataURI: app.metadataURI,
            attributes: app.attributeIds,
            purpose: app.purpose,
          }}
          onDone={() => setEditing(false)}
        />
      )}
    </li>
  );
}
