/**
 * File types by extension: the media types that name them and the signature ("magic bytes") their
 * content starts with. Used to check that an upload is what its name and declared type say before
 * it is forwarded to a platform.
 */

/** Content signatures. OLE2 covers legacy Office files (doc, xls, ppt, pps), ZIP the OOXML ones. */
export type Signature = 'jpeg' | 'png' | 'pdf' | 'ole2' | 'zip' | 'ogg' | 'mp3';

export interface FileType {
  extension: string;
  /** The first is the canonical one (used in data URIs); the others are accepted as declared types. */
  mediaTypes: readonly string[];
  signature: Signature;
}

const OOXML = 'application/vnd.openxmlformats-officedocument';

export const FILE_TYPES: Readonly<Record<string, FileType>> = Object.fromEntries(
  (
    [
      ['jpg', ['image/jpeg', 'image/jpg', 'image/pjpeg'], 'jpeg'],
      ['jpeg', ['image/jpeg', 'image/jpg', 'image/pjpeg'], 'jpeg'],
      ['png', ['image/png'], 'png'],
      ['pdf', ['application/pdf'], 'pdf'],
      ['doc', ['application/msword'], 'ole2'],
      ['docx', [`${OOXML}.wordprocessingml.document`], 'zip'],
      ['xls', ['application/vnd.ms-excel', 'application/msexcel', 'application/x-msexcel', 'application/x-excel'], 'ole2'],
      ['xlsx', [`${OOXML}.spreadsheetml.sheet`], 'zip'],
      ['ppt', ['application/vnd.ms-powerpoint', 'application/mspowerpoint'], 'ole2'],
      ['pptx', [`${OOXML}.presentationml.presentation`], 'zip'],
      ['pps', ['application/vnd.ms-powerpoint', 'application/mspowerpoint'], 'ole2'],
      ['ogg', ['audio/ogg', 'audio/opus', 'application/ogg'], 'ogg'],
      ['mp3', ['audio/mpeg', 'audio/mp3'], 'mp3'],
    ] as const
  ).map(([extension, mediaTypes, signature]) => [extension, { extension, mediaTypes, signature }]),
);

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** What the content's first bytes say it is; null when none of the known signatures matches. */
export function sniffSignature(data: Buffer): Signature | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole2';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(data, [0x4f, 0x67, 0x67, 0x53])) return 'ogg';
  // MP3: an ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
  if (startsWith(data, [0x49, 0x44, 0x33]) || (data.length > 1 && data[0] === 0xff && (data[1] & 0xe0) === 0xe0)) return 'mp3';
  return null;
}

/** `Relatório.Final.XLS` → `xls`; null without an extension. */
export function extensionOf(filename: string | null): string | null {
  if (!filename) return null;
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename.trim());
  return match ? match[1].toLowerCase() : null;
}

/** The first of `allowed` whose media types include `mediaType`. */
export function extensionForMediaType(mediaType: string, allowed: readonly string[]): string | null {
  return allowed.find((ext) => FILE_TYPES[ext]?.mediaTypes.includes(mediaType)) ?? null;
}

/** The first of `allowed` whose signature matches the content. */
export function extensionForContent(data: Buffer, allowed: readonly string[]): string | null {
  const signature = sniffSignature(data);
  return signature ? (allowed.find((ext) => FILE_TYPES[ext]?.signature === signature) ?? null) : null;
}
