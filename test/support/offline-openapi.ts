import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import {
  GUARDS_METADATA,
  METHOD_METADATA,
  MODULE_METADATA,
  PATH_METADATA,
} from '@nestjs/common/constants';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { describeApi } from '@pujiang/http';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The repository has no forwardRef (STYLE.md), so an import is a module or a dynamic module. */
type ModuleEntry = Type<unknown> | DynamicModule | Promise<DynamicModule>;

/** Every controller an application module declares, through all the modules it imports. */
export function controllersOf(root: Type<unknown>): Type<unknown>[] {
  const found = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const visit = (entry: ModuleEntry | undefined): void => {
    if (entry === undefined || seen.has(entry) || entry instanceof Promise) return;
    seen.add(entry);
    const dynamic = 'module' in entry ? entry : undefined;
    const type = dynamic?.module ?? (entry as Type<unknown>);
    const metadata = (key: string): unknown[] =>
      (Reflect.getMetadata(key, type) as unknown[] | undefined) ?? [];
    for (const controller of [
      ...metadata(MODULE_METADATA.CONTROLLERS),
      ...(dynamic?.controllers ?? []),
    ]) {
      found.add(controller as Type<unknown>);
    }
    for (const imported of [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])]) {
      visit(imported as ModuleEntry);
    }
    if (dynamic !== undefined && !seen.has(type)) visit(type);
  };
  visit(root);
  return [...found];
}

/**
 * A service's OpenAPI document as /openapi.json serves it, built without a
 * database, Kafka or Fabric: its controllers alone, every dependency an empty
 * stand-in (the document reads decorators, never calls a handler).
 */
export async function offlineApiDocument(root: Type<unknown>): Promise<OpenAPIObject> {
  const moduleRef = await Test.createTestingModule({ controllers: controllersOf(root) })
    .useMocker(() => ({}))
    .compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  try {
    return describeApi(app, { title: root.name, description: 'offline', version: '0' });
  } finally {
    await app.close();
  }
}

export interface ControllerRoute {
  /** `/claims/:claimId/actions`, as Nest routes it. */
  path: string;
  method: string;
  /**
   * Behind a guard of its own, on the class or the handler: a bearer token
   * (libs/auth) or a DCSA counterpart's signature. The global rate limit is not one.
   */
  authenticated: boolean;
}

/** Every HTTP route of an application module, read from its controllers' route metadata. */
export function routesOf(root: Type<unknown>): ControllerRoute[] {
  const paths = (target: object): string[] => {
    const value = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const guarded = (target: object): boolean =>
    ((Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined) ?? []).length > 0;
  return controllersOf(root).flatMap((controller) => {
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .map((name) => prototype[name])
      .filter((handler): handler is object => typeof handler === 'function')
      .flatMap((handler) => {
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (method === undefined) return [];
        return paths(controller).flatMap((base) =>
          paths(handler).map((path) => ({
            path: `/${[base, path]
              .flatMap((part) => part.split('/'))
              .filter(Boolean)
              .join('/')}`,
            method: RequestMethod[method],
            authenticated: guarded(controller) || guarded(handler),
          })),
        );
      });
  });
}

/**
 * Success answers that name no body schema: `METHOD path status`. Not counted:
 * 204 No Content and redirects (3xx are not 2xx; a 204 has no body to describe).
 */
export function successesWithoutSchema(document: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      const responses = (operation as { responses?: Record<string, ResponseLike> }).responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const bodies = Object.values(response.content ?? {});
        if (bodies.length === 0 || bodies.some((body) => body.schema === undefined)) {
          missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
  }
  return missing;
}

interface ResponseLike {
  content?: Record<string, { schema?: unknown }>;
}
