import { failureMessage } from "@/lib/failure";
import { answer, serverOf } from "@/server/respond";

/**
 * The chain's head as the server watches it (lib/changes.ts): the latest block and what changed up to it. The
 * browser polls it and refreshes the reads whose tables or contracts moved.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ chainId: string }> }) {
  const server = await serverOf((await params).chainId);
  if (server instanceof Response) return server;
  try {
    return answer(await server.head.head());
  } catch (error) {
    return answer({ error: failureMessage(error) }, 502);
  }
}
