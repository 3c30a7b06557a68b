import { checkResource, type Attribute, type MemberStatus, type ResourceDocument } from "@weconet/sdk";

/** One thing a visitor can do next, with where it is done (a page of the dApp) when it is done here. */
export interface NextStep {
  text: string;
  href?: string;
  link?: string;
}

/**
 * What a wallet that cannot act as a member yet can do next, by where it stands: not connected, not a member, an
 * applicant, suspended, removed. An active member has no next steps (undefined): everything is open to them.
 */
export function nextSteps(
  connected: boolean,
  status: MemberStatus | undefined,
): { headline: string; steps: NextStep[] } | undefined {
  if (!connected) {
    return {
      headline: "You are looking around without a wallet",
      steps: [
        { text: "Everything here can be read without one: the network, its rules, the market, governance, the audit." },
        { text: "To join, connect a wallet (on the local chain: one of the development accounts), then apply." },
      ],
    };
  }
  switch (status) {
    case undefined:
      return undefined;
    case "none":
      return {
        headline: "You are not a member yet",
        steps: [
          {
            text: "Apply with a short profile: a network leader reads it and admits you.",
            href: "/membership",
            link: "Apply for membership",
          },
          { text: "Once admitted you register resources, offer and book on the market, share data and propose." },
          { text: "Your one vote counts after the probation period (nobody can hold it back or delegate it)." },
        ],
      };
    case "applicant":
      return {
        headline: "Your application waits for a leader",
        steps: [
          { text: "A network leader reads your profile and admits you (or turns the application down)." },
          {
            text: "Until then you may change your profile or withdraw the application.",
            href: "/membership",
            link: "Your application",
          },
        ],
      };
    case "suspended":
      return {
        headline: "You are suspended",
        steps: [
          {
            text: "You keep your vote, but cannot act until whoever suspended you (or a higher authority) reinstates you.",
          },
          { text: "You may still leave the network.", href: "/membership", link: "Leave" },
        ],
      };
    case "removed":
      return {
        headline: "The members' vote removed you",
        steps: [{ text: "This account cannot apply again." }],
      };
    case "active":
      return undefined;
  }
}

/** What leaving does, said before the member confirms it (Membership.leave; Resources and AccessGrants follow). */
export const LEAVING_MEANS = [
  "your membership badge is burnt and your profile is cleared;",
  "your vote (if it counts yet) and every role you hold end at once;",
  "your resources and their offers can no longer be used, and the data connections you gave or received stop counting;",
  "coming back means applying again, being admitted again, and a new probation period before your vote counts.",
] as const;

/** The resource form, as typed. */
export interface ResourceDraft {
  classId: string;
  name: string;
  description: string;
}

export type ResourceErrors = Partial<Record<keyof ResourceDraft, string>>;

/** The taxonomy's classes a resource may have (Resources checks `isActiveClass(classId, Resource)`). */
export function resourceClasses(attributes: readonly Attribute[]): Attribute[] {
  return attributes.filter((a) => a.domain === "resource" && a.dataType === "class" && !a.deprecated);
}

/** Checks a resource as typed before anything is published or sent; gives its class and document. */
export function checkResourceDraft(
  draft: ResourceDraft,
  attributes: readonly Attribute[],
): { errors: ResourceErrors; classId?: number; document?: ResourceDocument; text?: string } {
  const errors: ResourceErrors = {};
  const classId = /^\d+$/.test(draft.classId) ? Number(draft.classId) : undefined;
  if (classId === undefined || !resourceClasses(attributes).some((a) => a.id === classId)) {
    errors.classId = "Choose what kind of resource it is.";
  }
  const checked = checkResource({ name: draft.name, description: draft.description });
  if (!checked.ok) Object.assign(errors, checked.errors);
  if (classId === undefined || !checked.ok || Object.keys(errors).length > 0) return { errors };
  return { errors, classId, document: checked.document, text: checked.text };
}
