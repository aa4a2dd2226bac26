/**
 * A file on its way to a platform, whatever brought it in (a multipart upload, a base64 field, a
 * fetched URL): its bytes with the name and type it was declared with. Framework-free, so pure
 * mappers and their unit tests use it as well.
 */
import { PonteError } from '../errors/ponte-error';
import { MAX_UPLOAD_BYTES } from '../transport/upload-limits';

export interface OutgoingFile {
  /** As the caller named it (multipart file name, `filename`, the URL's last segment); null when not given. */
  filename: string | null;
  /** As declared (part Content-Type, `contentType`, data URI, the media server's header); null when not given. */
  contentType: string | null;
  data: Buffer;
}

/** The part of a multipart upload this needs (shape of `UploadedMultipartFile`). */
export interface UploadedPart {
  originalname: string;
  mimetype: string;
  buffer?: Buffer;
  size: number;
}

/** Multipart parts and servers that do not know a file's type send this; it declares nothing. */
const UNDECLARED = new Set(['', 'application/octet-stream']);

export const nonBlank = (s: string | undefined | null): string | null =>
  s === undefined || s === null || s.trim() === '' ? null : s.trim();

/** `Image/PNG; charset=x` → `image/png`; null for no type or `application/octet-stream`. */
export function declaredType(value: string | null): string | null {
  if (value === null) return null;
  const type = value.split(';')[0].trim().toLowerCase();
  return UNDECLARED.has(type) ? null : type;
}

export function fileTooLarge(bytes: number, field = 'file'): PonteError {
  return new PonteError('payload_too_large', `The file is ${bytes} bytes; at most ${MAX_UPLOAD_BYTES} bytes are accepted`, {
    limit: MAX_UPLOAD_BYTES,
    errors: [{ field, message: `must be at most ${MAX_UPLOAD_BYTES} bytes` }],
  });
}

/** A multipart file part → an {@link OutgoingFile}: not empty, within the upload limit. */
export function fileFromUpload(upload: UploadedPart, field = 'file'): OutgoingFile {
  const data = upload.buffer ?? Buffer.alloc(0);
  if (data.length === 0) throw PonteError.validation([{ field, message: 'is empty' }]);
  if (data.length > MAX_UPLOAD_BYTES) throw fileTooLarge(data.length, field);
  return { filename: nonBlank(upload.originalname), contentType: declaredType(nonBlank(upload.mimetype)), data };
}
