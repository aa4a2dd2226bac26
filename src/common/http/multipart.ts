import { randomBytes } from 'node:crypto';

export interface FormField {
  name: string;
  value: string;
}
export interface FormFile {
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
}
export type FormPart = FormField | FormFile;

export function isFile(part: FormPart): part is FormFile {
  return 'data' in part;
}

const quote = (s: string) => s.replace(/["\r\n]/g, (c) => encodeURIComponent(c));

/** Encodes parts as multipart/form-data; returns the body and its Content-Type (with boundary). */
export function encodeMultipart(parts: readonly FormPart[]): { body: Buffer; contentType: string } {
  const boundary = `----ponte${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"`;
    if (isFile(part)) {
      head += `; filename="${quote(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head), part.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
