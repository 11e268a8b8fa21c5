import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** An HTTPS front for a plain-HTTP server, with a throw-away CA made by openssl for this test run. */
export interface TlsProxy {
  /** `https://127.0.0.1:PORT/api`. */
  readonly url: string;
  /** Path of the PEM file of the CA that signed the proxy's certificate. */
  readonly caFile: string;
  close(): Promise<void>;
}

/**
 * Starts an HTTPS reverse proxy on loopback port 0 in front of `targetUrl` (an `http://…/api` URL).
 * EM ships with a self-signed certificate; this reproduces that setup so TLS options can be tested.
 */
export async function startTlsProxy(targetUrl: string): Promise<TlsProxy> {
  const dir = mkdtempSync(join(tmpdir(), "em-tls-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  run(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=Test EM CA",
  );
  run(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "em.key",
    "-out",
    "em.csr",
    "-subj",
    "/CN=127.0.0.1",
  );
  writeFileSync(join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
  run(
    "x509",
    "-req",
    "-in",
    "em.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "em.pem",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
  );

  const target = new URL(targetUrl);
  const server = createServer(
    { key: readFileSync(join(dir, "em.key")), cert: readFileSync(join(dir, "em.pem")) },
    (incoming, outgoing) => {
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.destroy());
      incoming.pipe(forward);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}${target.pathname}`,
    caFile: join(dir, "ca.pem"),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
