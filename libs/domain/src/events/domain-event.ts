import type { AwardDecisionEvent } from './award-decision.events.js';
import type { BlocEvent } from './bloc.events.js';
import type { ClusterEvent } from './cluster.events.js';
import type { DisciplineEvent } from './discipline.events.js';
import type { EmulationYearEvent } from './emulation-year.events.js';
import type { MembershipEvent } from './membership.events.js';
import type { PersonEvent, RegistrationEvent } from './person.events.js';
import type { ReportedFiguresEvent } from './reported-figures.events.js';
import type { ProposalEvent } from './proposal.events.js';
import type { FlagQuotaEvent } from './flag-quota.events.js';
import type { FlagClaimEvent } from './flag-claim.events.js';
import type { TitleQuotaEvent } from './title-quota.events.js';
import type { UnitEvent } from './unit.events.js';
import type { WindowEvent } from './window.events.js';

/** Every event the domain decides, across aggregates (discriminated by `type`). */
export type DomainEvent =
  | UnitEvent
  | ClusterEvent
  | MembershipEvent
  | EmulationYearEvent
  | AwardDecisionEvent
  | WindowEvent
  | DisciplineEvent
  | BlocEvent
  | PersonEvent
  | RegistrationEvent
  | ReportedFiguresEvent
  | ProposalEvent
  | FlagQuotaEvent
  | FlagClaimEvent
  | TitleQuotaEvent;
