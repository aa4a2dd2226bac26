/** Pure Maxbot protocol mappers and the upload helpers, checked against the records and requests of maxbot.txt. */
import { PonteError } from '../../src/common/errors/ponte-error';
import { extensionOf, sniffSignature } from '../../src/common/media/media-types';
import { MAX_UPLOAD_BYTES } from '../../src/common/transport/upload-limits';
import {
  annotationFromWire,
  attendantFromWire,
  chatMessageToWire,
  checkChatFile,
  contactCardsFromWire,
  dialogMessageFromWire,
  openedProtocol,
  openFollowupToWire,
  protocolFiltersToWire,
  protocolFromWire,
  sentMessageFromWire,
  serviceSectorFromWire,
  terminateToWire,
} from '../../src/platforms/maxbot/protocols.mappers';
import { filterDialog } from '../../src/protocols/dialog-filter';
import type { ListProtocolsArgs } from '../../src/protocols/dto/protocol.args';
import type { SendProtocolMessageInput } from '../../src/protocols/dto/protocol.input';
import {
  MessageDirection,
  ProtocolMessageKind,
  ProtocolMessageType,
  ProtocolOrigin,
  ProtocolSituation,
  SectorAnswerMode,
} from '../../src/protocols/models/protocol.enums';
import { outgoingMessage, type OutgoingProtocolMessage } from '../../src/protocols/outgoing-message';
import { protocolSeeds } from '../../src/sandbox/maxbot/protocols.sim';

const TZ = 'America/Sao_Paulo';
const NOW = new Date('2024-12-19T02:39:43Z'); // 2024-12-18 23:39:43 in São Paulo, send_chat_msg's example time

/** The first bytes of each kind of file, as real files start. */
const OGG = Buffer.from('T2dnUwACAAAAAAAAAACjLWkxAAAAAGmzCm4BE09wdXNI', 'base64'); // send_chat_audio's example payload
const XLS = Buffer.from('0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAOwADAP7/', 'base64'); // send_chat_annex's example payload (OLE2)
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
const MP3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0]);

function problem(fn: () => unknown): PonteError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PonteError);
    return err as PonteError;
  }
  throw new Error('expected a PonteError');
}

const record = (id: string) => protocolSeeds.protocols().find((p) => p.record.id === id)!.record;

