"use client";

import type { Address } from "viem";

import type { Attribute, MemberView } from "@weconet/sdk";

import { LeaveNetwork, WithdrawApplication } from "@/components/membership/Leave";
import { NextSteps } from "@/components/membership/NextSteps";
import { ProfileView, useProfile } from "@/components/membership/Profile";
import { ProfileForm } from "@/components/membership/ProfileForm";
import { MyResourceRow, RegisterResourceForm } from "@/components/membership/Resources";
import { Query } from "@/components/Query";
import { useWeconet, useWeconetList, useWeconetRead } from "@/lib/weconet";

/**
 * Me: one's own standing in the network and what to do with it — apply with a profile, wait for a leader (or
 * withdraw), edit the profile, register and edit resources, leave.
 */
export function MembershipPage() {
  const { account } = useWeconet();
  const me = useWeconetRead("member", account === undefined ? undefined : [account]);
  const attributes = useWeconetList("attributes");
  return (
    <>
      <h1>Me</h1>
      <NextSteps here="/membership" />
      {account !== undefined && (
        <Query result={me} what="your membership">
          {(m) => <Standing member={m} account={account} attributes={attributes.data ?? []} />}
        </Query>
      )}
    </>
  );
}

/**
 * Where the account stands, in a fixed order of sections: the profile form keeps its place (and its state) from
 * applying to waiting to being a member, so what it is still publishing after a transaction stays in view.
 */
function Standing({
  member: m,
  account,
  attributes,
}: {
  member: MemberView;
  account: Address;
  attributes: readonly Attribute[];
}) {
  const { profile } = useProfile(account);
  const member = m.status === "active" || m.status === "suspended";
  const mayEdit = m.status === "none" || m.status === "applicant" || m.status === "active";
  return (
    <>
      {m.status === "applicant" && (
        <section className="card" aria-labelledby="application-h" data-testid="application">
          <h2 id="application-h">Your application</h2>
          <p>It waits for a network leader to admit you. Your profile as they see it:</p>
          <ProfileView account={account} />
          <WithdrawApplication />
        </section>
      )}
      {member && (
        <section className="card" aria-labelledby="profile-h" data-testid="my-profile">
          <h2 id="profile-h">Your profile</h2>
          <ProfileView account={account} />
          {m.status === "suspended" && <p className="muted small">A suspended member cannot change their profile.</p>}
        </section>
      )}
      {mayEdit && (
        <section className="card" aria-labelledby="edit-h">
          <h2 id="edit-h">
            {m.status === "none"
              ? "Apply for membership"
              : m.status === "applicant"
                ? "Change your profile"
                : "Edit your profile"}
          </h2>
          <ProfileForm
            mode={m.status === "none" ? "apply" : "update"}
            current={m.status === "none" ? undefined : profile}
          />
        </section>
      )}
      {m.status === "active" && <MyResources account={account} attributes={attributes} />}
      {member && (
        <section className="card" aria-labelledby="leave-h">
          <h2 id="leave-h">Leave</h2>
          <LeaveNetwork isManager={m.isManager} />
        </section>
      )}
    </>
  );
}

function MyResources({ account, attributes }: { account: Address; attributes: readonly Attribute[] }) {
  const resources = useWeconetList("resources", { owner: account });
  return (
    <section className="card" id="resources" aria-labelledby="resources-h" data-testid="my-resources">
      <h2 id="resources-h">Your resources</h2>
      <p className="hint">
        What you offer on the market: each offer is for one of your resources. Registering one makes you an
        organisation.
      </p>
      <Query result={resources} what="your resources">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No resources yet.</p>
          ) : (
            <ul className="plain">
              {list.map((r) => (
                <MyResourceRow key={r.id.toString()} resource={r} attributes={attributes} />
              ))}
            </ul>
          )
        }
      </Query>
      <h3>Register a resource</h3>
      <RegisterResourceForm attributes={attributes} />
    </section>
  );
}
