import { Global, Module } from '@nestjs/common';
import { ReadYourWrites, ReadYourWritesInterceptor } from './read-your-writes.js';

/** Helpers every feature controller may use (read-your-writes). */
@Global()
@Module({
  providers: [ReadYourWrites, ReadYourWritesInterceptor],
  exports: [ReadYourWrites, ReadYourWritesInterceptor],
})
export class CommonModule {}