describe('protocolFromWire', () => {
  it("normalizes get_prot's example protocol 143", () => {
    const raw = { ...record('143'), notes: [] };
    const protocol = protocolFromWire(raw as never, TZ);
    expect({ ...protocol, dialog: protocol.dialog.length }).toEqual({
      id: '143',
      number: '143',
      origin: ProtocolOrigin.WHATSAPP,
      originCode: '2',
      situation: ProtocolSituation.CONCLUDED,
      situationCode: '3',
      segmentations: [{ id: '60', title: 'SAC' }],
      serviceSectorName: 'Suporte Técnico',
      attendantName: 'Rodrigo Gomide',
      contact: {
        name: 'Roberto Fulano',
        identifier: '553195551111',
        whatsapp: '+553195551111',
        email: null,
        cpf: null,
        cnpj: null,
        companyName: null,
      },
      createdOn: '2020-08-31',
      startedAt: '2020-08-31T14:33:39-03:00',
      concludedAt: '2020-08-31T14:37:52-03:00',
      duration: '00:00:04',
      observation: 'Atendimento encerrado pelo atendente.',
      notes: [],
      dialog: 8,
    });
    // maxbot.txt: "id": "769", "date": "2020-08-31", "internal_communication": "0", "flux": "reply", "type": "T"
    expect(protocol.dialog[0]).toEqual({
      id: '769',
      date: '2020-08-31',
      sentAt: null,
      type: ProtocolMessageType.TEXT,
      typeCode: 'T',
      direction: MessageDirection.INBOUND,
      internal: false,
      sentBy: 'Roberto Fulano',
      receivedBy: 'Rodrigo Gomide',
      messageId: '3EB03C160CBC1BC9B9D9',
      text: expect.stringContaining('[Abertura de Protocolo #0000000143]'),
      mediaUrl: null,
      location: null,
      contacts: [],
      quoted: null,
    });
    // "flux": "sent", "msg_id": "" → an outbound message without a channel id.
    expect(protocol.dialog[1]).toMatchObject({ id: '770', direction: MessageDirection.OUTBOUND, messageId: null });
  });

  it('keeps unknown origin and situation codes raw, with a null enum', () => {
    const p = protocolFromWire({ id: 9, origin: '9', situation: 7, protocol_number: '' }, TZ);
    expect(p).toMatchObject({
      id: '9',
      number: '9',
      origin: null,
      originCode: '9',
      situation: null,
      situationCode: '7',
      notes: [],
      dialog: [],
    });
  });

  it("reads get_prot's notes (text under `note`) and get_protocol_annotation's entries (under `text`)", () => {
    // maxbot.txt get_prot: "notes": [{"id": "11", "date": "2020-08-31 14:36:47", "attendant_name": "Rodrigo Gomide", "note": "…"}]
    expect(
      annotationFromWire({ id: '11', date: '2020-08-31 14:36:47', attendant_name: 'Rodrigo Gomide', note: 'Urgente' }, '143', TZ),
    ).toEqual({ id: '11', protocolId: '143', createdAt: '2020-08-31T14:36:47-03:00', attendantName: 'Rodrigo Gomide', text: 'Urgente' });
    // get_protocol_annotation: {"id": "1", "date": "2023-04-17 08:00:00", "attendant_name": "Rodrigo Gomide", "text": "Anotação 01"}
    expect(
      annotationFromWire({ id: '1', date: '2023-04-17 08:00:00', attendant_name: 'Rodrigo Gomide', text: 'Anotação 01' }, '123', TZ),
    ).toEqual({ id: '1', protocolId: '123', createdAt: '2023-04-17T08:00:00-03:00', attendantName: 'Rodrigo Gomide', text: 'Anotação 01' });
  });
});

describe('dialogMessageFromWire: every message kind', () => {
  const dialog = record('123').dialog.map((m) => dialogMessageFromWire(m as never, TZ));
  const byId = (id: string) => dialog.find((m) => m.id === id)!;

  it('types come from the filled msg_* field, media URLs carried', () => {
    expect(byId('901')).toMatchObject({
      type: ProtocolMessageType.IMAGE,
      typeCode: 'I',
      text: 'Foto da caixa',
      mediaUrl: 'https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd35291043c5.png',
    });
    expect(byId('902')).toMatchObject({ type: ProtocolMessageType.AUDIO, mediaUrl: expect.stringMatching(/\.ogg$/), text: null });
  });

  it('locations as numbers, with the preview', () => {
    expect(byId('903')).toMatchObject({
      type: ProtocolMessageType.LOCATION,
      mediaUrl: null,
      location: { latitude: -19.9191, longitude: -43.9386, previewUrl: 'https://app.maxbot.com.br/anexos_docs/mapa-903.jpg' },
    });
  });

  it('quoted messages, contact cards and internal messages', () => {
    expect(byId('904').quoted).toEqual({
      messageId: '3EB0123A000000000002',
      type: ProtocolMessageType.IMAGE,
      text: 'Foto da caixa',
      mediaUrl: 'https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd35291043c5.png',
      location: null,
      contacts: [],
    });
    expect(byId('905')).toMatchObject({
      type: ProtocolMessageType.CONTACT_CARD,
      contacts: [{ name: 'Keli Marchi', phones: ['+5531911116666'], vcard: expect.stringContaining('BEGIN:VCARD') }],
    });
    expect(byId('906')).toMatchObject({ internal: true, direction: MessageDirection.OUTBOUND });
  });

  it('falls back to the type letter, then TEXT; a dated time becomes sentAt', () => {
    const video = dialogMessageFromWire({ id: 1, type: 'V', flux: 'reply', date: '2024-01-02 10:11:12' }, TZ);
    expect(video).toMatchObject({ type: ProtocolMessageType.VIDEO, date: '2024-01-02', sentAt: '2024-01-02T10:11:12-03:00' });
    expect(dialogMessageFromWire({ id: 2, type: 'Z', msg_text: 'oi' }, TZ).type).toBe(ProtocolMessageType.TEXT);
  });

  it('contact cards in the forms the undocumented field may take', () => {
    expect(contactCardsFromWire([])).toEqual([]);
    expect(contactCardsFromWire('')).toEqual([]);
    expect(contactCardsFromWire([{ name: 'Ana', phone: '5531988887777' }])).toEqual([
      { name: 'Ana', phones: ['+5531988887777'], vcard: null },
    ]);
    expect(contactCardsFromWire('[{"display_name":"Bia","phones":["+55 31 97777-6666"]}]')).toEqual([
      { name: 'Bia', phones: ['+5531977776666'], vcard: null },
    ]);
  });
});

