import type { CleverchatConnection } from '../../config/config.types';
import type { CallContext } from '../../common/context/call-context';
import type { MediaFetcher } from '../../common/http/safe-fetch';
import type { OutgoingFile } from '../../common/media/outgoing-file';
import { MAX_UPLOAD_BYTES } from '../../common/transport/upload-limits';
import type { SendMessageInput } from '../../messaging/dto/message.input';
import type { SentMessage } from '../../messaging/messaging.port';
import { MessageType } from '../../messaging/models/messaging.enums';
import type { AdapterDeps, PlatformAdapter } from '../adapter';
import { CleverchatClient } from './cleverchat.client';
import { envelopeToWire, mediaPart, mediaToWire, sentReceipt, textToWire } from './cleverchat.mappers';

/**
 * CleverChat: one send endpoint (cleverchat.txt). Text goes as JSON; media as multipart with the
 * file in `medias`, so the file must be here: an upload, or the caller's `media.url` fetched by the
 * gateway through the safe fetcher. Everything that can be refused without I/O is refused first;
 * nothing reaches CleverChat when the fetch or the file check fails.
 */
export class CleverchatAdapter implements PlatformAdapter {
  static readonly platform = 'cleverchat' as const;
  private readonly client: CleverchatClient;
  private readonly media: MediaFetcher;

  constructor(
    readonly connection: CleverchatConnection,
    deps: AdapterDeps,
  ) {
    this.client = new CleverchatClient(connection, deps.http);
    this.media = deps.media;
  }

  // ── messaging ───────────────────────────────────────────────────────────────────────────────

  async sendMessage(ctx: CallContext, input: SendMessageInput, upload: OutgoingFile | null): Promise<SentMessage> {
    const envelope = envelopeToWire(input, this.connection);
    if (input.type === MessageType.TEXT) {
      await this.client.send(ctx, { type: 'json', value: textToWire(envelope, input.text!) });
      return sentReceipt();
    }
    // checkSendMessage made sure there is exactly one of the upload and media.url.
    const field = upload ? 'file' : 'media.url';
    const file =
      upload ?? (await this.media.fetch(input.media!.url!, { field, timeoutMs: this.connection.timeoutMs, maxBytes: MAX_UPLOAD_BYTES }));
    const medias = mediaPart(input.type, file, input.media, field);
    await this.client.send(ctx, { type: 'multipart', parts: mediaToWire(envelope, input.media?.caption, medias) });
    return sentReceipt();
  }
}
