"use client";

import type { Address, Hex } from "viem";
import { zeroHash } from "viem";

import { personName, readProfile, type ProfileDocument } from "@weconet/sdk";

import { useDevName } from "@/components/AccountName";
import { messageOf } from "@/lib/message";
import { useDocument, useSocket } from "@/lib/socket";
import { useWeconetRead } from "@/lib/weconet";

/**
 * `account`'s profile: the hash its membership (or application) names, and the document behind it from its data
 * socket (verified against that hash by the SDK). No hash: the account has no profile (not a member, or left).
 */
export function useProfile(account: Address | undefined) {
  const member = useWeconetRead("member", account === undefined ? undefined : [account]);
  const hash: Hex | undefined = member.data?.profile;
  const socket = useSocket(account);
  const known = hash !== undefined && hash !== zeroHash ? hash : undefined;
  const doc = useDocument(socket.client, known);
  return {
    hash: known,
    profile: doc.data === undefined ? undefined : readProfile(doc.data),
    loading: member.isLoading || doc.isLoading,
    error: doc.error,
  };
}

/** A person by the name their profile gives (else the demo's name on the local chain), with the short address. */
export function PersonName({ address }: { address: Address }) {
  const { profile } = useProfile(address);
  const dev = useDevName(address);
  const name = profile?.name !== undefined && profile.name !== "" ? profile.name : dev;
  return (
    <span className="account" title={address} data-testid="person-name">
      {personName(address, () => name)}
    </span>
  );
}

/** A profile's fields, as its document says them. */
export function ProfileFields({ profile }: { profile: ProfileDocument }) {
  return (
    <dl className="small" data-testid="profile">
      <dt>Name</dt>
      <dd>{profile.name === "" ? <span className="muted">(none given)</span> : profile.name}</dd>
      <dt>About</dt>
      <dd>{profile.about}</dd>
      {profile.contact !== undefined && (
        <>
          <dt>Contact</dt>
          <dd>{profile.contact}</dd>
        </>
      )}
    </dl>
  );
}

/** `account`'s profile as others see it, or why it cannot be shown. */
export function ProfileView({ account }: { account: Address }) {
  const { hash, profile, loading, error } = useProfile(account);
  if (hash === undefined) return <p className="muted small">No profile.</p>;
  if (profile !== undefined) return <ProfileFields profile={profile} />;
  if (loading) return <p className="muted small">Reading the profile…</p>;
  return (
    <p className="muted small" data-testid="profile-missing">
      The profile document <code>{hash.slice(0, 10)}…</code> is not in the data socket
      {error === null ? "" : ` (${messageOf(error)})`}.
    </p>
  );
}
