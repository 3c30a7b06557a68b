import { AUTHORITY_LEVELS, type AuthorityLevel } from "./errors.js";
import type { ApplicationView } from "./reads/applications.js";
import type { MemberView } from "./reads/members.js";

/** What one account may do to a member by Membership's oversight rule, now. */
export interface Oversight {
  /** `suspend` would pass: the member is active, or suspended by a lower authority (raising it). */
  suspend: boolean;
  /** `reinstate` would pass: the member is suspended by this authority or a lower one. */
  reinstate: boolean;
  /** The authority `actor` acts with over this member; "none" when it has none. */
  authority: AuthorityLevel;
  /** Granting or revoking the developer role would pass (its admin is the leader role: an active leader's). */
  grantDeveloper: boolean;
  revokeDeveloper: boolean;
}

const NONE = { suspend: false, reinstate: false, authority: "none" } as const;
const rank = (level: AuthorityLevel) => AUTHORITY_LEVELS.indexOf(level);

/**
 * The one statement, outside the contract, of who oversees whom (Membership `_checkOversight`, `suspend`,
 * `reinstate`), so that a page offers only what would pass: nobody but the members' vote acts on the manager; the
 * manager (holding its role, active) acts on anyone else with the manager's authority; an active leader acts on
 * members who hold no leader role (usable or not) with a leader's. A suspension is raised only by a higher authority
 * and lifted only by the same or a higher one. The members' vote (the governance executor) is no wallet: it is not
 * an `actor` here. The developer role's admin is the leader role (an active leader grants and revokes it).
 * sdk/test/oversight.test.ts holds this to the contract for every pair of a network's people.
 */
export function oversightOf(actor: MemberView | undefined, member: MemberView): Oversight {
  const leader = actor?.roles.includes("leader") === true;
  const developer = member.heldRoles.includes("developer");
  const roles = {
    // A role goes to active members only; its admin must hold the admin role, active.
    grantDeveloper: leader && member.status === "active" && !developer,
    revokeDeveloper: leader && developer,
  };
  return { ...suspensionOf(actor, member), ...roles };
}

function suspensionOf(actor: MemberView | undefined, member: MemberView): Omit<Oversight, keyof DeveloperRole> {
  if (actor === undefined || member.isManager) return NONE;
  let authority: AuthorityLevel;
  if (actor.isManager) {
    if (!actor.roles.includes("manager")) return NONE;
    authority = "manager";
  } else {
    if (member.heldRoles.includes("leader") || !actor.roles.includes("leader")) return NONE;
    authority = "leader";
  }
  const suspended = member.status === "suspended";
  return {
    authority,
    suspend: member.status === "active" || (suspended && rank(authority) > rank(member.suspendedBy)),
    reinstate: suspended && rank(authority) >= rank(member.suspendedBy),
  };
}

type DeveloperRole = Pick<Oversight, "grantDeveloper" | "revokeDeveloper">;

/** What one account may do to an application by the Applications registry's rule, now. */
export type ApplicationOversight = Pick<Oversight, "suspend" | "reinstate" | "authority">;

/**
 * The registry's rule (Applications `_authorityOf`, `suspend`, `reinstate`) outside the contract: an active manager
 * acts with the manager's authority, an active leader with a leader's, anyone else not at all (the members' vote is
 * no wallet). An active application is suspended by any of them; a suspension is raised only by a higher authority
 * and lifted only by the same or a higher one. sdk/test/oversight.test.ts holds this to the contract.
 */
export function applicationOversightOf(actor: MemberView | undefined, app: ApplicationView): ApplicationOversight {
  const authority: AuthorityLevel =
    actor?.roles.includes("manager") === true
      ? "manager"
      : actor?.roles.includes("leader") === true
        ? "leader"
        : "none";
  if (authority === "none") return NONE;
  const suspended = app.status === "suspended";
  return {
    authority,
    suspend: app.status === "active" || (suspended && rank(authority) > rank(app.suspendedBy)),
    reinstate: suspended && rank(authority) >= rank(app.suspendedBy),
  };
}