describe('filterDialog (GraphQL dialog arguments)', () => {
  const dialog = record('123').dialog.map((m) => dialogMessageFromWire(m as never, TZ));
  it('filters by type, direction and internal flag', () => {
    expect(filterDialog(dialog, {}).map((m) => m.id)).toEqual(['900', '901', '902', '903', '904', '905', '906']);
    expect(filterDialog(dialog, { types: [ProtocolMessageType.IMAGE, ProtocolMessageType.LOCATION] }).map((m) => m.id)).toEqual([
      '901',
      '903',
    ]);
    expect(filterDialog(dialog, { direction: MessageDirection.OUTBOUND, includeInternal: false }).map((m) => m.id)).toEqual(['904', '905']);
  });
});

describe('protocolFiltersToWire (get_prot)', () => {
  const args = (a: Partial<ListProtocolsArgs>) => a as ListProtocolsArgs;

  it('sends every documented filter in its wire form', () => {
    expect(
      protocolFiltersToWire(
        args({
          concludedFrom: '2022-06-22',
          concludedTo: '2022-06-22',
          serviceSectorId: '1',
          attendantId: '2',
          contactId: '3',
          situation: ProtocolSituation.IN_SERVICE,
          cpf: '87348769527',
          cnpj: '64420582000148',
          companyName: 'Ther Sistemas Ltda',
          contactSegmentationId: '1452',
          protocolSegmentationId: '60',
        }),
        TZ,
        NOW,
      ),
    ).toEqual({
      date_focus: '1',
      date_start: '2022-06-22',
      date_stop: '2022-06-22',
      sector_id: '1',
      attendant_id: '2',
      contact_id: '3',
      situation: '2',
      br_cpf: '87348769527',
      br_cnpj: '64420582000148',
      company_name: 'Ther Sistemas Ltda',
      segmentation_contact: '1452',
      segmentation_protocol: '60',
    });
  });

  it('fills an open end of the period; created periods use date_focus 0', () => {
    expect(protocolFiltersToWire(args({ createdFrom: '2024-12-01' }), TZ, NOW)).toEqual({
      date_focus: '0',
      date_start: '2024-12-01',
      date_stop: '2024-12-18',
    });
    expect(protocolFiltersToWire(args({ concludedTo: '2020-01-31' }), TZ, NOW)).toMatchObject({
      date_start: '1970-01-01',
      date_stop: '2020-01-31',
    });
  });

  it('needs one period, one kind at a time, in order', () => {
    expect(problem(() => protocolFiltersToWire(args({}), TZ, NOW)).extras.errors).toEqual([
      { field: 'concludedFrom', message: expect.stringContaining('a period is required') },
    ]);
    expect(problem(() => protocolFiltersToWire(args({ concludedFrom: '2020-01-01', createdTo: '2020-02-01' }), TZ, NOW)).code).toBe(
      'validation_failed',
    );
    expect(
      problem(() => protocolFiltersToWire(args({ concludedFrom: '2020-02-01', concludedTo: '2020-01-01' }), TZ, NOW)).extras.errors,
    ).toEqual([{ field: 'concludedTo', message: 'must not be before the start of the period' }]);
  });
});

