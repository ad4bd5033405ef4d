import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { ApiParam } from '@nestjs/swagger';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { IdParam, YearParam } from '../write/http-params.js';

/** A cluster-year: the stream `emulation-{clusterId}-{year}`. */
export interface YearRef {
  clusterId: string;
  year: number;
}

/**
 * Every cluster-year command on the bus: who and when (ctx), which cluster-year, the input (body and
 * path ids) and the client's If-Match.
 */
export abstract class YearCommand<I, R = CommandResult> extends Command<R> {
  constructor(
    readonly ctx: CommandContext,
    readonly ref: YearRef,
    readonly input: I,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

const clusterIdParam = new IdParam('clusterId');
const yearParam = new YearParam();

/** `@Year() ref`: the `{c}` and `{y}` of `/clusters/{c}/years/{y}/…`, validated (400 naming the parameter). */
export const Year = createParamDecorator((_data: unknown, execution: ExecutionContext): YearRef => {
  const params = execution.switchToHttp().getRequest<{ params: Record<string, string> }>().params;
  return {
    clusterId: clusterIdParam.transform(params.clusterId ?? ''),
    year: yearParam.transform(params.year ?? ''),
  };
});

/** The route prefix of every cluster-year controller. */
export const YEAR_ROUTE = 'clusters/:clusterId/years/:year';

/** Documents `{clusterId}` and `{year}` on a cluster-year controller. */
export const ApiYearParams = (): ClassDecorator =>
  applyDecorators(
    ApiParam({
      name: 'clusterId',
      description: 'The emulation cluster (Cụm thi đua)',
      example: DEMO.clusterId,
    }),
    ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.year }),
  );
