import { conflict, rule } from '../errors.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { validateScheme } from '../scheme/scheme.js';
import { requireReason } from '../validation.js';
import type {
  AmendScoringScheme,
  EmulationYearContext,
  PublishScoringScheme,
} from './emulation-year.commands.js';
import { latestScheme, type EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import { actDate, requireActive, requireCluster, requireOrganizer } from './guards.js';

/** The organizer publishes the criteria and scoring scale (version 1), then amends (version n+1). */
export function decidePublishScheme(
  c: PublishScoringScheme,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  if (state.schemes.length > 0)
    throw conflict('SCHEME_ALREADY_PUBLISHED', 'a scheme is already published: amend it instead');
  return [{ type: 'ScoringSchemePublished', data: { version: 1, ...validateScheme(c.data) } }];
}

export function decideAmendScheme(
  c: AmendScoringScheme,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const current = latestScheme(state);
  if (!current) throw rule('SCHEME_NOT_PUBLISHED', 'no scheme is published yet');
  requireNotBefore(actDate(c), current.publishedOn, `scheme version ${current.version}`);
  const content = validateScheme(c.data);
  return [
    {
      type: 'ScoringSchemeAmended',
      data: { version: current.version + 1, ...content, reason: requireReason(c.data.reason) },
    },
  ];
}
