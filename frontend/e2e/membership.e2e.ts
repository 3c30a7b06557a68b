import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { blockNumber, confirmed, connectAs, openBrowser, screenshot, type Session } from "./support/browser";
import { connectInjected, injectWallet } from "./support/wallet";

let s: Session;
let newcomer = "";
/** A funded development account that is none of the demo's people (they use 0–11, the socket's operator 12). */
const NEWCOMER_ACCOUNT = 17;

beforeAll(async () => {
  s = await openBrowser();
  newcomer = await injectWallet(s.page, NEWCOMER_ACCOUNT);
});
afterAll(() => s?.close());

/** Disconnects whoever is connected. */
async function disconnect(): Promise<void> {
  await s.page.getByRole("button", { name: "Disconnect" }).click();
  await s.page.getByRole("button", { name: "Connect wallet" }).waitFor();
}

/** Submits `form` as it is and checks that field errors appear and nothing was sent to the chain. */
async function refusedLocally(form: ReturnType<Session["page"]["getByTestId"]>, button: string, errors: string[]) {
  const before = await blockNumber();
  await form.getByRole("button", { name: button }).click();
  for (const error of errors) await form.getByText(error).waitFor();
  expect(await form.locator('[data-tx-status="signing"], [data-tx-status="pending"]').count()).toBe(0);
  expect(await blockNumber()).toBe(before);
}

describe("a new wallet joins, keeps its profile and a resource, and leaves", () => {
  it("is shown what it can do next, and applies with a profile (bad input first: field errors, nothing sent)", async () => {
    const { page } = s;
    await page.goto("/");
    await page.getByTestId("next-steps").getByText("You are looking around without a wallet").waitFor();
    await connectInjected(page);
    const next = page.getByTestId("next-steps");
    await next.getByText("You are not a member yet").waitFor();
    await next.getByRole("link", { name: "Apply for membership" }).click();
    await page.waitForURL("**/membership");

    const form = page.getByTestId("profile-form");
    await refusedLocally(form, "Apply for membership", ["Enter your name.", "Enter a few words about you."]);
    await form.getByLabel("Name").fill("x".repeat(81));
    await refusedLocally(form, "Apply for membership", ["Your name has at most 80 characters (this has 81)."]);

    await form.getByLabel("Name").fill("Noor");
    await form.getByLabel("About you").fill("Repairs bicycles in Utrecht; would like to offer repairs.");
    await form.getByLabel("Contact (optional)").fill("noor@example.org");
    await form.getByRole("button", { name: "Apply for membership" }).click();
    await confirmed(form);
    await expect
      .poll(() => form.locator('[data-socket-status="done"]').textContent())
      .toMatch(/published in the data socket/);

    const application = page.getByTestId("application");
    await application.getByText("It waits for a network leader to admit you.").waitFor();
    await application.getByTestId("profile").getByText("Noor", { exact: true }).waitFor();
    await page.getByTestId("withdraw").getByRole("button", { name: "Withdraw my application" }).waitFor();
    await screenshot(page, "membership-applied");
  });

  it("a leader reads the profile and admits it", async () => {
    const { page } = s;
    await disconnect();
    await page.goto("/leaders");
    await connectAs(page, "lars");
    const row = page.getByTestId("applicants").locator(`tr[data-account="${newcomer}"]`);
    await row.getByTestId("profile").getByText("Repairs bicycles in Utrecht", { exact: false }).waitFor();
    await row.getByRole("button", { name: "Admit" }).click();
    await confirmed(row);
  });

  it("the member edits its profile", async () => {
    const { page } = s;
    await disconnect();
    await page.goto("/membership");
    await connectInjected(page);
    const mine = page.getByTestId("my-profile");
    await mine.getByTestId("profile").getByText("Noor", { exact: true }).waitFor();
    const form = page.getByTestId("profile-form");
    await expect.poll(() => form.getByLabel("Name").inputValue()).toBe("Noor");
    await form.getByLabel("About you").fill("");
    await refusedLocally(form, "Save profile", ["Enter a few words about you."]);
    await form.getByLabel("About you").fill("Repairs bicycles and cargo bikes in Utrecht.");
    await form.getByRole("button", { name: "Save profile" }).click();
    await confirmed(form);
    await expect
      .poll(() => mine.getByTestId("profile").textContent())
      .toContain("Repairs bicycles and cargo bikes in Utrecht.");
  });

  it("the market sends a member without resources to register one", async () => {
    const { page } = s;
    await page.goto("/market");
    await page.getByTestId("no-resources").getByRole("link", { name: "register a resource" }).click();
    await page.waitForURL("**/membership#resources");
    await page.getByTestId("register-resource-form").waitFor();
  });

  it("registers a resource of a taxonomy class, edits it, switches it off and on", async () => {
    const { page } = s;
    const form = page.getByTestId("register-resource-form");
    await refusedLocally(form, "Register resource", [
      "Choose what kind of resource it is.",
      "Enter the resource's name.",
      "Enter a description.",
    ]);
    await form.getByLabel("Kind of resource").selectOption({ label: "bike" });
    await form.getByLabel("Name").fill("Cargo bike");
    await form.getByLabel("Description").fill("Carries 100 kg; rented by the day.");
    await form.getByRole("button", { name: "Register resource" }).click();
    const resources = page.getByTestId("my-resources");
    const row = resources.locator("[data-resource]").filter({ hasText: "Cargo bike" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Carries 100 kg; rented by the day.");
    expect(await row.getByTestId("resource-state").textContent()).toBe("in use");

    await row.getByRole("button", { name: "Edit" }).click();
    const edit = row.getByTestId("edit-resource-form");
    await edit.getByLabel("Name").fill("");
    await refusedLocally(edit, "Save resource", ["Enter the resource's name."]);
    await edit.getByLabel("Name").fill("Electric cargo bike");
    await edit.getByRole("button", { name: "Save resource" }).click();
    const renamed = resources.locator("[data-resource]").filter({ hasText: "Electric cargo bike" });
    await renamed.waitFor();

    await renamed.getByRole("button", { name: "Switch off" }).click();
    await renamed.getByRole("button", { name: "Yes, switch it off" }).click();
    await confirmed(renamed);
    await expect.poll(() => renamed.getByTestId("resource-state").textContent()).toBe("switched off");
    await renamed.getByRole("button", { name: "Switch on" }).click();
    await expect.poll(() => renamed.getByTestId("resource-state").textContent()).toBe("in use");
    await screenshot(page, "membership-resource");
  });

  it("leaves, after a confirmation that says what leaving does", async () => {
    const { page } = s;
    const leave = page.getByTestId("leave");
    await leave.getByRole("button", { name: "Leave the network" }).click();
    await leave.getByText("your membership badge is burnt and your profile is cleared;").waitFor();
    await leave.getByText("your vote (if it counts yet) and every role you hold end at once;").waitFor();
    await leave.getByRole("button", { name: "Yes, leave the network" }).click();
    await page.getByTestId("next-steps").getByText("You are not a member yet").waitFor();
    await page.getByTestId("profile-form").getByRole("button", { name: "Apply for membership" }).waitFor();
    await screenshot(page, "membership-left");
  });
});
