import type { OutgoingHttpHeaders } from 'node:http';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { markStreamOpened } from '../common/http/stream-start';
import { PonteOperation, problem } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ListEventsArgs, StreamEventsArgs } from './dto/event.args';
import { EventsService } from './events.service';
import { EventPage, PonteEvent } from './models/event.model';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1')
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Get('events')
  @PonteOperation('receiveWebhook', {
    summary: 'List received events',
    description:
      'What the platforms reported through their webhooks (POST /v1/webhooks/{connectionId}), normalized: ' +
      '`message.received`, `contact.created`, `contact.updated`, `charge.updated`. Oldest first. To follow the feed, ' +
      'poll with `after` = the id of the last event you handled. The gateway keeps the last EVENT_LOG_SIZE events ' +
      '(default 1000) in memory, per instance: an `after` it no longer holds is refused rather than skipped silently. ' +
      '`X-Connection` (or `connection`) narrows the feed to one connection; an API key limited to some connections sees only theirs.',
  })
  @ApiOkResponse({ type: EventPage })
  listEvents(@Call() ctx: CallContext, @Query() args: ListEventsArgs) {
    return this.events.list(ctx, args);
  }

  @Get('events/stream')
  @PonteOperation('receiveWebhook', {
    summary: 'Follow received events as they arrive (Server-Sent Events)',
    description:
      'A `text/event-stream` that stays open: each event, as the gateway records it, is one message with `id:` (the event id), ' +
      '`event:` (its type) and `data:` (the event as JSON, exactly as GET /v1/events/{id} shows it). A comment line (`:`) is sent ' +
      'every EVENT_STREAM_HEARTBEAT_SECONDS (default 15) so proxies keep an idle stream open. Filters as in GET /v1/events ' +
      '(`type`, `X-Connection`/`connection`; an API key limited to some connections sees only theirs).\n\n' +
      'Without `after` the stream starts with the next event. With `after` (or `Last-Event-ID`, which a reconnecting ' +
      'EventSource sends and which wins), the held events after that one are sent first, so a reader that reconnects misses ' +
      'nothing the gateway still holds; an id it no longer holds is a 400, as in GET /v1/events. A slow reader is sent events ' +
      'as fast as it takes them (the rest wait in the feed); one so slow that the gateway lets go of events it was not sent yet ' +
      '(EVENT_LOG_SIZE) has its stream ended, and reconnecting after its last event is that 400: a gap is never skipped silently. At most EVENT_STREAMS_MAX streams (default 1000) per instance ' +
      '(`503 stream_limit_reached` with `Retry-After` beyond), and an API key with `maxStreams` in the connections file holds at most ' +
      'that many streams and `eventReceived` subscriptions together (`429 stream_quota_reached` beyond); at shutdown every stream is ended.\n\n' +
      'Swagger UI\'s "Try it out" waits for the end of the answer, which a stream does not have: try it with ' +
      "`curl -N -H 'Authorization: Bearer <key>' <gateway>/v1/events/stream`. " +
      'Browsers: `EventSource` cannot send the `Authorization` header. Read the stream with `fetch` (which can), from your ' +
      "backend, or subscribe to GraphQL's `eventReceived` over the WebSocket at /graphql (the key goes in `connection_init`). Each instance streams the events it received: behind a load balancer, a platform's webhooks and the stream must " +
      'reach the same instance.',
  })
  @ApiProduces('text/event-stream')
  @problem(
    429,
    'The API key holds its `maxStreams` streams and subscriptions (`stream_quota_reached`); `Retry-After` says when to try again.',
  )
  @problem(503, '`EVENT_STREAMS_MAX` streams are open (`stream_limit_reached`); `Retry-After` says when to try again.')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event handled (sent by a reconnecting EventSource): replay from there. Wins over `after`.',
  })
  @ApiOkResponse({
    description: 'The stream: `retry: 3000`, then one message per event, e.g. `id: evt_…` / `event: message.received` / `data: {…}`.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  streamEvents(
    @Call() ctx: CallContext,
    @Query() args: StreamEventsArgs,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    const lastEventId = request.headers['last-event-id'];
    // Everything that can refuse the request runs before the answer starts: it is still a problem document.
    const prepared = this.events.prepareStream(ctx, args, typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : undefined);
    reply.hijack();
    reply.raw.writeHead(200, {
      // What the hooks set (X-Request-Id, X-Connection, CORS), which Fastify no longer sends for a hijacked reply.
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx: pass each message on as it comes instead of buffering the answer.
      'x-accel-buffering': 'no',
    });
    // HEAD (which Fastify routes here too) gets the head only: a stream that never ends would carry no body.
    if (request.method === 'HEAD') {
      reply.raw.end();
      return;
    }
    markStreamOpened(request);
    this.events.openStream(reply.raw, request.id, prepared);
  }

  @Get('events/:id')
  @PonteOperation('receiveWebhook', { summary: 'Get one received event' })
  @ApiOkResponse({ type: PonteEvent })
  getEvent(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.events.get(ctx, id);
  }
}
