import { failureMessage } from "@/lib/failure";
import { headOf } from "@/lib/refresh";
import { answer, serverOf } from "@/server/respond";

/**
 * The chain's head as the server watches it (lib/changes.ts): the latest block, its time and each read's version
 * (lib/refresh.ts). The browser polls it and refreshes the reads whose version changed.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ chainId: string }> }) {
  const server = await serverOf((await params).chainId);
  if (server instanceof Response) return server;
  try {
    return answer({ value: headOf(await server.head.head()) });
  } catch (error) {
    return answer({ error: failureMessage(error) }, 502);
  }
}
