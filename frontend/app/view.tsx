"use client";

import { AccountName } from "@/components/AccountName";
import { NextSteps } from "@/components/membership/NextSteps";
import { Query } from "@/components/Query";
import { Table } from "@/components/Table";
import { formatTime } from "@/lib/format";
import { formatRuleValue, ruleInfo } from "@/lib/rules";
import { useWeconetList, useWeconetRead } from "@/lib/weconet";

/** The network at a glance: members, resources, roles, rules and taxonomy, live. */
export function NetworkPage() {
  const status = useWeconetRead("status", []);
  const members = useWeconetList("members");
  const attributes = useWeconetList("attributes");
  const resources = useWeconetList("resources");
  const attributeName = (id: number) => attributes.data?.find((a) => a.id === id)?.name ?? `#${id}`;
  const holders = (role: "leader" | "developer") =>
    (members.data ?? []).filter((m) => m.status === "active" && m.roles.includes(role));

  return (
    <>
      <h1>Network</h1>
      <NextSteps />
      <Query result={status} what="the network">
        {(s) => (
          <div className="stats" data-testid="network-stats">
            <Stat label="Voters" value={s.voters.toString()} />
            <Stat label="Resources" value={s.resources.toString()} />
            <Stat label="Attributes" value={s.attributes.toString()} />
            <Stat label="Treasury (ETH)" value={(Number(s.treasury) / 1e18).toString()} />
            <Stat label="Block" value={s.block.toString()} />
          </div>
        )}
      </Query>

      <div className="grid">
        <section className="card" aria-labelledby="roles-h">
          <h2 id="roles-h">Roles</h2>
          <Query result={status} what="the roles">
            {(s) => (
              <dl>
                <dt>Network manager</dt>
                <dd>
                  <AccountName address={s.manager} />
                </dd>
                <dt>Network leaders</dt>
                <dd>
                  {holders("leader").map((m) => (
                    <div key={m.account}>
                      <AccountName address={m.account} />
                    </div>
                  ))}
                </dd>
                <dt>Community developers</dt>
                <dd>
                  {holders("developer").map((m) => (
                    <div key={m.account}>
                      <AccountName address={m.account} />
                    </div>
                  ))}
                </dd>
              </dl>
            )}
          </Query>
        </section>

        <section className="card" aria-labelledby="rules-h">
          <h2 id="rules-h">Rules</h2>
          <p className="hint">Only the members&apos; vote changes these (see Governance).</p>
          <Query result={status} what="the rules">
            {(s) => (
              <table>
                <tbody>
                  {s.rules.map((r) => (
                    <tr key={r.name} data-rule={r.name}>
                      <th scope="row" title={ruleInfo(r.name).help}>
                        {ruleInfo(r.name).label}
                      </th>
                      <td>{formatRuleValue(r.name, r.value)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Voting</th>
                    <td>
                      opens {Number(s.governance.votingDelay) / 60} min after a proposal, lasts{" "}
                      {Number(s.governance.votingPeriod) / 86_400} days, quorum {s.governance.quorumPercent.toString()}
                      %, timelock {Number(s.governance.timelockDelay) / 60} min
                    </td>
                  </tr>
                </tbody>
              </table>
            )}
          </Query>
        </section>
      </div>

      <section className="card" aria-labelledby="members-h">
        <h2 id="members-h">Members</h2>
        <Query result={members} what="the members">
          {(list) => (
            <Table head={["Account", "Status", "Roles", "Since"]} testId="members">
              {list.map((m) => (
                <tr key={m.account}>
                  <td>
                    <AccountName address={m.account} />
                  </td>
                  <td>
                    <span className={`badge status-${m.status}`}>{m.status}</span>
                  </td>
                  <td>{m.roles.join(", ")}</td>
                  <td>{m.since > 0 ? formatTime(m.since) : ""}</td>
                </tr>
              ))}
            </Table>
          )}
        </Query>
      </section>

      <section className="card" aria-labelledby="resources-h">
        <h2 id="resources-h">Resources</h2>
        <Query result={resources} what="the resources">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No resources yet.</p>
            ) : (
              <Table head={["#", "Class", "Owner", "State", "Description (hash)"]}>
                {list.map((r) => (
                  <tr key={r.id.toString()}>
                    <td>{r.id.toString()}</td>
                    <td>{attributeName(r.classId)}</td>
                    <td>
                      <AccountName address={r.owner} />
                    </td>
                    <td>{r.active ? "active" : "switched off"}</td>
                    <td>
                      <code title={r.metadata}>{r.metadata.slice(0, 10)}…</code>
                    </td>
                  </tr>
                ))}
              </Table>
            )
          }
        </Query>
      </section>

      <section className="card" aria-labelledby="taxonomy-h">
        <h2 id="taxonomy-h">Taxonomy</h2>
        <p className="hint">The shared vocabulary: only ids and names are on-chain; values stay with their owners.</p>
        <Query result={attributes} what="the taxonomy">
          {(list) => (
            <Table head={["Id", "Name", "Domain", "Type", "Parent class"]}>
              {list.map((a) => (
                <tr key={a.id} className={a.deprecated ? "muted" : undefined}>
                  <td>{a.id}</td>
                  <td>
                    {a.name}
                    {a.deprecated && " (deprecated)"}
                  </td>
                  <td>{a.domain}</td>
                  <td>{a.dataType}</td>
                  <td>{a.parent === 0 ? "" : attributeName(a.parent)}</td>
                </tr>
              ))}
            </Table>
          )}
        </Query>
      </section>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <span className="muted small">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}
