"use client";

import type { ReactNode } from "react";

import { GrantForm } from "@/components/connections/GrantForm";
import { ConnectionRow, IncomingRequestRow, OutgoingRequestRow } from "@/components/connections/Lists";
import { Query } from "@/components/Query";
import { Table } from "@/components/Table";
import { useChainNow } from "@/lib/clock";
import { useWeconet, useWeconetList } from "@/lib/weconet";

/** A member's data connections: given and received, requests waiting for them, the applications they use. */
export function ConnectionsPage() {
  const { account } = useWeconet();
  const connected = account !== undefined;
  const now = useChainNow();
  const attributes = useWeconetList("attributes");
  const applications = useWeconetList("applications");
  const members = useWeconetList("members");
  const rules = useWeconetList("rules");
  const open = ["live", "expired"] as const;
  const given = useWeconetList(
    "connections",
    { member: account, direction: "given", states: open },
    { enabled: connected },
  );
  // Every state (no `states`), closed ones too: the grantee still tries to read and sees why the socket refuses.
  const received = useWeconetList("connections", { member: account, direction: "received" }, { enabled: connected });
  const incoming = useWeconetList("requests", { member: account, direction: "incoming" }, { enabled: connected });
  const outgoing = useWeconetList("requests", { member: account, direction: "outgoing" }, { enabled: connected });
  const attrs = attributes.data ?? [];
  const apps = applications.data ?? [];
  const maxGrantDuration = rules.data?.find((r) => r.name === "maxGrantDuration")?.value;

  return (
    <>
      <h1>Connections</h1>
      <p className="muted">
        Not ownership but access: your data stays in your data socket; a connection lets a member or an application read
        some of it, for a purpose, until it expires or you close it.
      </p>
      {!connected && <p className="banner warning">Connect a wallet to see and manage your connections.</p>}
      {connected && (
        <>
          <Section title="Requests waiting for me" testId="incoming-requests" result={incoming} empty="No requests.">
            {(list) => (
              <Table head={["From", "Attributes", "Purpose", "For", "Answer"]}>
                {list.map((r) => (
                  <IncomingRequestRow
                    key={r.connectionId.toString()}
                    request={r}
                    attributes={attrs}
                    applications={apps}
                    now={now}
                  />
                ))}
              </Table>
            )}
          </Section>
          <Section title="Connections I gave" testId="connections-given" result={given} empty="You share nothing.">
            {(list) => (
              <Table head={["With", "Attributes", "Purpose", "Expiry", ""]}>
                {list.map((c) => (
                  <ConnectionRow
                    key={`${c.id}:${c.slot}`}
                    connection={c}
                    side="given"
                    attributes={attrs}
                    applications={apps}
                    now={now}
                  />
                ))}
              </Table>
            )}
          </Section>
          <Section title="Applications I am connected to" testId="my-applications" result={given} empty="">
            {(list) => {
              const toApps = list.filter((c) => c.granteeKind === "application");
              return toApps.length === 0 ? (
                <p className="muted">You are connected to no application.</p>
              ) : (
                <ul>
                  {toApps.map((c) => {
                    const app = apps.find((a) => a.account.toLowerCase() === c.grantee.toLowerCase());
                    return (
                      <li key={`${c.id}:${c.slot}`}>
                        <strong>{app?.name ?? c.grantee}</strong>{" "}
                        {app !== undefined && (
                          <span className="muted small">
                            {app.live ? "live" : `not live (${app.status})`} · {app.metadataURI}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              );
            }}
          </Section>
          <Section
            title="Connections I received"
            testId="connections-received"
            result={received}
            empty="Nobody shares data with you."
            hint="Read what an owner shares with you: their data socket checks the connection on the chain at every read."
          >
            {(list) => (
              <Table head={["From", "Attributes", "Purpose", "Expiry", ""]}>
                {list.map((c) => (
                  <ConnectionRow
                    key={`${c.id}:${c.slot}`}
                    connection={c}
                    side="received"
                    attributes={attrs}
                    applications={apps}
                    now={now}
                  />
                ))}
              </Table>
            )}
          </Section>
          <Section title="My requests" testId="outgoing-requests" result={outgoing} empty="You asked nobody.">
            {(list) => (
              <Table head={["To", "Attributes", "Purpose", ""]}>
                {list.map((r) => (
                  <OutgoingRequestRow key={r.connectionId.toString()} request={r} attributes={attrs} />
                ))}
              </Table>
            )}
          </Section>
        </>
      )}
      <section className="card">
        {attributes.data !== undefined && members.data !== undefined && applications.data !== undefined ? (
          <GrantForm
            members={members.data}
            applications={applications.data}
            attributes={attributes.data}
            maxGrantDuration={maxGrantDuration}
          />
        ) : (
          <p className="muted">Reading the taxonomy, members and applications…</p>
        )}
      </section>
    </>
  );
}

function Section<T extends readonly unknown[]>({
  title,
  testId,
  result,
  empty,
  hint,
  children,
}: {
  title: string;
  testId: string;
  hint?: string;
  result: Parameters<typeof Query<T>>[0]["result"];
  empty: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <section className="card" data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      {hint !== undefined && <p className="hint">{hint}</p>}
      <Query result={result} what={title.toLowerCase()}>
        {(data) => (data.length === 0 && empty !== "" ? <p className="muted">{empty}</p> : children(data))}
      </Query>
    </section>
  );
}
