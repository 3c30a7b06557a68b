"use client";

import { DisputeRow } from "@/components/leaders/DisputeRow";
import { useChainNow } from "@/lib/clock";
import { ApplicantRow, ApplicationRow, MemberRow } from "@/components/leaders/MemberActions";
import { tokenArgs } from "@/lib/market";
import { Query } from "@/components/Query";
import { Table } from "@/components/Table";
import { useWeconet, useWeconetList, useWeconetRead } from "@/lib/weconet";

/**
 * What network leaders (and the manager) do: admit applicants, suspend and reinstate members, name developers,
 * suspend applications, rule on market disputes.
 */
export function LeadersPage() {
  const { account } = useWeconet();
  const now = useChainNow();
  const members = useWeconetList("members");
  const applications = useWeconetList("applications");
  const disputes = useWeconetList("bookings", { statuses: ["disputed"] });
  const tokens = useWeconetRead("tokens", tokenArgs(disputes.data?.map((b) => b.token)));
  const me = members.data?.find((m) => account !== undefined && m.account.toLowerCase() === account.toLowerCase());
  const isLeader = me?.status === "active" && (me.roles.includes("leader") || me.isManager);
  return (
    <>
      <h1>Leaders</h1>
      {!isLeader && (
        <p className="banner warning">
          {account === undefined ? "Connect a wallet: " : "You are not a network leader: "}
          only active network leaders (and the manager, for leaders) can act here. Everyone can see the lists.
        </p>
      )}
      <section className="card" aria-labelledby="applicants-h">
        <h2 id="applicants-h">Applicants to admit</h2>
        <Query result={members} what="the applicants">
          {(list) => {
            const applicants = list.filter((m) => m.status === "applicant");
            return applicants.length === 0 ? (
              <p className="muted">Nobody is waiting.</p>
            ) : (
              <Table head={["Applicant", "Decision"]} testId="applicants">
                {applicants.map((m) => (
                  <ApplicantRow key={m.account} member={m} canAct={isLeader} />
                ))}
              </Table>
            );
          }}
        </Query>
      </section>
      <section className="card" aria-labelledby="members-h">
        <h2 id="members-h">Members to suspend or reinstate</h2>
        <p className="hint">
          Leaders suspend members; only the manager suspends leaders, and only the members&apos; vote the manager.
          Reason codes are short codes, never personal text. A suspended member cannot act until reinstated, but keeps
          their vote; only the same or a higher authority lifts a suspension (members&apos; vote &gt; manager &gt;
          leader).
        </p>
        <Query result={members} what="the members">
          {(list) => (
            <Table head={["Member", "Status and roles", "Actions"]} testId="members-to-manage">
              {list
                .filter((m) => m.status === "active" || m.status === "suspended")
                .filter((m) => account === undefined || m.account.toLowerCase() !== account.toLowerCase())
                .map((m) => (
                  <MemberRow key={m.account} member={m} me={me} />
                ))}
            </Table>
          )}
        </Query>
      </section>
      <section className="card" aria-labelledby="apps-h">
        <h2 id="apps-h">Applications to suspend or reinstate</h2>
        <p className="hint">Suspending an application stops all its access to members&apos; data at once.</p>
        <Query result={applications} what="the applications">
          {(list) => {
            const open = list.filter((a) => a.status === "active" || a.status === "suspended");
            return open.length === 0 ? (
              <p className="muted">No applications.</p>
            ) : (
              <Table head={["Application", "Status", "Action"]}>
                {open.map((a) => (
                  <ApplicationRow key={a.account} app={a} me={me} />
                ))}
              </Table>
            );
          }}
        </Query>
      </section>
      <section className="card" aria-labelledby="disputes-h">
        <h2 id="disputes-h">Disputes to rule on</h2>
        <p className="hint">
          A leader who is neither party splits the escrow: the refund goes back to the consumer. After the leaders&apos;
          ruling period the members&apos; vote may rule too (a proposal calling the market&apos;s ruleDispute); past the
          final deadline anyone may settle the dispute by a full refund.
        </p>
        <Query result={disputes} what="the disputes">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No disputes.</p>
            ) : (
              <Table head={["Booking", "Dispute", "Ruling"]} testId="disputes">
                {list.map((b) => (
                  <DisputeRow key={b.id.toString()} booking={b} tokens={tokens.data} canAct={isLeader} now={now} />
                ))}
              </Table>
            )
          }
        </Query>
      </section>
    </>
  );
}
