import { describe, expect, it } from "vitest";

import { SocketError } from "@weconet/sdk";

import { failureMessage } from "@/lib/failure";
import { needsSignIn, refusalLabel, refusalText, socketErrorText } from "@/lib/socket-errors";

const refused = (reason: string) => new SocketError(`not authorized (${reason})`, "not_authorized", 403, reason);

describe("the socket's errors in words", () => {
  it("says why a read was refused, for every refusal reason", () => {
    expect(socketErrorText(refused("no_consent"))).toBe(
      "No live connection from the owner shares this attribute with you (never granted, or closed): the socket refused the read.",
    );
    expect(socketErrorText(refused("expired"))).toBe(
      "The connection that shared it has expired: the socket refused the read.",
    );
    for (const reason of [
      "attribute_deprecated",
      "owner_not_active",
      "grantee_not_active",
      "application_not_live",
      "not_a_party",
    ]) {
      expect(socketErrorText(refused(reason))).not.toContain(reason);
    }
    expect(refusalText("a_new_reason")).toBe("A_new_reason: the socket refused the read.");
  });

  it("words each code, adding the socket's details where they say what exactly was wrong", () => {
    expect(socketErrorText(new SocketError("session expired", "session_expired", 401))).toBe(
      "Your session with the data socket has expired: sign in again.",
    );
    expect(socketErrorText(new SocketError('"x" is not an email address', "wrong_type", 400))).toBe(
      `The value does not fit the attribute's data type: "x" is not an email address`,
    );
    expect(socketErrorText(new SocketError("fetch failed", "network", 0))).toBe(
      "The data socket cannot be reached: fetch failed",
    );
    expect(socketErrorText(new SocketError("chain down", "chain_unreachable", 503))).toMatch(/fails closed/);
    expect(socketErrorText(new SocketError("attribute 99 is not in the taxonomy", "unknown_attribute", 400))).toBe(
      "The taxonomy has no such attribute: attribute 99 is not in the taxonomy",
    );
  });

  it("is what every page shows for a socket failure", () => {
    expect(failureMessage(refused("expired"))).toBe(
      "The connection that shared it has expired: the socket refused the read.",
    );
  });

  it("knows when the member must sign in again", () => {
    expect(needsSignIn(new SocketError("no session", "unauthenticated", 401))).toBe(true);
    expect(needsSignIn(new SocketError("expired", "session_expired", 401))).toBe(true);
    expect(needsSignIn(refused("no_consent"))).toBe(false);
    expect(needsSignIn(new Error("other"))).toBe(false);
  });

  it("labels refusals briefly in the owner's receipts", () => {
    expect(refusalLabel("no_consent")).toBe("no open connection");
    expect(refusalLabel(null)).toBe("refused");
    expect(refusalLabel("something_new")).toBe("something_new");
  });
});
