/**
 * The contracts' vocabulary as the SDK names it, derived from the generated file (sdk/src/generated/vocabulary.ts,
 * written from the compiler's output on every build): enum members as lower-case words, role names, rule keys,
 * EIP-712 types. Nothing here lists a member by hand, so a new enum member or role reaches the SDK by itself.
 */
import type { Hex } from "viem";

import { ENUMS, ERRORS, NUMBERS, ROLE_IDS, SHORT_STRINGS, TYPED_DATA } from "./generated/vocabulary.js";

export { ENUMS, ERRORS, NUMBERS, ROLE_IDS, SHORT_STRINGS, TYPED_DATA };

/** A Solidity member name as the SDK's word: snake_case, lower-case (`MembersVote` → `members_vote`). */
export type Word<S extends string, First extends boolean = true> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `${First extends true ? "" : "_"}${Lowercase<C>}`}${Word<Rest, false>}`
  : "";

/** The SDK's word for a Solidity member name (see {@link Word}). */
export function wordOf<S extends string>(member: S): Word<S> {
  return member.replace(/[A-Z]/g, (c: string, at: number) => (at === 0 ? "" : "_") + c.toLowerCase()) as Word<S>;
}

/** Every enum's canonical name (`Market.BookingStatus`, `Authority`, `IGovernor.ProposalState`). */
export type EnumName = keyof typeof ENUMS;

type Words<T extends readonly string[]> = { readonly [K in keyof T]: T[K] extends string ? Word<T[K]> : never };

/** The members of enum `name` as words, in order: index = the value the contracts use. */
export function enumWords<E extends EnumName>(name: E): Words<(typeof ENUMS)[E]> {
  const members: readonly string[] = ENUMS[name];
  // The mapped tuple type is what `wordOf` gives member by member; `map` cannot say so itself.
  return members.map((m) => wordOf(m)) as readonly string[] as Words<(typeof ENUMS)[E]>;
}

/** The word of value `value` of enum `name`, or `"<name> <value>"` for a value the build does not know. */
export function enumWord<E extends EnumName>(name: E, value: number | bigint): string {
  const member: string | undefined = ENUMS[name][Number(value)];
  return member === undefined ? `${name} ${value}` : wordOf(member);
}

type Members<E extends EnumName> = (typeof ENUMS)[E][number];

/** Enum `name` as a map from member name to value (`{ Person: 0, Resource: 1, … }`), for scripts speaking Solidity. */
export function enumValues<E extends EnumName>(name: E): { readonly [M in Members<E>]: number } {
  return Object.fromEntries(ENUMS[name].map((member, i) => [member, i])) as { readonly [M in Members<E>]: number };
}

/** Enum `name` as a map from member name to value as a bigint (what ethers returns for a `uint8`). */
export function enumBigInts<E extends EnumName>(name: E): { readonly [M in Members<E>]: bigint } {
  return Object.fromEntries(ENUMS[name].map((member, i) => [member, BigInt(i)])) as {
    readonly [M in Members<E>]: bigint;
  };
}

type RoleConstant = { [C in keyof typeof ROLE_IDS]: keyof (typeof ROLE_IDS)[C] & string }[keyof typeof ROLE_IDS];

/** A role constant's name as the SDK's word: `LEADER_ROLE` → `leader`, OpenZeppelin's `DEFAULT_ADMIN_ROLE` → `admin`. */
export type RoleWord<N extends string> = N extends `DEFAULT_${infer R}_ROLE`
  ? Lowercase<R>
  : N extends `${infer R}_ROLE`
    ? Lowercase<R>
    : never;

/** The SDK's word for a role constant (see {@link RoleWord}). */
export function roleWordOf<N extends string>(constant: N): RoleWord<N> {
  return constant
    .replace(/^DEFAULT_/, "")
    .replace(/_ROLE$/, "")
    .toLowerCase() as RoleWord<N>;
}

/** Every role id of the Weconet contracts (Membership's, the timelock's, AccessControl's admin), by word. */
const roleIds: Record<string, Hex> = Object.fromEntries(
  Object.values(ROLE_IDS).flatMap((roles) => Object.entries(roles).map(([name, id]) => [roleWordOf(name), id])),
);
export const ROLES = roleIds as { readonly [N in RoleConstant as RoleWord<N>]: Hex };

/** The roles Membership itself declares (manager, leader, developer), in declaration order. */
export const MEMBERSHIP_ROLES = Object.keys(ROLE_IDS.Membership).map(roleWordOf) as RoleWord<
  keyof typeof ROLE_IDS.Membership
>[];

/** The keys of the network rules (NetworkRules' short-string constants), as their text: "marketFeeBps", … */
export const RULE_NAMES = Object.values(SHORT_STRINGS.NetworkRules);
export type RuleName = (typeof SHORT_STRINGS.NetworkRules)[keyof typeof SHORT_STRINGS.NetworkRules];
