import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { PonteError, type FieldError } from '../errors/ponte-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? 'is not a known field' : message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * Validation for bodies, query strings and GraphQL arguments alike: unknown fields are refused,
 * values are converted by the field decorators (phones to E.164, "true" to true), and every
 * failure becomes one `validation_failed` problem listing each field and what is wrong with it.
 */
export class PonteValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => {
        const fields = flatten(errors);
        return PonteError.validation(fields.length ? fields : [{ field: 'body', message: 'is not valid' }]);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A JSON body must be an object (`[]`, `"x"` or `null` would otherwise slip past validation).
    if (metadata.type === 'body' && metadata.data === undefined && this.isDto(metadata) && !isObjectBody(value)) {
      throw PonteError.validation([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }

  private isDto(metadata: ArgumentMetadata): boolean {
    return typeof metadata.metatype === 'function' && !PRIMITIVES.includes(metadata.metatype);
  }
}

const PRIMITIVES: unknown[] = [String, Number, Boolean, Object, Array];

function isObjectBody(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