describe('open_followup and terminate_prot', () => {
  it("follows open_followup's JSON example: integer ids, scheduled once, date_time in the account's wall clock", () => {
    const input = {
      channelToken: '202304FE471FF7A477-5FA8BA-E72F90',
      contactId: '1234',
      templateId: '1234',
      serviceSectorId: '1234',
      scheduleAt: '2020-12-01T16:00:00Z',
      otpCode: '12345678',
    };
    expect(openFollowupToWire(input, TZ)).toEqual({
      channel_token: '202304FE471FF7A477-5FA8BA-E72F90',
      contact_id: 1234,
      template_id: 1234,
      sector_id: 1234,
      attendant_id: 0,
      scheduled: 1,
      date_time: '2020-12-01 13:00:00',
      user_otp_code: '12345678',
    });
    expect(openedProtocol({ prot_id: '1234', protocol: '1234' }, input, TZ)).toEqual({
      id: '1234',
      number: '1234',
      contactId: '1234',
      templateId: '1234',
      serviceSectorId: '1234',
      attendantId: null,
      scheduled: true,
      scheduledAt: '2020-12-01T13:00:00-03:00',
    });
  });

  it('sends now without date_time; an attendant as an integer', () => {
    expect(openFollowupToWire({ contactId: '1', templateId: '2', serviceSectorId: '3', attendantId: '4' }, TZ)).toEqual({
      contact_id: 1,
      template_id: 2,
      sector_id: 3,
      attendant_id: 4,
      scheduled: 0,
    });
    expect(
      problem(() => openFollowupToWire({ contactId: '99999999999999999', templateId: '2', serviceSectorId: '3' }, TZ)).extras.errors,
    ).toEqual([{ field: 'contactId', message: 'is too large for a Maxbot id' }]);
  });

  it('terminate_prot: "ind_env_msg": "1", "prot_id": "1234"', () => {
    expect(terminateToWire('1234', { sendClosingMessage: true })).toEqual({ ind_env_msg: '1', prot_id: '1234' });
    expect(terminateToWire('1234', { sendClosingMessage: false })).toEqual({ ind_env_msg: '0', prot_id: '1234' });
  });
});

