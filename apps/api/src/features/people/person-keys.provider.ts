import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PersonKeyStore } from './person-keys.js';

/** The one key store of the process, opened at start from PERSON_KEYS_FILE and closed at shutdown. */
@Injectable()
export class PersonKeys implements OnApplicationShutdown {
  readonly store: PersonKeyStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = new PersonKeyStore(config.personKeysFile);
  }

  onApplicationShutdown(): void {
    this.store.close();
  }
}
