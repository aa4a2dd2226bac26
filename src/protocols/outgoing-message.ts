/**
 * Turns a "send into the protocol chat" request into one transport-neutral message: the file of a
 * multipart upload or of a base64 field, decoded, size-checked, with its declared name and type.
 * Which file types a platform takes is the adapter's business (it checks before any call).
 */
import { PonteError } from '../common/errors/ponte-error';
import { declaredType, fileTooLarge, nonBlank, type OutgoingFile, type UploadedPart } from '../common/media/outgoing-file';
import { MAX_UPLOAD_BYTES } from '../common/transport/upload-limits';
import type { SendProtocolMessageInput } from './dto/protocol.input';
import { ProtocolMessageKind } from './models/protocol.enums';

export type { OutgoingFile, UploadedPart } from '../common/media/outgoing-file';

export interface OutgoingProtocolMessage {
  kind: ProtocolMessageKind;
  text: string | null;
  file: OutgoingFile | null;
  /** ISO 8601 instant; null means now. */
  sentAt: string | null;
}

const DATA_URI = /^data:([^;,]*)((?:;[^;,]*)*);base64,/i;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** `fileBase64` → bytes and the type its data URI declares (if it has one). */
export function decodeBase64File(value: string): { data: Buffer; declaredType: string | null } {
  const uri = DATA_URI.exec(value);
  const payload = (uri ? value.slice(uri[0].length) : value).replace(/\s+/g, '');
  if (!BASE64.test(payload)) {
    throw PonteError.validation([{ field: 'fileBase64', message: 'must be base64 (optionally a data:<type>;base64, URI)' }]);
  }
  // Refuse before decoding: base64 carries 3 bytes per 4 characters.
  const approx = Math.floor((payload.length * 3) / 4);
  if (approx > MAX_UPLOAD_BYTES + 2) throw fileTooLarge(approx);
  const declared = uri?.[1]?.trim().toLowerCase() ?? '';
  return { data: Buffer.from(payload, 'base64'), declaredType: declared === '' ? null : declared };
}

export function outgoingMessage(input: SendProtocolMessageInput, upload?: UploadedPart): OutgoingProtocolMessage {
  if (upload && input.fileBase64 !== undefined) {
    throw PonteError.validation([{ field: 'fileBase64', message: 'cannot be combined with a multipart file part' }]);
  }
  const sentAt = input.sentAt ?? null;
  if (input.type === ProtocolMessageKind.TEXT) {
    if (upload || input.fileBase64 !== undefined) {
      throw PonteError.validation([{ field: upload ? 'file' : 'fileBase64', message: 'only AUDIO and ATTACHMENT messages carry a file' }]);
    }
    if (input.text === undefined) throw PonteError.validation([{ field: 'text', message: 'is required for a TEXT message' }]);
    return { kind: input.type, text: input.text, file: null, sentAt };
  }
  let data: Buffer;
  let fromPayload: string | null = null;
  if (upload) {
    data = upload.buffer ?? Buffer.alloc(0);
  } else if (input.fileBase64 !== undefined) {
    const decoded = decodeBase64File(input.fileBase64);
    data = decoded.data;
    fromPayload = decoded.declaredType;
  } else {
    throw PonteError.validation([
      { field: 'file', message: `is required for ${input.type} messages (multipart part "file", or fileBase64 in JSON)` },
    ]);
  }
  if (data.length === 0) throw PonteError.validation([{ field: upload ? 'file' : 'fileBase64', message: 'is empty' }]);
  if (data.length > MAX_UPLOAD_BYTES) throw fileTooLarge(data.length);
  const explicit = declaredType(nonBlank(input.contentType));
  const inherent = declaredType(upload ? nonBlank(upload.mimetype) : fromPayload);
  if (explicit && inherent && explicit !== inherent) {
    throw PonteError.validation([
      { field: 'contentType', message: `says ${explicit} but the ${upload ? 'file part' : 'data URI'} says ${inherent}` },
    ]);
  }
  return {
    kind: input.type,
    text: input.text ?? null,
    file: { filename: nonBlank(input.filename) ?? nonBlank(upload?.originalname), contentType: explicit ?? inherent, data },
    sentAt,
  };
}