describe('chat messages (send_chat_msg / send_chat_audio / send_chat_annex)', () => {
  const msg = (m: Partial<OutgoingProtocolMessage>): OutgoingProtocolMessage => ({
    kind: ProtocolMessageKind.TEXT,
    text: null,
    file: null,
    sentAt: null,
    ...m,
  });
  const file = (data: Buffer, filename: string | null = null, contentType: string | null = null) => ({ data, filename, contentType });

  it('send_chat_msg with msg_date_sql = now in the account timezone, or the given sentAt', () => {
    // maxbot.txt: "prot_id": "1234", "msg": "Teste envio de emojis [EMOJI1]", "msg_date_sql": "2024-12-18 23:39:43"
    const call = chatMessageToWire('1234', msg({ text: 'Teste envio de emojis [EMOJI1]' }), TZ, NOW);
    expect(call).toEqual({
      cmd: 'send_chat_msg',
      params: { prot_id: '1234', msg: 'Teste envio de emojis [EMOJI1]', msg_date_sql: '2024-12-18 23:39:43' },
      type: ProtocolMessageType.TEXT,
      msgDateSql: '2024-12-18 23:39:43',
    });
    expect(chatMessageToWire('1', msg({ text: 'x', sentAt: '2024-01-01T12:00:00Z' }), TZ, NOW).params.msg_date_sql).toBe(
      '2024-01-01 09:00:00',
    );
  });

  it('send_chat_audio: "audio_base64": "data:audio/ogg;base64,T2dnUw…", "audio_ext": "ogg"', () => {
    const call = chatMessageToWire('1234', msg({ kind: ProtocolMessageKind.AUDIO, file: file(OGG) }), TZ, NOW);
    expect(call.cmd).toBe('send_chat_audio');
    expect(call.params).toEqual({
      prot_id: '1234',
      audio_base64: 'data:audio/ogg;base64,T2dnUwACAAAAAAAAAACjLWkxAAAAAGmzCm4BE09wdXNI',
      audio_ext: 'ogg',
      msg_date_sql: '2024-12-18 23:39:43',
    });
    const mp3 = chatMessageToWire('1', msg({ kind: ProtocolMessageKind.AUDIO, file: file(MP3, 'voz.MP3', 'audio/mpeg') }), TZ, NOW);
    expect(mp3.params).toMatchObject({ audio_base64: expect.stringMatching(/^data:audio\/mpeg;base64,SUQz/), audio_ext: 'mp3' });
  });

  it('send_chat_annex: the standard data URI instead of the example\'s "data:@file/msexcel", annex_type F for documents, I for images', () => {
    const xls = chatMessageToWire('1234', msg({ kind: ProtocolMessageKind.ATTACHMENT, file: file(XLS, 'nome-do-anexo.xls') }), TZ, NOW);
    expect(xls).toMatchObject({ cmd: 'send_chat_annex', type: ProtocolMessageType.FILE });
    expect(xls.params).toEqual({
      prot_id: '1234',
      annex_name: 'nome-do-anexo.xls',
      annex_base64: 'data:application/vnd.ms-excel;base64,0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAOwADAP7/',
      annex_ext: 'xls',
      annex_type: 'F',
      msg_date_sql: '2024-12-18 23:39:43',
    });
    const png = chatMessageToWire('1', msg({ kind: ProtocolMessageKind.ATTACHMENT, file: file(PNG, 'foto.png', 'image/png') }), TZ, NOW);
    expect(png).toMatchObject({ type: ProtocolMessageType.IMAGE, params: { annex_ext: 'png', annex_type: 'I' } });
  });

  it('refuses, before any call, files off the list or whose name, declared type and content disagree', () => {
    const audio = (f: ReturnType<typeof file>) => () => checkChatFile(ProtocolMessageKind.AUDIO, f);
    const annex = (f: ReturnType<typeof file>) => () => checkChatFile(ProtocolMessageKind.ATTACHMENT, f);
    expect(problem(audio(file(OGG, 'voz.wav'))).code).toBe('unsupported_media_type');
    expect(problem(annex(file(PDF, 'contrato.exe'))).extras.errors).toEqual([
      { field: 'file', message: expect.stringContaining('is a .exe file; Maxbot chat attachments must be one of jpg, jpeg, png, pdf') },
    ]);
    expect(problem(annex(file(PDF, 'contrato.pdf', 'image/png'))).detail).toContain('declared as image/png, which is not a .pdf type');
    expect(problem(annex(file(PNG, 'contrato.pdf'))).detail).toContain(
      'does not have the content of a .pdf file (its first bytes are png)',
    );
    expect(problem(annex(file(Buffer.from('hello'), 'notas.doc'))).detail).toContain('match no accepted type');
    expect(problem(audio(file(Buffer.from('hello')))).detail).toContain('unknown type');
    expect(problem(audio(file(OGG, null, 'video/mp4'))).detail).toContain('declared as video/mp4');
    // Without a name, the declared type (or the content) tells the extension.
    expect(checkChatFile(ProtocolMessageKind.AUDIO, file(MP3, null, 'audio/mpeg'))).toBe('mp3');
    expect(checkChatFile(ProtocolMessageKind.ATTACHMENT, file(PDF, 'sem-extensao', 'application/pdf'))).toBe('pdf');
  });

  it('a caption cannot ride along (unsupported_field); an attachment needs a name', () => {
    const caption = problem(() => chatMessageToWire('1', msg({ kind: ProtocolMessageKind.AUDIO, text: 'oi', file: file(OGG) }), TZ, NOW));
    expect(caption).toMatchObject({ code: 'unsupported_field', extras: { errors: [{ field: 'text', message: expect.any(String) }] } });
    const unnamed = problem(() =>
      chatMessageToWire('1', msg({ kind: ProtocolMessageKind.ATTACHMENT, file: file(PDF, null, 'application/pdf') }), TZ, NOW),
    );
    expect(unnamed.extras.errors).toEqual([{ field: 'filename', message: expect.stringContaining('is required for attachments') }]);
  });

  it('the answer: ids, the recorded time with offset, the stored file', () => {
    const message = msg({ kind: ProtocolMessageKind.AUDIO, file: file(OGG) });
    const call = chatMessageToWire('1234', message, TZ, NOW);
    // maxbot.txt send_chat_audio reply: "chat_id": "1234", "msg_id": "3EB0737BBEAA8506A326", "audio_name": "audio", "audio_url": "https:\/\/…ogg"
    const reply = {
      status: 1,
      chat_id: '1234',
      msg_id: '3EB0737BBEAA8506A326',
      audio_name: 'audio',
      audio_size: '24.91K',
      audio_url: 'https://app.maxbot.com.br/anexos_docs/bfe9fae7c3b356332d97920c6a8a5895.ogg',
    };
    expect(sentMessageFromWire('1234', call, message, reply, TZ)).toEqual({
      protocolId: '1234',
      type: ProtocolMessageType.AUDIO,
      chatId: '1234',
      messageId: '3EB0737BBEAA8506A326',
      sentAt: '2024-12-18T23:39:43-03:00',
      fileName: 'audio',
      fileSize: OGG.length,
      fileUrl: 'https://app.maxbot.com.br/anexos_docs/bfe9fae7c3b356332d97920c6a8a5895.ogg',
    });
  });
});

