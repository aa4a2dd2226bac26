import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { declaresMultipart } from './multipart-plugin';

/**
 * `multipart/form-data` carries text fields only. Nested inputs go as brackets (`to[whatsapp]`),
 * and Swagger UI's form sends an object property as its JSON text instead (`to={"whatsapp":"…"}`),
 * which was refused ("to: must be an object"). For the named fields, this takes that form too: a
 * text that is a JSON object becomes the object. Anything else is left for validation to judge.
 * Runs after the file interceptor has read the form, before the validation pipe.
 */
@Injectable()
export class JsonFormFields implements NestInterceptor {
  constructor(private readonly fields: readonly string[]) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && declaresMultipart(request)) {
      for (const field of this.fields) {
        const value = body[field];
        if (typeof value !== 'string' || !value.trimStart().startsWith('{')) continue;
        try {
          const parsed: unknown = JSON.parse(value);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body[field] = parsed;
        } catch {
          // Not JSON: validation names the field.
        }
      }
    }
    return next.handle();
  }
}
