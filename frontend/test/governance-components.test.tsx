// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import type { Address, Hash } from "viem";

import type { VoteView } from "@weconet/sdk";

import { Markdown, safeHref } from "@/components/governance/Markdown";
import { descriptionBody, ProposalText } from "@/components/governance/ProposalText";
import { Tally } from "@/components/governance/Tally";
import { txHref } from "@/components/governance/Transactions";
import { VoteSide } from "@/components/governance/Vote";

import { proposal } from "./support/proposals";

const ada = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const hash = `0x${"ab".repeat(32)}` as Hash;

const rendered = (markdown: string) => {
  const { container } = render(<Markdown text={markdown} />);
  return container;
};

describe("Markdown", () => {
  it("renders headings, emphasis, lists, quotes, code and tables as elements", () => {
    const c = rendered(
      "## Why\n\nThe **fee** is _too_ high: `150` bps.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\ncode <b>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(c.querySelector("h4")?.textContent).toBe("Why");
    expect(c.querySelector("strong")?.textContent).toBe("fee");
    expect(c.querySelector("em")?.textContent).toBe("too");
    expect(c.querySelector("p code")?.textContent).toBe("150");
    expect([...c.querySelectorAll("ul li")].map((li) => li.textContent)).toEqual(["one", "two"]);
    expect([...c.querySelectorAll("ol li")].map((li) => li.textContent)).toEqual(["first", "second"]);
    expect(c.querySelector("blockquote")?.textContent).toBe("quoted");
    expect(c.querySelector("pre code")?.textContent).toBe("code <b>");
    expect(c.querySelector("pre b")).toBeNull();
    expect([...c.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["1", "2"]);
  });

  it("links only to http(s) and mailto, never loading images", () => {
    const c = rendered(
      "[site](https://example.org/a) [mail](mailto:a@example.org) [bad](javascript:alert(1)) [rel](/governance) ![pixel](https://example.org/p.png)",
    );
    const links = [...c.querySelectorAll("a")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "https://example.org/a",
      "mailto:a@example.org",
      "https://example.org/p.png",
    ]);
    expect(links.every((a) => a.getAttribute("rel")?.includes("noopener") === true)).toBe(true);
    expect(c.textContent).toContain("bad");
    expect(c.textContent).toContain("image: pixel");
    expect(c.querySelector("img")).toBeNull();
  });

  it.each([
    ["a script element", "<script>window.__xss = 1</script>"],
    ["an image with onerror", '<img src="x" onerror="window.__xss = 1">'],
    ["an inline handler", 'Hi <span onmouseover="window.__xss = 1">there</span>'],
    ["an iframe", '<iframe src="javascript:window.__xss = 1"></iframe>'],
    ["a javascript: link", "[click](javascript:window.__xss=1)"],
    ["an entity-encoded javascript: link", "[click](&#106;avascript:window.__xss=1)"],
    ["a data: link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["a vbscript: autolink", "<vbscript:msgbox(1)>"],
    ["an svg with onload", '<svg onload="window.__xss = 1"></svg>'],
    ["a javascript: image", "![x](javascript:window.__xss=1)"],
  ])("shows %s as text, with no element or handler made of it", (_name, payload) => {
    const c = rendered(`Before\n\n${payload}\n\nAfter`);
    expect(c.querySelector("script, iframe, img, svg, object, embed, style")).toBeNull();
    for (const el of c.querySelectorAll("*")) {
      for (const attr of el.attributes) expect(attr.name.startsWith("on")).toBe(false);
      const href = el.getAttribute("href");
      if (href !== null) expect(href).toMatch(/^(https?|mailto):/);
    }
    expect((window as { __xss?: number }).__xss).toBeUndefined();
    expect(c.textContent).toContain("Before");
    expect(c.textContent).toContain("After");
  });

  it("shows raw HTML as the text it is", () => {
    const c = rendered("<b>bold?</b>\n\ntext <i>inline</i> here");
    expect(c.querySelector("b, i")).toBeNull();
    expect(c.textContent).toContain("<b>bold?</b>");
    expect(c.textContent).toContain("text <i>inline</i> here");
  });

  it("checks URLs by their protocol", () => {
    expect(safeHref("https://example.org")).toBe("https://example.org/");
    expect(safeHref(" JAVASCRIPT:alert(1)")).toBeUndefined();
    expect(safeHref("/relative")).toBeUndefined();
    expect(safeHref("ftp://example.org")).toBeUndefined();
  });
});

describe("ProposalText", () => {
  it("shows the title as its heading and the rest of the description as Markdown", () => {
    render(<ProposalText title="Lower the fee" description={"# Lower the fee\n\nIt is **too** high."} level={1} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Lower the fee");
    expect(screen.getByText("too").tagName).toBe("STRONG");
    expect(descriptionBody("# T\n\nbody\nmore")).toBe("body\nmore");
  });
});

describe("Tally", () => {
  it("shows quorum and turnout against the members whose vote counts at the snapshot", () => {
    render(<Tally proposal={proposal()} />);
    expect(screen.getByTestId("quorum").textContent).toBe("Quorum: 3 of 2 needed (for + abstain)");
    expect(screen.getByTestId("turnout").textContent).toBe("Turnout: 4 of 10 members (40%)");
  });

  it("does not show a quorum of 0 of 0 for a pending proposal", () => {
    render(
      <Tally
        proposal={proposal({
          state: "pending",
          quorum: null,
          eligible: null,
          votes: { for: 0n, against: 0n, abstain: 0n },
          voters: 0,
        })}
      />,
    );
    expect(screen.getByTestId("quorum").textContent).toBe(
      "Quorum: set when voting opens, from the members whose vote counts then",
    );
    expect(screen.getByTestId("tally").textContent).not.toMatch(/0 of 0/);
    expect(screen.queryByTestId("turnout")).toBeNull();
  });
});

describe("VoteSide", () => {
  const vote: VoteView = {
    proposalId: 123n,
    voter: ada,
    support: "against",
    weight: 1n,
    reason: "Too soon.",
    block: 9n,
    timestamp: 1_700_000_000,
    tx: hash,
  };
  const form = () => <form data-testid="vote-form" />;

  it("replaces the form by the member's vote once cast", () => {
    render(<VoteSide open connected mine={[vote]} form={form} />);
    expect(screen.queryByTestId("vote-form")).toBeNull();
    expect(screen.getByTestId("my-vote").textContent).toMatch(/^You voted Against on .+: “Too soon\.”$/);
  });

  it("shows the form while the vote is open and they have not voted", () => {
    render(<VoteSide open connected mine={[]} form={form} />);
    expect(screen.getByTestId("vote-form")).toBeTruthy();
    expect(screen.queryByTestId("my-vote")).toBeNull();
  });

  it("shows no form before their votes are read, nor once the vote closed", () => {
    const { rerender } = render(<VoteSide open connected mine={undefined} form={form} />);
    expect(screen.queryByTestId("vote-form")).toBeNull();
    rerender(<VoteSide open={false} connected mine={[]} form={form} />);
    expect(screen.queryByTestId("vote-form")).toBeNull();
    rerender(<VoteSide open connected={false} mine={undefined} form={form} />);
    expect(screen.getByText("Connect a wallet to vote.")).toBeTruthy();
  });
});

describe("transaction links", () => {
  it("go to the chain's explorer, or to the audit trail of the proposal without one", () => {
    expect(txHref(hash, "https://sepolia.etherscan.io/", 5n)).toBe(`https://sepolia.etherscan.io/tx/${hash}`);
    expect(txHref(hash, null, 5n)).toBe("/audit?proposal=5");
  });
});