describe('outgoingMessage (multipart or base64 → one message)', () => {
  const input = (i: Partial<SendProtocolMessageInput>) => ({ type: ProtocolMessageKind.AUDIO, ...i });

  it('decodes base64 with or without a data URI; the URI type counts as declared', () => {
    const plain = outgoingMessage(input({ fileBase64: OGG.toString('base64') }));
    expect(plain.file).toEqual({ filename: null, contentType: null, data: OGG });
    const uri = outgoingMessage(input({ fileBase64: `data:audio/ogg;base64,${OGG.toString('base64')}`, filename: 'a.ogg' }));
    expect(uri.file).toEqual({ filename: 'a.ogg', contentType: 'audio/ogg', data: OGG });
  });

  it('takes a multipart part; application/octet-stream declares nothing', () => {
    const m = outgoingMessage(input({ sentAt: '2024-12-18T23:39:43-03:00' }), {
      originalname: 'voz.ogg',
      mimetype: 'application/octet-stream',
      buffer: OGG,
      size: OGG.length,
    });
    expect(m).toEqual({
      kind: ProtocolMessageKind.AUDIO,
      text: null,
      file: { filename: 'voz.ogg', contentType: null, data: OGG },
      sentAt: '2024-12-18T23:39:43-03:00',
    });
  });

  it('bad inputs are named problems', () => {
    const part = { originalname: 'a.ogg', mimetype: 'audio/ogg', buffer: OGG, size: OGG.length };
    expect(problem(() => outgoingMessage(input({ fileBase64: 'AAAA' }), part)).extras.errors).toEqual([
      { field: 'fileBase64', message: 'cannot be combined with a multipart file part' },
    ]);
    expect(problem(() => outgoingMessage(input({}))).extras.errors).toEqual([
      { field: 'file', message: expect.stringContaining('is required') },
    ]);
    expect(problem(() => outgoingMessage(input({ fileBase64: 'not base64!' }))).extras.errors![0].field).toBe('fileBase64');
    expect(problem(() => outgoingMessage(input({ fileBase64: '' }))).extras.errors).toEqual([{ field: 'fileBase64', message: 'is empty' }]);
    expect(
      problem(() => outgoingMessage(input({ fileBase64: 'data:audio/ogg;base64,T2dnUw==', contentType: 'audio/mpeg' }))).extras.errors,
    ).toEqual([{ field: 'contentType', message: 'says audio/mpeg but the data URI says audio/ogg' }]);
    expect(problem(() => outgoingMessage(input({ type: ProtocolMessageKind.TEXT }))).extras.errors).toEqual([
      { field: 'text', message: 'is required for a TEXT message' },
    ]);
    expect(problem(() => outgoingMessage(input({ type: ProtocolMessageKind.TEXT, text: 'oi' }), part)).extras.errors![0].field).toBe(
      'file',
    );
  });

  it('a file over MAX_UPLOAD_BYTES is payload_too_large (413), refused before decoding', () => {
    const big = 'A'.repeat(Math.ceil(((MAX_UPLOAD_BYTES + 3) * 4) / 3));
    const err = problem(() => outgoingMessage(input({ fileBase64: big })));
    expect(err.code).toBe('payload_too_large');
    expect(err.status).toBe(413);
    const part = { originalname: 'a.ogg', mimetype: 'audio/ogg', buffer: Buffer.alloc(MAX_UPLOAD_BYTES + 1), size: MAX_UPLOAD_BYTES + 1 };
    expect(problem(() => outgoingMessage(input({}), part)).code).toBe('payload_too_large');
  });
});

