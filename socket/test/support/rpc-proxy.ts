import { createServer, type Server } from "node:http";

/**
 * A JSON-RPC proxy in front of the test chain that counts what passes (methods, batches) and can be switched off,
 * so tests can see the socket batch its checks and fail closed when the chain cannot be reached.
 */
export interface RpcProxy {
  url: string;
  /** While down, every connection is dropped (as a node that is gone). */
  down: boolean;
  /** Each HTTP request's JSON-RPC methods (a batch has several). */
  requests: string[][];
  /** How many calls of `method` passed. */
  count: (method: string) => number;
  reset: () => void;
  close: () => Promise<void>;
}

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  const requests: string[][] = [];
  const server: Server = createServer((req, res) => {
    if (proxy.down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const parsed = JSON.parse(body) as { method: string } | { method: string }[];
      requests.push(Array.isArray(parsed) ? parsed.map((p) => p.method) : [parsed.method]);
      void fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body })
        .then(async (answer) => {
          res.writeHead(answer.status, { "content-type": "application/json" });
          res.end(await answer.text());
        })
        .catch(() => req.socket.destroy());
    });
  });
  const proxy: RpcProxy = {
    url: "",
    down: false,
    requests,
    count: (method) => requests.flat().filter((m) => m === method).length,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  return proxy;
}
