import { YearCommand } from '../year-command.js';
import type { AssignChairDto, ChairPolicyDto } from './chair.dto.js';

export class AssignChairCommand extends YearCommand<AssignChairDto> {}
export class SetChairPolicyCommand extends YearCommand<ChairPolicyDto> {}