describe('service sectors and attendants', () => {
  it('folds the flat operation_<day>_* fields into one object per weekday', () => {
    const [comercial, , manutencao] = protocolSeeds.sectors().map((s) => serviceSectorFromWire(s as never));
    expect(comercial).toMatchObject({
      id: '1',
      code: 'CO',
      name: 'Comercial',
      responsible: {
        name: 'Rodrigo Gomide',
        email: 'rodrigo@email.com',
        whatsapp: '+553111116666',
        mobilePhone: '+553111116666',
        phoneExtension: '5454',
      },
      allowServiceWithUnavailableAttendants: false,
    });
    expect(comercial.schedule.monday).toEqual({
      answerMode: SectorAnswerMode.SHIFTS,
      shifts: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    });
    // "Manutenção": "operation_friday_answer": 2, "operation_sunday_answer": 0, "responsible_mobile_phone": ""
    expect(manutencao).toMatchObject({
      id: '2',
      responsible: { mobilePhone: null },
      allowServiceWithUnavailableAttendants: true,
      schedule: { friday: { answerMode: SectorAnswerMode.ALL_DAY }, sunday: { answerMode: SectorAnswerMode.CLOSED } },
    });
    expect(
      serviceSectorFromWire({ id: 5, operation_monday_answer: 9, operation_monday_shift1: '8:00-12:00', operation_monday_shift2: '' })
        .schedule.monday,
    ).toEqual({
      answerMode: null,
      shifts: [{ start: '08:00', end: '12:00' }],
    });
  });

  it('attendants: "service_sector_id": [1,3,8,29] → string ids, "status": 1 → available', () => {
    expect(protocolSeeds.attendants().map((a) => attendantFromWire(a as never))).toEqual([
      { id: '1', name: 'Pedro Silva', serviceSectorIds: ['1'], collaboratorId: '1', available: true },
      { id: '2', name: 'José Nogueira', serviceSectorIds: ['2', '3'], collaboratorId: '2', available: false },
      { id: '3', name: 'Antônio Prado', serviceSectorIds: ['1', '3', '8', '29'], collaboratorId: '3', available: true },
    ]);
  });
});

describe('media types', () => {
  it('sniffs signatures and reads extensions', () => {
    expect([OGG, XLS, PNG, PDF, MP3].map(sniffSignature)).toEqual(['ogg', 'ole2', 'png', 'pdf', 'mp3']);
    expect(sniffSignature(Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffSignature(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffSignature(Buffer.from('PK\x03\x04', 'latin1'))).toBe('zip');
    expect(sniffSignature(Buffer.alloc(0))).toBeNull();
    expect(extensionOf('Relatório.Final.XLSX')).toBe('xlsx');
    expect(extensionOf('sem-extensao')).toBeNull();
  });
});
