import { Module } from '@nestjs/common';
import { ChannelsController } from './channels.controller';
import { ChannelsResolver } from './channels.resolver';
import { ChannelsService } from './channels.service';

@Module({ controllers: [ChannelsController], providers: [ChannelsService, ChannelsResolver] })
export class ChannelsModule {}
