import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { WebhooksController } from './webhooks.controller';

@Module({ controllers: [WebhooksController, EventsController], providers: [EventsService, EventsResolver] })
export class EventsModule {}
