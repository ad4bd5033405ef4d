import type { Integer } from '@thidua/domain';

/** What every command answers (DESIGN.md §6): where its events landed. */
export interface CommandResult {
  streamId: string;
  revision: Integer;
  position: Integer;
  eventIds: string[];
}
