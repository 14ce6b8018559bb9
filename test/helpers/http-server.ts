/**
 * A real HTTP server on 127.0.0.1 for integration tests: fixed routes (status, headers, body), handler
 * routes for anything dynamic (redirects, drips, compressed bodies), and files served from a folder.
 * It listens on port 0 so tests never collide, records every request so tests can assert what was sent,
 * and closes every open connection on close() so a test that aborted a download does not hang.
 */
import { createReadStream, statSync } from "node:fs";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, resolve, sep } from "node:path";

/** A fixed answer. */
export interface StaticRoute {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/** A dynamic answer; write to `res` as in node:http. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A route: a fixed answer, a handler, or a fixed answer object carrying a handler. */
export type Route = StaticRoute | RouteHandler | { handler: RouteHandler };

/** What the server saw of one request. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** Options of startTestServer. */
export interface TestServerOptions {
  /** Keyed by path; a key with "?" must match path and query exactly, otherwise the pathname is matched. */
  routes?: Record<string, Route>;
  /** Files under this folder are served by path when no route matches. */
  staticDir?: string;
}

/** A running test server. */
export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:39123 */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Requests received for one pathname. */
  hits(pathname: string): number;
  /** Adds or replaces a route while the server runs. */
  route(path: string, route: Route): void;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".xml": "application/xml",
  ".rss": "application/rss+xml",
  ".atom": "application/atom+xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".opml": "text/x-opml",
};

/** Starts a server on 127.0.0.1, port 0. Unknown paths answer 404 "not found". */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const routes = new Map<string, Route>(Object.entries(options.routes ?? {}));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const staticRoot = options.staticDir ? resolve(options.staticDir) : null;

  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const pathname = path.split("?")[0];
    requests.push({ method: req.method ?? "GET", path, headers: req.headers });
    // A client that gives up mid-body makes writes fail; that is expected in these tests.
    res.on("error", () => undefined);
    const route = routes.get(path) ?? routes.get(pathname);
    void serve(route, req, res, pathname).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });

  async function serve(
    route: Route | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ) {
    if (typeof route === "function") return route(req, res);
    if (route && "handler" in route) return route.handler(req, res);
    if (route) {
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(route.body ?? "");
      return;
    }
    if (staticRoot) {
      const file = resolve(staticRoot, "." + decodeURIComponent(pathname));
      if (file.startsWith(staticRoot + sep)) {
        const stat = statSafe(file);
        if (stat?.isFile()) {
          res.writeHead(200, {
            "content-type":
              CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
            "content-length": String(stat.size),
          });
          createReadStream(file).pipe(res);
          return;
        }
      }
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }

  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    hits: (pathname) => requests.filter((r) => r.path.split("?")[0] === pathname).length,
    route: (path, route) => {
      routes.set(path, route);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

function statSafe(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
