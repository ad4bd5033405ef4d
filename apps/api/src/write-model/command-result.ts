/** What every command answers (DESIGN.md §6): where its events landed. */
export interface CommandResult {
  streamId: string;
  revision: number;
  position: number;
  eventIds: string[];
}
