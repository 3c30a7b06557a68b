import { decode } from "@/lib/codec";
import { failureMessage } from "@/lib/failure";
import { isReadName } from "@/lib/registry";
import { answer, serverOf } from "@/server/respond";

/**
 * One of the pages' reads (lib/reads.ts), run by the server's SDK client of the chain: `{ name, args }` in, `{ value }`
 * or `{ error }` (in words) out, in the dApp's codec.
 */
export async function POST(request: Request, { params }: { params: Promise<{ chainId: string }> }) {
  const server = await serverOf((await params).chainId);
  if (server instanceof Response) return server;
  let body: unknown;
  try {
    body = decode(await request.text());
  } catch {
    return answer({ error: "the request is not JSON" }, 400);
  }
  const { name, args, atLeast } = (typeof body === "object" && body !== null ? body : {}) as {
    name?: unknown;
    args?: unknown;
    atLeast?: unknown;
  };
  if (!isReadName(server.reads, name)) return answer({ error: `there is no read named ${JSON.stringify(name)}` }, 400);
  if (!Array.isArray(args)) return answer({ error: `the arguments of ${name} must be a list` }, 400);
  if (atLeast !== undefined && typeof atLeast !== "bigint") return answer({ error: "atLeast must be a block" }, 400);
  try {
    // The arguments are data from the browser: the read checks them and says what is wrong.
    const value = await server.cache.read(name, args, atLeast);
    return answer({ value });
  } catch (error) {
    return answer({ error: failureMessage(error) }, 500);
  }
}
