import { Module } from '@nestjs/common';
import { ChargesController } from './charges.controller';
import { ChargesResolver } from './charges.resolver';
import { ChargesService } from './charges.service';

@Module({
  controllers: [ChargesController],
  providers: [ChargesService, ChargesResolver],
})
export class ChargesModule {}
