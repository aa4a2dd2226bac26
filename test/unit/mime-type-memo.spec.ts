import { createRequire } from 'node:module';
import { rememberApolloMimeTypes } from '../../src/common/graphql/mime-type-memo';

interface MimeType {
  essence: string;
  type: string;
  parameters: { size: number; get(n: string): string | undefined; set(n: string, v: string): unknown };
  toString(): string;
}
interface MimeTypeClass {
  new (text: string): MimeType;
  parse(text: string): MimeType | null;
}

/** whatwg-mimetype as Apollo Server resolves it, with its `parse` counted before the memo wraps it. */
const MIMEType = createRequire(require.resolve('@apollo/server'))('whatwg-mimetype') as MimeTypeClass;
const original = MIMEType.parse.bind(MIMEType);
let parses = 0;
MIMEType.parse = function (this: MimeTypeClass, text: string) {
  parses++;
  return original(text);
};

const describeType = (m: MimeType | null) =>
  m && { essence: m.essence, text: m.toString(), size: m.parameters.size, charset: m.parameters.get('charset') ?? null };

describe("Apollo's Content-Type parse, remembered (mime-type-memo.ts)", () => {
  const samples = [
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;Charset="UTF-8";x=y',
    'text/plain',
    'multipart/form-data; boundary=----x',
    'application/x-www-form-urlencoded',
    '  text/html ; q=1 ',
    'not a mime type',
    '',
    'application/',
  ];

  it('installs, and answers every header exactly as a fresh parse does', () => {
    expect(rememberApolloMimeTypes()).toEqual({ installed: true });
    for (let round = 0; round < 3; round++) {
      for (const text of samples) expect(describeType(MIMEType.parse(text))).toEqual(describeType(original(text)));
    }
  });

  it('parses each distinct header text once, long ones every time', () => {
    parses = 0;
    for (let i = 0; i < 5; i++) MIMEType.parse('application/json; charset=latin1');
    expect(parses).toBe(1);
    const long = `application/json; x=${'y'.repeat(300)}`;
    for (let i = 0; i < 3; i++) expect(MIMEType.parse(long)?.parameters.get('x')).toHaveLength(300);
    expect(parses).toBe(4);
  });

  it('hands out independent instances of the class: changing one changes no later answer', () => {
    const a = MIMEType.parse('text/plain; charset=utf-8')!;
    expect(a).toBeInstanceOf(MIMEType);
    a.parameters.set('charset', 'latin1');
    a.type = 'image';
    expect(a.toString()).toBe('image/plain;charset=latin1');
    const b = MIMEType.parse('text/plain; charset=utf-8')!;
    expect(b.toString()).toBe('text/plain;charset=utf-8');
    expect(b).not.toBe(a);
  });

  it('is installed once however often it is called', () => {
    const installedParse = MIMEType.parse;
    expect(rememberApolloMimeTypes()).toEqual({ installed: true });
    expect(MIMEType.parse).toBe(installedParse);
  });
});
