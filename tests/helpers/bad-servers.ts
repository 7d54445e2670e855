import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Loopback stand-ins for targets that are not Appwrite: a port nothing listens on, a TCP server
 * that accepts and never answers, and a plain HTTP server with a fixed reply. Nothing leaves the
 * machine.
 */
export interface BadServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** A port that was free a moment ago: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections and never sends a byte: a server that hangs, or a firewall that eats replies. */
export async function silentServer(): Promise<BadServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  return listening(server, [], () => {
    for (const socket of sockets) socket.destroy();
  });
}

/** A plain HTTP server (not Appwrite) that answers every request the same way. */
export async function httpServer(status: number, contentType: string, body: string): Promise<BadServer> {
  const requests: string[] = [];
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  return listening(server, requests, () => server.closeAllConnections());
}

async function listening(server: Server, requests: string[], dropAll: () => void): Promise<BadServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}

export const HTML_404 = '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>';
