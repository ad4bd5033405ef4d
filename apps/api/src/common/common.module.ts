import { Global, Module } from '@nestjs/common';
import { ReadYourWrites, ReadYourWritesGuard } from './read-your-writes.js';

/** Helpers every feature controller may use (read-your-writes). */
@Global()
@Module({
  providers: [ReadYourWrites, ReadYourWritesGuard],
  exports: [ReadYourWrites, ReadYourWritesGuard],
})
export class CommonModule {}
