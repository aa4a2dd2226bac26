import { Module } from '@nestjs/common';
import { MessagingController } from './messaging.controller';
import { MessagingResolver } from './messaging.resolver';
import { MessagingService } from './messaging.service';

@Module({
  controllers: [MessagingController],
  providers: [MessagingService, MessagingResolver],
})
export class MessagingModule {}
