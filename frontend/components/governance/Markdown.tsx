import { Fragment, type ReactNode } from "react";
import { Lexer, type Token, type Tokens } from "marked";

/**
 * A proposal's description as Markdown, the one renderer of the propose form's preview and the proposal's page (so
 * what the proposer previewed is what voters read). Safe by construction, with no HTML string ever given to the
 * DOM: marked's lexer parses the text into tokens, and each token becomes a React element from a fixed list
 * (headings, paragraphs, lists, quotes, code, tables, emphasis, links). Raw HTML is shown as the text it is, a link
 * is a link only to http(s) or mailto (anything else — `javascript:`, `data:`, relative — is its text), and an
 * image is a link to it, never loaded (no tracking pixel in a proposal).
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const tokens = Lexer.lex(text, { gfm: true, breaks: false });
  return (
    <div className={className === undefined ? "markdown" : `markdown ${className}`} data-testid="markdown">
      {blocks(tokens)}
    </div>
  );
}

/** The protocols a link may go to. */
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** `href` when it is an absolute http(s) or mailto URL, else undefined (the link is shown as its text). */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href.trim());
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text marked leaves with its character references (`&amp;`, `&#39;`) as a reader sees it. */
function decoded(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function blocks(tokens: readonly Token[]): ReactNode[] {
  return tokens.map((token, i) => <Fragment key={i}>{block(token)}</Fragment>);
}

function block(token: Token): ReactNode {
  switch (token.type) {
    case "space":
    case "def":
      return null;
    case "heading": {
      const t = token as Tokens.Heading;
      // A description's headings sit below the page's own (h1 the page, h2 its sections).
      const Tag = (["h3", "h4", "h5", "h6", "h6", "h6"] as const)[Math.min(Math.max(t.depth, 1), 6) - 1] ?? "h6";
      return <Tag>{inline(t.tokens)}</Tag>;
    }
    case "paragraph":
      return <p>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case "text": {
      const t = token as Tokens.Text;
      return <p>{t.tokens === undefined ? decoded(t.text) : inline(t.tokens)}</p>;
    }
    case "blockquote":
      return <blockquote>{blocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case "code":
      return (
        <pre>
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case "hr":
      return <hr />;
    case "list":
      return list(token as Tokens.List);
    case "table":
      return table(token as Tokens.Table);
    case "html":
      // Raw HTML is shown as what it is: text.
      return <pre className="raw-html">{(token as Tokens.HTML).raw}</pre>;
    default:
      return <p>{token.raw}</p>;
  }
}

function list(t: Tokens.List): ReactNode {
  const items = t.items.map((item, i) => (
    <li key={i}>
      {item.task && !item.tokens.some((c) => c.type === "checkbox") && (
        <input type="checkbox" checked={item.checked === true} disabled readOnly />
      )}
      {listItem(item, t.loose)}
    </li>
  ));
  if (!t.ordered) return <ul>{items}</ul>;
  return <ol start={typeof t.start === "number" && t.start !== 1 ? t.start : undefined}>{items}</ol>;
}

/** A tight list's items hold their text without paragraphs. */
function listItem(item: Tokens.ListItem, loose: boolean): ReactNode {
  return item.tokens.map((token, i) => {
    if (token.type === "checkbox") {
      return <input key={i} type="checkbox" checked={(token as Tokens.Checkbox).checked} disabled readOnly />;
    }
    if (!loose && token.type === "text") {
      const t = token as Tokens.Text;
      return <Fragment key={i}>{t.tokens === undefined ? decoded(t.text) : inline(t.tokens)}</Fragment>;
    }
    return <Fragment key={i}>{block(token)}</Fragment>;
  });
}

function table(t: Tokens.Table): ReactNode {
  const align = (i: number) => t.align[i] ?? undefined;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {t.header.map((cell, i) => (
              <th key={i} scope="col" style={{ textAlign: align(i) }}>
                {inline(cell.tokens)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} style={{ textAlign: align(i) }}>
                  {inline(cell.tokens)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function inline(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, i) => <Fragment key={i}>{span(token)}</Fragment>);
}

function span(token: Token): ReactNode {
  switch (token.type) {
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens === undefined ? decoded(t.text) : inline(t.tokens);
    }
    case "escape":
      return decoded((token as Tokens.Escape).text);
    case "strong":
      return <strong>{inline((token as Tokens.Strong).tokens)}</strong>;
    case "em":
      return <em>{inline((token as Tokens.Em).tokens)}</em>;
    case "del":
      return <del>{inline((token as Tokens.Del).tokens)}</del>;
    case "codespan":
      return <code>{decoded((token as Tokens.Codespan).text)}</code>;
    case "br":
      return <br />;
    case "link": {
      const t = token as Tokens.Link;
      const href = safeHref(t.href);
      const children = inline(t.tokens);
      if (href === undefined) return <span className="unsafe-link">{children}</span>;
      return (
        <a href={href} rel="noopener noreferrer nofollow" target="_blank" title={t.title ?? undefined}>
          {children}
        </a>
      );
    }
    case "image": {
      const t = token as Tokens.Image;
      const href = safeHref(t.href);
      const label = `image: ${t.text === "" ? t.href : decoded(t.text)}`;
      return href === undefined ? (
        <span>{label}</span>
      ) : (
        <a href={href} rel="noopener noreferrer nofollow" target="_blank">
          {label}
        </a>
      );
    }
    case "html":
      return (token as Tokens.Tag).raw;
    default:
      return token.raw;
  }
}
