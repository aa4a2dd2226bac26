import { createRequire } from 'node:module';

interface MimeTypeParameters {
  readonly size: number;
  get(name: string): string | undefined;
  set(name: string, value: string): unknown;
}

interface MimeType {
  readonly essence: string;
  readonly parameters: MimeTypeParameters;
  toString(): string;
}

interface MimeTypeClass {
  prototype: MimeType;
  parse: (this: MimeTypeClass, text: string) => MimeType | null;
}

/** The instance fields whatwg-mimetype 4 sets in its constructor (read only to copy them). */
interface MimeTypeFields {
  _type: string;
  _subtype: string;
  _parameters: { _map: Map<string, string> };
}

/** Header values remembered; a longer value is parsed every time. */
const MAX_ENTRIES = 64;
const MAX_CHARS = 256;

/**
 * Apollo Server parses the request's Content-Type with `whatwg-mimetype` on every request (its CSRF
 * check), a character-by-character parse of the same few header values that cost ~1 % of a GraphQL
 * read. `MIMEType.parse` is replaced by one that remembers, per header text, the first parse's
 * result and answers later calls with a new instance holding the same fields and its own copy of
 * the parameters (nothing a caller changes on one result reaches another). A text that does not
 * parse answers `null` as before, and so does anything else the original would do: other `this`,
 * non-string or long input go to the original.
 *
 * It copies the class's instance fields, so it checks first that a copy is indistinguishable from a
 * parse (type, subtype, essence, serialization, parameters, independence of the copies) and leaves
 * the library alone if not; `installed` says which. The class is shared by every importer (ESM
 * imports of this CommonJS package get the same object), so this can run after Apollo has loaded.
 */
export function rememberApolloMimeTypes(): { installed: boolean } {
  const fromApollo = createRequire(require.resolve('@apollo/server'));
  const MIMEType = fromApollo('whatwg-mimetype') as MimeTypeClass;
  if ((MIMEType.parse as { remembering?: true }).remembering) return { installed: true };
  const original = MIMEType.parse;
  const remembered = new Map<string, MimeType | null>();

  const copy = (parsed: MimeType): MimeType => {
    const from = parsed as unknown as MimeTypeFields;
    const parameters = Object.create(Object.getPrototypeOf(from._parameters) as object) as MimeTypeFields['_parameters'];
    parameters._map = new Map(from._parameters._map);
    const fields: MimeTypeFields = { _type: from._type, _subtype: from._subtype, _parameters: parameters };
    return Object.assign(Object.create(MIMEType.prototype) as MimeType, fields);
  };

  const parse = function (this: MimeTypeClass, text: string): MimeType | null {
    if (this !== MIMEType || typeof text !== 'string' || text.length > MAX_CHARS) return original.call(this, text);
    let parsed = remembered.get(text);
    if (parsed === undefined) {
      parsed = original.call(MIMEType, text);
      if (remembered.size >= MAX_ENTRIES) remembered.delete(remembered.keys().next().value as string);
      remembered.set(text, parsed);
    }
    return parsed === null ? null : copy(parsed);
  };

  if (!copiesMatchParses(MIMEType, original, copy)) return { installed: false };
  MIMEType.parse = Object.assign(parse, { remembering: true as const });
  return { installed: true };
}

function copiesMatchParses(MIMEType: MimeTypeClass, original: MimeTypeClass['parse'], copy: (m: MimeType) => MimeType): boolean {
  const describe = (m: MimeType) => JSON.stringify([m.essence, m.toString(), m.parameters.size, m.parameters.get('charset') ?? null]);
  try {
    for (const text of ['application/json', 'Application/JSON; Charset="utf-8"', 'text/plain;a=b;charset=latin1']) {
      const parsed = original.call(MIMEType, text);
      if (!parsed) return false;
      const a = copy(parsed);
      const b = copy(parsed);
      if (!(a instanceof (MIMEType as unknown as new () => MimeType)) || describe(a) !== describe(parsed)) return false;
      a.parameters.set('charset', 'x-changed');
      if (describe(b) !== describe(parsed) || describe(copy(parsed)) !== describe(parsed)) return false;
    }
    return original.call(MIMEType, 'not a mime type') === null;
  } catch {
    return false;
  }
}
