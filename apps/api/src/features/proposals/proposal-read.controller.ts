import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { NoQuery } from '../../common/validation.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { IdParam } from '../write/http-params.js';
import { ProposalReader, type ProposalView } from './proposal-read.js';

/** A proposal as recorded, for the award path: what a decision item carries out (issue 12, the console). */
@ApiTags('proposals')
@Controller('proposals/:proposalId')
export class ProposalReadController {
  constructor(private readonly reader: ProposalReader) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiParam({
    name: 'proposalId',
    description:
      'A proposal (POST /proposals), e.g. the one the demo’s Cụm 7 / 2023 Bằng khen decision carries out',
    example: DEMO.loadedProposalId,
  })
  @ApiOperation({
    operationId: 'getProposal',
    summary:
      'Read a proposal: its items, documents, public notice, comments, council meetings, votes and outcome',
    description:
      'From the log (stream `proposal-{proposalId}`, no projection): the tờ trình (proposer, authority asked, items ' +
      'with their recipients — a unit, or a person by id, never a name — year and achievement, documents with ' +
      'sha256), the public notice (from, to, working days counted by the domain, where), comments, the council ' +
      'meetings (members and those present by person id, minutes with sha256), each item’s vote (yes / no of all ' +
      'members, present, secret or not, the threshold and whether it passed), and the outcome (forwarded with the ' +
      'approved items, or returned with the reason). Each step carries its event (stream, revision, who, when). An ' +
      'award decision item names the proposal item it carries out (`proposalItem`, GET /awards/{awardId}).',
  })
  @ApiResult('ProposalView', 'The proposal and its path')
  @ApiErrors({ 404: 'PROPOSAL_NOT_FOUND (field proposalId)' })
  getProposal(
    @Param('proposalId', new IdParam('proposalId')) proposalId: string,
    @Query() _query: NoQuery,
  ): Promise<ProposalView> {
    return this.reader.read(proposalId);
  }
}
