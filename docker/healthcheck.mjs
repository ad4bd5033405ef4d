// The image's HEALTHCHECK. One image runs either the API (PORT, default 3000) or apps/projector
// (PROJECTOR_PORT, default 3001), one process per container: the container is healthy when the process
// it runs answers GET /health/live on its port, whichever of the two that is. Exit 0 healthy, 1 not.
const ports = [...new Set([process.env.PORT || '3000', process.env.PROJECTOR_PORT || '3001'])];
const signal = AbortSignal.timeout(2500);
const answers = await Promise.all(
  ports.map((port) =>
    fetch(`http://127.0.0.1:${port}/health/live`, { signal }).then(
      (response) => response.ok,
      () => false,
    ),
  ),
);
process.exit(answers.some(Boolean) ? 0 : 1);
