import { YearCommand } from '../year-command.js';
import type { SchemeDto } from './scheme.dto.js';

export class PutSchemeCommand extends YearCommand<SchemeDto> {}
