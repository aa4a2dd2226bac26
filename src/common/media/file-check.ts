/**
 * Checks that a file is of a type a platform takes before it is forwarded: its name's extension
 * (or, without one, its declared type, or its content) must be on the platform's list; a declared
 * type must name that extension; and the content must start with that type's signature.
 */
import { PonteError } from '../errors/ponte-error';
import { extensionForContent, extensionForMediaType, extensionOf, FILE_TYPES, sniffSignature } from './media-types';
import type { OutgoingFile } from './outgoing-file';

export interface FileCheckContext {
  /** Field the file came in (`file`, `media.url`), named in the problem. */
  field: string;
  /** What the list is about, for messages: "Maxbot chat audio", "CleverChat images". */
  what: string;
  provider?: string;
  /** Subject of the problem's detail (default "The file"). */
  subject?: string;
}

function unsupportedMedia(message: string, ctx: FileCheckContext): PonteError {
  return new PonteError('unsupported_media_type', `${ctx.subject ?? 'The file'} cannot be sent: it ${message}`, {
    ...(ctx.provider ? { provider: ctx.provider } : {}),
    errors: [{ field: ctx.field, message }],
  });
}

/** The extension (from `allowed`) the file really is; 415 `unsupported_media_type` otherwise. */
export function checkFileType(file: OutgoingFile, allowed: readonly string[], ctx: FileCheckContext): string {
  const list = allowed.join(', ');
  const named = extensionOf(file.filename);
  let extension: string | null;
  if (named !== null) {
    if (!allowed.includes(named)) throw unsupportedMedia(`is a .${named} file; ${ctx.what} must be one of ${list}`, ctx);
    extension = named;
  } else if (file.contentType !== null) {
    extension = extensionForMediaType(file.contentType, allowed);
    if (extension === null) throw unsupportedMedia(`is declared as ${file.contentType}; ${ctx.what} must be one of ${list}`, ctx);
  } else {
    extension = extensionForContent(file.data, allowed);
    if (extension === null) throw unsupportedMedia(`is of an unknown type (give a file name); ${ctx.what} must be one of ${list}`, ctx);
  }
  const type = FILE_TYPES[extension];
  if (file.contentType !== null && !type.mediaTypes.includes(file.contentType)) {
    throw unsupportedMedia(`is declared as ${file.contentType}, which is not a .${extension} type (${type.mediaTypes.join(', ')})`, ctx);
  }
  const signature = sniffSignature(file.data);
  if (signature !== type.signature) {
    throw unsupportedMedia(
      `does not have the content of a .${extension} file (its first bytes ${signature ? `are ${signature}` : 'match no accepted type'})`,
      ctx,
    );
  }
  return extension;
}
