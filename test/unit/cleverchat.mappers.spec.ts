/**
 * CleverChat's pure mappers: the send's common fields (number, ticket, queue), the JSON body of a
 * text as in cleverchat.txt, the form of a media message, and the file checks before any send.
 */
import { PonteError } from '../../src/common/errors/ponte-error';
import type { OutgoingFile } from '../../src/common/media/outgoing-file';
import type { SendMessageInput } from '../../src/messaging/dto/message.input';
import { MessageType } from '../../src/messaging/models/messaging.enums';
import {
  CLEVERCHAT_EXTENSIONS,
  envelopeToWire,
  mediaPart,
  mediaToWire,
  sentReceipt,
  textToWire,
} from '../../src/platforms/cleverchat/cleverchat.mappers';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
const PDF = Buffer.from('%PDF-1.7\n...');
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(8)]);
const connection = { id: 'cleverchat' };

function problem(fn: () => unknown): PonteError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PonteError) return err;
    throw err;
  }
  throw new Error('expected a PonteError');
}

const text = (extra: Partial<SendMessageInput> = {}): SendMessageInput => ({
  type: MessageType.TEXT,
  to: { whatsapp: '+5511993231592' },
  text: 'Teste',
  ...extra,
});

describe('envelopeToWire', () => {
  it('the number as digits, no ticket: openTicket "0" and queueId "0" as both doc examples send', () => {
    expect(envelopeToWire(text(), connection)).toEqual({ number: '5511993231592', openTicket: '0', queueId: '0' });
    expect(envelopeToWire(text({ openTicket: false }), { id: 'c', queueId: '3' })).toEqual({
      number: '5511993231592',
      openTicket: '0',
      queueId: '0',
    });
  });

  it("a ticket takes the request's queue, else the connection's; neither → 400 on queueId", () => {
    expect(envelopeToWire(text({ openTicket: true, queueId: '7' }), { id: 'c', queueId: '3' })).toMatchObject({
      openTicket: '1',
      queueId: '7',
    });
    expect(envelopeToWire(text({ openTicket: true }), { id: 'c', queueId: '3' })).toMatchObject({ openTicket: '1', queueId: '3' });
    const err = problem(() => envelopeToWire(text({ openTicket: true }), connection));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([
      {
        field: 'queueId',
        message:
          'is required with openTicket: true (CleverChat opens the ticket in a queue; connection "cleverchat" has no default queueId)',
      },
    ]);
  });

  it('refuses what CleverChat cannot carry, all at once (422)', () => {
    const err = problem(() => envelopeToWire(text({ scheduleAt: '2030-12-01T13:00:00-03:00', channelToken: 'abc' }), connection));
    expect(err.code).toBe('unsupported_field');
    expect(err.extras).toMatchObject({ provider: 'cleverchat' });
    expect(err.extras.errors!.map((e) => e.field)).toEqual(['scheduleAt', 'channelToken']);
    const ext = problem(() =>
      envelopeToWire(
        { type: MessageType.IMAGE, to: { whatsapp: '+5511993231592' }, media: { url: 'https://x/a', extension: 'png' } },
        connection,
      ),
    );
    expect(ext.extras.errors).toEqual([{ field: 'media.extension', message: 'is not supported by CleverChat' }]);
  });

  it('reaches a recipient by WhatsApp only (400 on the kind given)', () => {
    const err = problem(() => envelopeToWire(text({ to: { cpf: '87348769527' } }), connection));
    expect(err.code).toBe('validation_failed');
    expect(err.extras.errors).toEqual([{ field: 'to.cpf', message: 'cannot be used here: CleverChat reaches a recipient by whatsapp' }]);
  });
});

describe('textToWire', () => {
  it("is the doc's JSON, key for key and in its order", () => {
    const body = textToWire(envelopeToWire(text(), connection), 'Teste');
    expect(JSON.stringify(body)).toBe('{"number":"5511993231592","openTicket":"0","queueId":"0","body":"Teste"}');
  });
});

