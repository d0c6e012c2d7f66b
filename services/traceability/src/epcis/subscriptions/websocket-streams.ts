import { randomUUID } from 'node:crypto';
import { IncomingMessage, STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InvalidTokenError, Principal, TokenVerifier } from '@pujiang/auth';
import { PROBLEM_CONTENT_TYPE } from '@pujiang/http';
import { WebSocket, WebSocketServer } from 'ws';
import { TraceRole } from '../trace-roles';
import {
  InvalidSubscription,
  SUBSCRIPTION_PROBLEM,
  parseWebSocketSubscription,
} from './domain/subscription-request';
import { NOT_FOUND_PROBLEM } from './named-queries.service';
import { NamedQueryStore } from './named-query.store';
import { SubscriptionStore } from './subscription.store';

const STREAM_PATH = /^\/queries\/([^/]+)\/events$/;

/** How often a held stream is marked alive; a holder silent for 4 beats is taken for dead. */
const HEARTBEAT_MS = 15_000;
const STALE_MS = 4 * HEARTBEAT_MS;

/**
 * The binding's WebSocket subscriptions: GET /queries/{name}/events with
 * `Upgrade: websocket` and `stream=true`. The handshake is authenticated as
 * every other route (bearer token, trace:query) and the query must be the
 * caller's own. Each open socket is a subscription row held by this
 * instance, fed by the same delivery outbox as webhooks; closing the socket
 * ends the subscription.
 */
@Injectable()
export class WebSocketStreams implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Which instance holds a socket: deliveries for it are sent only from here. */
  readonly holder = randomUUID();
  private readonly logger = new Logger(WebSocketStreams.name);
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly sockets = new Map<string, WebSocket>();
  /** Subscriptions made for a handshake ws has not yet completed, by its request. */
  private readonly opening = new WeakMap<IncomingMessage, string>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
    private readonly queries: NamedQueryStore,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  onApplicationBootstrap(): void {
    const http = this.adapterHost.httpAdapter.getHttpServer() as {
      on(event: 'upgrade', listener: (r: IncomingMessage, s: Duplex, h: Buffer) => void): void;
    };
    http.on('upgrade', (request, socket, head) => {
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.logger.error({ err: error }, 'WebSocket handshake failed');
        refuse(request, socket, 500, 'the subscription could not be opened');
      });
    });
    // A handshake ws itself refuses (no Sec-WebSocket-Key, an unknown version…) is answered
    // as problem+json like every other refusal, and the subscription made for it removed.
    this.server.on('wsClientError', (error: Error, socket: Duplex, request: IncomingMessage) => {
      const pending = this.opening.get(request);
      const status = request.method === 'GET' ? 400 : 405;
      // Answered once the subscription is gone: a client told no never finds it listed.
      void (pending === undefined ? Promise.resolve() : this.subscriptions.delete(pending))
        .catch((failure: unknown) => {
          this.logger.warn({ err: failure }, 'refused stream not removed; the heartbeat will');
        })
        .then(() => refuse(request, socket, status, error.message, SUBSCRIPTION_PROBLEM));
    });
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const socket of this.sockets.values()) socket.close(1001, 'service stopping');
    await Promise.all([...this.sockets.keys()].map((id) => this.subscriptions.delete(id)));
    this.sockets.clear();
  }

  /** Sends one delivery on its socket; false if this instance no longer holds it. */
  send(subscriptionId: string, body: string): Promise<boolean> {
    const socket = this.sockets.get(subscriptionId);
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    // ws calls back with no error, or null, once the frame is written.
    return new Promise((resolve) =>
      socket.send(body, (error) => resolve(error === undefined || error === null)),
    );
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const name = STREAM_PATH.exec(url.pathname)?.[1];
    if (name === undefined) return refuse(request, socket, 404, 'no WebSocket resource here');
    const caller = await this.authenticate(request.headers.authorization);
    if (typeof caller === 'string') return refuse(request, socket, 401, caller);
    if (!caller.roles.includes(TraceRole.query)) {
      return refuse(request, socket, 403, `this action needs the role ${TraceRole.query}`);
    }
    const query = await this.queries.find(caller, decodePathSegment(name));
    if (query === undefined)
      return refuse(request, socket, 404, 'no such query', NOT_FOUND_PROBLEM);
    let controls;
    try {
      controls = parseWebSocketSubscription(url.searchParams);
    } catch (error) {
      if (!(error instanceof InvalidSubscription)) throw error;
      return refuse(request, socket, 400, error.message, SUBSCRIPTION_PROBLEM);
    }
    // Subscribed before the handshake answers, so every event captured once the client sees
    // the socket open is matched; held (sent to) only once the socket is registered here.
    const subscription = await this.subscriptions.create(query.id, 'websocket', {
      ...controls,
      holder: `${this.holder}:opening`,
    });
    this.opening.set(request, subscription.subscriptionID);
    this.server.handleUpgrade(request, socket, head, (ws) => {
      this.sockets.set(subscription.subscriptionID, ws);
      void this.subscriptions
        .hold(subscription.subscriptionID, this.holder)
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'stream not held; closing it');
          ws.close(1011, 'the subscription could not be opened');
        });
      ws.on('close', () => {
        this.sockets.delete(subscription.subscriptionID);
        void this.subscriptions.delete(subscription.subscriptionID).catch((error: unknown) => {
          this.logger.warn({ err: error }, 'closed stream not removed; the heartbeat will');
        });
      });
    });
  }

  private async authenticate(header: string | undefined): Promise<Principal | string> {
    const token =
      header === undefined ? undefined : /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header)?.[1];
    if (token === undefined) return 'a bearer token is required';
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) return error.message;
      throw error;
    }
  }

  /** Keeps held streams alive in the database and closes those whose query was deleted. */
  private async beat(): Promise<void> {
    try {
      const alive = await this.subscriptions.heartbeat(
        this.holder,
        [...this.sockets.keys()],
        STALE_MS,
      );
      for (const [id, socket] of this.sockets) {
        if (!alive.has(id)) socket.close(1000, 'the query or subscription was deleted');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'stream heartbeat failed; trying again');
    }
  }
}

/** The segment as its characters; a malformed escape names no query ('' is none). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/**
 * Answers a refused handshake as problem+json, as the HTTP routes would: the request's
 * path as `instance` and a correlation id (the client's X-Request-Id, as libs/http takes it).
 */
function refuse(
  request: IncomingMessage,
  socket: Duplex,
  status: number,
  detail: string,
  type = 'about:blank',
): void {
  const title = STATUS_CODES[status] ?? 'Error';
  const given = request.headers['x-request-id'];
  const correlationId = typeof given === 'string' && given !== '' ? given : randomUUID();
  const body = JSON.stringify({
    type,
    title,
    status,
    detail,
    instance: request.url,
    correlationId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
