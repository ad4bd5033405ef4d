import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PersonKeyStore } from './person-keys.js';

/**
 * The one key store of the process (PERSON_KEYS_FILE), opened on first use — so a server whose DATA_DIR
 * cannot be written still fails at start on the log itself, naming it — and closed at shutdown.
 */
@Injectable()
export class PersonKeys implements OnApplicationShutdown {
  private opened: PersonKeyStore | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get store(): PersonKeyStore {
    return (this.opened ??= new PersonKeyStore(this.config.personKeysFile));
  }

  onApplicationShutdown(): void {
    this.opened?.close();
  }
}
