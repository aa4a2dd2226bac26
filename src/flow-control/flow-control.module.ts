import { Module } from '@nestjs/common';
import { FlowControlController } from './flow-control.controller';
import { FlowControlResolver } from './flow-control.resolver';
import { FlowControlService } from './flow-control.service';

@Module({
  controllers: [FlowControlController],
  providers: [FlowControlService, FlowControlResolver],
})
export class FlowControlModule {}
