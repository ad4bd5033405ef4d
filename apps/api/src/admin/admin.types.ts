/** POST /admin/projections/{name}/rebuild: the rebuild runs in the background. */
export interface RebuildAccepted {
  projection: string;
  status: 'rebuilding';
  /** Poll GET /admin/projections for progress. */
  statusUrl: string;
}
