import { Markdown } from "./Markdown";

/** A description without its first line, the title (shown as the heading beside it: see the SDK's titleOf). */
export function descriptionBody(description: string): string {
  return description.split("\n").slice(1).join("\n").trim();
}

/**
 * A proposal's title and its description below it, rendered as Markdown: the propose form's preview and the
 * proposal's page show a description through this one component, so voters read what the proposer previewed.
 */
export function ProposalText({
  title,
  description,
  level = 2,
  headingId,
}: {
  title: string;
  description: string;
  level?: 1 | 2 | 3;
  headingId?: string;
}) {
  const Heading = (["h1", "h2", "h3"] as const)[level - 1] ?? "h2";
  const body = descriptionBody(description);
  return (
    <div className="proposal-text" data-testid="proposal-text">
      <Heading className="proposal-title" id={headingId}>
        {title}
      </Heading>
      {body === "" ? <p className="muted small">No description beyond the title.</p> : <Markdown text={body} />}
    </div>
  );
}
