import type { Schemas } from '@thidua/api-client';
import { time } from '../format';
import { roleLabel } from '../labels';
import { to } from '../routes';

type SourceEvent = Schemas['SourceEvent'];

/** A link to the raw event behind a value, saying who recorded it and when (the explain page's way). */
export function EventLink({ event: e, label }: { event: SourceEvent; label: string }) {
  return (
    <span class="event-link" data-event={e.eventId}>
      <a href={to.event(e.streamId, e.revision)} title={`Sự kiện gốc ${e.eventId}, vị trí #${e.position}`}>
        {label} #{e.position}
      </a>
      <span class="muted small">
        {' '}
        {e.actor.id} ({roleLabel(e.actor.role)}) · {time(e.recordedAt)}
      </span>
    </span>
  );
}
