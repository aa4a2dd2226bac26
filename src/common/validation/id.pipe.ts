import { Injectable, type PipeTransform } from '@nestjs/common';
import { PonteError } from '../errors/ponte-error';

/** Path and argument ids: a non-empty string of printable characters, at most 128 long. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field = 'id') {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(value)) {
      throw PonteError.validation([{ field: this.field, message: 'must be a non-empty id of at most 128 visible characters' }]);
    }
    return value;
  }
}
