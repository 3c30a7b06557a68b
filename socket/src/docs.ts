/**
 * The readable API reference at /docs, generated from the OpenAPI document itself (no script, no CDN): each
 * operation with its parameters, body, responses and the schemas they use.
 */
interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function schemaText(schema: unknown): string {
  if (schema === undefined) return "";
  const ref = (schema as { $ref?: string }).$ref;
  if (typeof ref === "string") {
    const name = ref.split("/").pop() ?? ref;
    return `<a href="#schema-${escape(name)}">${escape(name)}</a>`;
  }
  return `<code>${escape(JSON.stringify(schema))}</code>`;
}

export function renderDocs(doc: {
  info: { title: string; version: string; description?: string };
  paths?: object;
  components?: { schemas?: object };
}): string {
  const ops: string[] = [];
  // The generator's path items are plain JSON objects of operations.
  for (const [path, methods] of Object.entries(doc.paths ?? {}) as [string, Record<string, Operation>][]) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${escape(p.name)}</code> (${escape(p.in)}${p.required === true ? ", required" : ""}) ${schemaText(p.schema)}</li>`,
        )
        .join("");
      const body = Object.entries(op.requestBody?.content ?? {})
        .map(([type, c]) => `<li>${escape(type)} ${schemaText(c.schema)}</li>`)
        .join("");
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => {
          const content = Object.entries(r.content ?? {})
            .map(([type, c]) => `${escape(type)} ${schemaText(c.schema)}`)
            .join(", ");
          return `<li><b>${escape(status)}</b> ${escape(r.description ?? "")} ${content}</li>`;
        })
        .join("");
      ops.push(
        `<section id="${escape(`${method}-${path}`)}"><h3><span class="m">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>` +
          `<p>${escape(op.summary ?? "")}${op.security !== undefined ? " <em>(Authorization: Bearer &lt;session token&gt;)</em>" : ""}</p>` +
          (params === "" ? "" : `<h4>Parameters</h4><ul>${params}</ul>`) +
          (body === "" ? "" : `<h4>Body</h4><ul>${body}</ul>`) +
          `<h4>Responses</h4><ul>${responses}</ul></section>`,
      );
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? ({} as Record<string, unknown>))
    .map(
      ([name, s]) =>
        `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(s, null, 2))}</pre></section>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
section{border-top:1px solid #ddd;padding:.5rem 0}.m{background:#234;color:#fff;padding:0 .4rem;border-radius:3px}
pre{background:#f6f6f6;padding:.5rem;overflow:auto}code{font-size:.9em}</style></head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1><p>${escape(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are <code>{ "error": { "code", "message", "reason"? } }</code>.</p>
<h2>Operations</h2>${ops.join("")}<h2>Schemas</h2>${schemas}</body></html>`;
}
