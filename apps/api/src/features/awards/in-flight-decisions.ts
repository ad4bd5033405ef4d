import { Injectable } from '@nestjs/common';

/**
 * The award decisions this process is writing now (from their first claim to their decision or release):
 * the claim reconciler never abandons one of them, whatever the claim's age. Another replica's requests are
 * not known here: the grace period spares them, and the fence in the decision's stream keeps it safe.
 */
@Injectable()
export class InFlightDecisions {
  private readonly ids = new Map<string, number>();

  add(decisionId: string): void {
    this.ids.set(decisionId, (this.ids.get(decisionId) ?? 0) + 1);
  }

  delete(decisionId: string): void {
    const n = (this.ids.get(decisionId) ?? 0) - 1;
    if (n > 0) this.ids.set(decisionId, n);
    else this.ids.delete(decisionId);
  }

  has(decisionId: string): boolean {
    return this.ids.has(decisionId);
  }
}
