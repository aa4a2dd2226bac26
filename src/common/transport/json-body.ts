import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import secureJson from 'secure-json-parse';
import { PonteError } from '../errors/ponte-error';

const FORBIDDEN = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * Why a JSON body was refused, in the API's words. Fastify's own parser answers every failure,
 * a typo and a `"__proto__"` key alike, with "Body is not valid JSON", and a caller who sent
 * valid JSON is left looking for a syntax error that is not there.
 */
function refusal(body: string): PonteError {
  if (body.length === 0) {
    return PonteError.validation([{ field: 'body', message: 'is empty but content-type is application/json' }]);
  }
  try {
    // Only reached when the secure parse failed: if the plain parse succeeds, the JSON is fine and
    // what failed is a forbidden key.
    JSON.parse(body);
  } catch {
    // JSON.parse's own message quotes the input (which may hold a token), so it is not passed on.
    return PonteError.validation([{ field: 'body', message: 'is not valid JSON' }]);
  }
  return PonteError.validation([
    {
      field: 'body',
      message: 'has the key "__proto__" (or "constructor" holding "prototype"), which Ponte refuses: it could alter objects on the server',
    },
  ]);
}

/**
 * The `application/json` parser: the rules of Nest's and Fastify's default one (a leading BOM
 * dropped, `__proto__` and `constructor.prototype` refused), with the reason of a refusal kept.
 * Registered through Nest, which then does not add its own when the app initializes. The size
 * limit is not the parser's business: each route's Fastify `bodyLimit` (set from its `TakesBody`
 * config when the route is added, `routeBodyLimit`) stops a body as its bytes arrive, before any
 * parser sees it, and `declaredBodyTooLarge` refuses a declared length before reading.
 */
export function registerJsonParser(app: NestFastifyApplication): void {
  app.useBodyParser('application/json', {}, (_request, body, done) => {
    let parsed: unknown;
    try {
      parsed = secureJson.parse(body, FORBIDDEN);
    } catch {
      done(refusal(body.toString('utf8')), undefined);
      return;
    }
    done(null, parsed);
  });
}
