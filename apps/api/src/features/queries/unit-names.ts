import { Injectable } from '@nestjs/common';
import { DIRECTORY_PROJECTION, UNITS, type UnitDoc, type UnitNames } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';

/** Units' current names from the directory, for rankings computed at query time (as-of, explain, what-if). */
@Injectable()
export class UnitNameReader {
  constructor(private readonly reads: ReadModels) {}

  async namesOf(unitIds: Iterable<string>): Promise<UnitNames> {
    const names = new Map<string, string | null>();
    for (const unitId of new Set(unitIds)) {
      const unit = await this.reads.get<UnitDoc>(DIRECTORY_PROJECTION, UNITS, unitId);
      names.set(unitId, unit?.name ?? null);
    }
    return (unitId) => names.get(unitId) ?? null;
  }
}
