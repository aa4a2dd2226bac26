import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { fastifyMultipart } from '@fastify/multipart';

type AsyncHook = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
type AddHook = (this: FastifyInstance, name: string, hook: unknown) => FastifyInstance;
type CallbackHook = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * Runs one of the plugin's request-wide hooks only where it can have work: `when` says whether the
 * request may be multipart. Every other request skips it synchronously — no promise, and (for the
 * onRequest one) no `close` listener on the socket's response.
 */
function onlyWhen(when: (request: FastifyRequest) => boolean, hook: AsyncHook): CallbackHook {
  return function (this: FastifyInstance, request, reply, done) {
    if (!when(request)) {
      done();
      return;
    }
    hook.call(this, request, reply).then(() => done(), done);
  };
}

/**
 * Registers @fastify/multipart (what Nest's upload interceptors read files with) on the root
 * instance, in place of the Nest adapter's own registration (`multipart: false` on the adapter).
 *
 * The plugin adds two hooks that run on every request: onRequest puts a `close` listener on the
 * response and onResponse awaits `cleanRequestFiles()`; both exist to delete temporary files of its
 * disk mode (`saveRequestFiles`), which only a multipart request can have (the parser is only for
 * `multipart/form-data`). Here they run for requests whose content type may be multipart (onRequest:
 * the content type is multipart/…; onResponse: the plugin parsed the body as multipart) and are
 * skipped for the rest — the JSON and GET requests that are nearly all of a gateway's traffic.
 * Everything else the plugin registers (parser, request decorators) is untouched.
 */
export function registerMultipart(fastify: FastifyInstance): void {
  const plugin = (instance: FastifyInstance, _opts: unknown, done: (err?: Error) => void) => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, and called with `this`
    const addHook = instance.addHook;
    const add = addHook as unknown as AddHook;
    const wrapped: AddHook = function (name, hook) {
      if (name === 'onRequest') return add.call(this, name, onlyWhen(declaresMultipart, hook as AsyncHook));
      if (name === 'onResponse') return add.call(this, name, onlyWhen(parsedAsMultipart, hook as AsyncHook));
      return add.call(this, name, hook);
    };
    (instance as unknown as { addHook: AddHook }).addHook = wrapped;
    const restore = (err?: Error) => {
      instance.addHook = addHook;
      done(err);
    };
    try {
      fastifyMultipart(instance, {}, restore);
    } catch (err) {
      restore(err as Error);
    }
  };
  // Like fastify-plugin: registered on the root context, so every route sees the decorators.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'ponte-multipart' });
  void fastify.register(plugin);
}

function parsedAsMultipart(request: FastifyRequest): boolean {
  return request.isMultipart();
}

/** The request declares a multipart body (the only kind @fastify/multipart parses). */
export function declaresMultipart(request: FastifyRequest): boolean {
  return /^multipart\//i.test(String(request.headers['content-type'] ?? ''));
}
