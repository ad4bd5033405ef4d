import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { StreamWriter } from '../../write/stream-writer.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import {
  CastBallotCommand,
  CloseElectionCommand,
  OpenElectionCommand,
  type ElectionOpened,
} from './elections.command.js';
import { actDate } from '../../write/act-date.js';

/** Bầu Cụm trưởng / Cụm phó for next year: run by the chair unit (the organizer while no chair sits). */
@CommandHandler(OpenElectionCommand)
export class OpenElectionHandler implements ICommandHandler<OpenElectionCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  async execute({ ctx, ref, input, expectedRevision }: OpenElectionCommand): Promise<ElectionOpened> {
    const electionId = StreamWriter.newEntityId(ctx, 'election');
    const data = {
      electionId,
      role: input.role,
      ...(input.candidates !== undefined && { candidates: [...input.candidates] }),
      ...(input.secret !== undefined && { secret: input.secret }),
      ...actDate(input),
    };
    const result = await this.year.execute(ctx, ref, 'OpenElection', data, { expectedRevision });
    return { ...result, electionId };
  }
}

@CommandHandler(CastBallotCommand)
export class CastBallotHandler implements ICommandHandler<CastBallotCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: CastBallotCommand): Promise<CommandResult> {
    const { electionId, voterUnitId, candidateUnitId } = input;
    return this.year.execute(
      ctx,
      ref,
      'CastBallot',
      {
        electionId,
        voterUnitId,
        ...(candidateUnitId !== undefined && { candidateUnitId }),
        ...actDate(input),
      },
      { expectedRevision },
    );
  }
}

/** Counts the ballots (a secret round: takes the committee's count); no majority or a tie names the run-off. */
@CommandHandler(CloseElectionCommand)
export class CloseElectionHandler implements ICommandHandler<CloseElectionCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: CloseElectionCommand): Promise<CommandResult> {
    return this.year.execute(
      ctx,
      ref,
      'CloseElection',
      {
        electionId: input.electionId,
        ...(input.count !== undefined && {
          count: {
            tally: input.count.tally.map(({ unitId, votes }) => ({ unitId, votes })),
            ...(input.count.invalid !== undefined && { invalid: input.count.invalid }),
          },
        }),
        ...actDate(input),
      },
      { expectedRevision },
    );
  }
}