describe('mediaPart: the file, checked, as the medias part', () => {
  const file = (filename: string | null, contentType: string | null, data: Buffer): OutgoingFile => ({ filename, contentType, data });

  it('keeps the name, sends the standard type of what the content is', () => {
    expect(mediaPart(MessageType.IMAGE, file('foto.png', 'image/png', PNG), undefined, 'file')).toEqual({
      name: 'medias',
      filename: 'foto.png',
      contentType: 'image/png',
      data: PNG,
    });
    expect(mediaPart(MessageType.AUDIO, file('voz.mp3', 'audio/mp3', MP3), undefined, 'file')).toMatchObject({ contentType: 'audio/mpeg' });
  });

  it('media.fileName renames it; a name without extension gets the one its type or content says', () => {
    expect(mediaPart(MessageType.FILE, file('x.pdf', null, PDF), { fileName: 'Contrato.pdf' }, 'file').filename).toBe('Contrato.pdf');
    expect(mediaPart(MessageType.FILE, file('download', 'application/pdf', PDF), undefined, 'media.url').filename).toBe('download.pdf');
    expect(mediaPart(MessageType.IMAGE, file(null, null, PNG), undefined, 'media.url').filename).toBe('arquivo.png');
  });

  it('415 naming the field the file came from: off the list, a declared type that disagrees, content that is not what it says', () => {
    const offList = problem(() => mediaPart(MessageType.IMAGE, file('anim.gif', 'image/gif', PNG), undefined, 'file'));
    expect(offList.code).toBe('unsupported_media_type');
    expect(offList.extras.errors).toEqual([{ field: 'file', message: 'is a .gif file; CleverChat images must be one of jpg, jpeg, png' }]);
    expect(offList.detail).toBe('The uploaded file cannot be sent: it is a .gif file; CleverChat images must be one of jpg, jpeg, png');
    const declared = problem(() => mediaPart(MessageType.IMAGE, file('foto.png', 'text/html', PNG), undefined, 'media.url'));
    expect(declared.extras.errors).toEqual([
      { field: 'media.url', message: 'is declared as text/html, which is not a .png type (image/png)' },
    ]);
    expect(declared.detail).toContain('The file at media.url cannot be sent');
    const content = problem(() => mediaPart(MessageType.FILE, file('contrato.pdf', null, PNG), undefined, 'media.url'));
    expect(content.extras.errors![0].message).toBe('does not have the content of a .pdf file (its first bytes are png)');
    const unknown = problem(() => mediaPart(MessageType.FILE, file(null, null, Buffer.from('hello')), undefined, 'media.url'));
    expect(unknown.extras.errors![0].message).toContain('is of an unknown type (give a file name)');
  });

  it('each message type has its own list', () => {
    expect(CLEVERCHAT_EXTENSIONS).toEqual({
      image: ['jpg', 'jpeg', 'png'],
      file: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pps'],
      audio: ['ogg', 'mp3'],
    });
    expect(problem(() => mediaPart(MessageType.FILE, file('foto.png', 'image/png', PNG), undefined, 'file')).code).toBe(
      'unsupported_media_type',
    );
  });
});

describe('mediaToWire', () => {
  const envelope = { number: '5551987654321', openTicket: '1' as const, queueId: '3' };
  const medias = { name: 'medias', filename: 'foto.png', contentType: 'image/png', data: PNG };

  it('number, openTicket, queueId, then body (the caption), then the file', () => {
    expect(mediaToWire(envelope, 'Segue', medias)).toEqual([
      { name: 'number', value: '5551987654321' },
      { name: 'openTicket', value: '1' },
      { name: 'queueId', value: '3' },
      { name: 'body', value: 'Segue' },
      medias,
    ]);
  });

  it('no body part without a caption (the FormData example has none)', () => {
    expect(mediaToWire(envelope, undefined, medias).map((p) => p.name)).toEqual(['number', 'openTicket', 'queueId', 'medias']);
    expect(mediaToWire(envelope, '', medias).map((p) => p.name)).toEqual(['number', 'openTicket', 'queueId', 'medias']);
  });
});

it('a receipt has no id (CleverChat gives none) and is ACCEPTED', () => {
  expect(sentReceipt()).toEqual({ id: null, status: 'ACCEPTED', scheduledAt: null });
});
